import { and, asc, desc, eq, inArray, ne, notInArray } from 'drizzle-orm';
import type { Queryable } from '@db/client';
import { entries, entryAuthors, nominationBatches, nominationEntries, nominations, organisations, users } from '@db/schema';
import { nomineeColumns, withNominee } from './joins';

/** Nominations of a campaign with their nominee's name, newest first (one query). */
export function listNominations(db: Queryable, campaignId: number) {
  return withNominee(
    db
      .select({
        id: nominations.id,
        status: nominations.status,
        awardForm: nominations.awardForm,
        nomineeType: nominations.nomineeType,
        ...nomineeColumns,
        batchId: nominations.batchId,
        achievementSummary: nominations.achievementSummary,
        decisionNumber: nominations.decisionNumber,
        votesAgree: nominations.votesAgree,
        votesAgainst: nominations.votesAgainst,
        votesAbstaining: nominations.votesAbstaining,
      })
      .from(nominations)
      .$dynamic(),
  )
    .where(eq(nominations.campaignId, campaignId))
    .orderBy(desc(nominations.id));
}

export function listBatches(db: Queryable, campaignId?: number) {
  const query = db.select().from(nominationBatches).orderBy(desc(nominationBatches.id));
  return campaignId === undefined ? query.where(eq(nominationBatches.status, 'sent')) : query.where(eq(nominationBatches.campaignId, campaignId));
}

/**
 * Shortlisted entries of the campaign with their authors (people who may be nominated) and
 * organisation, in two queries.
 */
export async function nominatableEntries(db: Queryable, campaignId: number, forNomination?: number) {
  // An entry backs one nomination per campaign (one achievement, one award): only entries not
  // already used by another nomination are offered; editing one keeps its own.
  const used = db
    .select({ entryId: nominationEntries.entryId })
    .from(nominationEntries)
    .where(and(eq(nominationEntries.campaignId, campaignId), forNomination === undefined ? undefined : ne(nominationEntries.nominationId, forNomination)));
  const rows = await db
    .select({ id: entries.id, title: entries.title, collective: entries.collective, organisationId: entries.organisationId, organisationName: organisations.name })
    .from(entries)
    .innerJoin(organisations, eq(organisations.id, entries.organisationId))
    .where(and(eq(entries.campaignId, campaignId), eq(entries.status, 'shortlisted'), notInArray(entries.id, used)))
    .orderBy(asc(entries.title));
  const authors = rows.length
    ? await db
        .select({ entryId: entryAuthors.entryId, userId: users.id, name: users.name })
        .from(entryAuthors)
        .innerJoin(users, eq(users.id, entryAuthors.userId))
        .where(inArray(entryAuthors.entryId, rows.map((r) => r.id)))
    : [];
  return rows.map((r) => ({ ...r, authors: authors.filter((a) => a.entryId === r.id) }));
}

/** One nomination with its nominee and the entries it rests on. */
export async function nominationDetail(db: Queryable, nominationId: number) {
  const [row] = await withNominee(db.select({ nomination: nominations, ...nomineeColumns, userPosition: users.position }).from(nominations).$dynamic())
    .where(eq(nominations.id, nominationId));
  if (!row) return undefined;
  const backing = await db
    .select({ id: entries.id, title: entries.title, url: entries.url, status: entries.status })
    .from(nominationEntries)
    .innerJoin(entries, eq(entries.id, nominationEntries.entryId))
    .where(eq(nominationEntries.nominationId, nominationId))
    .orderBy(asc(entries.title));
  return { ...row, entries: backing };
}

/** The nominations of a batch that went to Home Affairs, for the appraisal inbox. */
export function nominationsOfBatch(db: Queryable, batchId: number) {
  return withNominee(
    db
      .select({
        id: nominations.id,
        status: nominations.status,
        awardForm: nominations.awardForm,
        ...nomineeColumns,
        achievementSummary: nominations.achievementSummary,
        decisionNumber: nominations.decisionNumber,
      })
      .from(nominations)
      .$dynamic(),
  )
    // A nominee the council's vote did not carry stays a draft in the sent batch: not Home Affairs' to see.
    .where(and(eq(nominations.batchId, batchId), ne(nominations.status, 'draft')))
    .orderBy(asc(nominations.id));
}
