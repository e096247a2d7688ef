import { and, eq, inArray } from 'drizzle-orm';
import type { Database, Queryable } from '@db/client';
import { entries, entryAuthors, nominationEntries, nominations, type AwardForm, type CollectiveCriteria } from '@db/schema';
import type { SessionUser } from '@/auth/session';
import { recordAudit } from '@/domain/audit/record';
import type { Context } from '@/domain/context';
import { DomainError, type Problem } from '@/domain/errors';
import { oncePerFormKey } from '@/domain/form-keys';
import { requireRoleFor } from '@/domain/permissions';
import { isUniqueViolation } from '@/domain/postgres-errors';
import { nomineeColumns, nomineeName, withNominee } from './joins';
import { editableNominationStatuses } from './status';

export interface NominationInput {
  campaignId: number;
  nominee: { type: 'individual'; userId: number } | { type: 'collective'; organisationId: number };
  awardForm: AwardForm;
  entryIds: number[];
  achievementSummary: string;
  collectiveCriteria?: CollectiveCriteria;
  eligibilityDeclared: boolean;
}

const passingParIndex: CollectiveCriteria['parIndexRating'][] = ['excellent', 'good', 'fair', 'not_rated'];

/**
 * The rules a nomination must meet before it is stored (plan 40 III.2): entries shortlisted in
 * the campaign; an individual nominee is an author of every entry, a collective one the entries'
 * organisation; a collective Bằng khen meets the plan's criteria; the eligibility declaration.
 */
async function problemsOf(tx: Queryable, input: NominationInput): Promise<Problem[]> {
  const problems: Problem[] = [];
  const ids = [...new Set(input.entryIds)];
  if (ids.length === 0) problems.push({ field: 'entryIds', key: 'nominations.errors.entriesRequired' });
  const rows = ids.length
    ? await tx.select({ id: entries.id, status: entries.status, campaignId: entries.campaignId, organisationId: entries.organisationId }).from(entries).where(inArray(entries.id, ids))
    : [];
  if (rows.length !== ids.length || rows.some((r) => r.campaignId !== input.campaignId || r.status !== 'shortlisted')) {
    problems.push({ field: 'entryIds', key: 'nominations.errors.notShortlisted' });
  }
  if (input.nominee.type === 'individual') {
    const authors = ids.length ? await tx.select({ entryId: entryAuthors.entryId, userId: entryAuthors.userId }).from(entryAuthors).where(inArray(entryAuthors.entryId, ids)) : [];
    const userId = input.nominee.userId;
    if (!ids.every((id) => authors.some((a) => a.entryId === id && a.userId === userId))) {
      problems.push({ field: 'nominee', key: 'nominations.errors.notAuthor' });
    }
  } else {
    const organisationId = input.nominee.organisationId;
    if (rows.some((r) => r.organisationId !== organisationId)) problems.push({ field: 'nominee', key: 'nominations.errors.notOrganisation' });
    if (input.awardForm === 'provincial_certificate') {
      const c = input.collectiveCriteria;
      if (!c || !c.completedParTasks || !c.metEmulationContent || !passingParIndex.includes(c.parIndexRating)) {
        problems.push({ field: 'collectiveCriteria', key: 'nominations.errors.criteria' });
      }
    }
  }
  // Each message names its field (issue 16), in the reader's language (the label is a catalogue key).
  if (!input.achievementSummary.trim()) {
    problems.push({ field: 'achievementSummary', key: 'nominations.errors.missing', params: { field: 'nominationPages.fields.achievementSummary' } });
  }
  if (!input.eligibilityDeclared) problems.push({ field: 'eligibilityDeclared', key: 'nominations.errors.eligibility' });
  return problems;
}

/** The nomination that already rests on one of these entries, to name it in the refusal. */
async function holderOf(tx: Queryable, campaignId: number, entryIds: number[], except?: number) {
  const rows = await withNominee(
    tx
      .select({ nominationId: nominationEntries.nominationId, entryId: nominationEntries.entryId, ...nomineeColumns })
      .from(nominationEntries)
      .innerJoin(nominations, eq(nominations.id, nominationEntries.nominationId))
      .$dynamic(),
  )
    .where(and(eq(nominationEntries.campaignId, campaignId), inArray(nominationEntries.entryId, entryIds)));
  return rows.find((r) => r.nominationId !== except);
}

