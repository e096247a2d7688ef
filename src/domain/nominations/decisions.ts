import { and, eq, inArray } from 'drizzle-orm';
import type { Database, Queryable } from '@db/client';
import { dossierScans, entries, entryAuthors, nominationBatches, nominationEntries, nominations, users, type Nomination } from '@db/schema';
import type { SessionUser } from '@/auth/session';
import { recordAudit } from '@/domain/audit/record';
import type { Context } from '@/domain/context';
import { requireCampaign } from '@/domain/campaigns/current';
import { DomainError } from '@/domain/errors';
import { oncePerFormKey } from '@/domain/form-keys';
import { requireRoleFor } from '@/domain/permissions';
import type { MessageKey } from '@/i18n';
import { mayKnowNomination } from './rules';
import { carryOutcome, decisionFor, decisionProblems, outcomeChanged, sentAtOf, type DecisionInput } from './outcomes';
import { carriedNominations, sendingProblems } from './completeness';
import { meetingProblems, type CouncilMeeting } from './council';
import { postingProblems } from './posting';
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
    // Once posted, its list and the citizens' comments on it are a public record: kept.
    if (batch.postedAt) throw new DomainError('nominations.errors.batchPostedKept', undefined, 'CONFLICT', { title: batch.title });
    // A signed scan is a file of this batch: taken back first, on the dossier page.
    const [scan] = await tx.select({ id: dossierScans.id }).from(dossierScans).where(eq(dossierScans.batchId, batchId)).limit(1);
    if (scan) throw new DomainError('nominations.errors.batchHasScans', undefined, 'CONFLICT');
    // The council's votes were this batch's meeting: a nomination leaves without them.
    const released = await tx
      .update(nominations)
      .set({ batchId: null, votesAgree: null, votesAgainst: null, votesAbstaining: null, updatedAt: now })
      .where(eq(nominations.batchId, batchId))
      .returning({ id: nominations.id });
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

/**
 * Puts draft Bằng khen nominations into a batch that has not been sent yet. A nomination never
 * leaves a sent batch (DESIGN.md "The flow"): one returned for supplement is resent from its own
 * batch, never moved into another, or Home Affairs would see a nomination whose batch was never
 * sent and neither batch could be sent again.
 */
export async function addToBatch(db: Database, coordinator: SessionUser, batchId: number, nominationIds: number[], { now = new Date(), ip }: Context = {}) {
  requireRoleFor(coordinator, 'nominations.addToBatch');
  await db.transaction(async (tx) => {
    const batch = await lockOpenBatch(tx, batchId);
    // Its list is public once posted: a nominee added afterwards would skip the posting window.
    if (batch.postedAt) throw new DomainError('nominations.errors.batchPosted', 'nominationIds', 'CONFLICT', { title: batch.title });
    for (const id of nominationIds) {
      const [n] = await tx.select().from(nominations).where(eq(nominations.id, id)).for('update');
      if (!n) throw DomainError.notFound();
      if (n.batchId !== null && n.batchId !== batchId) {
        const [current] = await tx.select({ status: nominationBatches.status, title: nominationBatches.title }).from(nominationBatches).where(eq(nominationBatches.id, n.batchId));
        if (current?.status === 'sent') throw new DomainError('nominations.errors.inSentBatch', 'nominationIds', 'CONFLICT', { nomination: id, batch: current.title });
      }
      if (n.campaignId !== batch.campaignId || n.awardForm !== 'provincial_certificate' || n.status !== 'draft') {
        throw new DomainError('nominations.errors.notForBatch', 'nominationIds', 'CONFLICT', { nomination: id });
      }
      await tx.update(nominations).set({ batchId, updatedAt: now }).where(eq(nominations.id, id));
    }
    await recordAudit(tx, { action: 'batch_filled', actorId: coordinator.id, ip, subjectType: 'batch', subjectId: batchId, details: { nominationIds }, at: now });
  });
}

/**
 * Sends a batch to Home Affairs in one step: every nomination the council's vote carried moves
 * to sent (one it did not carry stays a draft, named "not proposed" in the minutes), the batch
 * becomes read-only for the coordinator, and the appraisers are told. Refused with every
 * problem at once while the dossier is incomplete (completeness.ts).
 */
