import { inArray } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { users } from '../../db/schema';
import { queueMail, recipients } from '../../src/domain/mail/outbox';

/** Writes one "assignments given" message per address to the outbox, as a transition would. */
export async function queueAssignmentMail(db: Database, emails: string[]): Promise<void> {
  const ids = await db.select({ id: users.id }).from(users).where(inArray(users.email, emails));
  await db.transaction(async (tx) => {
    for (const to of await recipients(tx, ids.map((r) => r.id))) {
      await queueMail(tx, to, 'assignments_given', {
        subject: { key: 'scoring.notices.assigned', params: { count: 2 } },
        body: [{ key: 'scoring.notices.assigned', params: { count: 2 } }],
        link: '/app/scoring',
        reason: 'mail.reasons.assignments_given',
      });
    }
  });
}

/** Every recipient's messages carry one Message-ID, and each Message-ID belongs to one recipient. */
export function messageIdsByRecipient(received: { to: string; messageId: string }[]): Map<string, Set<string>> {
  const byRecipient = new Map<string, Set<string>>();
  for (const m of received) byRecipient.set(m.to, (byRecipient.get(m.to) ?? new Set()).add(m.messageId));
  return byRecipient;
}
