import { describe, expect, it } from 'vitest';
import {
  competitionRanks,
  distribution,
  isSpreadFlagged,
  median,
  normaliseByScorer,
  quantile,
  sortedAscending,
  sortShort,
  standardDeviation,
  summarise,
  trimmedMean,
} from '../../../src/domain/scoring/statistics';

describe('the figures of one entry', () => {
  it('a single score is its own mean, median, minimum and maximum, with no standard deviation', () => {
    expect(summarise([70])).toEqual({
      count: 1,
      mean: 70,
      median: 70,
      standardDeviation: null,
      min: 70,
      max: 70,
      trimmedMean: null,
      spread: 0,
      result: 70,
    });
  });

  it('the median is the middle score of an odd count and the mean of the two middle ones of an even count', () => {
    expect(summarise([80, 60, 70]).median).toBe(70);
    expect(summarise([90, 60, 80, 70]).median).toBe(75);
    expect(median([61, 62])).toBe(61.5);
  });

  it('ties: equal scores have no spread and a standard deviation of 0', () => {
    const s = summarise([70, 70, 70]);
    expect(s).toMatchObject({ mean: 70, median: 70, standardDeviation: 0, min: 70, max: 70, spread: 0, result: 70 });
  });

  it('uses the sample standard deviation (n − 1)', () => {
    expect(standardDeviation([60, 70, 80])).toBe(10);
    expect(standardDeviation([40, 60])).toBeCloseTo(Math.sqrt(200), 12);
    expect(standardDeviation([55])).toBeNull();
  });

  it('the trimmed mean starts at exactly five scores, without one highest and one lowest, and then ranks', () => {
    const four = summarise([50, 60, 80, 100]);
    expect(four.trimmedMean).toBeNull();
    expect(four.result).toBe(72.5);

    const five = summarise([100, 50, 70, 60, 80]);
    expect(five.mean).toBe(72);
    expect(five.trimmedMean).toBe(70);
    expect(five.result).toBe(70);

    // Only one of each extreme goes, even when it is tied.
    expect(trimmedMean([40, 40, 70, 90, 90])).toBeCloseTo(200 / 3, 12);
  });

  it('flags a spread above the threshold, not one equal to it', () => {
    expect(summarise([60, 80]).spread).toBe(20);
    expect(isSpreadFlagged(20, 20)).toBe(false);
    expect(isSpreadFlagged(21, 20)).toBe(true);
    expect(isSpreadFlagged(0, 0)).toBe(false);
    expect(isSpreadFlagged(1, 0)).toBe(true);
  });
});

describe('quartiles and the box of a scorer', () => {
  it('interpolates linearly between neighbours, as Excel QUARTILE.INC does', () => {
    const sorted = [1, 2, 3, 4];
    expect(quantile(sorted, 0.25)).toBe(1.75);
    expect(quantile(sorted, 0.75)).toBe(3.25);
    expect(distribution([90, 40, 60, 50, 70])).toEqual({ count: 5, min: 40, q1: 50, median: 60, q3: 70, max: 90, mean: 62 });
    expect(distribution([65])).toEqual({ count: 1, min: 65, q1: 65, median: 65, q3: 65, max: 65, mean: 65 });
  });
});

