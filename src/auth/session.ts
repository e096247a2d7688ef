import { and, eq, lt, ne, or } from 'drizzle-orm';
import type { AstroCookies } from 'astro';
import type { Queryable } from '@db/client';
import { loginChallenges, organisations, sessions, totpCredentials, users } from '@db/schema';
import type { Role } from '@db/schema';
import { config } from '@/config';
import { issueToken, secretMatches, splitToken } from './tokens';

export const sessionCookieName = 'session';

export interface SessionUser {
  id: number;
  email: string;
  name: string;
  role: Role;
  organisationId: number;
  organisationName: string;
}

export interface SessionInfo {
  id: string;
  userId: number;
  createdAt: Date;
  lastActiveAt: Date;
  /** How the second factor was given when this session began (`totp`, `recovery_code`), or null. */
  secondFactor: SecondFactorUsed | null;
}

export type SecondFactorUsed = 'totp' | 'recovery_code';

export type SessionValidation =
  | { session: SessionInfo; user: SessionUser; secondFactorEnrolled: boolean }
  | { session: null; user: null; secondFactorEnrolled?: undefined };

export interface SessionLifetimes {
  idleMs: number;
  absoluteMs: number;
}

function lifetimes(): SessionLifetimes {
  const c = config();
  return { idleMs: c.sessionIdleMs, absoluteMs: c.sessionAbsoluteMs };
}

/** Sliding refreshes are written at most this often, so reading pages does not write every time. */
const refreshEveryMs = 60_000;

export async function createSession(
  db: Queryable,
  userId: number,
  now = new Date(),
  secondFactor: SecondFactorUsed | null = null,
): Promise<{ token: string; session: SessionInfo }> {
  const { id, secretHash, token } = issueToken();
  const session = { id, userId, createdAt: now, lastActiveAt: now, secondFactor };
  await db.insert(sessions).values({ ...session, secretHash });
  return { token, session };
}

export async function validateSessionToken(
  db: Queryable,
  token: string,
  now = new Date(),
  limits: SessionLifetimes = lifetimes(),
): Promise<SessionValidation> {
  const none = { session: null, user: null } as const;
  const parts = splitToken(token);
  if (!parts) return none;
  const [row] = await db
    .select({
      session: sessions,
      user: {
        id: users.id,
        email: users.email,
        name: users.name,
        role: users.role,
        active: users.active,
        organisationId: users.organisationId,
        organisationName: organisations.name,
      },
      totpSince: totpCredentials.createdAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .leftJoin(totpCredentials, eq(totpCredentials.userId, users.id))
    .where(eq(sessions.id, parts.id));
  if (!row || !secretMatches(parts.secret, row.session.secretHash)) return none;

  const { secretHash: _, ...stored } = row.session;
  const session: SessionInfo = { ...stored, secondFactor: stored.secondFactor as SecondFactorUsed | null };
  const idleFor = now.getTime() - session.lastActiveAt.getTime();
  const age = now.getTime() - session.createdAt.getTime();
  if (!row.user.active || idleFor >= limits.idleMs || age >= limits.absoluteMs) {
    await db.delete(sessions).where(eq(sessions.id, session.id));
    return none;
  }
  if (idleFor >= refreshEveryMs) {
    session.lastActiveAt = now;
    await db.update(sessions).set({ lastActiveAt: now }).where(eq(sessions.id, session.id));
  }
  const { active: __, ...user } = row.user;
  return { session, user, secondFactorEnrolled: row.totpSince !== null };
}

export async function invalidateSession(db: Queryable, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/**
 * Deactivation, a role change and a password change end every session of the user, and every
 * sign-in waiting for its second factor.
 */
export async function invalidateUserSessions(db: Queryable, userId: number): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
  await db.delete(loginChallenges).where(eq(loginChallenges.userId, userId));
}

/** Enabling or removing a second factor ends the user's sessions elsewhere; this one goes on. */
export async function invalidateOtherSessions(db: Queryable, userId: number, keepSessionId: string): Promise<void> {
  await db.delete(sessions).where(and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)));
  await db.delete(loginChallenges).where(eq(loginChallenges.userId, userId));
}

export async function deleteExpiredSessions(db: Queryable, now = new Date(), limits: SessionLifetimes = lifetimes()) {
  await db
    .delete(sessions)
    .where(
      or(
        lt(sessions.lastActiveAt, new Date(now.getTime() - limits.idleMs)),
        lt(sessions.createdAt, new Date(now.getTime() - limits.absoluteMs)),
      ),
    );
}

/** The cookie lives no longer than the absolute lifetime; the server still checks both limits. */
export function setSessionCookie(cookies: AstroCookies, token: string, session: SessionInfo, limits = lifetimes()) {
  cookies.set(sessionCookieName, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: isSecureOrigin(),
    path: '/',
    expires: new Date(session.createdAt.getTime() + limits.absoluteMs),
  });
}

/** The pending second step of a sign-in (src/auth/second-factor.ts): it must follow within 5 minutes. */
export const challengeCookieName = 'login_challenge';
export const challengeLifetimeMs = 5 * 60_000;

export function setChallengeCookie(cookies: AstroCookies, token: string) {
  cookies.set(challengeCookieName, token, { httpOnly: true, sameSite: 'lax', secure: isSecureOrigin(), path: '/', maxAge: challengeLifetimeMs / 1000 });
}

export function deleteChallengeCookie(cookies: AstroCookies) {
  cookies.set(challengeCookieName, '', { httpOnly: true, sameSite: 'lax', secure: isSecureOrigin(), path: '/', maxAge: 0 });
}

export function deleteSessionCookie(cookies: AstroCookies) {
  cookies.set(sessionCookieName, '', { httpOnly: true, sameSite: 'lax', secure: isSecureOrigin(), path: '/', maxAge: 0 });
}

export function isSecureOrigin(): boolean {
  return config().publicOrigin?.startsWith('https:') ?? false;
}

