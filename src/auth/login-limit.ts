import { and, count, eq, gte, lt } from 'drizzle-orm';
import type { Queryable } from '@db/client';
import { loginFailures } from '@db/schema';

/**
 * Failed logins are counted three ways (issue #17 item 3), so that someone else's wrong passwords
 * cannot shut the owner out the way one count per account did:
 * - per account and client address together: the fast limit, 10 in 15 minutes, which shuts out
 *   the guesser and not the owner signing in from elsewhere;
 * - per account from every address: a slower ceiling, 100 in 24 hours, the most guesses a spread
 *   attacker gets on one password (NIST SP 800-63B §5.2.2: no more than 100 failed attempts on one
 *   account). Reaching it shuts out the owner too: completing a password reset clears it;
 * - per address over every account: 50 in 15 minutes, against one address trying many accounts
 *   (higher than per account: a newsroom may sit behind one NAT address).
 */
export const loginLimits = {
  windowMs: 15 * 60_000,
  perAccountAndAddress: 10,
  perAddress: 50,
  accountCeilingWindowMs: 24 * 3_600_000,
  perAccount: 100,
} as const;

/** Which limit holds this attempt back, if any: `address` ones pass in 15 minutes, `account` in 24 hours. */
export async function isLoginBlocked(db: Queryable, email: string, ip: string, now: Date): Promise<'address' | 'account' | null> {
  const since = new Date(now.getTime() - loginLimits.windowMs);
  const failures = async (...conditions: Parameters<typeof and>) => {
    const [row] = await db.select({ n: count() }).from(loginFailures).where(and(...conditions));
    return row.n;
  };
  if ((await failures(eq(loginFailures.email, email), eq(loginFailures.ip, ip), gte(loginFailures.at, since))) >= loginLimits.perAccountAndAddress) return 'address';
  if ((await failures(eq(loginFailures.ip, ip), gte(loginFailures.at, since))) >= loginLimits.perAddress) return 'address';
  const ceilingSince = new Date(now.getTime() - loginLimits.accountCeilingWindowMs);
  return (await failures(eq(loginFailures.email, email), gte(loginFailures.at, ceilingSince))) >= loginLimits.perAccount ? 'account' : null;
}

export async function recordLoginFailure(db: Queryable, email: string, ip: string, now: Date): Promise<void> {
  await db.insert(loginFailures).values({ email, ip, at: now });
  // Old rows are useless for the longest window; pruning here keeps the table small without a cron job.
  await db.delete(loginFailures).where(lt(loginFailures.at, new Date(now.getTime() - loginLimits.accountCeilingWindowMs)));
}

/**
 * A right password clears the failures made from that address only: a guesser's failures from
 * elsewhere keep counting towards the account's ceiling.
 */
export async function clearLoginFailuresFrom(db: Queryable, email: string, ip: string): Promise<void> {
  await db.delete(loginFailures).where(and(eq(loginFailures.email, email), eq(loginFailures.ip, ip)));
}

/** A completed password reset unlocks the account everywhere: whoever holds the link is the owner. */
export async function clearLoginFailures(db: Queryable, email: string): Promise<void> {
  await db.delete(loginFailures).where(eq(loginFailures.email, email));
}
