import { describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { assignments, campaigns, nominationBatches, nominations, notifications } from '../../db/schema';
import { vietnamDay } from '../../src/domain/campaigns/campaigns';
import { formatDate } from '../../src/i18n';
import { actorFor } from '../support/accounts';
import { createEntry } from '../support/entries';
import { signedIn } from '../support/http';
import { useServer } from '../support/server';

/**
 * Every demo role's /app over HTTP shows its work queue, on data made here before the server
 * starts (the server then seeds no demo entries): the counts, the items with their links, the
 * days left to the campaign's deadlines in the province's calendar, and no notice twice.
 */

const day = 86_400_000;
/** The end of the day `n` days from today in Quảng Ninh, as a campaign deadline falls. */
const deadlineIn = (n: number) => vietnamDay(vietnamDay(new Date(Date.now() + n * day)), 'end');

const ids: Record<string, number> = {};
async function prepare(db: Database) {
  const [campaign] = await db
    .insert(campaigns)
    .values({
      year: 2090,
      title: 'Đợt thử bảng điều khiển',
      submissionOpensAt: new Date(Date.now() - 30 * day),
      submissionClosesAt: deadlineIn(3),
      scoringClosesAt: deadlineIn(10),
      nominationsDueAt: deadlineIn(20),
    })
    .returning();
  const campaignId = campaign.id;
  const entry = async (title: string, email: string, status: 'draft' | 'returned' | 'submitted' | 'confirmed' | 'in_review' | 'shortlisted', extra = {}) => {
    ids[title] = (await createEntry(db, email, { campaignId, status, title, ...(status === 'draft' ? {} : { submittedAt: new Date() }), ...extra })).id;
  };
  await entry('Bản nháp về một cửa', 'journalist@demo.vn', 'draft');
  await entry('Bài bị trả lại', 'journalist@demo.vn', 'returned', { returnReason: 'Thiếu đường dẫn bài gốc' });
  await entry('Bài chờ lãnh đạo xác nhận', 'journalist@demo.vn', 'submitted');
  await entry('Bài chờ phân công', 'journalist2@demo.vn', 'confirmed');
  await entry('Bài vào danh sách', 'journalist2@demo.vn', 'shortlisted');
  await entry('Bài đang chấm', 'journalist2@demo.vn', 'in_review');
  const scorer = await actorFor(db, 'scorer1@demo.vn');
  const [assignment] = await db.insert(assignments).values({ entryId: ids['Bài đang chấm'], scorerId: scorer.id, assignedAt: new Date() }).returning();
  ids.assignment = assignment.id;
  const coordinator = await actorFor(db, 'coordinator@demo.vn');
  const journalist = await actorFor(db, 'journalist@demo.vn');
  const [batch] = await db.insert(nominationBatches).values({ campaignId, title: 'Đợt trình thử', status: 'sent', sentAt: new Date(), createdById: coordinator.id }).returning();
  ids.batch = batch.id;
  await db.insert(nominations).values({ campaignId, batchId: batch.id, status: 'sent', nomineeType: 'individual', nomineeUserId: journalist.id, awardForm: 'provincial_certificate', createdById: coordinator.id });
  // The outlet was told of the submission; the queue shows it, so the notice list does not again.
  const outlet = await actorFor(db, 'outlet@demo.vn');
  await db.insert(notifications).values({ userId: outlet.id, messageKey: 'entries.notices.submitted', params: { title: 'Bài chờ lãnh đạo xác nhận' }, link: `/app/entries/${ids['Bài chờ lãnh đạo xác nhận']}` });
}

const server = useServer({}, { prepare });

interface Shown {
  id: string;
  total: number;
  heading: string;
  items: { href: string; text: string }[];
}

/** The queues of a dashboard as its HTML shows them: id, count, heading text and each item's link and text. */
function queuesOf(html: string): Shown[] {
  return [...html.matchAll(/<section class="queue" aria-labelledby="queue-(\w+)" data-queue="\w+" data-total="(\d+)">([\s\S]*?)<\/section>/g)].map(([, id, total, body]) => ({
    id,
    total: Number(total),
    heading: strip(body.match(/<h3[^>]*>([\s\S]*?)<\/h3>/)![1]),
    items: body
      .split(/<li data-kind="\w+">/)
      .slice(1)
      .map((item) => ({ href: item.match(/<a href="([^"]+)"/)![1], text: strip(item.split('</ol>')[0]) })),
  }));
}
const strip = (s: string) => s.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();

const due = (n: number) => formatDate(deadlineIn(n));

async function dashboard(email: string, path = '/app') {
  const visitor = await signedIn(server.origin, email);
  const response = await visitor.get(path);
  expect(response.status).toBe(200);
  const html = await response.text();
  return { visitor, html, queues: queuesOf(html) };
}

describe('each demo role’s dashboard over HTTP', () => {
  it('the journalist sees their draft and their returned entry, with the reason and the days left', async () => {
    const { html, queues, visitor } = await dashboard('journalist@demo.vn');
    expect(queues.map((q) => [q.id, q.total, q.heading])).toEqual([
      ['drafts', 1, 'Bản nháp chưa nộp Đang chờ: 1 1'],
      ['returnedEntries', 1, 'Tác phẩm bị trả lại để sửa Đang chờ: 1 1'],
    ]);
    expect(queues[0].items).toEqual([{ href: `/app/entries/${ids['Bản nháp về một cửa']}/edit`, text: expect.stringContaining(`Bản nháp về một cửa Chờ từ ${formatDate(new Date())} Còn 3 ngày, hạn ${due(3)}`) }]);
    expect(queues[1].items[0].text).toContain('Lý do: Thiếu đường dẫn bài gốc');
    expect(textOfHtml(html)).toContain('Việc đang chờ bạn: 2.');
    // The link leads to where the work is done, and the journalist may open it.
    expect((await visitor.get(queues[0].items[0].href)).status).toBe(200);
  });

  it('the other journalist has nothing waiting, and is told so', async () => {
    const { html, queues } = await dashboard('journalist2@demo.vn');
    expect(queues.map((q) => [q.id, q.total, q.items.length])).toEqual([
      ['drafts', 0, 0],
      ['returnedEntries', 0, 0],
    ]);
    expect(textOfHtml(html)).toContain('Không có việc nào đang chờ bạn.');
  });

  it('the outlet sees the entry to confirm, and the notice of its submission only once', async () => {
    const { html, queues, visitor } = await dashboard('outlet@demo.vn');
    expect(queues.map((q) => [q.id, q.total])).toEqual([['toConfirm', 1]]);
    expect(queues[0].items).toEqual([{ href: `/app/entries/${ids['Bài chờ lãnh đạo xác nhận']}`, text: expect.stringContaining(`Còn 3 ngày, hạn ${due(3)}`) }]);
    const text = textOfHtml(html);
    expect(text.split('Bài chờ lãnh đạo xác nhận')).toHaveLength(2);
    expect(text).toContain('Chưa có thông báo mới.');
    expect((await visitor.get(queues[0].items[0].href)).status).toBe(200);
  });

  it('the coordinator sees the entry to assign and the nomination to prepare', async () => {
    const { html, queues, visitor } = await dashboard('coordinator@demo.vn');
    expect(queues.map((q) => [q.id, q.total, q.items.map((i) => i.href)])).toEqual([
      ['toAssign', 1, ['/app/scoring#assign-title']],
      ['toNominate', 1, ['/app/nominations/new']],
    ]);
    expect(queues[0].items[0].text).toContain(`Bài chờ phân công Chờ từ ${formatDate(new Date())} Còn 10 ngày, hạn ${due(10)} Đơn vị: Trung tâm Truyền thông và Văn hóa thành phố Cẩm Phả`);
    expect(queues[1].items[0].text).toContain(`Bài vào danh sách · Tác phẩm vào danh sách, chưa có đề nghị Chờ từ ${formatDate(new Date())} Còn 20 ngày, hạn ${due(20)}`);
    expect(textOfHtml(html)).not.toContain('Không có việc nào đang chờ bạn.');
    for (const q of queues) expect((await visitor.get(q.items[0].href.replace(/#.*/, ''))).status).toBe(200);
  });

  it('a scorer sees the score to submit; the others have none', async () => {
    const { queues, visitor } = await dashboard('scorer1@demo.vn');
    expect(queues.map((q) => [q.id, q.total])).toEqual([['toScore', 1]]);
    expect(queues[0].items).toEqual([{ href: `/app/scoring/${ids.assignment}`, text: expect.stringContaining(`Bài đang chấm Chờ từ ${formatDate(new Date())} Còn 10 ngày, hạn ${due(10)}`) }]);
    expect((await visitor.get(queues[0].items[0].href)).status).toBe(200);
    for (const email of ['scorer2@demo.vn', 'scorer3@demo.vn']) expect((await dashboard(email)).queues.map((q) => [q.id, q.total])).toEqual([['toScore', 0]]);
  });

  it('Home Affairs sees the batch to appraise, without a deadline', async () => {
    const { queues, visitor } = await dashboard('appraiser@demo.vn');
    expect(queues.map((q) => [q.id, q.total])).toEqual([['toAppraise', 1]]);
    expect(queues[0].items).toEqual([{ href: `/app/appraisal#batch-${ids.batch}`, text: expect.stringContaining('Đợt trình thử Chờ từ') }]);
    expect(queues[0].items[0].text).toContain('Không có thời hạn Đề nghị chờ thẩm định: 1');
    const inbox = await (await visitor.get('/app/appraisal')).text();
    expect(inbox).toContain(`id="batch-${ids.batch}"`);
  });

  it('the admin has no work queue', async () => {
    const { html, queues } = await dashboard('admin@demo.vn');
    expect(queues).toEqual([]);
    expect(html).not.toContain('id="work-title"');
  });

  it('the English dashboard names the same queues, with vi-VN dates', async () => {
    const { queues } = await dashboard('coordinator@demo.vn', '/en/app');
    expect(queues.map((q) => [q.id, q.heading])).toEqual([
      ['toAssign', 'Entries awaiting scorers Waiting: 1 1'],
      ['toNominate', 'Nominations to prepare Waiting: 1 1'],
    ]);
    expect(queues[0].items[0]).toEqual({ href: '/en/app/scoring#assign-title', text: expect.stringContaining(`Days left: 10, due ${due(10)}`) });
  });
});

const textOfHtml = (html: string) => strip(html.replace(/<(script|style)[\s\S]*?<\/\1>/g, ' '));
