import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Queryable } from '../../../db/client';
import { assignments, campaigns, entries, organisations, users, type Campaign, type Entry } from '../../../db/schema';
import { campaignForResults, campaignResults, parseCampaignParam, parseResultFilters } from '../../../src/domain/scoring/results';
import { actorFor } from '../../support/accounts';
import { useCountedDatabase } from '../../support/counted-database';
import { useTestDatabase } from '../../support/database';
import { createEntry } from '../../support/entries';

/** A scorer's task on an entry, straight into the database, submitted unless said otherwise. */
async function score(db: Queryable, entry: Entry, scorerId: number, total: number | null, status: 'draft' | 'submitted' | null = 'submitted') {
  const now = new Date('2024-10-01T08:00:00+07:00');
  await db.insert(assignments).values({
    entryId: entry.id,
    scorerId,
    assignedAt: now,
    scoreStatus: status,
    total,
    submittedAt: status === 'submitted' ? now : null,
  });
}

async function addScorers(db: Queryable, names: string[]): Promise<number[]> {
  const scorer1 = await actorFor(db, 'scorer1@demo.vn');
  const rows = await db
    .insert(users)
    .values(names.map((name) => ({ email: `scorer-${randomUUID()}@demo.vn`, name, role: 'scorer' as const, organisationId: scorer1.organisationId, passwordHash: '-' })))
    .returning({ id: users.id });
  return rows.map((r) => r.id);
}

async function addCampaign(db: Queryable, year: number, values: Partial<typeof campaigns.$inferInsert> = {}): Promise<Campaign> {
  const [campaign] = await db
    .insert(campaigns)
    .values({
      year,
      title: `Đợt thi đua ${year}`,
      submissionOpensAt: new Date(`${year}-02-01T00:00:00+07:00`),
      submissionClosesAt: new Date(`${year}-10-31T23:59:59+07:00`),
      scoringClosesAt: new Date(`${year}-11-30T23:59:59+07:00`),
      nominationsDueAt: new Date(`${year}-12-15T23:59:59+07:00`),
      ...values,
    })
    .returning();
  return campaign;
}

const handle = useTestDatabase();

