import { and, count, eq, gte, isNull, lt } from 'drizzle-orm';
import { decodeBase32IgnorePadding, encodeBase32LowerCaseNoPadding, encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import { createTOTPKeyURI, verifyHOTP } from '@oslojs/otp';
import type { Database, Queryable } from '@db/client';
import { databaseFacts, loginChallenges, recoveryCodes, type Role, secondFactorFailures, sessions, totpCredentials, users } from '@db/schema';
import { config } from '@/config';
import { recordAudit } from '@/domain/audit/record';
import { DomainError } from '@/domain/errors';
import { challengeLifetimeMs, createSession, invalidateOtherSessions, type SecondFactorUsed, type SessionInfo, type SessionUser } from './session';
import { hashSecret, issueToken, secretMatches, splitToken } from './tokens';

/** RFC 6238 as every authenticator app reads it: SHA-1, 30-second steps, 6 digits. */
const period = 30;
const digits = 6;
/** One step either side of now: a phone's clock a little off still works (RFC 6238 §5.2). */
const skewSteps = 1;
const issuer = 'Giải báo chí CCHC Quảng Ninh';

/**
 * A wrong code costs an attempt: 5 per account in 15 minutes, counted in the database. The password
 * has already been given, so only its owner (or someone who has it) is held up; 5 tries at three
 * accepted codes in a million keep guessing hopeless (ASVS 5.0 V6.3.1).
 */
export const secondFactorLimits = { windowMs: 15 * 60_000, perAccount: 5 } as const;
export const recoveryCodeCount = 10;

/** The demo seed's mark in `database_facts` (see db/schema/second-factor.ts). */
export const demoFact = { name: 'demo', value: 'seeded' } as const;
export const defaultRequiredRoles: readonly Role[] = ['admin', 'coordinator', 'appraiser'];

let requiredRoles: Promise<readonly Role[]> | undefined;

/**
 * MFA_REQUIRED_ROLES when it is set (even empty); otherwise admin, coordinator and appraiser, except
 * on a database the demo seed made, where the documented demo sign-in is the password alone.
 * Read once per process: the mark is written with the demo and never changes.
 */
export function requiredSecondFactorRoles(db: Queryable): Promise<readonly Role[]> {
  const configured = config().mfaRequiredRoles;
  if (configured) return Promise.resolve(configured);
  requiredRoles ??= db
    .select({ value: databaseFacts.value })
    .from(databaseFacts)
    .where(eq(databaseFacts.name, demoFact.name))
    .then(([fact]) => (fact?.value === demoFact.value ? [] : defaultRequiredRoles))
    .catch((error: unknown) => {
      requiredRoles = undefined;
      throw error;
    });
  return requiredRoles;
}

export function newTotpKey(): string {
  const key = new Uint8Array(20);
  crypto.getRandomValues(key);
  return encodeBase32UpperCaseNoPadding(key);
}

/** A key as posted back by the enrolment form: 20 bytes in base32, or null. */
export function totpKeyBytes(key: string): Uint8Array | null {
  if (!/^[A-Z2-7]{32}$/.test(key)) return null;
  return decodeBase32IgnorePadding(key);
}

export function totpKeyUri(accountName: string, key: string): string {
  return createTOTPKeyURI(issuer, accountName, totpKeyBytes(key)!, period, digits);
}

/** The time step a code belongs to, near `now`, or null. */
function matchingStep(key: Uint8Array, code: string, now: Date): bigint | null {
  if (!new RegExp(`^[0-9]{${digits}}$`).test(code)) return null;
  const current = BigInt(Math.floor(now.getTime() / (period * 1000)));
  for (let step = current - BigInt(skewSteps); step <= current + BigInt(skewSteps); step++) {
    if (verifyHOTP(key, step, digits, code)) return step;
  }
  return null;
}

const normaliseCode = (code: string) => code.replace(/[\s-]/g, '').toLowerCase();

/** 10 codes of 16 base32 letters (80 random bits), shown once as xxxx-xxxx-xxxx-xxxx. */
function newRecoveryCodes(): string[] {
  return Array.from({ length: recoveryCodeCount }, () => {
    const bytes = new Uint8Array(10);
    crypto.getRandomValues(bytes);
    return encodeBase32LowerCaseNoPadding(bytes).match(/.{4}/g)!.join('-');
  });
}

async function isSecondFactorBlocked(db: Queryable, userId: number, now: Date): Promise<boolean> {
  const [row] = await db
    .select({ n: count() })
    .from(secondFactorFailures)
    .where(and(eq(secondFactorFailures.userId, userId), gte(secondFactorFailures.at, new Date(now.getTime() - secondFactorLimits.windowMs))));
  return row.n >= secondFactorLimits.perAccount;
}

async function recordSecondFactorFailure(db: Queryable, userId: number, now: Date) {
  await db.insert(secondFactorFailures).values({ userId, at: now });
  await db.delete(secondFactorFailures).where(lt(secondFactorFailures.at, new Date(now.getTime() - secondFactorLimits.windowMs)));
}

/**
 * A TOTP code of a step later than the last one accepted (so each code is good once), or an unused
 * recovery code, which is then spent. Runs inside the caller's transaction; the credential row is
 * locked so that two requests with one code cannot both pass.
 */
async function useSecondFactor(tx: Queryable, userId: number, code: string, now: Date): Promise<SecondFactorUsed | null> {
  const [credential] = await tx.select().from(totpCredentials).where(eq(totpCredentials.userId, userId)).for('update');
  if (!credential) return null;
  const step = matchingStep(totpKeyBytes(credential.key)!, code.trim(), now);
  if (step !== null) {
    if (step <= credential.lastCounter) return null;
    await tx.update(totpCredentials).set({ lastCounter: step }).where(eq(totpCredentials.userId, userId));
    return 'totp';
  }
  const spent = await tx
    .update(recoveryCodes)
    .set({ usedAt: now })
    .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, hashSecret(normaliseCode(code))), isNull(recoveryCodes.usedAt)))
    .returning({ id: recoveryCodes.id });
  return spent.length ? 'recovery_code' : null;
}

