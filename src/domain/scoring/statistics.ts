/**
 * The arithmetic of results (DESIGN.md "Scoring"), as plain functions on numbers so that every
 * rule is tested on known vectors. Totals are integers 0–100; nothing here rounds: the pages
 * and exports round for display only, so ranking never depends on a rounded figure.
 *
 * Standard deviations are sample standard deviations (n − 1): a panel's scores are a sample of
 * the judgements the entry could have received. One value has no spread to estimate (null).
 */

/** DESIGN.md: the result is the trimmed mean from this many scores up. */
export const trimmedMeanFrom = 5;

/** Two results closer than this are equal (sums of floats in different orders differ in the last bits). */
const tolerance = 1e-9;

/*
 * The loops over values are indexed: rankResults runs these for each of thousands of entries, and
 * `for…of` there allocated an iterator result per value (test/bench/ranking.ts).
 */

export function mean(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('mean of no values');
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return sum / values.length;
}

/** The sample standard deviation, or null for fewer than two values. */
export function standardDeviation(values: readonly number[]): number | null {
  if (values.length < 2) return null;
  const m = mean(values);
  let squares = 0;
  for (let i = 0; i < values.length; i++) squares += (values[i] - m) ** 2;
  return Math.sqrt(squares / (values.length - 1));
}

export function sortedAscending(values: readonly number[]): number[] {
  return sortShort(values.slice(), (a, b) => a - b);
}

/**
 * Sorts a list in place. An entry has a handful of scores: an insertion sort, run for each of
 * thousands of entries, costs a fraction of Array.prototype.sort, which allocates a work copy
 * on every call (test/bench/ranking.ts); longer lists go to Array.prototype.sort.
 */
export function sortShort<T>(list: T[], compare: (a: T, b: T) => number): T[] {
  if (list.length > 16) return list.sort(compare);
  for (let i = 1; i < list.length; i++) {
    const item = list[i];
    let j = i - 1;
    for (; j >= 0 && compare(list[j], item) > 0; j--) list[j + 1] = list[j];
    list[j + 1] = item;
  }
  return list;
}

/**
 * The p-quantile (0 ≤ p ≤ 1) of sorted values, interpolating linearly between neighbours (the
 * method of Excel's QUARTILE.INC and R's default, so a coordinator can check a figure by hand).
 */
export function quantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new RangeError('quantile of no values');
  const position = (sorted.length - 1) * p;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
}

/** The middle value; with an even count, the mean of the two middle values. */
export function median(sorted: readonly number[]): number {
  return quantile(sorted, 0.5);
}

/**
 * From five scores up, the mean without one highest and one lowest score (DESIGN.md: "trimmed
 * mean from 5 scorers up"), so a single outlying scorer cannot move the result much; below
 * five, dropping two scores would leave too little, and the result is the plain mean (null here).
 */
export function trimmedMean(sorted: readonly number[]): number | null {
  if (sorted.length < trimmedMeanFrom) return null;
  return mean(sorted.slice(1, -1));
}

export interface Summary {
  count: number;
  mean: number;
  median: number;
  standardDeviation: number | null;
  min: number;
  max: number;
  trimmedMean: number | null;
  /** max − min: how far the panel disagrees. */
  spread: number;
  /** What ranks: the trimmed mean where there is one, else the mean. */
  result: number;
}

/** The figures of one entry from its submitted totals (at least one). */
export function summarise(totals: readonly number[]): Summary {
  const sorted = sortedAscending(totals);
  const m = mean(sorted);
  const trimmed = trimmedMean(sorted);
  const min = sorted[0];
  const max = sorted[sorted.length - 1];
  return {
    count: sorted.length,
    mean: m,
    median: median(sorted),
    standardDeviation: standardDeviation(sorted),
    min,
    max,
    trimmedMean: trimmed,
    spread: max - min,
    result: trimmed ?? m,
  };
}

/**
 * DESIGN.md: entries whose scorers differ by more than the campaign's threshold are flagged for
 * discussion. "More than": a spread equal to the threshold is not flagged.
 */
export function isSpreadFlagged(spread: number, threshold: number): boolean {
  return spread > threshold;
}

/** The five figures of a box plot, and the mean, of one scorer's totals. */
export interface Distribution {
  count: number;
  min: number;
  q1: number;
  median: number;
  q3: number;
  max: number;
  mean: number;
}

export function distribution(values: readonly number[]): Distribution {
  const sorted = sortedAscending(values);
  return {
    count: sorted.length,
    min: sorted[0],
    q1: quantile(sorted, 0.25),
    median: median(sorted),
    q3: quantile(sorted, 0.75),
    max: sorted[sorted.length - 1],
    mean: mean(sorted),
  };
}

export interface ScoreTotal {
  scorerId: number;
  total: number;
}

export interface Normalisation {
  /** The mean and standard deviation of all submitted totals of the campaign. */
  campaignMean: number | null;
  campaignStandardDeviation: number | null;
  /** Each score on the 0–100 scale after removing its scorer's severity, in the input's order. */
  normalised: number[];
}

/**
 * Per-scorer normalisation (DESIGN.md: "optional per-scorer normalisation"), so that a harsh
 * scorer's 60 and a lenient scorer's 85 can mean the same thing:
 *
 * 1. each scorer's totals are standardised: z = (total − scorer's mean) / scorer's s.d.;
 * 2. z is mapped back to the 0–100 scale with the mean M and s.d. S of all submitted totals of
 *    the campaign: M + z·S, clamped to 0–100.
 *
 * A scorer with a single score, or who gave every entry the same total, has no spread to
 * standardise by: their z is 0, i.e. their scores count as the campaign mean M. When the
 * campaign's totals have no spread themselves (one score, or all equal) every score maps to M.
 */
export function normaliseByScorer(scores: readonly ScoreTotal[]): Normalisation {
  if (scores.length === 0) return { campaignMean: null, campaignStandardDeviation: null, normalised: [] };
  const all = scores.map((s) => s.total);
  const campaignMean = mean(all);
  const campaignSd = standardDeviation(all);

  const byScorer = new Map<number, number[]>();
  for (const s of scores) {
    const list = byScorer.get(s.scorerId);
    if (list) list.push(s.total);
    else byScorer.set(s.scorerId, [s.total]);
  }
  const scale = new Map<number, { mean: number; sd: number | null }>();
  for (const [scorerId, totals] of byScorer) {
    const sd = standardDeviation(totals);
    scale.set(scorerId, { mean: mean(totals), sd: sd !== null && sd > tolerance ? sd : null });
  }

  const normalised = scores.map((s) => {
    const { mean: m, sd } = scale.get(s.scorerId)!;
    const z = sd === null ? 0 : (s.total - m) / sd;
    return clamp(campaignMean + z * (campaignSd ?? 0), 0, 100);
  });
  return { campaignMean, campaignStandardDeviation: campaignSd, normalised };
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

/**
 * Standard competition ranking ("1, 2, 2, 4") of values already sorted best first: equal results
 * share a rank and the next rank skips.
 */
export function competitionRanks(sortedBestFirst: readonly number[]): number[] {
  const ranks: number[] = [];
  sortedBestFirst.forEach((value, i) => {
    ranks.push(i > 0 && Math.abs(sortedBestFirst[i - 1] - value) <= tolerance ? ranks[i - 1] : i + 1);
  });
  return ranks;
}

/** Descending order with the tolerance above, for sorting results. */
export function compareResults(a: number, b: number): number {
  return Math.abs(a - b) <= tolerance ? 0 : b - a;
}
