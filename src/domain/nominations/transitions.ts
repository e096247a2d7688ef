import { eq } from 'drizzle-orm';
import type { Queryable } from '@db/client';
import { nominationBatches, nominations, type Nomination } from '@db/schema';
import type { SessionUser } from '@/auth/session';
import { recordAudit } from '@/domain/audit/record';
import { DomainError } from '@/domain/errors';
import { notify } from '@/domain/notifications/notifications';
import type { MessageKey } from '@/i18n';
import { mayKnowNomination, nominationStepRules } from './rules';
import { batchTransitions, canTransitionNomination, type NominationTransition, nominationTransitions } from './status';

type NominationBatch = typeof nominationBatches.$inferSelect;

/** Whoever is told of a step, and what. */
export interface Notice {
  key: MessageKey;
  params?: Record<string, string | number>;
  link?: string;
  to: (tx: Queryable) => Promise<number[]>;
}

export interface NominationStepOptions {
  now: Date;
  ip?: string;
  reason?: string;
  set?: Partial<Nomination>;
  /** The step's own conditions on the nomination, checked under the lock before its status. */
  check?: (nomination: Nomination) => void;
  /** Work done once the step is allowed, under the lock, before the update; what it returns is set too. */
  before?: (nomination: Nomination) => Promise<Partial<Nomination>>;
  notice?: Notice;
}

/**
 * Every change of a nomination's status, in the caller's transaction: locks the row, checks that
 * the person may know of it and take the step (./rules.ts) and the step's table (./status.ts),
 * updates, writes the audit row and notifies.
 */
export async function changeNominationStatus(
  tx: Queryable,
  actor: SessionUser,
  nominationId: number,
  step: NominationTransition,
  { now, ip, reason, set, check, before, notice }: NominationStepOptions,
): Promise<Nomination> {
  const [nomination] = await tx.select().from(nominations).where(eq(nominations.id, nominationId)).for('update');
  if (!nomination || !mayKnowNomination(actor, nomination)) throw DomainError.notFound();
  if (!nominationStepRules[step](actor)) throw DomainError.forbidden();
  check?.(nomination);
  if (!canTransitionNomination(step, nomination.status)) {
    throw new DomainError('nominations.errors.wrongStatus', undefined, 'CONFLICT', { status: nomination.status });
  }
  const { to, audit } = nominationTransitions[step];
  const more = before ? await before(nomination) : {};
  await tx
    .update(nominations)
    .set({ ...set, ...more, status: to, reason: reason ?? nomination.reason, updatedAt: now })
    .where(eq(nominations.id, nomination.id));
  await recordAudit(tx, {
    action: audit,
    actorId: actor.id,
    ip,
    subjectType: 'nomination',
    subjectId: nomination.id,
    fromStatus: nomination.status,
    toStatus: to,
    reason,
    at: now,
  });
  if (notice) await notify(tx, await notice.to(tx), notice.key, notice.params, notice.link);
  return nomination;
}

/**
 * A batch still open to the department, locked for the rest of the transaction: NOT_FOUND
 * without it, CONFLICT once sent (a sent batch is read-only).
 */
export async function lockOpenBatch(tx: Queryable, batchId: number, field?: string): Promise<NominationBatch> {
  const [batch] = await tx.select().from(nominationBatches).where(eq(nominationBatches.id, batchId)).for('update');
  if (!batch) throw DomainError.notFound();
  if (batch.status === 'sent') throw new DomainError('nominations.errors.batchSent', field, 'CONFLICT');
  return batch;
}

/** The batch's one status change (sending it), as `changeNominationStatus` does for nominations. */
export async function changeBatchStatus(
  tx: Queryable,
  actor: SessionUser,
  batchId: number,
  step: keyof typeof batchTransitions,
  { now, ip, notice }: { now: Date; ip?: string; notice?: Notice },
): Promise<NominationBatch> {
  // The one step leaves from draft: a batch already sent is refused as read-only.
  const batch = await lockOpenBatch(tx, batchId);
  if (!nominationStepRules.send(actor)) throw DomainError.forbidden();
  const { from, to, audit } = batchTransitions[step];
  await tx.update(nominationBatches).set({ status: to, sentAt: now }).where(eq(nominationBatches.id, batchId));
  await recordAudit(tx, { action: audit, actorId: actor.id, ip, subjectType: 'batch', subjectId: batchId, fromStatus: from[0], toStatus: to, at: now });
  if (notice) await notify(tx, await notice.to(tx), notice.key, notice.params, notice.link);
  return batch;
}
