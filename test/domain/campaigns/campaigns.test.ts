import { and, count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog, campaigns } from '../../../db/schema';
import type { SessionUser } from '../../../src/auth/session';
import {
  type CampaignInput,
  createCampaign,
  getCampaign,
  listCampaigns,
  updateCampaign,
  vietnamDay,
} from '../../../src/domain/campaigns/campaigns';
import { DomainError } from '../../../src/domain/errors';
import { actorFor } from '../../support/accounts';
import { useTestDatabase } from '../../support/database';

const handle = useTestDatabase();
let coordinator: SessionUser;
beforeAll(async () => {
  coordinator = await actorFor(handle.db, 'coordinator@demo.vn');
});

/** The 2025 form's limits, as sent and as stored. */
const limits2025 = { entryLimitPerAuthor: 5, maxFileMb: 200, maxEntryMb: 500, allowedFileTypes: ['pdf', 'jpeg', 'mp4'], scorersPerEntry: 3, spreadThreshold: 20 } satisfies Partial<CampaignInput>;

const campaign2025 = (changes: Partial<CampaignInput> = {}): CampaignInput => ({
  year: 2025,
  title: 'Phong trào thi đua “Đẩy mạnh cải cách hành chính” năm 2025 – khối báo chí',
  submissionOpensOn: '2025-03-01',
  submissionClosesOn: '2025-10-31',
  scoringClosesOn: '2025-11-30',
  nominationsDueOn: '2025-12-15',
  ...limits2025,
  ...changes,
});

async function refusalOf(work: Promise<unknown>): Promise<DomainError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('the domain accepted what it should have refused');
}

async function campaignCount(): Promise<number> {
  const [{ n }] = await handle.db.select({ n: count() }).from(campaigns);
  return n;
}

async function auditRows(action: string, campaignId: number) {
  return handle.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.subjectType, 'campaign'), eq(auditLog.subjectId, String(campaignId))));
}

describe('vietnamDay: calendar days in Vietnam time (UTC+7)', () => {
  it('opens a day at 00:00:00 there, which is 17:00 UTC the day before', () => {
    expect(vietnamDay('2025-03-01', 'start').toISOString()).toBe('2025-02-28T17:00:00.000Z');
    expect(vietnamDay('2025-01-01', 'start').toISOString()).toBe('2024-12-31T17:00:00.000Z');
  });

  it('ends a day at 23:59:59 there, which is 16:59:59 UTC the same day', () => {
    expect(vietnamDay('2025-03-01', 'end').toISOString()).toBe('2025-03-01T16:59:59.000Z');
    expect(vietnamDay('2025-12-31', 'end').toISOString()).toBe('2025-12-31T16:59:59.000Z');
  });

  it('reads an instant back as the day it falls on in Vietnam, switching at 17:00 UTC', () => {
    expect(vietnamDay(new Date('2025-02-28T16:59:59.999Z'))).toBe('2025-02-28');
    expect(vietnamDay(new Date('2025-02-28T17:00:00.000Z'))).toBe('2025-03-01');
    expect(vietnamDay(new Date('2025-12-31T17:00:00.000Z'))).toBe('2026-01-01');
  });

  it('gives back the day it was given, from either edge', () => {
    for (const day of ['2024-02-29', '2025-01-01', '2025-06-30', '2025-12-31']) {
      expect(vietnamDay(vietnamDay(day, 'start'))).toBe(day);
      expect(vietnamDay(vietnamDay(day, 'end'))).toBe(day);
    }
  });

  it('answers an invalid date for a day that does not exist or is not YYYY-MM-DD', () => {
    for (const day of ['2025-02-29', '2025-04-31', '2025-13-01', '2025-00-10', '1/3/2025', '2025-3-1', '']) {
      expect(Number.isNaN(vietnamDay(day, 'start').getTime()), day).toBe(true);
    }
  });
});

