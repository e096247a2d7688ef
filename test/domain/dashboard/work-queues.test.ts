import { beforeAll, describe, expect, it } from 'vitest';
import type { Queryable } from '../../../db/client';
import { assignments, campaigns, entryAuthors, nominationBatches, nominationEntries, nominations, notifications, type EntryStatus } from '../../../db/schema';
import { daysLeft } from '../../../src/domain/campaigns/deadlines';
import { dashboardFor, queueLength, type WorkQueue } from '../../../src/domain/dashboard/work-queues';
import { actorFor } from '../../support/accounts';
import { useCountedDatabase } from '../../support/counted-database';
import { useTestDatabase } from '../../support/database';
import { createEntry } from '../../support/entries';

/**
 * Every role's work queue on data made here (the demo's entries are not in the test template):
 * contents, oldest first, counts, days left in the province's calendar, and the notices a queue
 * already shows left out of the notice list.
 */

/** 09:00 on 10 May 2031 in Quảng Ninh (UTC+7). */
const now = new Date('2031-05-10T09:00:00+07:00');
const local = (day: string, time = '12:00:00') => new Date(`${day}T${time}+07:00`);
const end = (day: string) => local(day, '23:59:59');

interface Fixture {
  open: number;
  late: number;
  ids: Record<string, number>;
}