describe('the results of a campaign', () => {
  it('count only submitted scores of entries being scored, scored or shortlisted, with their figures and ranks', async () => {
    const db = handle.db;
    const campaign = await addCampaign(db, 2030);
    const [s1, s2, s3, s4, s5] = await addScorers(db, ['Hoàng Minh Tuấn', 'Vũ Thị Lan', 'Đỗ Quang Huy', 'Ngô Thị Mai', 'Lý Văn Bình']);
    const entry = (values: Partial<Entry>) => createEntry(db, 'journalist@demo.vn', { campaignId: campaign.id, ...values });

    const a = await entry({ title: 'Một cửa điện tử ở Hạ Long', status: 'in_review', kind: 'article', pressType: 'television', parAreas: ['procedures', 'digital_government'] });
    await score(db, a, s1, 80);
    await score(db, a, s2, 70);
    await score(db, a, s3, 90);
    const b = await entry({ title: 'Sáng kiến “Tổ công nghệ số cộng đồng”', status: 'scored', kind: 'initiative', pressType: null, parAreas: ['institutions'] });
    await score(db, b, s1, 60);
    await score(db, b, s2, 60);
    await score(db, b, s3, 95, 'draft'); // a draft can still change: it does not count
    const c = await entry({ title: 'Cải cách thủ tục đất đai', status: 'shortlisted', kind: 'article', pressType: 'online', parAreas: ['procedures'] });
    for (const [scorer, total] of [[s1, 50], [s2, 60], [s3, 70], [s4, 80], [s5, 100]]) await score(db, c, scorer, total);
    // Not ranked: no submitted score yet; a status before scoring; another campaign.
    const waiting = await entry({ title: 'Chưa có điểm', status: 'in_review' });
    await score(db, waiting, s1, null, null);
    await score(db, waiting, s2, 85, 'draft');
    const confirmed = await entry({ title: 'Mới xác nhận', status: 'confirmed' });
    await score(db, confirmed, s1, 99);
    const elsewhere = await createEntry(db, 'journalist@demo.vn', { title: 'Đợt khác', status: 'in_review' });
    await score(db, elsewhere, s1, 100);

    const results = await campaignResults(db, campaign);
    expect(results.rankedCount).toBe(3);
    expect(results.rows.map((r) => [r.rank, r.entryId, r.status, r.count])).toEqual([
      [1, a.id, 'in_review', 3],
      [2, c.id, 'shortlisted', 5],
      [3, b.id, 'scored', 2],
    ]);
    const [ra, rc, rb] = results.rows;
    expect(ra).toMatchObject({ mean: 80, median: 80, standardDeviation: 10, min: 70, max: 90, trimmedMean: null, result: 80, spread: 20, flagged: false });
    expect(ra.title).toBe('Một cửa điện tử ở Hạ Long');
    expect(ra.organisationName).toBe('Báo Hạ Long điện tử');
    expect(rc).toMatchObject({ mean: 72, median: 70, min: 50, max: 100, trimmedMean: 70, result: 70, spread: 50, flagged: true });
    expect(rc.standardDeviation).toBeCloseTo(Math.sqrt(1480 / 4), 10);
    expect(rb).toMatchObject({ mean: 60, median: 60, standardDeviation: 0, min: 60, max: 60, result: 60, flagged: false });
    expect(rb.scores.map((s) => s.scorerName)).toEqual(['Hoàng Minh Tuấn', 'Vũ Thị Lan']);

    // The ten submitted totals of ranked entries: 80 70 90 60 60 50 60 70 80 100.
    expect(results.campaignMean).toBe(72);
    expect(results.scorers.map((s) => [s.name, s.count, s.min, s.max, s.mean])).toEqual([
      ['Đỗ Quang Huy', 2, 70, 90, 80],
      ['Hoàng Minh Tuấn', 3, 50, 80, 190 / 3],
      ['Lý Văn Bình', 1, 100, 100, 100],
      ['Ngô Thị Mai', 1, 80, 80, 80],
      ['Vũ Thị Lan', 3, 60, 70, 190 / 3],
    ]);
    // Scorers with one score count as the campaign mean after normalisation.
    const single = rc.scores.filter((s) => s.scorerId === s4 || s.scorerId === s5);
    expect(single.map((s) => s.normalised)).toEqual([72, 72]);

    expect(results.parAreaCounts).toEqual([
      { area: 'institutions', count: 1 },
      { area: 'procedures', count: 2 },
      { area: 'apparatus', count: 0 },
      { area: 'civil_service', count: 0 },
      { area: 'public_finance', count: 0 },
      { area: 'digital_government', count: 1 },
    ]);
  });

  it('filter by kind, press type and PAR area, ranking within the filter and keeping the overall rank and every figure', async () => {
    const db = handle.db;
    const [campaign] = await db.select().from(campaigns).where(eq(campaigns.year, 2030));
    const all = await campaignResults(db, campaign);
    const articles = await campaignResults(db, campaign, { kind: 'article' });
    expect(articles.rows.map((r) => [r.title, r.rank, r.overallRank])).toEqual([
      ['Một cửa điện tử ở Hạ Long', 1, 1],
      ['Cải cách thủ tục đất đai', 2, 2],
    ]);
    const initiatives = await campaignResults(db, campaign, { kind: 'initiative' });
    expect(initiatives.rows.map((r) => [r.title, r.rank, r.overallRank])).toEqual([['Sáng kiến “Tổ công nghệ số cộng đồng”', 1, 3]]);
    expect((await campaignResults(db, campaign, { pressType: 'online' })).rows.map((r) => [r.rank, r.overallRank])).toEqual([[1, 2]]);
    expect((await campaignResults(db, campaign, { parArea: 'procedures' })).rows.map((r) => r.title)).toEqual(['Một cửa điện tử ở Hạ Long', 'Cải cách thủ tục đất đai']);
    expect((await campaignResults(db, campaign, { kind: 'initiative', parArea: 'procedures' })).rows).toEqual([]);
    // Filtering changes no entry's figures: normalisation is over the whole campaign.
    const byId = new Map(all.rows.map((r) => [r.entryId, r]));
    for (const r of articles.rows) expect({ ...r, rank: 0 }).toEqual({ ...byId.get(r.entryId)!, rank: 0 });
    expect(articles.rankedCount).toBe(3);
    expect(articles.scorers).toEqual(all.scorers);
  });

  it('rank by the normalised result when the campaign says so, removing a harsh scorer’s severity', async () => {
    const db = handle.db;
    const raw = await addCampaign(db, 2031);
    const [harsh, lenient] = await addScorers(db, ['Người chấm chặt', 'Người chấm rộng']);
    const titles: Record<number, string> = {};
    for (const [scorer, totals, prefix] of [[harsh, [50, 40, 60], 'H'], [lenient, [85, 80, 90], 'L']] as const) {
      for (const [i, total] of totals.entries()) {
        const e = await createEntry(db, 'journalist@demo.vn', { campaignId: raw.id, status: 'scored', title: `${prefix}${i + 1}` });
        titles[e.id] = e.title;
        await score(db, e, scorer, total);
      }
    }
    const byRaw = await campaignResults(db, raw);
    expect(byRaw.rows.map((r) => [r.title, r.rank])).toEqual([['L3', 1], ['L1', 2], ['L2', 3], ['H3', 4], ['H1', 5], ['H2', 6]]);

    const [normalised] = await db.update(campaigns).set({ rankingBasis: 'normalised' }).where(eq(campaigns.id, raw.id)).returning();
    const byNormalised = await campaignResults(db, normalised);
    // Each scorer's best, middle and worst are equal after normalisation: shared ranks, the raw result breaking the order.
    expect(byNormalised.rows.map((r) => [r.title, r.rank])).toEqual([['L3', 1], ['H3', 1], ['L1', 3], ['H1', 3], ['L2', 5], ['H2', 5]]);
    const [l3, h3] = byNormalised.rows;
    expect(l3.normalisedResult).toBeCloseTo(h3.normalisedResult, 10);
    expect(l3.result).toBe(90);
    expect(h3.result).toBe(60);
    expect(l3.normalisedMean).toBeGreaterThan(h3.result);
  });
});