describe('creating a campaign', () => {
  it('stores the days as Vietnam-time instants and the file types in one order, with one audit row', async () => {
    const created = await createCampaign(
      handle.db,
      coordinator,
      campaign2025({ title: '  Đợt thi đua năm 2025  ', allowedFileTypes: ['mp4', 'pdf', 'mp4', 'jpeg'] }),
      '203.0.113.7',
    );
    const row = await getCampaign(handle.db, created.id);
    expect(row).toMatchObject({
      year: 2025,
      title: 'Đợt thi đua năm 2025',
      ...limits2025,
    });
    expect(row!.submissionOpensAt.toISOString()).toBe('2025-02-28T17:00:00.000Z');
    expect(row!.submissionClosesAt.toISOString()).toBe('2025-10-31T16:59:59.000Z');
    expect(row!.scoringClosesAt.toISOString()).toBe('2025-11-30T16:59:59.000Z');
    expect(row!.nominationsDueAt.toISOString()).toBe('2025-12-15T16:59:59.000Z');

    const audit = await auditRows('campaign_created', created.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: coordinator.id, ip: '203.0.113.7' });
    expect(audit[0].details).toMatchObject({ year: 2025, submissionClosesAt: '2025-10-31T16:59:59.000Z', allowedFileTypes: ['pdf', 'jpeg', 'mp4'] });
  });

  it('lists campaigns newest year first', async () => {
    const years = (await listCampaigns(handle.db)).map((c) => c.year);
    expect(years.slice(0, 2)).toEqual([2025, 2024]);
    expect(years).toEqual([...years].sort((a, b) => b - a));
  });

  it('accepts every limit at its edge', async () => {
    const edges: [number, Partial<CampaignInput>][] = [
      [2000, { entryLimitPerAuthor: 1, maxFileMb: 1, maxEntryMb: 1, scorersPerEntry: 1, spreadThreshold: 0 }],
      [2100, { entryLimitPerAuthor: 50, maxFileMb: 1024, maxEntryMb: 5120, scorersPerEntry: 9, spreadThreshold: 100 }],
      // A one-day window, and deadlines that fall on the same day.
      [2031, { submissionOpensOn: '2031-05-05', submissionClosesOn: '2031-05-05', scoringClosesOn: '2031-05-05', nominationsDueOn: '2031-05-05' }],
      [2032, { maxFileMb: 300, maxEntryMb: 300, allowedFileTypes: ['webp'] }],
    ];
    for (const [year, changes] of edges) {
      const row = await createCampaign(handle.db, coordinator, campaign2025({ year, ...changes }));
      expect(row, String(year)).toMatchObject({ year, ...(changes.maxEntryMb ? { maxEntryMb: changes.maxEntryMb } : {}) });
    }
  });

  const refusals: [string, Partial<CampaignInput>, string, string][] = [
    ['a year before 2000', { year: 1999 }, 'campaigns.errors.yearRange', 'year'],
    ['a year after 2100', { year: 2101 }, 'campaigns.errors.yearRange', 'year'],
    ['a fractional year', { year: 2025.5 }, 'campaigns.errors.yearRange', 'year'],
    ['a blank title', { title: '   ' }, 'campaigns.errors.titleRequired', 'title'],
    ['a title over 300 characters', { title: 'Đ'.repeat(301) }, 'campaigns.errors.titleTooLong', 'title'],
    ['an opening day that does not exist', { submissionOpensOn: '2026-02-29' }, 'campaigns.errors.opensDate', 'submissionOpensOn'],
    ['no submission deadline', { submissionClosesOn: '' }, 'campaigns.errors.closesDate', 'submissionClosesOn'],
    ['a scoring deadline that is not a day', { scoringClosesOn: '30/11/2026' }, 'campaigns.errors.scoringDate', 'scoringClosesOn'],
    ['a nominations deadline in month 13', { nominationsDueOn: '2026-13-01' }, 'campaigns.errors.nominationsDate', 'nominationsDueOn'],
    ['a submission deadline the day before opening', { submissionOpensOn: '2026-03-10', submissionClosesOn: '2026-03-09' }, 'campaigns.errors.closesBeforeOpens', 'submissionClosesOn'],
    ['scoring closing the day before submissions', { submissionClosesOn: '2026-10-31', scoringClosesOn: '2026-10-30' }, 'campaigns.errors.scoringBeforeCloses', 'scoringClosesOn'],
    ['nominations due the day before scoring closes', { scoringClosesOn: '2026-11-30', nominationsDueOn: '2026-11-29' }, 'campaigns.errors.nominationsBeforeScoring', 'nominationsDueOn'],
    ['an entry limit of 0', { entryLimitPerAuthor: 0 }, 'campaigns.errors.entryLimitRange', 'entryLimitPerAuthor'],
    ['an entry limit of 51', { entryLimitPerAuthor: 51 }, 'campaigns.errors.entryLimitRange', 'entryLimitPerAuthor'],
    ['a file limit of 0 MB', { maxFileMb: 0 }, 'campaigns.errors.maxFileRange', 'maxFileMb'],
    ['a file limit of 1025 MB', { maxFileMb: 1025, maxEntryMb: 2000 }, 'campaigns.errors.maxFileRange', 'maxFileMb'],
    ['an entry limit below the file limit', { maxFileMb: 200, maxEntryMb: 199 }, 'campaigns.errors.maxEntryRange', 'maxEntryMb'],
    ['an entry limit of 5121 MB', { maxEntryMb: 5121 }, 'campaigns.errors.maxEntryRange', 'maxEntryMb'],
    ['no file type', { allowedFileTypes: [] }, 'campaigns.errors.fileTypesRequired', 'allowedFileTypes'],
    ['an unknown file type', { allowedFileTypes: ['pdf', 'exe'] }, 'campaigns.errors.fileTypeUnknown', 'allowedFileTypes'],
    ['no scorer', { scorersPerEntry: 0 }, 'campaigns.errors.scorersRange', 'scorersPerEntry'],
    ['ten scorers', { scorersPerEntry: 10 }, 'campaigns.errors.scorersRange', 'scorersPerEntry'],
    ['a negative spread threshold', { spreadThreshold: -1 }, 'campaigns.errors.spreadRange', 'spreadThreshold'],
    ['a spread threshold over 100', { spreadThreshold: 101 }, 'campaigns.errors.spreadRange', 'spreadThreshold'],
  ];

  it.each(refusals)('refuses %s, naming the field, and stores nothing', async (_, changes, key, field) => {
    const before = await campaignCount();
    const input = { ...campaign2025({ year: 2026, submissionOpensOn: '2026-03-01', submissionClosesOn: '2026-10-31', scoringClosesOn: '2026-11-30', nominationsDueOn: '2026-12-15' }), ...changes };
    const error = await refusalOf(createCampaign(handle.db, coordinator, input));
    expect(error).toMatchObject({ key, field, code: 'BAD_REQUEST' });
    expect(await campaignCount()).toBe(before);
  });

  it('refuses a second campaign for a year as a conflict on the year field', async () => {
    const before = await campaignCount();
    const error = await refusalOf(createCampaign(handle.db, coordinator, campaign2025({ year: 2024 })));
    expect(error).toMatchObject({ key: 'campaigns.errors.yearTaken', field: 'year', code: 'CONFLICT' });
    expect(await campaignCount()).toBe(before);
  });

  it('refuses everyone but a coordinator, even called directly', async () => {
    const before = await campaignCount();
    for (const email of ['journalist@demo.vn', 'admin@demo.vn', 'scorer1@demo.vn', 'appraiser@demo.vn']) {
      const actor = await actorFor(handle.db, email);
      const error = await refusalOf(createCampaign(handle.db, actor, campaign2025({ year: 2040 })));
      expect(error, email).toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(await campaignCount()).toBe(before);
    expect(await handle.db.select().from(auditLog).where(eq(auditLog.action, 'campaign_created')).then((rows) => rows.filter((r) => r.details?.year === 2040))).toEqual([]);
  });
});

