import { eq, sql } from 'drizzle-orm';
import type { Database } from '@db/client';
import { users } from '@db/schema';
import { recordAudit } from '@/domain/audit/record';
import { clearLoginFailuresFrom, isLoginBlocked, recordLoginFailure } from './login-limit';
import { verifyAgainstNothing, verifyPassword } from './password';
import { beginLoginChallenge, hasSecondFactor } from './second-factor';
import { createSession, type SessionInfo } from './session';

export type LoginResult =
  | { ok: true; step: 'session'; userId: number; token: string; session: SessionInfo }
  /** The password was right; the second factor is asked next (src/auth/second-factor.ts). */
  | { ok: true; step: 'second-factor'; userId: number; challengeToken: string }
  | { ok: false; reason: 'invalid' | 'blocked' | 'locked' | 'deactivated' };

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * One answer ('invalid') and about the same time for an unknown e-mail and a wrong password.
 * A deactivated account is named only to someone who knows its password.
 */
export async function logIn(
  db: Database,
  input: { email: string; password: string; ip: string },
  now = new Date(),
): Promise<LoginResult> {
  const email = normaliseEmail(input.email);
  const blocked = await isLoginBlocked(db, email, input.ip, now);
  if (blocked) {
    await recordAudit(db, { action: 'login_blocked', ip: input.ip, details: { email, limit: blocked }, at: now });
    return { ok: false, reason: blocked === 'account' ? 'locked' : 'blocked' };
  }
  const [user] = await db
    .select({ id: users.id, passwordHash: users.passwordHash, active: users.active })
    .from(users)
    .where(eq(sql`lower(${users.email})`, email));
  const passwordOk = user
    ? await verifyPassword(user.passwordHash, input.password)
    : await verifyAgainstNothing(input.password);

  if (!user || !passwordOk) {
    await recordLoginFailure(db, email, input.ip, now);
    await recordAudit(db, { action: 'login_failed', actorId: user?.id, ip: input.ip, details: { email }, at: now });
    return { ok: false, reason: 'invalid' };
  }
  if (!user.active) {
    await recordAudit(db, { action: 'login_refused_deactivated', actorId: user.id, ip: input.ip, at: now });
    return { ok: false, reason: 'deactivated' };
  }
  return db.transaction(async (tx): Promise<LoginResult> => {
    await clearLoginFailuresFrom(tx, email, input.ip);
    if (await hasSecondFactor(tx, user.id)) {
      await recordAudit(tx, { action: 'password_accepted', actorId: user.id, ip: input.ip, at: now });
      return { ok: true, step: 'second-factor', userId: user.id, challengeToken: await beginLoginChallenge(tx, user.id, now) };
    }
    const { token, session } = await createSession(tx, user.id, now);
    await recordAudit(tx, { action: 'logged_in', actorId: user.id, ip: input.ip, at: now });
    return { ok: true, step: 'session', userId: user.id, token, session };
  });
}
