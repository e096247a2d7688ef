import { and, eq, inArray } from 'drizzle-orm';
import type { Database, Queryable } from '@db/client';
import { dossierScans, entries, entryAuthors, nominationBatches, nominationEntries, nominations, users } from '@db/schema';
import type { SessionUser } from '@/auth/session';
import { recordAudit } from '@/domain/audit/record';
import { campaignOf } from '@/domain/campaigns/campaigns';
import { areNominationsOpen } from '@/domain/campaigns/deadlines';
import type { Context } from '@/domain/context';
import { requireCampaign } from '@/domain/campaigns/current';
import { DomainError } from '@/domain/errors';
import { oncePerFormKey } from '@/domain/form-keys';
import { requireRoleFor } from '@/domain/permissions';
import { formatDate, type MessageKey } from '@/i18n';
import { decisionNumberPattern } from './status';
import { changeBatchStatus, changeNominationStatus, lockOpenBatch, type Notice } from './transitions';

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

/** The result of a nomination goes to the outlet's leads and the entries' authors. */
const toConcerned = (nominationId: number, key: MessageKey, params: Record<string, string | number>): Notice => ({
  key,
  params,
  to: (tx) => concernedUsers(tx, nominationId),
});

async function activeUsersWithRole(tx: Queryable, role: 'coordinator' | 'appraiser'): Promise<number[]> {
  const rows = await tx.select({ id: users.id }).from(users).where(and(eq(users.role, role), eq(users.active, true)));
  return rows.map((r) => r.id);
}

/** Creates an empty batch (đợt trình) for the campaign. */
export async function createBatch(db: Database, coordinator: SessionUser, campaignId: number, title: string, { now = new Date(), ip, formKey }: Context = {}) {
  requireRoleFor(coordinator, 'nominations.createBatch');
  if (!title.trim()) throw new DomainError('errors.required', 'title');
  return db.transaction((tx) =>
    oncePerFormKey(
      tx,
      coordinator,
      formKey,
      'batch',
      async () => {
        await requireCampaign(tx, campaignId);
        const [row] = await tx.insert(nominationBatches).values({ campaignId, title: title.trim(), createdById: coordinator.id, createdAt: now }).returning({ id: nominationBatches.id });
        await recordAudit(tx, { action: 'batch_created', actorId: coordinator.id, ip, subjectType: 'batch', subjectId: row.id, at: now });
        return row;
      },
      { again: async (id) => (await tx.select({ id: nominationBatches.id }).from(nominationBatches).where(eq(nominationBatches.id, id)))[0] },
    ),
  );
}

/**
 * Deletes a batch that was never sent (a double click once made two): its nominations return to
 * no batch, as they were before; a sent batch is Home Affairs' record and stays.
 */
export async function deleteBatch(db: Database, coordinator: SessionUser, batchId: number, { now = new Date(), ip }: Context = {}) {
  requireRoleFor(coordinator, 'nominations.deleteBatch');
  await db.transaction(async (tx) => {
    const batch = await lockOpenBatch(tx, batchId);
    // A signed scan is a file of this batch: taken back first, on the dossier page.
    const [scan] = await tx.select({ id: dossierScans.id }).from(dossierScans).where(eq(dossierScans.batchId, batchId)).limit(1);
    if (scan) throw new DomainError('nominations.errors.batchHasScans', undefined, 'CONFLICT');
    const released = await tx.update(nominations).set({ batchId: null, updatedAt: now }).where(eq(nominations.batchId, batchId)).returning({ id: nominations.id });
    await tx.delete(nominationBatches).where(eq(nominationBatches.id, batchId));
    await recordAudit(tx, {
      action: 'batch_deleted',
      actorId: coordinator.id,
      ip,
      subjectType: 'batch',
      subjectId: batchId,
      fromStatus: batch.status,
      details: { title: batch.title, nominationIds: released.map((n) => n.id) },
      at: now,
    });
  });
}