/** Two campaigns still running (one past its submission deadline) and one whose scoring has closed. */
async function makeData(db: Queryable): Promise<Fixture> {
  const [open] = await db
    .insert(campaigns)
    .values({
      year: 2031,
      title: 'Đợt thử hàng việc 2031',
      submissionOpensAt: local('2031-01-01', '00:00:00'),
      submissionClosesAt: end('2031-05-13'),
      scoringClosesAt: end('2031-06-09'),
      nominationsDueAt: end('2031-07-01'),
    })
    .returning();
  const [late] = await db
    .insert(campaigns)
    .values({
      year: 2030,
      title: 'Đợt thử hàng việc 2030',
      submissionOpensAt: local('2030-01-01', '00:00:00'),
      submissionClosesAt: end('2031-05-01'),
      scoringClosesAt: end('2031-05-20'),
      nominationsDueAt: end('2031-05-31'),
    })
    .returning();
  const [closed] = await db
    .insert(campaigns)
    .values({
      year: 2029,
      title: 'Đợt thử hàng việc 2029',
      submissionOpensAt: local('2029-01-01', '00:00:00'),
      submissionClosesAt: end('2029-06-30'),
      scoringClosesAt: end('2029-09-30'),
      nominationsDueAt: end('2029-10-31'),
    })
    .returning();
  const ids: Record<string, number> = {};
  const entry = async (name: string, email: string, status: EntryStatus, at: Date, values: Record<string, unknown> = {}) => {
    const row = await createEntry(db, email, { campaignId: open.id, status, title: name, createdAt: at, updatedAt: at, ...(status === 'draft' ? {} : { submittedAt: at }), ...values });
    ids[name] = row.id;
    return row;
  };

  // The journalist's drafts and returned entries; inserted out of order, to prove the order.
  await entry('Nháp mới', 'journalist@demo.vn', 'draft', local('2031-03-05'));
  await entry('Nháp cũ', 'journalist@demo.vn', 'draft', local('2031-02-01'));
  const coAuthored = await entry('Nháp đồng tác giả', 'journalist2@demo.vn', 'draft', local('2031-04-01'));
  const journalist = await actorFor(db, 'journalist@demo.vn');
  await db.insert(entryAuthors).values({ entryId: coAuthored.id, userId: journalist.id, position: 1 });
  await entry('Nháp đợt đã hết hạn nộp', 'journalist@demo.vn', 'draft', local('2030-06-01'), { campaignId: late.id });
  await entry('Nháp tập thể', 'outlet@demo.vn', 'draft', local('2031-01-15'), { collective: true });
  await entry('Bị trả lại', 'journalist@demo.vn', 'returned', local('2031-05-02'), { returnReason: 'Thiếu bản chụp trang báo in' });

  // Submitted to Báo Hạ Long; one of another outlet, one of a campaign whose scoring has closed.
  await entry('Chờ xác nhận mới', 'journalist@demo.vn', 'submitted', local('2031-05-08'));
  await entry('Chờ xác nhận quá hạn', 'journalist@demo.vn', 'submitted', local('2031-04-20'), { campaignId: late.id });
  await entry('Chờ xác nhận ở Cẩm Phả', 'journalist2@demo.vn', 'submitted', local('2031-04-01'));
  await entry('Chờ xác nhận đợt đã đóng', 'journalist@demo.vn', 'submitted', local('2029-05-01'), { campaignId: closed.id });

  // Confirmed, waiting for scorers.
  await entry('Đã xác nhận sau', 'journalist@demo.vn', 'confirmed', local('2031-05-09'));
  await entry('Đã xác nhận trước', 'journalist2@demo.vn', 'confirmed', local('2031-05-01'));
  await entry('Đã xác nhận đợt đã đóng', 'journalist2@demo.vn', 'confirmed', local('2029-08-01'), { campaignId: closed.id });

  // Scoring: scorer1's assignments, a draft older than one not started; submitted and others' left out.
  const scorer1 = await actorFor(db, 'scorer1@demo.vn');
  const scorer2 = await actorFor(db, 'scorer2@demo.vn');
  const inReview = await entry('Đang chấm', 'journalist2@demo.vn', 'in_review', local('2031-05-03'));
  const inReview2 = await entry('Đang chấm 2', 'journalist2@demo.vn', 'in_review', local('2031-05-03'));
  const [notStarted, started] = await db
    .insert(assignments)
    .values([
      { entryId: inReview.id, scorerId: scorer1.id, assignedAt: local('2031-05-05') },
      { entryId: inReview2.id, scorerId: scorer1.id, assignedAt: local('2031-05-03'), scoreStatus: 'draft' },
    ])
    .returning();
  ids.notStarted = notStarted.id;
  ids.started = started.id;
  const done = await entry('Đã chấm xong', 'journalist2@demo.vn', 'in_review', local('2031-05-03'));
  await db.insert(assignments).values([
    { entryId: done.id, scorerId: scorer1.id, assignedAt: local('2031-05-01'), scoreStatus: 'submitted', total: 80, submittedAt: local('2031-05-04') },
    { entryId: inReview.id, scorerId: scorer2.id, assignedAt: local('2031-05-01') },
  ]);

  // Nominations: a shortlisted entry without one, one with one, and a nomination returned for supplement.
  const coordinator = await actorFor(db, 'coordinator@demo.vn');
  await entry('Vào danh sách', 'journalist@demo.vn', 'shortlisted', local('2031-04-10'));
  const backed = await entry('Vào danh sách, đã đề nghị', 'journalist@demo.vn', 'shortlisted', local('2031-04-01'));
  const nominee = { campaignId: open.id, nomineeType: 'individual' as const, nomineeUserId: journalist.id, awardForm: 'provincial_certificate' as const, createdById: coordinator.id };
  const [drafted] = await db.insert(nominations).values({ ...nominee, createdAt: local('2031-04-02'), updatedAt: local('2031-04-02') }).returning();
  await db.insert(nominationEntries).values({ nominationId: drafted.id, entryId: backed.id, campaignId: open.id });
  const [returned] = await db
    .insert(nominations)
    .values({ ...nominee, status: 'returned', reason: 'Bổ sung xác nhận của cơ quan', updatedAt: local('2031-04-05') })
    .returning();
  ids.returnedNomination = returned.id;

  // Batches sent to Home Affairs: one with two undecided, one all decided, one still a draft, one newer.
  const batch = async (title: string, status: 'draft' | 'sent', sentAt: Date | null, statuses: ('sent' | 'in_appraisal' | 'approved' | 'rejected')[]) => {
    const [row] = await db.insert(nominationBatches).values({ campaignId: open.id, title, status, sentAt, createdById: coordinator.id }).returning();
    if (statuses.length) await db.insert(nominations).values(statuses.map((s) => ({ ...nominee, batchId: row.id, status: s })));
    ids[title] = row.id;
  };
  await batch('Đợt trình sau', 'sent', local('2031-05-02'), ['sent']);
  await batch('Đợt trình trước', 'sent', local('2031-04-28'), ['sent', 'in_appraisal', 'approved']);
  await batch('Đợt trình đã quyết định', 'sent', local('2031-04-15'), ['approved', 'rejected']);
  await batch('Đợt trình nháp', 'draft', null, []);
  return { open: open.id, late: late.id, ids };
}

const summary = (q: WorkQueue) => ({ id: q.id, total: q.total, items: q.items.map((i) => [i.title, i.link, i.daysLeft]) });

const handle = useTestDatabase();
let data: Fixture;
beforeAll(async () => {
  data = await makeData(handle.db);
});

const dashboardOf = async (email: string) => dashboardFor(handle.db, await actorFor(handle.db, email), now);