/** The code check shared by sign-in and removal: the attempt limit, then the code; failures count. */
async function checkSecondFactor(db: Database, userId: number, code: string, now: Date, ip?: string): Promise<SecondFactorUsed | 'blocked' | 'invalid'> {
  if (await isSecondFactorBlocked(db, userId, now)) {
    await recordAudit(db, { action: 'second_factor_blocked', actorId: userId, ip, at: now });
    return 'blocked';
  }
  const used = await db.transaction((tx) => useSecondFactor(tx, userId, code, now));
  if (used) return used;
  await recordSecondFactorFailure(db, userId, now);
  await recordAudit(db, { action: 'second_factor_failed', actorId: userId, ip, at: now });
  return 'invalid';
}

export async function hasSecondFactor(db: Queryable, userId: number): Promise<boolean> {
  const [row] = await db.select({ userId: totpCredentials.userId }).from(totpCredentials).where(eq(totpCredentials.userId, userId));
  return row !== undefined;
}

/** What the security page shows: enrolled since when, and how many recovery codes are left. */
export async function secondFactorStatus(db: Queryable, userId: number) {
  const [credential] = await db.select({ createdAt: totpCredentials.createdAt }).from(totpCredentials).where(eq(totpCredentials.userId, userId));
  if (!credential) return { enrolled: false as const };
  const [left] = await db.select({ n: count() }).from(recoveryCodes).where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return { enrolled: true as const, since: credential.createdAt, recoveryCodesLeft: left.n };
}

/**
 * Enrolment: the code proves the app holds the key. The user's other sessions end (whoever else was
 * signed in did so without it); this session records the factor; the recovery codes are returned
 * once and only their hashes kept.
 */