/** Puts Bằng khen nominations (draft or returned) into a batch that has not been sent yet. */
export async function addToBatch(db: Database, coordinator: SessionUser, batchId: number, nominationIds: number[], { now = new Date(), ip }: Context = {}) {
  requireRoleFor(coordinator, 'nominations.addToBatch');
  await db.transaction(async (tx) => {
    const batch = await lockOpenBatch(tx, batchId);
    for (const id of nominationIds) {
      const [n] = await tx.select().from(nominations).where(eq(nominations.id, id)).for('update');
      if (!n) throw DomainError.notFound();
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
  requireRoleFor(coordinator, 'nominations.sendBatch');
  await db.transaction(async (tx) => {
    const batch = await lockOpenBatch(tx, batchId);
    const members = await tx.select().from(nominations).where(eq(nominations.batchId, batchId)).for('update');
    if (members.length === 0) throw new DomainError('nominations.errors.batchEmpty', undefined, 'CONFLICT');
    // DESIGN.md: a batch is sent before the campaign's nominations deadline; late, it is refused.
    const campaign = await campaignOf(tx, batch);
    if (!areNominationsOpen(campaign, now)) {
      throw new DomainError('nominations.errors.nominationsClosed', undefined, 'CONFLICT', { date: formatDate(campaign.nominationsDueAt) });
    }
    for (const n of members) await changeNominationStatus(tx, coordinator, n.id, 'send', { now, ip });
    await changeBatchStatus(tx, coordinator, batchId, 'send', {
      now,
      ip,
      notice: { key: 'nominations.notices.batchSent', params: { title: batch.title, count: members.length }, link: '/app/appraisal', to: (t) => activeUsersWithRole(t, 'appraiser') },
    });
  });
}

/** Returned for supplement, the coordinator resends that one nomination (its batch stays sent). */
export async function resendNomination(db: Database, coordinator: SessionUser, nominationId: number, { now = new Date(), ip }: Context = {}) {
  requireRoleFor(coordinator, 'nominations.resend');
  await db.transaction((tx) =>
    changeNominationStatus(tx, coordinator, nominationId, 'send', {
      now,
      ip,
      // Only what Home Affairs returned goes again on its own; a draft goes with its batch.
      check: (n) => {
        if (n.status !== 'returned' || n.batchId === null) throw new DomainError('nominations.errors.wrongStatus', undefined, 'CONFLICT', { status: n.status });
      },
    }),
  );
}

/** The department decides its own Giấy khen: decision number and date, no Home Affairs. */
export async function decideInHouse(db: Database, coordinator: SessionUser, nominationId: number, decision: { number: string; date: string }, { now = new Date(), ip }: Context = {}) {
  requireRoleFor(coordinator, 'nominations.decideInHouse');
  if (!decision.number.trim()) throw new DomainError('nominations.errors.decisionNumber', 'decisionNumber');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(decision.date)) throw new DomainError('nominations.errors.decisionDate', 'decisionDate');
  await db.transaction((tx) =>
    changeNominationStatus(tx, coordinator, nominationId, 'decideInHouse', {
      now,
      ip,
      set: { decisionNumber: decision.number.trim(), decisionDate: decision.date },
      check: (n) => {
        if (n.awardForm !== 'department_certificate') throw new DomainError('nominations.errors.notInHouse', undefined, 'CONFLICT');
      },
      notice: toConcerned(nominationId, 'nominations.notices.approved', { decision: decision.number.trim() }),
    }),
  );
}

/** Home Affairs takes a sent nomination up. */
export async function startAppraisal(db: Database, appraiser: SessionUser, nominationId: number, { now = new Date(), ip }: Context = {}) {
  requireRoleFor(appraiser, 'nominations.startAppraisal');
  await db.transaction((tx) => changeNominationStatus(tx, appraiser, nominationId, 'startAppraisal', { now, ip }));
}

export async function returnForSupplement(db: Database, appraiser: SessionUser, nominationId: number, reason: string, { now = new Date(), ip }: Context = {}) {
  requireRoleFor(appraiser, 'nominations.returnForSupplement');
  const why = reason.trim();
  if (why.length < 5) throw new DomainError('nominations.errors.reasonRequired', 'reason');
  await db.transaction((tx) =>
    changeNominationStatus(tx, appraiser, nominationId, 'return', {
      now,
      ip,
      reason: why,
      notice: { key: 'nominations.notices.returned', params: { reason: why }, link: '/app/nominations', to: (t) => activeUsersWithRole(t, 'coordinator') },
    }),
  );
}

/** Records the Chairman's decision: number in the …/QĐ-UBND form and its date. */
export async function approveNomination(db: Database, appraiser: SessionUser, nominationId: number, decision: { number: string; date: string }, { now = new Date(), ip }: Context = {}) {
  requireRoleFor(appraiser, 'nominations.approve');
  const number = decision.number.trim();
  if (!decisionNumberPattern.test(number)) throw new DomainError('nominations.errors.decisionNumber', 'decisionNumber');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(decision.date) || Number.isNaN(Date.parse(decision.date))) throw new DomainError('nominations.errors.decisionDate', 'decisionDate');
  await db.transaction((tx) =>
    changeNominationStatus(tx, appraiser, nominationId, 'approve', {
      now,
      ip,
      set: { decisionNumber: number, decisionDate: decision.date },
      notice: toConcerned(nominationId, 'nominations.notices.approved', { decision: number }),
    }),
  );
}

export async function rejectNomination(db: Database, appraiser: SessionUser, nominationId: number, reason: string, { now = new Date(), ip }: Context = {}) {
  requireRoleFor(appraiser, 'nominations.reject');
  const why = reason.trim();
  if (why.length < 5) throw new DomainError('nominations.errors.reasonRequired', 'reason');
  await db.transaction((tx) =>
    changeNominationStatus(tx, appraiser, nominationId, 'reject', { now, ip, reason: why, notice: toConcerned(nominationId, 'nominations.notices.rejected', { reason: why }) }),
  );
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
  requireRoleFor(coordinator, 'nominations.updateBatchDetails');
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
    await lockOpenBatch(tx, batchId);
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
