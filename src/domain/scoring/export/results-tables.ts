import { and, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '@db/client';
import { assignments, entries, scoreItems } from '@db/schema';
import { authorNames } from '@/domain/entries/queries';
import { rubricFor } from '@/domain/scoring/rubric';
import { campaignForResults, campaignResults, parseCampaignParam, parseResultFilters, rankedStatuses, type CampaignResults, type ResultFilters } from '@/domain/scoring/results';
import type { Translate } from '@/i18n';
import type { Cell, Column, Table } from './table';

const byName = new Intl.Collator('vi');

export interface ResultsExport {
  results: CampaignResults;
  /** Scores and comments per entry, in ranking order. */
  byEntry: Table;
  /** Every submitted score with its points per criterion and comment, per scorer. */
  byScorer: Table;
}

/**
 * The export the results page's download links ask for (`campaign` and the filters in `params`),
 * or undefined for an unknown campaign (the download answers 404).
 */
export async function resultsExportFor(db: Queryable, params: URLSearchParams, t: Translate) {
  const campaign = await campaignForResults(db, parseCampaignParam(params));
  return campaign && { campaign, ...(await resultsExport(db, campaign, parseResultFilters(params), t)) };
}

/**
 * What the coordinator downloads: the results page's figures with the scorers' comments and
 * points per criterion, in a fixed number of queries (the two of the results, the comments, the
 * points, the rubric, the authors) whatever the number of entries. The filters apply as on the page.
 */
export async function resultsExport(
  db: Queryable,
  campaign: CampaignResults['campaign'],
  filters: ResultFilters,
  t: Translate,
): Promise<ResultsExport> {
  const [results, details, points, criteria] = await Promise.all([
    campaignResults(db, campaign, filters),
    db
      .select({ assignmentId: assignments.id, comment: assignments.comment, submittedAt: assignments.submittedAt })
      .from(assignments)
      .innerJoin(entries, eq(entries.id, assignments.entryId))
      .where(and(eq(entries.campaignId, campaign.id), inArray(entries.status, [...rankedStatuses]), eq(assignments.scoreStatus, 'submitted'))),
    db
      .select({ assignmentId: scoreItems.assignmentId, criterionId: scoreItems.criterionId, points: scoreItems.points })
      .from(scoreItems)
      .innerJoin(assignments, eq(assignments.id, scoreItems.assignmentId))
      .innerJoin(entries, eq(entries.id, assignments.entryId))
      .where(and(eq(entries.campaignId, campaign.id), inArray(entries.status, [...rankedStatuses]), eq(assignments.scoreStatus, 'submitted'))),
    rubricFor(db, campaign.id),
  ]);
  const authors = await authorNames(db, results.rows.filter((r) => !r.collective).map((r) => r.entryId));
  const detailOf = new Map(details.map((d) => [d.assignmentId, d]));
  const pointsOf = new Map<number, Map<number, number>>();
  for (const p of points) {
    const map = pointsOf.get(p.assignmentId) ?? new Map<number, number>();
    map.set(p.criterionId, p.points);
    pointsOf.set(p.assignmentId, map);
  }
  const yesNo = (value: boolean) => t(value ? 'results.export.yes' : 'results.export.no');
  const column = (key: Parameters<Translate>[0], type: Column['type']): Column => ({ header: t(key), type });

  const byEntry: Table = {
    name: t('results.export.sheetByEntry'),
    columns: [
      column('results.export.rank', 'integer'),
      column('results.export.entryId', 'integer'),
      column('results.export.title', 'text'),
      column('results.export.kind', 'text'),
      column('results.export.pressType', 'text'),
      column('results.export.parAreas', 'text'),
      column('results.export.organisation', 'text'),
      column('results.export.authors', 'text'),
      column('results.export.status', 'text'),
      column('results.export.count', 'integer'),
      column('results.export.mean', 'decimal'),
      column('results.export.median', 'decimal'),
      column('results.export.standardDeviation', 'decimal'),
      column('results.export.min', 'integer'),
      column('results.export.max', 'integer'),
      column('results.export.trimmedMean', 'decimal'),
      column('results.export.normalisedMean', 'decimal'),
      column('results.export.result', 'decimal'),
      column('results.export.normalisedResult', 'decimal'),
      column('results.export.spread', 'integer'),
      column('results.export.flagged', 'text'),
      column('results.export.comments', 'longText'),
    ],
    rows: results.rows.map((r): Cell[] => [
      r.rank,
      r.entryId,
      r.title,
      t(`entries.kinds.${r.kind}`),
      r.pressType ? t(`entries.pressTypes.${r.pressType}`) : null,
      r.parAreas.map((a) => t(`entries.parAreas.${a}`)).join('; '),
      r.organisationName,
      r.collective ? t('entries.collective') : (authors.get(r.entryId) ?? []).join(', '),
      t(`entries.statuses.${r.status}`),
      r.count,
      r.mean,
      r.median,
      r.standardDeviation,
      r.min,
      r.max,
      r.trimmedMean,
      r.normalisedMean,
      r.result,
      r.normalisedResult,
      r.spread,
      yesNo(r.flagged),
      r.scores
        .map((s) => ({ name: s.scorerName, comment: detailOf.get(s.assignmentId)?.comment.trim() ?? '' }))
        .filter((c) => c.comment)
        .map((c) => `${c.name}: ${c.comment}`)
        .join('\n'),
    ]),
  };

  const scoreRows = results.rows
    .flatMap((r) => r.scores.map((s) => ({ entry: r, score: s })))
    .sort((a, b) => byName.compare(a.score.scorerName, b.score.scorerName) || a.score.scorerId - b.score.scorerId || a.entry.rank - b.entry.rank || a.entry.entryId - b.entry.entryId);
  const byScorer: Table = {
    name: t('results.export.sheetByScorer'),
    columns: [
      column('results.export.scorer', 'text'),
      column('results.export.entryId', 'integer'),
      column('results.export.title', 'text'),
      column('results.export.total', 'integer'),
      column('results.export.normalised', 'decimal'),
      ...criteria.map((c): Column => ({ header: t('results.export.criterion', { name: c.name, max: c.maxPoints }), type: 'integer' })),
      column('results.export.comment', 'longText'),
      column('results.export.submittedAt', 'text'),
    ],
    rows: scoreRows.map(({ entry, score }): Cell[] => {
      const detail = detailOf.get(score.assignmentId);
      const items = pointsOf.get(score.assignmentId);
      return [
        score.scorerName,
        entry.entryId,
        entry.title,
        score.total,
        score.normalised,
        ...criteria.map((c) => items?.get(c.id) ?? null),
        detail?.comment ?? '',
        detail?.submittedAt ? vietnamTime(detail.submittedAt) : null,
      ];
    }),
  };
  return { results, byEntry, byScorer };
}

/** `2024-10-01 14:30`, the province's wall-clock time: sortable, and what the scorer saw. */
function vietnamTime(instant: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Ho_Chi_Minh',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}
