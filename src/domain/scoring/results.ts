import { eq, inArray, sql } from 'drizzle-orm';
import { rowsOf, type Queryable } from '@db/client';
import {
  assignments,
  campaigns,
  entries,
  entryKinds,
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
import { oneOf, parseId } from '@/domain/fields';
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

/** DESIGN.md "The flow": an entry is ranked from the moment scorers have it (in_review) to the shortlist and its outcome. */
export const rankedStatuses = ['in_review', 'scored', 'shortlisted', 'awarded', 'not_awarded'] as const satisfies readonly EntryStatus[];

export interface ResultFilters {
  kind?: EntryKind;
  pressType?: PressType;
  parArea?: ParArea;
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
 * The results and ranking of a campaign, in one query whatever the number of entries
 * (resultRows): the submitted totals with their scorers' names and the facts of their entries.
 * Statistics are computed here, not in SQL, so PostgreSQL and PGlite give the
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

/** What the results are computed from (resultRows), never changed by rankResults. */
export interface ResultRows {
  /** The submitted totals of the campaign's ranked entries. */
  readonly scores: readonly ScoreRow[];
  readonly scorerNames: ReadonlyMap<number, string>;
  readonly entries: readonly EntryRow[];
}

/**
 * The rows of a campaign's results, read afresh every time in one query: the ranked entries'
 * submitted totals, their scorers' names and the entries' facts, as one JSON document that
 * PostgreSQL builds and JSON.parse reads (decoding 6,000 rows of the driver's cost several times
 * that). At the scale the platform is for (2,000 entries × 3 scores) that and the statistics take
 * well under the 50 ms goal (test/bench/ranking.ts; README "Figures"), so nothing is kept between
 * two rankings and no change can be missed.
 */
export async function resultRows(db: Queryable, campaignId: number): Promise<ResultRows> {
  const ranked = sql`${entries.campaignId} = ${campaignId} and ${inRankedStatus}`;
  const submitted = sql`${assignments.scoreStatus} = 'submitted' and ${assignments.total} is not null`;
  const [{ rows }] = await rowsOf<{ rows: string }>(
    db,
    sql`with scores as materialized (
          select ${assignments.id} as a, ${assignments.entryId} as e, ${assignments.scorerId} as s, ${assignments.total} as t
          from ${assignments} join ${entries} on ${entries.id} = ${assignments.entryId}
          where ${ranked} and ${submitted}
        )
        select cast(json_build_object(
          'scores', (select coalesce(json_agg(json_build_array(a, e, s, t)), '[]') from scores),
          'names', (select coalesce(json_agg(json_build_array(${users.id}, ${users.name})), '[]') from ${users}
                    where ${users.id} in (select s from scores)),
          'entries', (select coalesce(json_agg(json_build_array(${entries.id}, ${entries.title}, ${entries.kind}, ${entries.status},
                        ${entries.pressType}, ${entries.parAreas}, ${entries.collective}, ${organisations.name})), '[]')
                      from ${entries} join ${organisations} on ${organisations.id} = ${entries.organisationId}
                      where ${ranked} and ${entries.id} in (select e from scores))
        ) as text) as "rows"`,
  );
  const read = JSON.parse(rows) as {
    scores: [number, number, number, number][];
    names: [number, string][];
    entries: [number, string, EntryKind, EntryStatus, PressType | null, ParArea[], boolean, string][];
  };
  return {
    scores: read.scores.map(([assignmentId, entryId, scorerId, total]) => ({ assignmentId, entryId, scorerId, total })),
    scorerNames: new Map(read.names),
    entries: read.entries.map(([entryId, title, kind, status, pressType, parAreas, collective, organisationName]) => ({
      entryId,
      title,
      kind,
      status,
      pressType,
      parAreas,
      collective,
      organisationName,
    })),
  };
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
