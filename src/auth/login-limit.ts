import { and, count, eq, gte, lt } from 'drizzle-orm';
import type { Queryable } from '@db/client';
import { loginFailures } from '@db/schema';

export const loginLimits = {
  windowMs: 15 * 60_000,
  perAccount: 10,
  /** Higher than per account: a newsroom may sit behind one NAT address. */
  perAddress: 50,
} as const;

export async function isLoginBlocked(db: Queryable, email: string, ip: string, now: Date): Promise<boolean> {
  const since = new Date(now.getTime() - loginLimits.windowMs);
  const [byAccount] = await db
    .select({ n: count() })
    .from(loginFailures)
    .where(and(eq(loginFailures.email, email), gte(loginFailures.at, since)));
  if (byAccount.n >= loginLimits.perAccount) return true;
  const [byAddress] = await db
    .select({ n: count() })
    .from(loginFailures)
    .where(and(eq(loginFailures.ip, ip), gte(loginFailures.at, since)));
  return byAddress.n >= loginLimits.perAddress;
}

export async function recordLoginFailure(db: Queryable, email: string, ip: string, now: Date): Promise<void> {
  await db.insert(loginFailures).values({ email, ip, at: now });
  // Old rows are useless for the window; pruning here keeps the table small without a cron job.
  await db.delete(loginFailures).where(lt(loginFailures.at, new Date(now.getTime() - loginLimits.windowMs)));
}

export async function clearLoginFailures(db: Queryable, email: string): Promise<void> {
  await db.delete(loginFailures).where(eq(loginFailures.email, email));
}
