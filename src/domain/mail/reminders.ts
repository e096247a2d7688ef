import { and, count, eq, gt, inArray, isNull, ne, or } from 'drizzle-orm';
import type { Database } from '@db/client';
import { assignments, campaigns, entries, type MailKind, nominations, users } from '@db/schema';
import { formatDate, type MessageKey } from '@/i18n';
import { queueMail, recipients } from './outbox';

const day = 86_400_000;

/**
 * Reminders before a deadline (issue 14): scorers with unsubmitted scores 3 days and 1 day before
 * scoring closes; journalists with unsubmitted drafts 3 days before submission closes; the
 * coordinator a week before nominations are due. Each is written once per person per occasion (the
 * outbox's unique `occasion`), so the schedule may run as often as it likes, on any instance.
 * A run that comes late sends the nearest reminder only: at 20 hours left, the "1 day" one.
 */
export async function sendReminders(db: Database, now = new Date()): Promise<number> {
  const open = await db
    .select()
    .from(campaigns)
    .where(or(gt(campaigns.scoringClosesAt, now), gt(campaigns.submissionClosesAt, now), gt(campaigns.nominationsDueAt, now)));
  let written = 0;
  for (const campaign of open) {
    const scoring = windowOf(campaign.scoringClosesAt, now, [1, 3]);
    if (scoring) {
      const rows = await db
        .select({ userId: assignments.scorerId, n: count() })
        .from(assignments)
        .innerJoin(entries, eq(entries.id, assignments.entryId))
        .where(and(eq(entries.campaignId, campaign.id), ne(entries.status, 'withdrawn'), or(isNull(assignments.scoreStatus), eq(assignments.scoreStatus, 'draft'))))
        .groupBy(assignments.scorerId);
      written += await remind(db, rows, 'reminder_scoring', 'scoring', `scoring-${scoring}d:${campaign.id}`, campaign.title, campaign.scoringClosesAt, now, '/app/scoring');
    }
    const drafts = windowOf(campaign.submissionClosesAt, now, [3]);
    if (drafts) {
      const rows = await db
        .select({ userId: entries.createdById, n: count() })
        .from(entries)
        .where(and(eq(entries.campaignId, campaign.id), inArray(entries.status, ['draft', 'returned'])))
        .groupBy(entries.createdById);
      written += await remind(db, rows, 'reminder_drafts', 'drafts', `drafts-${drafts}d:${campaign.id}`, campaign.title, campaign.submissionClosesAt, now, '/app/entries');
    }
    const due = windowOf(campaign.nominationsDueAt, now, [7]);
    if (due) {
      const [{ n }] = await db
        .select({ n: count() })
        .from(nominations)
        .where(and(eq(nominations.campaignId, campaign.id), inArray(nominations.status, ['draft', 'returned'])));
      const coordinators = await db.select({ userId: users.id }).from(users).where(and(eq(users.role, 'coordinator'), eq(users.active, true)));
      // The deadline is the coordinator's whatever is left: even with nothing prepared yet (n = 0).
      const rows = coordinators.map((c) => ({ userId: c.userId, n, always: true }));
      written += await remind(db, rows, 'reminder_nominations', 'nominations', `nominations-${due}d:${campaign.id}`, campaign.title, campaign.nominationsDueAt, now, '/app/nominations');
    }
  }
  return written;
}

/** The smallest of `daysBefore` whose window (deadline − N days, deadline] holds `now`. */
export function windowOf(deadline: Date, now: Date, daysBefore: number[]): number | undefined {
  const left = deadline.getTime() - now.getTime();
  if (left <= 0) return undefined;
  return [...daysBefore].sort((a, b) => a - b).find((n) => left <= n * day);
}

async function remind(
  db: Database,
  rows: { userId: number; n: number; always?: boolean }[],
  kind: MailKind,
  what: 'scoring' | 'drafts' | 'nominations',
  occasion: string,
  campaign: string,
  deadline: Date,
  now: Date,
  link: string,
): Promise<number> {
  const wanted = rows.filter((r) => r.n > 0 || r.always);
  const counts = new Map(wanted.map((r) => [r.userId, r.n]));
  const params = (n: number) => ({ count: n, campaign, date: formatDate(deadline), days: Math.ceil((deadline.getTime() - now.getTime()) / day) });
  let written = 0;
  await db.transaction(async (tx) => {
    for (const to of await recipients(tx, [...counts.keys()])) {
      const p = params(counts.get(to.id)!);
      const id = await queueMail(
        tx,
        to,
        kind,
        {
          subject: { key: `mail.reminders.${what}.subject` as MessageKey, params: p },
          body: [{ key: `mail.reminders.${what}.body` as MessageKey, params: p }],
          link,
          reason: `mail.reminders.${what}.reason` as MessageKey,
        },
        { occasion: `${occasion}:${to.id}` },
      );
      if (id !== null) written++;
    }
  });
  return written;
}