/** The nomination's own columns from the form: the nominee in one of its two columns, criteria for a collective only. */
function nominationColumns(input: NominationInput) {
  return {
    nomineeType: input.nominee.type,
    nomineeUserId: input.nominee.type === 'individual' ? input.nominee.userId : null,
    nomineeOrganisationId: input.nominee.type === 'collective' ? input.nominee.organisationId : null,
    awardForm: input.awardForm,
    achievementSummary: input.achievementSummary.trim(),
    collectiveCriteria: input.nominee.type === 'collective' ? input.collectiveCriteria : null,
    eligibilityDeclared: input.eligibilityDeclared,
  };
}

function oneAchievementRefusal(holder: { nominationId: number; userName: string | null; organisationName: string | null }) {
  return new DomainError('nominations.errors.alreadyNominated', 'entryIds', 'CONFLICT', {
    nomination: holder.nominationId,
    nominee: nomineeName(holder),
  });
}

export async function createNomination(db: Database, coordinator: SessionUser, input: NominationInput, { now = new Date(), ip, formKey }: Context = {}) {
  requireRoleFor(coordinator, 'nominations.create');
  try {
    return await db.transaction((tx) => oncePerFormKey(tx, coordinator, formKey, 'nomination', async () => {
      const problems = await problemsOf(tx, input);
      if (problems.length) throw DomainError.of(problems);
      const entryIds = [...new Set(input.entryIds)];
      const holder = await holderOf(tx, input.campaignId, entryIds);
      if (holder) throw oneAchievementRefusal(holder);
      const [row] = await tx
        .insert(nominations)
        .values({
          campaignId: input.campaignId,
          ...nominationColumns(input),
          createdById: coordinator.id,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: nominations.id });
      await tx.insert(nominationEntries).values(entryIds.map((entryId) => ({ nominationId: row.id, entryId, campaignId: input.campaignId })));
      await recordAudit(tx, { action: 'nomination_created', actorId: coordinator.id, ip, subjectType: 'nomination', subjectId: row.id, toStatus: 'draft', at: now });
      return row;
    }, { again: async (id) => (await tx.select({ id: nominations.id }).from(nominations).where(eq(nominations.id, id)))[0] }));
  } catch (error) {
    // Two coordinators racing for the same entry meet the unique index instead of the check.
    if (isUniqueViolation(error)) {
      const holder = await holderOf(db, input.campaignId, input.entryIds);
      if (holder) throw oneAchievementRefusal(holder);
    }
    throw error;
  }
}

/**
 * Changes a draft or returned nomination (the coordinator edits it after a request for supplement).
 * In a batch its award form stays the batch's: a batch holds Bằng khen nominations for Home
 * Affairs, and one that became a Giấy khen would be sent there, or decided in-house from a batch.
 */
export async function updateNomination(
  db: Database,
  coordinator: SessionUser,
  nominationId: number,
  input: NominationInput,
  { now = new Date(), ip }: Context = {},
) {
  requireRoleFor(coordinator, 'nominations.update');
  await db.transaction(async (tx) => {
    const [current] = await tx.select().from(nominations).where(eq(nominations.id, nominationId)).for('update');
    if (!current) throw DomainError.notFound();
    if (!editableNominationStatuses.includes(current.status)) throw new DomainError('nominations.errors.notEditable', undefined, 'CONFLICT');
    if (current.batchId !== null && input.awardForm !== current.awardForm) throw new DomainError('nominations.errors.awardFormInBatch', 'awardForm', 'CONFLICT');
    const problems = await problemsOf(tx, { ...input, campaignId: current.campaignId });
    if (problems.length) throw DomainError.of(problems);
    const entryIds = [...new Set(input.entryIds)];
    const holder = await holderOf(tx, current.campaignId, entryIds, nominationId);
    if (holder) throw oneAchievementRefusal(holder);
    await tx
      .update(nominations)
      .set({
        ...nominationColumns(input),
        updatedAt: now,
      })
      .where(eq(nominations.id, nominationId));
    await tx.delete(nominationEntries).where(eq(nominationEntries.nominationId, nominationId));
    await tx.insert(nominationEntries).values(entryIds.map((entryId) => ({ nominationId, entryId, campaignId: current.campaignId })));
    await recordAudit(tx, { action: 'nomination_updated', actorId: coordinator.id, ip, subjectType: 'nomination', subjectId: nominationId, at: now });
  });
}

/** Whether an entry backs a nomination (then it cannot leave the shortlist). */
export async function isNominated(db: Queryable, entryId: number): Promise<boolean> {
  const [row] = await db.select({ id: nominationEntries.nominationId }).from(nominationEntries).where(eq(nominationEntries.entryId, entryId)).limit(1);
  return Boolean(row);
}
