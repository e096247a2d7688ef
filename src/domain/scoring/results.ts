import { eq, inArray, sql } from 'drizzle-orm';
import { rowsOf, type Queryable } from '@db/client';
import {
  assignments,
  campaigns,
  entries,
  entryKinds,
  rankingVersions,
  organisations,
  parAreas,
  pressTypes,
  users,
  type Campaign,
  type EntryKind,
  type EntryStatus,
  type ParArea,
  type PressType,
} from '@db/schema';
import { currentCampaign } from '@/domain/campaigns/current';
import { parseId } from '@/domain/fields';
import {
  compareResults,
  competitionRanks,
  distribution,
  isSpreadFlagged,
  mean,
  normaliseByScorer,
  summarise,
  trimmedMean,
  sortedAscending,
  sortShort,
  type Distribution,
  type Summary,
} from './statistics';

/** DESIGN.md "The flow": an entry is ranked from the moment scorers have it (in_review) to the shortlist. */
export const rankedStatuses = ['in_review', 'scored', 'shortlisted'] as const satisfies readonly EntryStatus[];

export interface ResultFilters {
  kind?: EntryKind;
  pressType?: PressType;
  parArea?: ParArea;
}

function oneOf<T extends string>(allowed: readonly T[], value: string | null): T | undefined {
  return allowed.includes(value as T) ? (value as T) : undefined;
}

/** The filters of the results page and its downloads, from the query string; unknown values are ignored. */
export function parseResultFilters(params: URLSearchParams): ResultFilters {
  return {
    kind: oneOf(entryKinds, params.get('kind')),
    pressType: oneOf(pressTypes, params.get('pressType')),
    parArea: oneOf(parAreas, params.get('parArea')),
  };
}

/** `?campaign=<id>`: a row id, or undefined when absent; NaN when present but not an id (not found). */
export function parseCampaignParam(params: URLSearchParams): number | undefined {
  const value = params.get('campaign');
  if (value === null || value === '') return undefined;
  return parseId(value) ?? Number.NaN;
}

/**
 * The campaign a results view is about: the one named by `?campaign=<id>`, or the current one
 * (src/domain/campaigns/current.ts) when none is named. Undefined: not found, or no campaign yet.
 */
export async function campaignForResults(db: Queryable, id: number | undefined, now = new Date()): Promise<Campaign | undefined> {
  if (id === undefined) return currentCampaign(db, now);
  if (!Number.isInteger(id)) return undefined;
  const [campaign] = await db.select().from(campaigns).where(eq(campaigns.id, id));
  return campaign;
}

/** The query string that reproduces a view (for links and downloads). */
export function resultsQuery(campaignId: number, filters: ResultFilters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({ campaign: String(campaignId) });
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return params.toString();
}

export interface ScoreResult {
  assignmentId: number;
  scorerId: number;
  scorerName: string;
  total: number;
  /** The score after per-scorer normalisation (statistics.ts `normaliseByScorer`). */
  normalised: number;
}

/** An entry's facts (the row it was read from) with its figures. */
export interface EntryResult extends Summary, EntryRow {
  /** The mean of the normalised scores, trimmed from five up like the raw result. */
  normalisedMean: number;
  normalisedResult: number;
  flagged: boolean;
  /** The result that ranks, by the campaign's ranking basis. */
  basis: number;
  /** Rank among all ranked entries of the campaign, and within the filtered list. */
  overallRank: number;
  rank: number;
  scores: ScoreResult[];
}

export interface ScorerResult extends Distribution {
  scorerId: number;
  name: string;
}

export interface CampaignResults {
  campaign: Pick<Campaign, 'id' | 'year' | 'title' | 'rankingBasis' | 'spreadThreshold'>;
  filters: ResultFilters;
  campaignMean: number | null;
  campaignStandardDeviation: number | null;
  /** Entries ranked in the whole campaign, whatever the filters. */
  rankedCount: number;
  /** The filtered ranking, best first. */
  rows: EntryResult[];
  /** Each scorer's totals, for seeing severity: the whole campaign, by name. */
  scorers: ScorerResult[];
  /** Ranked entries of the whole campaign per PAR area (an entry in two areas counts in both). */
  parAreaCounts: { area: ParArea; count: number }[];
}

/**
 * The results and ranking of a campaign, in a fixed number of queries whatever the number of
 * entries (resultRows): the submitted totals, their scorers' names, and the facts of the entries
 * they belong to. Statistics are computed here, not in SQL, so PostgreSQL and PGlite give the
 * same figures and statistics.ts is the one place the rules live.
 *
 * Only submitted scores count (a draft can still change), and only those of entries in a ranked
 * status, so that every figure on the page comes from the entries it lists. Normalisation always
 * runs over the whole campaign, never over the filtered list: a filter must not change a figure.
 */
export async function campaignResults(
  db: Queryable,
  campaign: CampaignResults['campaign'],
  filters: ResultFilters = {},
): Promise<CampaignResults> {
  return rankResults(campaign, await resultRows(db, campaign.id), filters);
}

