import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '@db/client';
import { type MailKind, mailOutbox, mailSettings, users } from '@db/schema';
import { defaultLocale, type Locale, locales, type MessageKey } from '@/i18n';
import { composeMail, type MailContent, mailOrigin } from './compose';

/**
 * Who may turn a kind of message off (mail_settings): reminders and work notices may be; account
 * messages (invitation, reset) and award decisions may not, as the issue asks.
 */
const categoryOf: Record<MailKind, 'account' | 'decision' | 'work' | 'reminder'> = {
  invitation: 'account',
  password_reset: 'account',
  decision_recorded: 'decision',
  entry_returned: 'work',
  entry_submitted: 'work',
  assignments_given: 'work',
  batch_received: 'work',
  nomination_returned: 'work',
  reminder_scoring: 'reminder',
  reminder_drafts: 'reminder',
  reminder_nominations: 'reminder',
};

/**
 * The job queue, when this process runs one (src/domain/mail/worker.ts): called inside the same
 * transaction as the outbox row, so the job exists exactly when the message does. Without it (no
 * SMTP_URL, or a script) the row waits in the outbox and the worker's sweep queues it later.
 */
type Enqueue = (tx: Queryable, outboxId: number) => Promise<void>;
let enqueue: Enqueue | undefined;
export function setMailQueue(fn: Enqueue | undefined) {
  enqueue = fn;
}

export interface Recipient {
  id: number;
  email: string;
  name: string;
  locale: Locale;
  reminders: boolean;
  workNotices: boolean;
}

export async function recipients(db: Queryable, userIds: number[]): Promise<Recipient[]> {
  if (userIds.length === 0) return [];
  const rows = await db
    .select({ id: users.id, email: users.email, name: users.name, locale: mailSettings.locale, reminders: mailSettings.reminders, workNotices: mailSettings.workNotices })
    .from(users)
    .leftJoin(mailSettings, eq(mailSettings.userId, users.id))
    .where(and(inArray(users.id, userIds), eq(users.active, true)));
  return rows.map((r) => ({
    ...r,
    locale: (locales as readonly string[]).includes(r.locale ?? '') ? (r.locale as Locale) : defaultLocale,
    reminders: r.reminders ?? true,
    workNotices: r.workNotices ?? true,
  }));
}

function wanted(kind: MailKind, to: Recipient): boolean {
  const category = categoryOf[kind];
  if (category === 'reminder') return to.reminders;
  if (category === 'work') return to.workNotices;
  return true;
}

/**
 * Writes one message to the outbox (call inside the transaction of the change it announces).
 * `occasion` makes a reminder once per person per occasion: a second write is ignored. Returns
 * the outbox id, or null when nothing was written (opted out, or already sent for the occasion).
 */
export async function queueMail(
  db: Queryable,
  to: Recipient,
  kind: MailKind,
  content: Omit<MailContent, 'optional'>,
  { occasion }: { occasion?: string } = {},
): Promise<number | null> {
  if (!wanted(kind, to)) return null;
  const composed = composeMail(to.locale, to.name, { ...content, optional: categoryOf[kind] === 'work' || categoryOf[kind] === 'reminder' });
  const [row] = await db
    .insert(mailOutbox)
    .values({
      // Fixed now, so that every retry sends the same Message-ID (RFC 5322 §3.6.4).
      messageId: `<${randomUUID()}@${new URL(mailOrigin()).hostname}>`,
      userId: to.id,
      toAddress: to.email,
      locale: to.locale,
      kind,
      subject: composed.subject,
      bodyText: composed.text,
      bodyHtml: composed.html,
      occasion,
    })
    .onConflictDoNothing({ target: mailOutbox.occasion })
    .returning({ id: mailOutbox.id });
  if (!row) return null;
  if (enqueue) {
    await enqueue(db, row.id);
    await db.update(mailOutbox).set({ queuedAt: new Date() }).where(eq(mailOutbox.id, row.id));
  }
  return row.id;
}

/**
 * The in-app notices that also go out by e-mail, and as what. `notify` calls this inside each
 * transition's transaction, so every place that tells someone in the app also e-mails them.
 */
const mailedNotices: Partial<Record<MessageKey, MailKind>> = {
  'entries.notices.returned': 'entry_returned',
  'entries.notices.submitted': 'entry_submitted',
  'scoring.notices.assigned': 'assignments_given',
  'nominations.notices.batchSent': 'batch_received',
  'nominations.notices.returned': 'nomination_returned',
  'nominations.notices.approved': 'decision_recorded',
  'nominations.notices.rejected': 'decision_recorded',
};

export async function mailNotice(db: Queryable, userIds: number[], key: MessageKey, params: Record<string, string | number>, link?: string) {
  const kind = mailedNotices[key];
  if (!kind) return;
  for (const to of await recipients(db, userIds)) {
    await queueMail(db, to, kind, {
      subject: { key, params },
      body: [{ key, params }],
      link: link ?? '/app',
      reason: `mail.reasons.${kind}` as MessageKey,
    });
  }
}

/** The newest messages first, for /app/admin/outbox. */
export function listOutbox(db: Queryable, limit = 200) {
  return db.select().from(mailOutbox).orderBy(desc(mailOutbox.id)).limit(limit);
}
