import { and, asc, eq, sql } from 'drizzle-orm';
import type { Database, Queryable } from '@db/client';
import { organisations, passwordResets, type Role, users } from '@db/schema';
import { normaliseEmail } from '@/auth/login';
import { clearLoginFailures } from '@/auth/login-limit';
import { hashPassword, passwordProblem } from '@/auth/password';
import { invalidateUserSessions, type SessionUser } from '@/auth/session';
import { issueToken, secretMatches, splitToken } from '@/auth/tokens';
import { recordAudit } from '@/domain/audit/record';
import { DomainError, type Problem } from '@/domain/errors';
import { oncePerFormKey } from '@/domain/form-keys';
import { requireRoleFor } from '@/domain/permissions';
import { queueMail, recipients } from '@/domain/mail/outbox';
import { formatDateTime } from '@/i18n';
import { isUniqueViolation } from '@/domain/postgres-errors';
import { mayManageAccount } from './permissions';

export interface AccountInput {
  email: string;
  name: string;
  position?: string;
  role: Role;
  organisationId: number;
  /** A first password from the admin; the invitation's link lets the person set their own. */
  password: string;
}

const resetLinkLifetimeMs = 24 * 3_600_000;
/** Long enough for someone who reads mail once a week (an invitation is sent, not handed over). */
export const invitationLifetimeMs = 7 * 24 * 3_600_000;

/** Accounts the actor may see: all for an admin, the outlet's journalists for an outlet admin. */
export function listAccounts(db: Database, actor: SessionUser) {
  const query = db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      position: users.position,
      role: users.role,
      active: users.active,
      organisationId: users.organisationId,
      organisationName: organisations.name,
    })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .orderBy(asc(organisations.name), asc(users.name));
  if (actor.role === 'admin') return query;
  return query.where(and(eq(users.organisationId, actor.organisationId), eq(users.role, 'journalist')));
}

function assertPassword(password: string, field = 'password') {
  const problem = passwordProblem(password);
  if (problem === 'too_short') throw new DomainError('password.tooShort', field);
  if (problem === 'too_long') throw new DomainError('password.tooLong', field);
}

/**
 * What the new-account form would be refused for beyond its fields' own checks, named together
 * with them (issue 16): the password's length, an address already taken, an outlet not active.
 * createAccount checks each again inside its transaction.
 */
export async function newAccountProblems(db: Queryable, fields: Partial<Pick<AccountInput, 'email' | 'password' | 'organisationId'>>): Promise<Problem[]> {
  const problems: Problem[] = [];
  if (fields.email) {
    const [taken] = await db.select({ id: users.id }).from(users).where(eq(users.email, normaliseEmail(fields.email)));
    if (taken) problems.push({ key: 'admin.emailTaken', field: 'email' });
  }
  if (fields.organisationId !== undefined) {
    const [organisation] = await db
      .select({ id: organisations.id })
      .from(organisations)
      .where(and(eq(organisations.id, fields.organisationId), eq(organisations.active, true)));
    if (!organisation) problems.push({ key: 'admin.orgRequired', field: 'organisationId' });
  }
  if (fields.password !== undefined) {
    const problem = passwordProblem(fields.password);
    if (problem) problems.push({ key: problem === 'too_short' ? 'password.tooShort' : 'password.tooLong', field: 'password' });
  }
  return problems;
}

export async function createAccount(db: Database, actor: SessionUser, input: AccountInput, ip?: string, formKey?: string) {
  if (!mayManageAccount(actor, input)) throw new DomainError('admin.outletOnly', 'role', 'FORBIDDEN');
  assertPassword(input.password);
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction((tx) => oncePerFormKey(tx, actor, formKey, 'account', async () => {
      const [organisation] = await tx
        .select({ id: organisations.id })
        .from(organisations)
        .where(and(eq(organisations.id, input.organisationId), eq(organisations.active, true)));
      if (!organisation) throw new DomainError('admin.orgRequired', 'organisationId');
      const [row] = await tx
        .insert(users)
        .values({
          email: normaliseEmail(input.email),
          name: input.name.trim(),
          position: input.position?.trim() || null,
          role: input.role,
          organisationId: input.organisationId,
          passwordHash,
        })
        .returning({ id: users.id });
      await recordAudit(tx, {
        action: 'account_created',
        actorId: actor.id,
        ip,
        subjectType: 'user',
        subjectId: row.id,
        toStatus: input.role,
      });
      await sendInvitation(tx, actor.id, row.id);
      return row;
    }, { again: async (id) => (await tx.select({ id: users.id }).from(users).where(eq(users.id, id)))[0] }));
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError('admin.emailTaken', 'email', 'CONFLICT');
    throw error;
  }
}

async function managedAccount(tx: Queryable, actor: SessionUser, userId: number) {
  const [account] = await tx
    .select({ id: users.id, role: users.role, organisationId: users.organisationId, active: users.active })
    .from(users)
    .where(eq(users.id, userId))
    .for('update');
  if (!account || !mayManageAccount(actor, account)) throw DomainError.notFound();
  return account;
}