/** What the results are computed from. Shared between calls (keptRows): never changed after reading. */
export interface ResultRows {
  /** The submitted totals of the campaign's entries, ranked or not: rankResults keeps those of `entries`. */
  readonly scores: readonly ScoreRow[];
  readonly scorerNames: ReadonlyMap<number, string>;
  readonly entries: readonly EntryRow[];
}

type ScoresPart = Pick<ResultRows, 'scores' | 'scorerNames'>;

/**
 * The rows read last for each campaign, each part with the version it was read at (db/schema
 * scoring.ts rankingVersions), per database handle: a transaction has its own, gone with it, and
 * PGlite instances in one process number their transactions alike. Reading 5,000 entries' rows
 * costs more than ranking them (test/bench/ranking.ts), and they change a part at a time: a score
 * submitted leaves the entries as they were.
 */
const keptRows = new WeakMap<Queryable, Map<number, { scoresVersion: string | null; scores: ScoresPart; entriesVersion: string | null; entries: readonly EntryRow[] }>>();
/** A few megabytes each at 5,000 entries: the campaigns viewed last are kept, older years are read again. */
const keptCampaigns = 4;

/**
 * The rows of a campaign's results: one query for the versions, then, for each part whose version
 * moved since the last read, its rows (scores with their scorers' names: two queries; entries:
 * one). The versions are read before the rows, so rows kept under a version are never older than it.
 */
export async function resultRows(db: Queryable, campaignId: number): Promise<ResultRows> {
  const [current] = await db
    .select({ scores: rankingVersions.scoresChangedBy, entries: rankingVersions.entriesChangedBy })
    .from(rankingVersions)
    .where(eq(rankingVersions.campaignId, campaignId));
  const scoresVersion = current?.scores ?? null;
  const entriesVersion = current?.entries ?? null;
  let kept = keptRows.get(db);
  const last = kept?.get(campaignId);
  const [scores, entries] = await Promise.all([
    last && last.scoresVersion === scoresVersion ? last.scores : scoresPart(db, campaignId),
    last && last.entriesVersion === entriesVersion ? last.entries : rankedEntries(db, campaignId),
  ]);
  if (!kept) keptRows.set(db, (kept = new Map()));
  kept.delete(campaignId); // a Map keeps insertion order: the first key is then the one viewed longest ago
  kept.set(campaignId, { scoresVersion, scores, entriesVersion, entries });
  if (kept.size > keptCampaigns) kept.delete(kept.keys().next().value!);
  return { ...scores, entries };
}

async function scoresPart(db: Queryable, campaignId: number): Promise<ScoresPart> {
  const scores = await submittedScores(db, campaignId);
  return { scores, scorerNames: await namesOf(db, scores) };
}

/** An entry's scores in the order of their scorers, whatever order the rows came in. */
const byScorer = (a: ScoreResult, b: ScoreResult) => a.scorerId - b.scorerId;

/** Scorer names in Vietnamese alphabetical order (one collator: creating one per comparison is slow). */
const byName = new Intl.Collator('vi');