describe('choosing the campaign', () => {
  it('defaults to the current campaign, finds a named one, and refuses what is not an id', async () => {
    const db = handle.db;
    const current = await campaignForResults(db, undefined, new Date('2024-06-01T00:00:00Z'));
    expect(current?.year).toBe(2024);
    const [named] = await db.select().from(campaigns).where(eq(campaigns.year, 2030));
    expect((await campaignForResults(db, named.id))?.year).toBe(2030);
    expect(await campaignForResults(db, 999_999)).toBeUndefined();
    expect(await campaignForResults(db, Number.NaN)).toBeUndefined();
    expect(parseCampaignParam(new URLSearchParams(''))).toBeUndefined();
    expect(parseCampaignParam(new URLSearchParams('campaign=12'))).toBe(12);
    expect(parseCampaignParam(new URLSearchParams('campaign=1%3B%20drop'))).toBeNaN();
    expect(parseResultFilters(new URLSearchParams('kind=article&pressType=radio&parArea=apparatus'))).toEqual({ kind: 'article', pressType: 'radio', parArea: 'apparatus' });
    expect(parseResultFilters(new URLSearchParams('kind=poem&pressType=&parArea=x'))).toEqual({ kind: undefined, pressType: undefined, parArea: undefined });
  });
});

describe('the number of queries', () => {
  const counted = useCountedDatabase();

  it('is one for 3 entries as for 60, after a change as before', async () => {
    const { db, countQueries } = counted;
    const campaign = await addCampaign(db, 2032);
    const scorers = await addScorers(db, ['A', 'B', 'C']);
    const addEntries = async (from: number, to: number) => {
      for (let i = from; i < to; i++) {
        const e = await createEntry(db, 'journalist@demo.vn', { campaignId: campaign.id, status: 'in_review', title: `Bài ${i}`, parAreas: ['procedures'] });
        for (const [k, s] of scorers.entries()) await score(db, e, s, 50 + ((i * 7 + k * 13) % 50));
      }
    };
    await addEntries(0, 3);
    const few = await countQueries(() => campaignResults(db, campaign));
    await addEntries(3, 60);
    const many = await countQueries(async () => {
      const results = await campaignResults(db, campaign, { kind: 'article' });
      expect(results.rows).toHaveLength(60);
    });
    expect(few).toBe(1);
    expect(many).toBe(few);
    expect(await countQueries(() => campaignResults(db, campaign, { parArea: 'procedures' }))).toBe(1);
  });
});