describe('work queues', () => {
  it('give the journalist their drafts (own and co-authored) and returned entries, oldest first, while submission is open', async () => {
    const { queues, waiting } = await dashboardOf('journalist@demo.vn');
    const { ids } = data;
    expect(queues.map(summary)).toEqual([
      {
        id: 'drafts',
        total: 3,
        items: [
          ['Nháp cũ', `/app/entries/${ids['Nháp cũ']}/edit`, 3],
          ['Nháp mới', `/app/entries/${ids['Nháp mới']}/edit`, 3],
          ['Nháp đồng tác giả', `/app/entries/${ids['Nháp đồng tác giả']}/edit`, 3],
        ],
      },
      { id: 'returnedEntries', total: 1, items: [['Bị trả lại', `/app/entries/${ids['Bị trả lại']}/edit`, 3]] },
    ]);
    expect(waiting).toBe(4);
    expect(queues[1].items[0].reason).toBe('Thiếu bản chụp trang báo in');
    expect(queues[1].items[0].since).toEqual(local('2031-05-02'));
    expect(queues[0].items[0].deadline).toEqual(end('2031-05-13'));
  });

  it('give the outlet its members’ submitted entries, the one past the submission deadline first', async () => {
    const { queues } = await dashboardOf('outlet@demo.vn');
    const { ids } = data;
    expect(queues.map(summary)).toEqual([
      {
        id: 'toConfirm',
        total: 2,
        items: [
          ['Chờ xác nhận quá hạn', `/app/entries/${ids['Chờ xác nhận quá hạn']}`, -9],
          ['Chờ xác nhận mới', `/app/entries/${ids['Chờ xác nhận mới']}`, 3],
        ],
      },
    ]);
  });

  it('give the coordinator the confirmed entries to assign and the nominations to prepare', async () => {
    const { queues, waiting } = await dashboardOf('coordinator@demo.vn');
    const { ids } = data;
    expect(queues.map(summary)).toEqual([
      {
        id: 'toAssign',
        total: 2,
        items: [
          ['Đã xác nhận trước', '/app/scoring#assign-title', 30],
          ['Đã xác nhận sau', '/app/scoring#assign-title', 30],
        ],
      },
      {
        id: 'toNominate',
        total: 2,
        items: [
          ['Trần Thị Thu Hà', `/app/nominations/${ids.returnedNomination}/edit`, 52],
          ['Vào danh sách', '/app/nominations/new', 52],
        ],
      },
    ]);
    expect(waiting).toBe(4);
    expect(queues[0].items.map((i) => i.organisation)).toEqual(['Trung tâm Truyền thông và Văn hóa thành phố Cẩm Phả', 'Báo Hạ Long điện tử']);
    expect(queues[1].items.map((i) => [i.kind, i.reason])).toEqual([
      ['returnedNomination', 'Bổ sung xác nhận của cơ quan'],
      ['shortlisted', undefined],
    ]);
  });

  it('give a scorer the unsubmitted scores, the oldest assignment first, and nothing of another scorer', async () => {
    const { queues } = await dashboardOf('scorer1@demo.vn');
    expect(queues.map(summary)).toEqual([
      {
        id: 'toScore',
        total: 2,
        items: [
          ['Đang chấm 2', `/app/scoring/${data.ids.started}`, 30],
          ['Đang chấm', `/app/scoring/${data.ids.notStarted}`, 30],
        ],
      },
    ]);
    expect(queues[0].items.map((i) => i.started)).toEqual([true, false]);
    expect((await dashboardOf('scorer2@demo.vn')).queues[0].total).toBe(1);
    expect((await dashboardOf('scorer3@demo.vn')).queues).toEqual([{ id: 'toScore', total: 0, items: [], link: '/app/scoring' }]);
  });

  it('give Home Affairs the sent batches with undecided nominations, the earliest sent first, without a deadline', async () => {
    const { queues } = await dashboardOf('appraiser@demo.vn');
    const { ids } = data;
    expect(queues.map(summary)).toEqual([
      {
        id: 'toAppraise',
        total: 2,
        items: [
          ['Đợt trình trước', `/app/appraisal#batch-${ids['Đợt trình trước']}`, null],
          ['Đợt trình sau', `/app/appraisal#batch-${ids['Đợt trình sau']}`, null],
        ],
      },
    ]);
    expect(queues[0].items.map((i) => [i.waiting, i.deadline])).toEqual([
      [2, null],
      [1, null],
    ]);
  });

  it('give the admin no queue', async () => {
    expect((await dashboardOf('admin@demo.vn')).queues).toEqual([]);
  });

  it('leave out of the notices the events a queue already shows, and keep the others', async () => {
    const outlet = await actorFor(handle.db, 'outlet@demo.vn');
    await handle.db.insert(notifications).values([
      { userId: outlet.id, messageKey: 'entries.notices.submitted', params: { title: 'Chờ xác nhận mới' }, link: `/app/entries/${data.ids['Chờ xác nhận mới']}` },
      { userId: outlet.id, messageKey: 'entries.notices.withdrawn', params: { title: 'Đã rút' } },
    ]);
    const { notices } = await dashboardOf('outlet@demo.vn');
    expect(notices.total).toBe(1);
    expect(notices.items.map((n) => n.messageKey)).toEqual(['entries.notices.withdrawn']);
    // The journalist has no confirm queue, so the same kind of notice is still theirs to read.
    const journalist = await actorFor(handle.db, 'journalist@demo.vn');
    await handle.db.insert(notifications).values({ userId: journalist.id, messageKey: 'entries.notices.confirmed', params: { title: 'X' } });
    expect((await dashboardOf('journalist@demo.vn')).notices.items.map((n) => n.messageKey)).toEqual(['entries.notices.confirmed']);
  });
});

