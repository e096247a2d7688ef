import { and, count, eq, gt, sql } from 'drizzle-orm';
import type { Database } from '@db/client';
import { passwordResetRequests, users } from '@db/schema';
import { normaliseEmail } from '@/auth/login';
import { recordAudit } from '@/domain/audit/record';
import { queueMail, recipients } from '@/domain/mail/outbox';
import { formatDateTime } from '@/i18n';
import { issueResetLink } from './accounts';

/**
 * A link asked for by its owner is short-lived (OWASP Forgot Password Cheat Sheet: tokens
 * "should expire after an appropriate period"); an hour is enough to open one's mail.
 */
export const selfServiceLinkLifetimeMs = 3_600_000;

/**
 * Bounds per hour: per client address (one machine trying many addresses) and per account (one
 * inbox flooded with links). Past them the answer stays the same and nothing is sent.
 */
export const resetRequestLimits = { perClientAddress: 10, perAccount: 3, windowMs: 3_600_000 };

/**
 * `/reset-password`: the same answer whether the address has an account or not, so the form
 * tells nobody who is registered; the link goes only to the account's own address.
 */
export async function requestPasswordReset(db: Database, email: string, ip: string | undefined, now = new Date()): Promise<void> {
  const address = normaliseEmail(email);
  const since = new Date(now.getTime() - resetRequestLimits.windowMs);
  await db.transaction(async (tx) => {
    // Locking the account serialises two requests for it, so the per-account bound holds under a race.
    const [account] = await tx
      .select({ id: users.id, active: users.active })
      .from(users)
      .where(eq(sql`lower(${users.email})`, address))
      .for('update');
    const [[{ fromClient }], [{ forAccount }]] = await Promise.all([
      ip
        ? tx.select({ fromClient: count() }).from(passwordResetRequests).where(and(eq(passwordResetRequests.ip, ip), gt(passwordResetRequests.createdAt, since)))
        : Promise.resolve([{ fromClient: 0 }]),
      account
        ? tx.select({ forAccount: count() }).from(passwordResetRequests).where(and(eq(passwordResetRequests.userId, account.id), gt(passwordResetRequests.createdAt, since)))
        : Promise.resolve([{ forAccount: 0 }]),
    ]);
    await tx.insert(passwordResetRequests).values({ email: address, ip, userId: account?.id, createdAt: now });
    const limited = fromClient >= resetRequestLimits.perClientAddress || forAccount >= resetRequestLimits.perAccount;
    await recordAudit(tx, {
      action: 'password_reset_requested',
      ip,
      subjectType: account ? 'user' : undefined,
      subjectId: account?.id,
      details: limited ? { limited: true } : undefined,
      at: now,
    });
    if (!account?.active || limited) return;
    const { token, expiresAt } = await issueResetLink(tx, account.id, null, selfServiceLinkLifetimeMs, now);
    const [to] = await recipients(tx, [account.id]);
    await queueMail(tx, to, 'password_reset', {
      subject: { key: 'mail.passwordReset.subject' },
      body: [{ key: 'mail.passwordReset.body', params: { email: to.email, expires: formatDateTime(expiresAt) } }],
      link: `/reset-password/${token}`,
      reason: 'mail.passwordReset.reason',
    });
  });
}
