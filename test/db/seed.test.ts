import { asc, count, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { assignments, campaigns, entries, entryAuthors, entryStatuses, galleryItems, nominationBatches, nominations, organisations, users } from '../../db/schema';
import { vietnamDay } from '../../src/domain/campaigns/campaigns';
import { seedDemo } from '../../db/seed/demo';
import { parseGalleryFilters, searchGallery } from '../../src/domain/gallery/queries';
import { missingForSubmission } from '../../src/domain/entries/completeness';
import { pressRuleProblems } from '../../src/domain/entries/rules';
import { enteredStatuses } from '../../src/domain/entries/status';
import { emptyDatabase } from '../support/database';

describe('the demo seed', () => {
  // One seeded database for the whole describe: seeding three years takes seconds.
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await emptyDatabase();
  }, 60_000);
  afterAll(() => handle?.close());

  it('seeds three years of the movement once, quickly, and a second run changes nothing', async () => {
    {
      const counts = async () => ({
        users: (await handle.db.select({ n: count() }).from(users))[0].n,
        organisations: (await handle.db.select({ n: count() }).from(organisations))[0].n,
        campaigns: (await handle.db.select({ n: count() }).from(campaigns))[0].n,
      });
      const started = Date.now();
      expect(await seedDemo(handle.db)).toBe('seeded');
      // npm start on an empty database must answer within a minute: the seed is a small part of it.
      expect(Date.now() - started).toBeLessThan(40_000);
      const first = await counts();
      expect(await seedDemo(handle.db)).toBe('skipped');
      expect(await counts()).toEqual(first);
      expect(first.organisations).toBe(13);

      // Three movements: 2024 and 2025 closed and awarded, 2026 open into the next spring.
      const years = await handle.db.select().from(campaigns).orderBy(asc(campaigns.year));
      expect(years.map((c) => [c.year, vietnamDay(c.submissionClosesAt), vietnamDay(c.nominationsDueAt), c.proposalSymbol])).toEqual([
        [2024, '2024-10-31', '2024-12-15', 'TTr-STTTT'],
        [2025, '2025-10-31', '2025-12-15', 'TTr-SVHTTDL'],
        [2026, '2026-12-31', '2027-03-31', 'TTr-SVHTTDL'],
      ]);
      const orgName = new Map((await handle.db.select().from(organisations)).map((o) => [o.id, o]));
      expect(years.map((c) => orgName.get(c.presidingOrganisationId!)!.name)).toEqual([
        'Sở Thông tin và Truyền thông tỉnh Quảng Ninh',
        'Sở Văn hóa, Thể thao và Du lịch tỉnh Quảng Ninh',
        'Sở Văn hóa, Thể thao và Du lịch tỉnh Quảng Ninh',
      ]);
      // The Department of Information and Communications merged into Science and Technology.
      const infoComms = [...orgName.values()].find((o) => o.shortName === 'Sở TT&TT')!;
      expect(infoComms).toMatchObject({ active: false, mergedIntoId: [...orgName.values()].find((o) => o.shortName === 'Sở KH&CN')!.id });

      // 150–300 entries a year across the province's kinds of outlets; every status in the current
      // year but the outcomes, which only the finished years have (their decisions reached the entries).
      const rows = await handle.db
        .select({ year: campaigns.year, status: entries.status, kind: organisations.kind })
        .from(entries)
        .innerJoin(campaigns, eq(campaigns.id, entries.campaignId))
        .innerJoin(organisations, eq(organisations.id, entries.organisationId));
      for (const year of [2024, 2025, 2026]) {
        const ofYear = rows.filter((r) => r.year === year);
        expect(ofYear.length).toBeGreaterThanOrEqual(150);
        expect(ofYear.length).toBeLessThanOrEqual(300);
        expect(new Set(ofYear.map((r) => r.kind))).toEqual(new Set(['media_centre', 'press', 'local_media', 'central_press']));
      }
      const outcomes = ['awarded', 'not_awarded'];
      expect([...new Set(rows.filter((r) => r.year === 2026).map((r) => r.status))].sort()).toEqual(entryStatuses.filter((s) => !outcomes.includes(s)).sort());
      for (const year of [2024, 2025]) {
        expect(rows.filter((r) => r.year === year && r.status === 'awarded').length).toBeGreaterThanOrEqual(5);
        expect(rows.filter((r) => r.year === year && r.status === 'not_awarded').length).toBe(1);
      }
      expect(rows.filter((r) => r.year === 2024 && ['submitted', 'confirmed', 'in_review'].includes(r.status)).length).toBe(3);

      // Scores, batches and decisions of the finished years; scorers still at work in 2026.
      const scored = await handle.db
        .select({ year: campaigns.year, status: assignments.scoreStatus })
        .from(assignments)
        .innerJoin(entries, eq(entries.id, assignments.entryId))
        .innerJoin(campaigns, eq(campaigns.id, entries.campaignId));
      expect(scored.filter((a) => a.year === 2024 && a.status === 'submitted').length).toBe(164 * 3);
      expect(scored.filter((a) => a.year === 2026 && a.status === null).length).toBeGreaterThan(20);
      const decided = await handle.db
        .select({ year: campaigns.year, status: nominations.status, decision: nominations.decisionNumber, batch: nominationBatches.proposalDate })
        .from(nominations)
        .innerJoin(campaigns, eq(campaigns.id, nominations.campaignId))
        .innerJoin(nominationBatches, eq(nominationBatches.id, nominations.batchId));
      for (const [year, decision, proposed] of [[2024, '3125/QĐ-UBND', '2024-12-02'], [2025, '2987/QĐ-UBND', '2025-12-03']] as const) {
        const ofYear = decided.filter((d) => d.year === year);
        expect(ofYear.filter((d) => d.status === 'approved').length).toBeGreaterThanOrEqual(5);
        expect(ofYear.filter((d) => d.status === 'rejected').length).toBe(1);
        expect(new Set(ofYear.filter((d) => d.status === 'approved').map((d) => d.decision))).toEqual(new Set([decision]));
        expect(new Set(ofYear.map((d) => d.batch))).toEqual(new Set([proposed]));
      }

      // Gallery items from each year; the awarded ones carry their decision's award line.
      const items = await handle.db.select({ year: galleryItems.year, award: galleryItems.award, published: galleryItems.published }).from(galleryItems);
      for (const [year, decision] of [[2024, '3125/QĐ-UBND'], [2025, '2987/QĐ-UBND']] as const) {
        expect(items.filter((i) => i.year === year && i.award && i.published).map((i) => i.award)).toEqual(Array(5).fill(`Bằng khen của Chủ tịch UBND tỉnh (Quyết định số ${decision})`));
      }
      expect(items.filter((i) => i.year === 2026 && i.published).length).toBe(4);
      expect((await searchGallery(handle.db, parseGalleryFilters(new URLSearchParams()))).total).toBe(14);
      const found = await searchGallery(handle.db, parseGalleryFilters(new URLSearchParams({ q: 'mot cua', year: '2026' })));
      expect(found.rows.map((r) => r.title)).toContain('Một cửa liên thông hiện đại ở thành phố Hạ Long');
    }
  });

  // Issue 12 item 3: the demo obeys its own press-entry rules.
  it('the 2026 movement takes the National Press Award rules, and every entry sent obeys them', async () => {
    {
      const [c2026] = await handle.db.select().from(campaigns).where(eq(campaigns.year, 2026));
      expect([c2026.maxAuthors, c2026.maxSeriesEpisodes, c2026.lengthLimits, c2026.priorAwardsDeclared]).toEqual([
        5,
        5,
        { print: 2500, online: 2500, radio: 60, television: 60 },
        true,
      ]);
      const sent = await handle.db
        .select()
        .from(entries)
        .where(inArray(entries.status, [...enteredStatuses]));
      const authorRows = await handle.db.select({ entryId: entryAuthors.entryId, n: count() }).from(entryAuthors).groupBy(entryAuthors.entryId);
      const authorsOf = new Map(authorRows.map((r) => [r.entryId, r.n]));
      const current = sent.filter((e) => e.campaignId === c2026.id);
      expect(current.length).toBeGreaterThan(150);
      expect(current.some((e) => e.seriesEpisodes)).toBe(true);
      const broken = current.flatMap((e) => {
        const problems = [...missingForSubmission(e, c2026), ...pressRuleProblems({ ...e, authorCount: e.collective ? 0 : (authorsOf.get(e.id) ?? 0) }, c2026, { submitting: true })];
        return problems.length ? [{ id: e.id, title: e.title, problems: problems.map((p) => p.key) }] : [];
      });
      expect(broken).toEqual([]);
    }
  });
});

describe('the tests\' starting point (withEntries: false)', () => {
  it('holds the accounts, the organisations and one open 2024 campaign presided by the department of that year', async () => {
    const handle = await emptyDatabase();
    try {
      expect(await seedDemo(handle.db, { withEntries: false })).toBe('seeded');
      expect((await handle.db.select({ n: count() }).from(users))[0].n).toBe(9);
      const [campaign, ...others] = await handle.db.select().from(campaigns);
      expect(others).toEqual([]);
      expect(campaign).toMatchObject({ year: 2024, proposalSymbol: 'TTr-STTTT' });
      expect(campaign.submissionClosesAt > new Date()).toBe(true);
      expect((await handle.db.select({ n: count() }).from(entries))[0].n).toBe(0);
    } finally {
      await handle.close();
    }
  });
});