/** A role change ends the user's sessions: their next request must be made with the new role. */
export async function changeRole(db: Database, actor: SessionUser, userId: number, role: Role, ip?: string) {
  requireRoleFor(actor, 'admin.changeRole');
  if (actor.id === userId) throw new DomainError('admin.cannotChangeSelf', 'role');
  await db.transaction(async (tx) => {
    const account = await managedAccount(tx, actor, userId);
    if (account.role === role) return;
    await tx.update(users).set({ role }).where(eq(users.id, userId));
    await invalidateUserSessions(tx, userId);
    await recordAudit(tx, {
      action: 'role_changed',
      actorId: actor.id,
      ip,
      subjectType: 'user',
      subjectId: userId,
      fromStatus: account.role,
      toStatus: role,
    });
  });
}

export async function setAccountActive(db: Database, actor: SessionUser, userId: number, active: boolean, ip?: string) {
  if (actor.id === userId) throw new DomainError('admin.cannotChangeSelf');
  await db.transaction(async (tx) => {
    const account = await managedAccount(tx, actor, userId);
    if (account.active === active) return;
    await tx.update(users).set({ active }).where(eq(users.id, userId));
    if (!active) await invalidateUserSessions(tx, userId);
    await recordAudit(tx, {
      action: active ? 'account_reactivated' : 'account_deactivated',
      actorId: actor.id,
      ip,
      subjectType: 'user',
      subjectId: userId,
      fromStatus: account.active ? 'active' : 'inactive',
      toStatus: active ? 'active' : 'inactive',
    });
  });
}

/**
 * No e-mail server is assumed: the admin copies the one-time link to the person. Only the
 * secret's hash is stored; issuing a new link voids the older ones.
 */
export async function issuePasswordReset(db: Database, actor: SessionUser, userId: number, now = new Date(), ip?: string) {
  return db.transaction(async (tx) => {
    await managedAccount(tx, actor, userId);
    const { token } = await issueResetLink(tx, userId, actor.id, resetLinkLifetimeMs, now);
    await recordAudit(tx, { action: 'password_reset_issued', actorId: actor.id, ip, subjectType: 'user', subjectId: userId, at: now });
    return { token };
  });
}

/**
 * The one way to make a one-time password link (admin-issued, invitation, asked for at
 * /reset-password): only the secret's hash is stored, and a new link voids the older ones.
 */
export async function issueResetLink(tx: Queryable, userId: number, createdById: number | null, lifetimeMs: number, now: Date) {
  await tx.delete(passwordResets).where(eq(passwordResets.userId, userId));
  const { id, secretHash, token } = issueToken();
  const expiresAt = new Date(now.getTime() + lifetimeMs);
  await tx.insert(passwordResets).values({ id, secretHash, userId, createdById, expiresAt });
  return { token, expiresAt };
}

/** The invitation to a new account: a one-time link to set one's own password, by e-mail. */
async function sendInvitation(tx: Queryable, actorId: number, userId: number, now = new Date()) {
  const { token, expiresAt } = await issueResetLink(tx, userId, actorId, invitationLifetimeMs, now);
  const [to] = await recipients(tx, [userId]);
  await queueMail(tx, to, 'invitation', {
    subject: { key: 'mail.invitation.subject' },
    body: [{ key: 'mail.invitation.body', params: { email: to.email, expires: formatDateTime(expiresAt) } }],
    link: `/reset-password/${token}`,
    reason: 'mail.invitation.reason',
  });
}

async function usableReset(tx: Queryable, token: string, now: Date) {
  const parts = splitToken(token);
  if (!parts) return null;
  const [reset] = await tx.select().from(passwordResets).where(eq(passwordResets.id, parts.id)).for('update');
  if (!reset || reset.usedAt || reset.expiresAt <= now || !secretMatches(parts.secret, reset.secretHash)) return null;
  return reset;
}

export async function isPasswordResetUsable(db: Database, token: string, now = new Date()): Promise<boolean> {
  return (await usableReset(db, token, now)) !== null;
}

/**
 * Setting a new password ends every session of the user, then the link is spent. It also lifts the
 * login lock on the account (src/auth/login-limit.ts): whoever completes a reset link, issued by an
 * admin or sent by e-mail, is the owner, and this is their way back in after someone else's guesses.
 */
export async function resetPassword(db: Database, token: string, password: string, now = new Date(), ip?: string) {
  assertPassword(password);
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const reset = await usableReset(tx, token, now);
    if (!reset) throw new DomainError('password.linkInvalid');
    const [account] = await tx.update(users).set({ passwordHash }).where(eq(users.id, reset.userId)).returning({ email: users.email });
    await clearLoginFailures(tx, normaliseEmail(account.email));
    await tx.update(passwordResets).set({ usedAt: now }).where(eq(passwordResets.id, reset.id));
    await invalidateUserSessions(tx, reset.userId);
    await recordAudit(tx, { action: 'password_changed', actorId: reset.userId, ip, subjectType: 'user', subjectId: reset.userId, at: now });
  });
}

export async function findAccountByEmail(db: Queryable, email: string) {
  const [row] = await db.select().from(users).where(eq(sql`lower(${users.email})`, normaliseEmail(email)));
  return row;
}
