import { and, eq, inArray } from 'drizzle-orm';
import type { Database, Queryable } from '@db/client';
import { entries, entryAuthors, nominationBatches, nominationEntries, nominations, users, type Nomination } from '@db/schema';
import type { SessionUser } from '@/auth/session';
import { recordAudit } from '@/domain/audit/record';
import { requireCampaign } from '@/domain/campaigns/current';
import { DomainError } from '@/domain/errors';
import { notify } from '@/domain/notifications/notifications';
import type { MessageKey } from '@/i18n';
import { canTransitionNomination, decisionNumberPattern, type NominationTransition, nominationTransitions, sentToHomeAffairs } from './status';

interface Context {
  now?: Date;
  ip?: string;
}

function requireRole(actor: SessionUser, role: 'coordinator' | 'appraiser') {
  if (actor.role !== role) throw new DomainError('errors.forbiddenText', undefined, 'FORBIDDEN');
}

/** One nomination's status change: checked, written and audited in the caller's transaction. */
async function move(tx: Queryable, actor: SessionUser, nomination: Nomination, transition: NominationTransition, extra: { reason?: string; set?: Partial<Nomination>; now: Date; ip?: string }) {
  if (!canTransitionNomination(transition, nomination.status)) {
    throw new DomainError('nominations.errors.wrongStatus', undefined, 'CONFLICT', { status: nomination.status });
  }
  const to = nominationTransitions[transition].to;
  await tx
    .update(nominations)
    .set({ ...extra.set, status: to, reason: extra.reason ?? nomination.reason, updatedAt: extra.now })
    .where(eq(nominations.id, nomination.id));
  await recordAudit(tx, {
    action: `nomination_${transition}`,
    actorId: actor.id,
    ip: extra.ip,
    subjectType: 'nomination',
    subjectId: nomination.id,
    fromStatus: nomination.status,
    toStatus: to,
    reason: extra.reason,
    at: extra.now,
  });
}

async function lockNomination(tx: Queryable, nominationId: number): Promise<Nomination> {
  const [row] = await tx.select().from(nominations).where(eq(nominations.id, nominationId)).for('update');
  if (!row) throw new DomainError('errors.notFoundTitle', undefined, 'NOT_FOUND');
  return row;
}

/** What Home Affairs acts on: a nomination not sent to it is not found, as on its pages. */
async function lockSentNomination(tx: Queryable, nominationId: number): Promise<Nomination> {
  const row = await lockNomination(tx, nominationId);
  if (!sentToHomeAffairs(row)) throw new DomainError('errors.notFoundTitle', undefined, 'NOT_FOUND');
  return row;
}

/** The outlet's leads and the entries' authors: they learn the result of the nomination. */
async function concernedUsers(tx: Queryable, nominationId: number): Promise<number[]> {
  const entryRows = await tx
    .select({ entryId: nominationEntries.entryId, organisationId: entries.organisationId })
    .from(nominationEntries)
    .innerJoin(entries, eq(entries.id, nominationEntries.entryId))
    .where(eq(nominationEntries.nominationId, nominationId));
  if (entryRows.length === 0) return [];
  const [authors, leads] = await Promise.all([
    tx.select({ id: entryAuthors.userId }).from(entryAuthors).where(inArray(entryAuthors.entryId, entryRows.map((e) => e.entryId))),
    tx
      .select({ id: users.id })
      .from(users)
      .where(and(inArray(users.organisationId, entryRows.map((e) => e.organisationId)), eq(users.role, 'outlet_admin'), eq(users.active, true))),
  ]);
  return [...new Set([...authors.flatMap((a) => (a.id ? [a.id] : [])), ...leads.map((l) => l.id)])];
}

async function announce(tx: Queryable, nominationId: number, key: MessageKey, params: Record<string, string | number> = {}) {
  await notify(tx, await concernedUsers(tx, nominationId), key, params);
}

/** Creates an empty batch (đợt trình) for the campaign. */
export async function createBatch(db: Database, coordinator: SessionUser, campaignId: number, title: string, { now = new Date(), ip }: Context = {}) {
  requireRole(coordinator, 'coordinator');
  if (!title.trim()) throw new DomainError('errors.required', 'title');
  return db.transaction(async (tx) => {
    await requireCampaign(tx, campaignId);
    const [row] = await tx.insert(nominationBatches).values({ campaignId, title: title.trim(), createdById: coordinator.id, createdAt: now }).returning({ id: nominationBatches.id });
    await recordAudit(tx, { action: 'batch_created', actorId: coordinator.id, ip, subjectType: 'batch', subjectId: row.id, at: now });
    return row;
  });
}

