import { eq, inArray, sql } from 'drizzle-orm';
import { integer, pgTable, text } from 'drizzle-orm/pg-core';
import { rowsOf, type Queryable } from '../../../db/client';
import { assignments, entries, organisations, users } from '../../../db/schema';
import { rankedStatuses, type EntryRow, type ResultRows, type ScoreRow } from '../../../src/domain/scoring/results';

/**
 * The ranking's rows as src/domain/scoring/results.ts read them before issue 15 (commit b331c29),
 * kept here only so that test/bench/ranking.ts measures the old way beside the new one in one run:
 * each part's rows kept per database handle under a version that migration 0009's triggers moved
 * (db/migrations/0009_ranking_versions.sql, which the bench applies again to its throwaway database). Not used by the app.
 */
const rankingVersions = pgTable('ranking_versions', {
  campaignId: integer('campaign_id').primaryKey(),
  scoresChangedBy: text('scores_changed_by').notNull().default(''),
  entriesChangedBy: text('entries_changed_by').notNull().default(''),
});

type ScoresPart = Pick<ResultRows, 'scores' | 'scorerNames'>;

const keptRows = new WeakMap<
  Queryable,
  Map<
    number,
    {
      scoresVersion: string | null;
      scores: ScoresPart;
      entriesVersion: string | null;
      entries: readonly EntryRow[];
    }
  >
>();
const keptCampaigns = 4;

export async function keptResultRows(db: Queryable, campaignId: number): Promise<ResultRows> {
  const [current] = await db
    .select({
      scores: rankingVersions.scoresChangedBy,
      entries: rankingVersions.entriesChangedBy,
    })
    .from(rankingVersions)
    .where(eq(rankingVersions.campaignId, campaignId));
  const scoresVersion = current?.scores ?? null;
  const entriesVersion = current?.entries ?? null;
  let kept = keptRows.get(db);
  const last = kept?.get(campaignId);
  const [scores, entryRows] = await Promise.all([
    last && last.scoresVersion === scoresVersion ? last.scores : scoresPart(db, campaignId),
    last && last.entriesVersion === entriesVersion ? last.entries : rankedEntries(db, campaignId),
  ]);
  if (!kept) keptRows.set(db, (kept = new Map()));
  kept.delete(campaignId);
  kept.set(campaignId, {
    scoresVersion,
    scores,
    entriesVersion,
    entries: entryRows,
  });
  if (kept.size > keptCampaigns) kept.delete(kept.keys().next().value!);
  return { ...scores, entries: entryRows };
}

async function scoresPart(db: Queryable, campaignId: number): Promise<ScoresPart> {
  const scores = await rowsOf<ScoreRow>(
    db,
    sql`select ${assignments.id} as "assignmentId", ${assignments.entryId} as "entryId", ${assignments.scorerId} as "scorerId",
          ${assignments.total} as "total"
        from ${assignments}
        join ${entries} on ${entries.id} = ${assignments.entryId}
        where ${entries.campaignId} = ${campaignId}
          and ${assignments.scoreStatus} = 'submitted' and ${assignments.total} is not null`,
  );
  const ids = [...new Set(scores.map((score) => score.scorerId))];
  const rows = ids.length ? await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids)) : [];
  return {
    scores,
    scorerNames: new Map(rows.map((row) => [row.id, row.name])),
  };
}

function rankedEntries(db: Queryable, campaignId: number) {
  return rowsOf<EntryRow>(
    db,
    sql`select ${entries.id} as "entryId", ${entries.title} as "title", ${entries.kind} as "kind", ${entries.status} as "status",
          ${entries.pressType} as "pressType", ${entries.parAreas} as "parAreas", ${entries.collective} as "collective",
          ${organisations.name} as "organisationName"
        from ${entries}
        join ${organisations} on ${organisations.id} = ${entries.organisationId}
        where ${entries.campaignId} = ${campaignId} and ${inArray(entries.status, [...rankedStatuses])}`,
  );
}