/** The statistics and ranks from the rows (resultRows): plain computation, no database, and the rows are left as they were. */
export function rankResults(
  campaign: CampaignResults['campaign'],
  { scores, scorerNames, entries: entryRows }: ResultRows,
  filters: ResultFilters = {},
): CampaignResults {
  const ranked = new Set(entryRows.map((entry) => entry.entryId));
  const scoreRows = scores.filter((score) => ranked.has(score.entryId));
  const { normalised, campaignMean, campaignStandardDeviation } = normaliseByScorer(scoreRows);
  const scoresByEntry = new Map<number, ScoreResult[]>();
  const totalsByScorer = new Map<number, { name: string; totals: number[] }>();
  scoreRows.forEach((row, i) => {
    const scorerName = scorerNames.get(row.scorerId) ?? '';
    const score: ScoreResult = { assignmentId: row.assignmentId, scorerId: row.scorerId, scorerName, total: row.total, normalised: normalised[i] };
    const list = scoresByEntry.get(row.entryId);
    if (list) list.push(score);
    else scoresByEntry.set(row.entryId, [score]);
    const scorer = totalsByScorer.get(row.scorerId);
    if (scorer) scorer.totals.push(row.total);
    else totalsByScorer.set(row.scorerId, { name: scorerName, totals: [row.total] });
  });

  const useNormalised = campaign.rankingBasis === 'normalised';
  const all: EntryResult[] = [];
  for (const entry of entryRows) {
    const scores = scoresByEntry.get(entry.entryId);
    if (!scores) continue;
    sortShort(scores, byScorer);
    const s = summarise(scores.map((score) => score.total));
    const normalisedSorted = sortedAscending(scores.map((score) => score.normalised));
    const normalisedMean = mean(normalisedSorted);
    const normalisedResult = trimmedMean(normalisedSorted) ?? normalisedMean;
    // Spelt out rather than spread: one object shape for all rows keeps 5,000 of them cheap.
    all.push({
      entryId: entry.entryId,
      title: entry.title,
      kind: entry.kind,
      status: entry.status,
      pressType: entry.pressType,
      parAreas: entry.parAreas,
      collective: entry.collective,
      organisationName: entry.organisationName,
      count: s.count,
      mean: s.mean,
      median: s.median,
      standardDeviation: s.standardDeviation,
      min: s.min,
      max: s.max,
      trimmedMean: s.trimmedMean,
      spread: s.spread,
      result: s.result,
      normalisedMean,
      normalisedResult,
      flagged: isSpreadFlagged(s.spread, campaign.spreadThreshold),
      basis: useNormalised ? normalisedResult : s.result,
      overallRank: 0,
      rank: 0,
      scores,
    });
  }
  // Equal results are broken for the order of the list only (they share a rank): by the other
  // basis, then by the number of scores in, then by the entry's number.
  all.sort(
    (a, b) =>
      compareResults(a.basis, b.basis) ||
      (useNormalised ? compareResults(a.result, b.result) : compareResults(a.normalisedResult, b.normalisedResult)) ||
      b.count - a.count ||
      a.entryId - b.entryId,
  );
  competitionRanks(all.map((r) => r.basis)).forEach((rank, i) => (all[i].overallRank = rank));

  const rows = all.filter(
    (r) =>
      (!filters.kind || r.kind === filters.kind) &&
      (!filters.pressType || r.pressType === filters.pressType) &&
      (!filters.parArea || r.parAreas.includes(filters.parArea)),
  );
  competitionRanks(rows.map((r) => r.basis)).forEach((rank, i) => (rows[i].rank = rank));

  const scorers = [...totalsByScorer]
    .map(([scorerId, { name, totals }]) => ({ scorerId, name, ...distribution(totals) }))
    .sort((a, b) => byName.compare(a.name, b.name) || a.scorerId - b.scorerId);

  const perArea = new Map<ParArea, number>(parAreas.map((area) => [area, 0]));
  for (const r of all) {
    r.parAreas.forEach((area, i) => {
      if (r.parAreas.indexOf(area) === i) perArea.set(area, (perArea.get(area) ?? 0) + 1);
    });
  }

  return {
    campaign: {
      id: campaign.id,
      year: campaign.year,
      title: campaign.title,
      rankingBasis: campaign.rankingBasis,
      spreadThreshold: campaign.spreadThreshold,
    },
    filters,
    campaignMean,
    campaignStandardDeviation,
    rankedCount: all.length,
    rows,
    scorers,
    parAreaCounts: [...perArea].map(([area, count]) => ({ area, count })),
  };
}

/*
 * The big queries are written as SQL and read as plain rows: at 5,000 entries, drizzle's mapping
 * of each selected row (20,000 of them) took as long as PostgreSQL's whole answer (test/bench).
 */

export interface ScoreRow {
  assignmentId: number;
  entryId: number;
  scorerId: number;
  total: number;
}

export interface EntryRow {
  entryId: number;
  title: string;
  kind: EntryKind;
  status: EntryStatus;
  pressType: PressType | null;
  parAreas: readonly ParArea[];
  collective: boolean;
  organisationName: string;
}

const inRankedStatus = inArray(entries.status, [...rankedStatuses]);

/**
 * Submitted totals of the campaign's entries, one row per scorer × entry, in no order: sorting
 * 15,000 rows cost PostgreSQL three times the query itself, and rankResults groups them. Whatever
 * the entry's status, so that an entry's status changing does not make them be read again.
 * Numbers only: decoding the scorer's name on each of 15,000 rows cost as much as the rest of the
 * answer, so the few names are read once (namesOf).
 */
function submittedScores(db: Queryable, campaignId: number) {
  return rowsOf<ScoreRow>(
    db,
    sql`select ${assignments.id} as "assignmentId", ${assignments.entryId} as "entryId", ${assignments.scorerId} as "scorerId",
          ${assignments.total} as "total"
        from ${assignments}
        join ${entries} on ${entries.id} = ${assignments.entryId}
        where ${entries.campaignId} = ${campaignId}
          and ${assignments.scoreStatus} = 'submitted' and ${assignments.total} is not null`,
  );
}

/** The campaign's entries in a ranked status, in no order; rankResults leaves out those without a submitted score. */
function rankedEntries(db: Queryable, campaignId: number) {
  return rowsOf<EntryRow>(
    db,
    sql`select ${entries.id} as "entryId", ${entries.title} as "title", ${entries.kind} as "kind", ${entries.status} as "status",
          ${entries.pressType} as "pressType", ${entries.parAreas} as "parAreas", ${entries.collective} as "collective",
          ${organisations.name} as "organisationName"
        from ${entries}
        join ${organisations} on ${organisations.id} = ${entries.organisationId}
        where ${entries.campaignId} = ${campaignId} and ${inRankedStatus}`,
  );
}

/** The names of the scorers of these scores. */
async function namesOf(db: Queryable, scores: readonly ScoreRow[]): Promise<Map<number, string>> {
  const ids = [...new Set(scores.map((score) => score.scorerId))];
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids));
  return new Map(rows.map((row) => [row.id, row.name]));
}