describe('the ranking after a change', () => {
  /** Ranked before and after `change`: the figures a coordinator sees after it. */
  async function rankedAfter(db: Queryable, campaign: Campaign, change: () => Promise<unknown>) {
    await campaignResults(db, campaign);
    await change();
    return campaignResults(db, campaign);
  }

  it('are read again after any change the ranking shows, through whichever path it is made', async () => {
    const db = handle.db;
    const campaign = await addCampaign(db, 2033);
    const [s1, s2] = await addScorers(db, ['Trịnh Văn Nam', 'Phan Thị Hoa']);
    const a = await createEntry(db, 'journalist@demo.vn', { campaignId: campaign.id, status: 'in_review', title: 'Bài A' });
    const b = await createEntry(db, 'journalist@demo.vn', { campaignId: campaign.id, status: 'scored', title: 'Bài B' });
    await score(db, a, s1, 60);
    await score(db, b, s1, 80);

    // A score submitted, reopened (back to draft), and submitted with another total.
    let results = await rankedAfter(db, campaign, () => score(db, a, s2, 100));
    expect(results.rows.map((r) => [r.entryId, r.mean])).toEqual([[b.id, 80], [a.id, 80]]);
    const reopen = (total: number | null, status: 'draft' | 'submitted') =>
      db.update(assignments).set({ scoreStatus: status, total }).where(eq(assignments.scorerId, s2));
    results = await rankedAfter(db, campaign, () => reopen(null, 'draft'));
    expect(results.rows.map((r) => [r.entryId, r.mean])).toEqual([[b.id, 80], [a.id, 60]]);
    results = await rankedAfter(db, campaign, () => reopen(90, 'submitted'));
    expect(results.rows.find((r) => r.entryId === a.id)?.mean).toBe(75);

    // An entry's title changed, its status moved out of the ranked ones and back.
    results = await rankedAfter(db, campaign, () => db.update(entries).set({ title: 'Bài A, sửa tên' }).where(eq(entries.id, a.id)));
    expect(results.rows.find((r) => r.entryId === a.id)?.title).toBe('Bài A, sửa tên');
    results = await rankedAfter(db, campaign, () => db.update(entries).set({ status: 'withdrawn' }).where(eq(entries.id, b.id)));
    expect(results.rows.map((r) => r.entryId)).toEqual([a.id]);
    results = await rankedAfter(db, campaign, () => db.update(entries).set({ status: 'shortlisted' }).where(eq(entries.id, b.id)));
    expect(results.rows.map((r) => [r.entryId, r.status])).toEqual([[b.id, 'shortlisted'], [a.id, 'in_review']]);

    // The names shown: a scorer's, an organisation's.
    results = await rankedAfter(db, campaign, () => db.update(users).set({ name: 'Trịnh Văn Nam (Sở TT&TT)' }).where(eq(users.id, s1)));
    expect(results.scorers.map((s) => s.name)).toContain('Trịnh Văn Nam (Sở TT&TT)');
    results = await rankedAfter(db, campaign, () => db.update(organisations).set({ name: 'Báo Quảng Ninh điện tử' }).where(eq(organisations.id, a.organisationId)));
    expect(results.rows.map((r) => r.organisationName)).toEqual(['Báo Quảng Ninh điện tử', 'Báo Quảng Ninh điện tử']);

    // A deleted score.
    results = await rankedAfter(db, campaign, () => db.delete(assignments).where(eq(assignments.scorerId, s2)));
    expect(results.rows.find((r) => r.entryId === a.id)?.count).toBe(1);

    // An entry whose score was in before it was ranked: its status alone changes, and it counts.
    const late = await createEntry(db, 'journalist@demo.vn', { campaignId: campaign.id, status: 'confirmed', title: 'Bài D' });
    await score(db, late, s2, 30);
    results = await rankedAfter(db, campaign, () => db.update(entries).set({ status: 'in_review' }).where(eq(entries.id, late.id)));
    expect(results.rows.find((r) => r.entryId === late.id)?.mean).toBe(30);
    expect(results.scorers.find((s) => s.scorerId === s2)?.count).toBe(1);
  });

  it('are not taken from a transaction that was rolled back', async () => {
    const db = handle.db;
    const campaign = await addCampaign(db, 2034);
    const [s1, s2] = await addScorers(db, ['Mai Văn Tùng', 'Lê Thị Nga']);
    const a = await createEntry(db, 'journalist@demo.vn', { campaignId: campaign.id, status: 'in_review', title: 'Bài C' });
    await score(db, a, s1, 40);
    expect((await campaignResults(db, campaign)).rows[0].mean).toBe(40);
    const rolledBack = new Error('rolled back on purpose');
    await expect(
      db.transaction(async (tx) => {
        await score(tx, a, s2, 100);
        expect((await campaignResults(tx, campaign)).rows[0].mean).toBe(70);
        throw rolledBack;
      }),
    ).rejects.toBe(rolledBack);
    expect((await campaignResults(db, campaign)).rows[0].mean).toBe(40);
    // The next change is seen, whatever number its transaction gets.
    await score(db, a, s2, 60);
    expect((await campaignResults(db, campaign)).rows[0].mean).toBe(50);
  });
});