describe('days left', () => {
  it('count the province’s calendar days, 0 on the last day and negative once passed', () => {
    const deadline = end('2031-05-13');
    expect(daysLeft(deadline, local('2031-05-10', '09:00:00'))).toBe(3);
    // 23:30 on the 12th in Quảng Ninh is 16:30 UTC: still one day before, whatever the server's zone.
    expect(daysLeft(deadline, local('2031-05-12', '23:30:00'))).toBe(1);
    expect(daysLeft(deadline, local('2031-05-13', '00:10:00'))).toBe(0);
    expect(daysLeft(deadline, local('2031-05-13', '23:59:59'))).toBe(0);
    expect(daysLeft(deadline, local('2031-05-14', '00:00:00'))).toBe(-1);
    // A deadline at 00:30 falls on its own day: on the evening before, one day is left.
    expect(daysLeft(local('2031-05-13', '00:30:00'), local('2031-05-12', '23:00:00'))).toBe(1);
    // Passed earlier the same day counts as passed.
    expect(daysLeft(local('2031-05-13', '08:00:00'), local('2031-05-13', '09:00:00'))).toBe(-1);
  });
});

describe('the dashboard’s queries', () => {
  const counted = useCountedDatabase();

  const queriesFor = async (email: string) => {
    const user = await actorFor(counted.db, email);
    return counted.countQueries(() => dashboardFor(counted.db, user, now));
  };
  const roles = { 'journalist@demo.vn': 4, 'outlet@demo.vn': 3, 'scorer1@demo.vn': 3, 'coordinator@demo.vn': 6, 'appraiser@demo.vn': 3, 'admin@demo.vn': 2 };

  it('are a fixed number per role, with no data, some, or more than a queue lists', async () => {
    for (const [email, n] of Object.entries(roles)) expect(await queriesFor(email), email).toBe(n);
    const { open } = await makeData(counted.db);
    for (const [email, n] of Object.entries(roles)) expect(await queriesFor(email), email).toBe(n);
    for (let i = 0; i < queueLength + 3; i++) {
      await createEntry(counted.db, 'journalist2@demo.vn', { campaignId: open, status: 'confirmed', title: `Thêm ${i}`, updatedAt: local('2031-05-10', `0${i}:00:00`) });
      await createEntry(counted.db, 'journalist@demo.vn', { campaignId: open, status: 'shortlisted', title: `Danh sách ${i}`, updatedAt: local('2031-04-20') });
    }
    for (const [email, n] of Object.entries(roles)) expect(await queriesFor(email), email).toBe(n);
    const result = await dashboardFor(counted.db, await actorFor(counted.db, 'coordinator@demo.vn'), now);
    expect(result.queues.map((q) => [q.id, q.total, q.items.length])).toEqual([
      ['toAssign', 2 + queueLength + 3, queueLength],
      ['toNominate', 2 + queueLength + 3, queueLength],
    ]);
    // Still the oldest first: the two older ones, then the added ones in their order.
    expect(result.queues[0].items.map((i) => i.title)).toEqual(['Đã xác nhận trước', 'Đã xác nhận sau', 'Thêm 0', 'Thêm 1', 'Thêm 2']);
    expect(result.queues[1].items.map((i) => i.title)).toEqual(['Trần Thị Thu Hà', 'Vào danh sách', 'Danh sách 0', 'Danh sách 1', 'Danh sách 2']);
  });
});