export async function sendBatch(db: Database, coordinator: SessionUser, batchId: number, { now = new Date(), ip }: Context = {}) {
  requireRoleFor(coordinator, 'nominations.sendBatch');
  await db.transaction(async (tx) => {
    const batch = await lockOpenBatch(tx, batchId);
    await tx.select({ id: nominations.id }).from(nominations).where(eq(nominations.batchId, batchId)).for('update');
    const { facts, problems } = await sendingProblems(tx, batchId, now);
    if (problems.length) throw DomainError.of(problems, 'CONFLICT');
    const carried = carriedNominations(facts);
    for (const n of carried) await changeNominationStatus(tx, coordinator, n.id, 'send', { now, ip });
    await changeBatchStatus(tx, coordinator, batchId, 'send', {
      now,
      ip,
      notice: { key: 'nominations.notices.batchSent', params: { title: batch.title, count: carried.length }, link: '/app/appraisal', to: (t) => activeUsersWithRole(t, 'appraiser') },
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

/**
 * Records a decision on a nomination in the caller's step: the decision's fields checked
 * (outcomes.ts), the decision row found or made for the authority and year, the nomination
 * approved with it, and its entries moved to awarded.
 */
async function recordDecision(
  db: Database,
  actor: SessionUser,
  nominationId: number,
  step: 'approve' | 'decideInHouse',
  decision: DecisionInput,
  { now, ip, check }: { now: Date; ip?: string; check?: (n: Nomination) => void },
) {
  const number = decision.number.trim();
  const change = await db.transaction(async (tx) => {
    const [current] = await tx.select().from(nominations).where(eq(nominations.id, nominationId));
    if (!current || !mayKnowNomination(actor, current)) throw DomainError.notFound();
    // The Chairman's decision for what Home Affairs appraised; the department's own for the rest.
    const form = step === 'approve' ? 'provincial_certificate' : 'department_certificate';
    const problems = decisionProblems(form, decision, { now, sentAt: step === 'approve' ? await sentAtOf(tx, current) : null });
    if (problems.length) throw DomainError.of(problems);
    await changeNominationStatus(tx, actor, nominationId, step, {
      now,
      ip,
      check,
      set: { decisionNumber: number, decisionDate: decision.date },
      // The decision row is found or made once the step is known to be allowed, under the nomination's lock.
      before: async (n) => ({ decisionId: await decisionFor(tx, actor, n, { number, date: decision.date }, now) }),
      notice: toConcerned(nominationId, 'nominations.notices.approved', { decision: number }),
    });
    return carryOutcome(tx, actor, nominationId, 'award', now, ip);
  });
  await outcomeChanged(db, change);
}

/** The department decides its own Giấy khen: decision number and date, no Home Affairs. */
export async function decideInHouse(db: Database, coordinator: SessionUser, nominationId: number, decision: DecisionInput, { now = new Date(), ip }: Context = {}) {
  requireRoleFor(coordinator, 'nominations.decideInHouse');
  await recordDecision(db, coordinator, nominationId, 'decideInHouse', decision, {
    now,
    ip,
    check: (n) => {
      if (n.awardForm !== 'department_certificate') throw new DomainError('nominations.errors.notInHouse', undefined, 'CONFLICT');
    },
  });
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

/** Records the Chairman's decision: number in the …/QĐ-UBND form and its date, not before the batch was sent. */
export async function approveNomination(db: Database, appraiser: SessionUser, nominationId: number, decision: DecisionInput, { now = new Date(), ip }: Context = {}) {
  requireRoleFor(appraiser, 'nominations.approve');
  await recordDecision(db, appraiser, nominationId, 'approve', decision, { now, ip });
}

/** Home Affairs rejects: the entries the nomination rests on are not awarded. */
export async function rejectNomination(db: Database, appraiser: SessionUser, nominationId: number, reason: string, { now = new Date(), ip }: Context = {}) {
  requireRoleFor(appraiser, 'nominations.reject');
  const why = reason.trim();
  if (why.length < 5) throw new DomainError('nominations.errors.reasonRequired', 'reason');
  const change = await db.transaction(async (tx) => {
    await changeNominationStatus(tx, appraiser, nominationId, 'reject', { now, ip, reason: why, notice: toConcerned(nominationId, 'nominations.notices.rejected', { reason: why }) });
    return carryOutcome(tx, appraiser, nominationId, 'notAward', now, ip);
  });
  await outcomeChanged(db, change);
}

/**
 * The council meeting and the proposal letter's number and date (council.ts `councilMeetingForm`):
 * what the letter and the minutes say beyond the nominations. Editable until the batch is sent;
 * what cannot be true of any meeting is refused here, what is still missing on sending.
 */
export async function updateBatchDetails(db: Database, coordinator: SessionUser, batchId: number, meeting: CouncilMeeting, { now = new Date(), ip }: Context = {}) {
  requireRoleFor(coordinator, 'nominations.updateBatchDetails');
  const problems = meetingProblems(meeting);
  if (problems.length) throw DomainError.of(problems);
  await db.transaction(async (tx) => {
    const batch = await lockOpenBatch(tx, batchId);
    const blank = (v: string) => v.trim() || null;
    const posting = await postingProblems(tx, batch, { meetingDate: blank(meeting.meetingDate), now });
    if (posting.length) throw DomainError.of(posting);
    await tx
      .update(nominationBatches)
      .set({
        proposalNumber: blank(meeting.proposalNumber),
        proposalDate: blank(meeting.proposalDate),
        meetingDate: blank(meeting.meetingDate),
        meetingPlace: blank(meeting.meetingPlace),
        meetingChair: blank(meeting.meetingChair),
        meetingSecretary: blank(meeting.meetingSecretary),
        councilMembership: meeting.councilMembership,
        membersPresentCount: meeting.membersPresentCount,
        membersPresent: blank(meeting.membersPresent),
        quorumRule: meeting.quorumRule,
        approvalPercent: meeting.approvalPercent,
        approvalBase: meeting.approvalBase,
        votingMethod: meeting.votingMethod,
      })
      .where(eq(nominationBatches.id, batchId));
    const members = new Set((await tx.select({ id: nominations.id }).from(nominations).where(eq(nominations.batchId, batchId))).map((n) => n.id));
    for (const [id, vote] of Object.entries(meeting.votes)) {
      // Only nominations of this batch: an id from another batch in the form changes nothing.
      if (!members.has(Number(id))) continue;
      await tx
        .update(nominations)
        .set({ votesAgree: vote.for, votesAgainst: vote.against, votesAbstaining: vote.abstaining, updatedAt: now })
        .where(eq(nominations.id, Number(id)));
    }
    await recordAudit(tx, { action: 'batch_details_updated', actorId: coordinator.id, ip, subjectType: 'batch', subjectId: batchId, details: { ...meeting }, at: now });
  });
}
