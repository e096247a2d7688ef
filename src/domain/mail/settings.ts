import type { Queryable } from '@db/client';
import { mailSettings } from '@db/schema';
import type { SessionUser } from '@/auth/session';
import { recordAudit } from '@/domain/audit/record';
import { defaultLocale, type Locale } from '@/i18n';
import { recipients } from './outbox';

export interface MailChoices {
  locale: Locale;
  reminders: boolean;
  workNotices: boolean;
}

/** The person's own choices, as the outbox reads them (the defaults without a row). */
export async function mailChoices(db: Queryable, user: SessionUser): Promise<MailChoices> {
  const [me] = await recipients(db, [user.id]);
  return me ? { locale: me.locale, reminders: me.reminders, workNotices: me.workNotices } : { locale: defaultLocale, reminders: true, workNotices: true };
}

/** Only one's own: the Action passes the signed-in user, never an id from the form. */
export async function saveMailChoices(db: Queryable, user: SessionUser, choices: MailChoices, ip?: string) {
  const values = { userId: user.id, ...choices, updatedAt: new Date() };
  await db.insert(mailSettings).values(values).onConflictDoUpdate({ target: mailSettings.userId, set: values });
  await recordAudit(db, { action: 'mail_settings_changed', actorId: user.id, ip, subjectType: 'user', subjectId: user.id, details: { ...choices } });
}