/** Puts Bằng khen nominations (draft or returned) into a batch that has not been sent yet. */
export async function addToBatch(db: Database, coordinator: SessionUser, batchId: number, nominationIds: number[], { now = new Date(), ip }: Context = {}) {
  requireRole(coordinator, 'coordinator');
  await db.transaction(async (tx) => {
    const [batch] = await tx.select().from(nominationBatches).where(eq(nominationBatches.id, batchId)).for('update');
    if (!batch) throw new DomainError('errors.notFoundTitle', undefined, 'NOT_FOUND');
    if (batch.status === 'sent') throw new DomainError('nominations.errors.batchSent', undefined, 'CONFLICT');
    for (const id of nominationIds) {
      const n = await lockNomination(tx, id);
      if (n.campaignId !== batch.campaignId || n.awardForm !== 'provincial_certificate' || !['draft', 'returned'].includes(n.status)) {
        throw new DomainError('nominations.errors.notForBatch', 'nominationIds', 'CONFLICT', { nomination: id });
      }
      await tx.update(nominations).set({ batchId, updatedAt: now }).where(eq(nominations.id, id));
    }
    await recordAudit(tx, { action: 'batch_filled', actorId: coordinator.id, ip, subjectType: 'batch', subjectId: batchId, details: { nominationIds }, at: now });
  });
}

/**
 * Sends a batch to Home Affairs in one step: every nomination in it moves to sent, the batch
 * becomes read-only for the coordinator, and the appraisers are told.
 */
export async function sendBatch(db: Database, coordinator: SessionUser, batchId: number, { now = new Date(), ip }: Context = {}) {
  requireRole(coordinator, 'coordinator');
  await db.transaction(async (tx) => {
    const [batch] = await tx.select().from(nominationBatches).where(eq(nominationBatches.id, batchId)).for('update');
    if (!batch) throw new DomainError('errors.notFoundTitle', undefined, 'NOT_FOUND');
    if (batch.status === 'sent') throw new DomainError('nominations.errors.batchSent', undefined, 'CONFLICT');
    const members = await tx.select().from(nominations).where(eq(nominations.batchId, batchId)).for('update');
    if (members.length === 0) throw new DomainError('nominations.errors.batchEmpty', undefined, 'CONFLICT');
    for (const n of members) await move(tx, coordinator, n, 'send', { now, ip });
    await tx.update(nominationBatches).set({ status: 'sent', sentAt: now }).where(eq(nominationBatches.id, batchId));
    await recordAudit(tx, { action: 'batch_sent', actorId: coordinator.id, ip, subjectType: 'batch', subjectId: batchId, fromStatus: 'draft', toStatus: 'sent', at: now });
    const appraisers = await tx.select({ id: users.id }).from(users).where(and(eq(users.role, 'appraiser'), eq(users.active, true)));
    await notify(tx, appraisers.map((a) => a.id), 'nominations.notices.batchSent', { title: batch.title, count: members.length }, '/app/appraisal');
  });
}

/** Returned for supplement, the coordinator resends that one nomination (its batch stays sent). */
export async function resendNomination(db: Database, coordinator: SessionUser, nominationId: number, { now = new Date(), ip }: Context = {}) {
  requireRole(coordinator, 'coordinator');
  await db.transaction(async (tx) => {
    const n = await lockNomination(tx, nominationId);
    if (n.status !== 'returned' || n.batchId === null) throw new DomainError('nominations.errors.wrongStatus', undefined, 'CONFLICT', { status: n.status });
    await move(tx, coordinator, n, 'send', { now, ip });
  });
}

/** The department decides its own Giấy khen: decision number and date, no Home Affairs. */
export async function decideInHouse(db: Database, coordinator: SessionUser, nominationId: number, decision: { number: string; date: string }, { now = new Date(), ip }: Context = {}) {
  requireRole(coordinator, 'coordinator');
  if (!decision.number.trim()) throw new DomainError('nominations.errors.decisionNumber', 'decisionNumber');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(decision.date)) throw new DomainError('nominations.errors.decisionDate', 'decisionDate');
  await db.transaction(async (tx) => {
    const n = await lockNomination(tx, nominationId);
    if (n.awardForm !== 'department_certificate') throw new DomainError('nominations.errors.notInHouse', undefined, 'CONFLICT');
    await move(tx, coordinator, n, 'decideInHouse', { set: { decisionNumber: decision.number.trim(), decisionDate: decision.date }, now, ip });
    await announce(tx, n.id, 'nominations.notices.approved', { decision: decision.number.trim() });
  });
}

/** Home Affairs takes a sent nomination up. */
export async function startAppraisal(db: Database, appraiser: SessionUser, nominationId: number, { now = new Date(), ip }: Context = {}) {
  requireRole(appraiser, 'appraiser');
  await db.transaction(async (tx) => move(tx, appraiser, await lockSentNomination(tx, nominationId), 'startAppraisal', { now, ip }));
}