describe('editing a campaign', () => {
  it('saves new settings and audits exactly what changed, from and to', async () => {
    const created = await createCampaign(handle.db, coordinator, campaign2025({ year: 2050 }));
    const updated = await updateCampaign(
      handle.db,
      coordinator,
      created.id,
      campaign2025({ year: 2050, submissionClosesOn: '2025-11-15', scoringClosesOn: '2025-12-10', nominationsDueOn: '2025-12-20', scorersPerEntry: 5, allowedFileTypes: ['jpeg', 'mp4', 'pdf'] }),
      '198.51.100.4',
    );
    expect(updated).toMatchObject({ id: created.id, year: 2050, scorersPerEntry: 5, allowedFileTypes: ['pdf', 'jpeg', 'mp4'] });
    expect(updated.submissionClosesAt.toISOString()).toBe('2025-11-15T16:59:59.000Z');

    const audit = await auditRows('campaign_updated', created.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: coordinator.id, ip: '198.51.100.4' });
    expect(audit[0].details).toEqual({
      changes: {
        submissionClosesAt: { from: '2025-10-31T16:59:59.000Z', to: '2025-11-15T16:59:59.000Z' },
        scoringClosesAt: { from: '2025-11-30T16:59:59.000Z', to: '2025-12-10T16:59:59.000Z' },
        nominationsDueAt: { from: '2025-12-15T16:59:59.000Z', to: '2025-12-20T16:59:59.000Z' },
        scorersPerEntry: { from: 3, to: 5 },
      },
    });
  });

  it('refuses a rule break or a taken year, leaving the campaign and the audit log as they were', async () => {
    const created = await createCampaign(handle.db, coordinator, campaign2025({ year: 2051 }));
    const broken = await refusalOf(updateCampaign(handle.db, coordinator, created.id, campaign2025({ year: 2051, nominationsDueOn: '2025-11-01' })));
    expect(broken).toMatchObject({ key: 'campaigns.errors.nominationsBeforeScoring', field: 'nominationsDueOn' });
    const taken = await refusalOf(updateCampaign(handle.db, coordinator, created.id, campaign2025({ year: 2024 })));
    expect(taken).toMatchObject({ key: 'campaigns.errors.yearTaken', field: 'year', code: 'CONFLICT' });
    expect(await getCampaign(handle.db, created.id)).toEqual(created);
    expect(await auditRows('campaign_updated', created.id)).toEqual([]);
  });

  it('answers NOT_FOUND for a campaign that does not exist', async () => {
    const error = await refusalOf(updateCampaign(handle.db, coordinator, 987_654, campaign2025({ year: 2052 })));
    expect(error).toMatchObject({ code: 'NOT_FOUND' });
    expect(await getCampaign(handle.db, 987_654)).toBeUndefined();
  });

  it('refuses a journalist, changing nothing', async () => {
    const [seeded] = await handle.db.select().from(campaigns).where(eq(campaigns.year, 2024));
    const journalist = await actorFor(handle.db, 'journalist@demo.vn');
    const error = await refusalOf(updateCampaign(handle.db, journalist, seeded.id, campaign2025({ year: 2024, submissionClosesOn: '2025-12-31' })));
    expect(error).toMatchObject({ key: 'errors.forbiddenText', code: 'FORBIDDEN' });
    expect(await getCampaign(handle.db, seeded.id)).toEqual(seeded);
    expect(await auditRows('campaign_updated', seeded.id)).toEqual([]);
  });
});