describe('per-scorer normalisation', () => {
  it("removes a scorer's severity: a harsh and a lenient scorer with the same spread map to the same scores", () => {
    const harsh = [40, 50, 60].map((total) => ({ scorerId: 1, total }));
    const lenient = [70, 80, 90].map((total) => ({ scorerId: 2, total }));
    const { campaignMean, campaignStandardDeviation, normalised } = normaliseByScorer([...harsh, ...lenient]);
    // All six totals: mean 65, sample s.d. √(1750 / 5) = √350.
    expect(campaignMean).toBe(65);
    expect(campaignStandardDeviation).toBeCloseTo(Math.sqrt(350), 12);
    // Each scorer's three scores are z = −1, 0, 1, mapped back to 65 ∓ √350.
    const expected = [65 - Math.sqrt(350), 65, 65 + Math.sqrt(350)];
    normalised.slice(0, 3).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 10));
    normalised.slice(3).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 10));
  });

  it('gives a scorer with a single score, or with zero variance, z = 0: the campaign mean', () => {
    const scores = [
      { scorerId: 1, total: 40 },
      { scorerId: 1, total: 60 },
      { scorerId: 2, total: 95 }, // a single score
      { scorerId: 3, total: 30 }, // the same total every time
      { scorerId: 3, total: 30 },
    ];
    const { campaignMean, normalised } = normaliseByScorer(scores);
    expect(campaignMean).toBe(51);
    expect(normalised[2]).toBe(51);
    expect(normalised[3]).toBe(51);
    expect(normalised[4]).toBe(51);
    // Scorer 1's two scores sit symmetrically around the campaign mean.
    expect(normalised[0] + normalised[1]).toBeCloseTo(102, 10);
    expect(normalised[0]).toBeLessThan(51);
  });

  it('maps every score to the campaign mean when the campaign has one score or no spread at all', () => {
    expect(normaliseByScorer([{ scorerId: 1, total: 70 }])).toEqual({ campaignMean: 70, campaignStandardDeviation: null, normalised: [70] });
    const flat = normaliseByScorer([
      { scorerId: 1, total: 75 },
      { scorerId: 2, total: 75 },
    ]);
    expect(flat.normalised).toEqual([75, 75]);
    expect(normaliseByScorer([])).toEqual({ campaignMean: null, campaignStandardDeviation: null, normalised: [] });
  });

  it('clamps to the 0–100 scale', () => {
    const up = normaliseByScorer([
      ...[10, 10, 10, 10, 100].map((total) => ({ scorerId: 1, total })),
      ...[90, 95, 100].map((total) => ({ scorerId: 2, total })),
    ]);
    expect(up.normalised[4]).toBe(100);
    const down = normaliseByScorer([
      ...[90, 90, 90, 90, 0].map((total) => ({ scorerId: 1, total })),
      ...[10, 5, 0].map((total) => ({ scorerId: 2, total })),
    ]);
    expect(down.normalised[4]).toBe(0);
    for (const v of [...up.normalised, ...down.normalised]) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(100);
    }
  });
});

describe('ranks', () => {
  it('equal results share a rank and the next rank skips', () => {
    expect(competitionRanks([90, 80, 80, 70])).toEqual([1, 2, 2, 4]);
    expect(competitionRanks([50, 50, 50])).toEqual([1, 1, 1]);
    expect(competitionRanks([])).toEqual([]);
    // Sums of floats taken in different orders are still equal results.
    expect(competitionRanks([0.1 + 0.2, 0.3])).toEqual([1, 1]);
  });
});

describe('sorting', () => {
  it('sorts short and long lists ascending without changing the input', () => {
    const short = [70, 50, 90, 50, 60];
    expect(sortedAscending(short)).toEqual([50, 50, 60, 70, 90]);
    expect(short).toEqual([70, 50, 90, 50, 60]);
    const long = Array.from({ length: 40 }, (_, i) => (i * 37) % 101);
    expect(sortedAscending(long)).toEqual([...long].sort((a, b) => a - b));
    expect(sortedAscending([])).toEqual([]);
  });

  it('sorts a list of records in place by a comparison, keeping equal ones in their order', () => {
    const byScorer = (a: { scorerId: number }, b: { scorerId: number }) => a.scorerId - b.scorerId;
    const scores = [{ scorerId: 9, total: 1 }, { scorerId: 3, total: 2 }, { scorerId: 9, total: 3 }, { scorerId: 1, total: 4 }];
    expect(sortShort(scores, byScorer)).toBe(scores);
    expect(scores.map((s) => s.total)).toEqual([4, 2, 1, 3]);
    const many = Array.from({ length: 30 }, (_, i) => ({ scorerId: (i * 7) % 5, total: i }));
    expect(sortShort([...many], byScorer)).toEqual([...many].sort(byScorer));
  });
});
