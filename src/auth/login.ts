import { eq, sql } from 'drizzle-orm';
import type { Database } from '@db/client';
import { users } from '@db/schema';
import { recordAudit } from '@/domain/audit/record';
import { clearLoginFailures, isLoginBlocked, recordLoginFailure } from './login-limit';
import { verifyAgainstNothing, verifyPassword } from './password';
import { createSession, type SessionInfo } from './session';

export type LoginResult =
  | { ok: true; userId: number; token: string; session: SessionInfo }
  | { ok: false; reason: 'invalid' | 'blocked' | 'deactivated' };

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
  if (await isLoginBlocked(db, email, input.ip, now)) {
    await recordAudit(db, { action: 'login_blocked', ip: input.ip, details: { email }, at: now });
    return { ok: false, reason: 'blocked' };
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
  return db.transaction(async (tx) => {
    await clearLoginFailures(tx, email);
    const { token, session } = await createSession(tx, user.id, now);
    await recordAudit(tx, { action: 'logged_in', actorId: user.id, ip: input.ip, at: now });
    return { ok: true as const, userId: user.id, token, session };
  });
}