export async function enableTotp(
  db: Database,
  user: SessionUser,
  session: SessionInfo,
  input: { key: string; code: string },
  now = new Date(),
  ip?: string,
): Promise<{ recoveryCodes: string[] }> {
  const key = totpKeyBytes(input.key);
  if (!key) throw new DomainError('security.keyInvalid', 'code');
  const step = matchingStep(key, input.code.trim(), now);
  if (step === null) throw new DomainError('security.codeInvalid', 'code');
  const codes = newRecoveryCodes();
  await db.transaction(async (tx) => {
    const inserted = await tx
      .insert(totpCredentials)
      .values({ userId: user.id, key: input.key, lastCounter: step, createdAt: now })
      .onConflictDoNothing()
      .returning({ userId: totpCredentials.userId });
    if (!inserted.length) throw new DomainError('security.alreadyEnrolled', undefined, 'CONFLICT');
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, user.id));
    await tx.insert(recoveryCodes).values(codes.map((code) => ({ userId: user.id, codeHash: hashSecret(normaliseCode(code)) })));
    await invalidateOtherSessions(tx, user.id, session.id);
    await tx.update(sessions).set({ secondFactor: 'totp' }).where(eq(sessions.id, session.id));
    await recordAudit(tx, { action: 'second_factor_enabled', actorId: user.id, ip, subjectType: 'user', subjectId: user.id, at: now });
  });
  return { recoveryCodes: codes };
}

/** Removal asks for a current code (or a recovery code), then ends the user's other sessions. */
export async function removeTotp(db: Database, user: SessionUser, session: SessionInfo, code: string, now = new Date(), ip?: string) {
  if (!(await hasSecondFactor(db, user.id))) throw new DomainError('security.notEnrolled', undefined, 'CONFLICT');
  const checked = await checkSecondFactor(db, user.id, code, now, ip);
  if (checked === 'blocked') throw new DomainError('security.blocked', 'code', 'CONFLICT');
  if (checked === 'invalid') throw new DomainError('security.codeInvalid', 'code');
  await db.transaction(async (tx) => {
    await tx.delete(totpCredentials).where(eq(totpCredentials.userId, user.id));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, user.id));
    await invalidateOtherSessions(tx, user.id, session.id);
    await recordAudit(tx, { action: 'second_factor_removed', actorId: user.id, ip, subjectType: 'user', subjectId: user.id, at: now });
  });
}

/** After the right password of an enrolled user: the challenge the second step answers. */
export async function beginLoginChallenge(db: Queryable, userId: number, now: Date): Promise<string> {
  const { id, secretHash, token } = issueToken();
  await db.delete(loginChallenges).where(lt(loginChallenges.createdAt, new Date(now.getTime() - challengeLifetimeMs)));
  await db.insert(loginChallenges).values({ id, secretHash, userId, createdAt: now });
  return token;
}

/** The user a challenge cookie stands for, while it is fresh and the account active. */
export async function challengedUser(db: Queryable, token: string, now = new Date()): Promise<{ challengeId: string; userId: number; email: string } | null> {
  const parts = splitToken(token);
  if (!parts) return null;
  const [row] = await db
    .select({ challenge: loginChallenges, email: users.email, active: users.active })
    .from(loginChallenges)
    .innerJoin(users, eq(users.id, loginChallenges.userId))
    .where(eq(loginChallenges.id, parts.id));
  if (!row || !secretMatches(parts.secret, row.challenge.secretHash) || !row.active) return null;
  if (now.getTime() - row.challenge.createdAt.getTime() >= challengeLifetimeMs) return null;
  return { challengeId: row.challenge.id, userId: row.challenge.userId, email: row.email };
}

export type SecondStepResult =
  | { ok: true; userId: number; token: string; session: SessionInfo }
  | { ok: false; reason: 'expired' | 'invalid' | 'blocked' };

/** The second step of a sign-in: only now is the session created, recording the factor used. */
export async function completeLoginChallenge(db: Database, challengeToken: string, code: string, ip: string, now = new Date()): Promise<SecondStepResult> {
  const challenge = await challengedUser(db, challengeToken, now);
  if (!challenge) return { ok: false, reason: 'expired' };
  const checked = await checkSecondFactor(db, challenge.userId, code, now, ip);
  if (checked === 'blocked' || checked === 'invalid') return { ok: false, reason: checked };
  return db.transaction(async (tx) => {
    const gone = await tx.delete(loginChallenges).where(eq(loginChallenges.id, challenge.challengeId)).returning({ id: loginChallenges.id });
    if (!gone.length) return { ok: false as const, reason: 'expired' as const };
    const { token, session } = await createSession(tx, challenge.userId, now, checked);
    await recordAudit(tx, { action: 'logged_in', actorId: challenge.userId, ip, details: { secondFactor: checked }, at: now });
    return { ok: true as const, userId: challenge.userId, token, session };
  });
}