export async function returnForSupplement(db: Database, appraiser: SessionUser, nominationId: number, reason: string, { now = new Date(), ip }: Context = {}) {
  requireRole(appraiser, 'appraiser');
  const why = reason.trim();
  if (why.length < 5) throw new DomainError('nominations.errors.reasonRequired', 'reason');
  await db.transaction(async (tx) => {
    const n = await lockSentNomination(tx, nominationId);
    await move(tx, appraiser, n, 'return', { reason: why, now, ip });
    const coordinators = await tx.select({ id: users.id }).from(users).where(and(eq(users.role, 'coordinator'), eq(users.active, true)));
    await notify(tx, coordinators.map((c) => c.id), 'nominations.notices.returned', { reason: why }, '/app/nominations');
  });
}

/** Records the Chairman's decision: number in the …/QĐ-UBND form and its date. */
export async function approveNomination(db: Database, appraiser: SessionUser, nominationId: number, decision: { number: string; date: string }, { now = new Date(), ip }: Context = {}) {
  requireRole(appraiser, 'appraiser');
  const number = decision.number.trim();
  if (!decisionNumberPattern.test(number)) throw new DomainError('nominations.errors.decisionNumber', 'decisionNumber');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(decision.date) || Number.isNaN(Date.parse(decision.date))) throw new DomainError('nominations.errors.decisionDate', 'decisionDate');
  await db.transaction(async (tx) => {
    const n = await lockSentNomination(tx, nominationId);
    await move(tx, appraiser, n, 'approve', { set: { decisionNumber: number, decisionDate: decision.date }, now, ip });
    await announce(tx, n.id, 'nominations.notices.approved', { decision: number });
  });
}

export async function rejectNomination(db: Database, appraiser: SessionUser, nominationId: number, reason: string, { now = new Date(), ip }: Context = {}) {
  requireRole(appraiser, 'appraiser');
  const why = reason.trim();
  if (why.length < 5) throw new DomainError('nominations.errors.reasonRequired', 'reason');
  await db.transaction(async (tx) => {
    const n = await lockSentNomination(tx, nominationId);
    await move(tx, appraiser, n, 'reject', { reason: why, now, ip });
    await announce(tx, n.id, 'nominations.notices.rejected', { reason: why });
  });
}

export interface BatchDetails {
  proposalNumber: string;
  proposalDate: string;
  meetingDate: string;
  meetingPlace: string;
  membersPresent: string;
  /** The council's vote per nomination of the batch: agree out of total members voting. */
  votes: Record<number, { agree: number; total: number }>;
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/**
 * What the proposal letter and the council minutes say beyond the nominations: numbers, dates,
 * place, members present and the vote per nominee. Editable until the batch is sent.
 */
export async function updateBatchDetails(db: Database, coordinator: SessionUser, batchId: number, details: BatchDetails, { now = new Date(), ip }: Context = {}) {
  requireRole(coordinator, 'coordinator');
  const problems: { key: MessageKey; field: string }[] = [];
  for (const field of ['proposalDate', 'meetingDate'] as const) {
    if (details[field] && !isoDate.test(details[field])) problems.push({ key: 'nominations.errors.decisionDate', field });
  }
  for (const [id, vote] of Object.entries(details.votes)) {
    if (!Number.isInteger(vote.agree) || !Number.isInteger(vote.total) || vote.agree < 0 || vote.total < 1 || vote.agree > vote.total) {
      problems.push({ key: 'nominations.errors.votes', field: `votes.${id}` });
    }
  }
  if (problems.length) throw DomainError.of(problems);
  await db.transaction(async (tx) => {
    const [batch] = await tx.select().from(nominationBatches).where(eq(nominationBatches.id, batchId)).for('update');
    if (!batch) throw new DomainError('errors.notFoundTitle', undefined, 'NOT_FOUND');
    if (batch.status === 'sent') throw new DomainError('nominations.errors.batchSent', undefined, 'CONFLICT');
    const blank = (v: string) => v.trim() || null;
    await tx
      .update(nominationBatches)
      .set({
        proposalNumber: blank(details.proposalNumber),
        proposalDate: blank(details.proposalDate),
        meetingDate: blank(details.meetingDate),
        meetingPlace: blank(details.meetingPlace),
        membersPresent: blank(details.membersPresent),
      })
      .where(eq(nominationBatches.id, batchId));
    const members = new Set((await tx.select({ id: nominations.id }).from(nominations).where(eq(nominations.batchId, batchId))).map((n) => n.id));
    for (const [id, vote] of Object.entries(details.votes)) {
      // Only nominations of this batch: an id from another batch in the form changes nothing.
      if (!members.has(Number(id))) continue;
      await tx.update(nominations).set({ votesAgree: vote.agree, votesTotal: vote.total, updatedAt: now }).where(eq(nominations.id, Number(id)));
    }
    await recordAudit(tx, { action: 'batch_details_updated', actorId: coordinator.id, ip, subjectType: 'batch', subjectId: batchId, details: { ...details }, at: now });
  });
}
