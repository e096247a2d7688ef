import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { campaigns, nominationBatches, nominationEntries, nominations, nomineeComments } from '../../db/schema';
import { vietnamDay } from '../../src/domain/campaigns/campaigns';
import { commentLimits } from '../../src/domain/nominations/posting';
import { actorFor } from '../support/accounts';
import { createEntry } from '../support/entries';
import { recordMeeting } from '../support/nominations';
import { signedIn, textOf, Visitor } from '../support/http';
import { type RunningServer, startServer } from '../support/server';

/**
 * Issue #13 item 4: public posting of nominees (công khai) and citizens' comments, through the
 * built server. The server trusts 127.0.0.1 as its proxy, so each test speaks from its own client
 * address (X-Forwarded-For) and the per-address bound of one test leaves the others alone.
 * Dates are relative to today: a window open now, one that ended ten days ago.
 */
const dayMs = 86_400_000;
const day = (offset: number) => vietnamDay(new Date(Date.now() + offset * dayMs));
const ids = { open: 0, closed: 0, unposted: 0, unpostedNomination: 0, toPost: 0, openNomination: 0, closedNomination: 0 };
let server: RunningServer;

async function batchWith(db: Database, title: string, posting: { postedAt: Date; postingEndsOn: string } | null, extra: Partial<typeof nominationBatches.$inferInsert> = {}) {
  const [campaign] = await db.select().from(campaigns).where(eq(campaigns.year, 2024));
  const coordinator = await actorFor(db, 'coordinator@demo.vn');
  const author = await actorFor(db, 'journalist@demo.vn');
  const [batch] = await db
    .insert(nominationBatches)
    .values({ campaignId: campaign.id, title: `Đợt ${title}`, createdById: coordinator.id, ...(posting ?? {}), ...extra })
    .returning();
  const entry = await createEntry(db, 'journalist@demo.vn', { status: 'shortlisted', title });
  const [nomination] = await db
    .insert(nominations)
    .values({ campaignId: campaign.id, batchId: batch.id, nomineeType: 'individual', nomineeUserId: author.id, awardForm: 'provincial_certificate', achievementSummary: title, eligibilityDeclared: true, createdById: coordinator.id })
    .returning();
  await db.insert(nominationEntries).values({ nominationId: nomination.id, entryId: entry.id, campaignId: campaign.id });
  return { batchId: batch.id, nominationId: nomination.id };
}

beforeAll(async () => {
  server = await startServer({ TRUSTED_PROXIES: '127.0.0.1' }, {
    prepare: async (db) => {
      const open = await batchWith(db, 'Phóng sự một cửa đang công khai', { postedAt: new Date(Date.now() - dayMs), postingEndsOn: day(14) });
      ids.open = open.batchId;
      ids.openNomination = open.nominationId;
      const closed = await batchWith(db, 'Loạt bài đã hết hạn công khai', { postedAt: new Date(Date.now() - 30 * dayMs), postingEndsOn: day(-10) }, { meetingDate: day(-5) });
      ids.closed = closed.batchId;
      ids.closedNomination = closed.nominationId;
      // Complete but for the comment: the council met after the window, 9 of 9 for.
      await recordMeeting(db, await actorFor(db, 'coordinator@demo.vn'), closed.batchId, [closed.nominationId], { meetingDate: day(-5), proposalDate: day(-4) });
      await db.insert(nomineeComments).values({ batchId: closed.batchId, nominationId: closed.nominationId, authorName: 'Ngô Văn Bình', contact: '0903 111 222', body: 'Đề nghị xác minh số lần phát sóng.', createdAt: new Date(Date.now() - 20 * dayMs) });
      const unposted = await batchWith(db, 'Bài chưa công khai', null);
      ids.unposted = unposted.batchId;
      ids.unpostedNomination = unposted.nominationId;
      ids.toPost = (await batchWith(db, 'Tọa đàm sẽ được công khai', null)).batchId;
    },
  });
});
afterAll(() => server?.stop());

const citizen = (address: string) => {
  const visitor = new Visitor(server.origin);
  return (fields: Record<string, string>, batchId = ids.open) =>
    visitor.post(`/nominees/2024?batch=${batchId}&_action=nominees.comment`, { batchId: String(batchId), nominationId: '', name: 'Nguyễn Thị Lan', contact: 'lan@example.vn', body: '', website: '', ...fields }, { 'x-forwarded-for': address });
};

describe('the public page /nominees/<year>', () => {
  it('lists the posted nominees with their works and window, never a batch not posted; in English too', async () => {
    const page = await new Visitor(server.origin).get('/nominees/2024');
    expect(page.status).toBe(200);
    const text = await textOf(page);
    expect(text).toContain('Công khai danh sách đề nghị khen thưởng năm 2024');
    expect(text).toContain('Phóng sự một cửa đang công khai');
    expect(text).toContain('Trần Thị Thu Hà');
    expect(text).toContain(`đến hết ngày ${day(14).split('-').reverse().join('/')}`);
    expect(text).toContain('Loạt bài đã hết hạn công khai');
    expect(text).toContain('Thời hạn lấy ý kiến đã kết thúc');
    expect(text).not.toContain('Bài chưa công khai');
    // Only the open list takes comments.
    expect((await textOf(await new Visitor(server.origin).get('/nominees/2024'))).match(/Gửi ý kiến/g)?.length).toBe(2);
    const english = await textOf(await new Visitor(server.origin).get('/en/nominees/2024'));
    expect(english).toContain('Nominees for awards 2024, posted for comment');
    expect((await new Visitor(server.origin).get('/nominees/1999')).status).toBe(404);
  });

  it('the coordinator posts a draft batch from its page: posting day, window end, once only', async () => {
    const coordinator = await signedIn(server.origin, 'coordinator@demo.vn');
    const before = await textOf(await coordinator.get(`/app/dossiers/${ids.toPost}`));
    expect(before).toContain('Công khai danh sách');
    expect(before).toContain('10 ngày làm việc');
    const posted = await coordinator.post(`/app/dossiers/${ids.toPost}?_action=nominations.postBatch`, { batchId: String(ids.toPost) });
    expect(posted.status).toBe(302);
    expect(await textOf(await coordinator.get(`/app/dossiers/${ids.toPost}`))).toContain(`Đã công khai ngày ${day(0).split('-').reverse().join('/')}`);
    expect(await textOf(await new Visitor(server.origin).get('/nominees/2024'))).toContain('Tọa đàm sẽ được công khai');
    const again = await coordinator.post(`/app/dossiers/${ids.toPost}?_action=nominations.postBatch`, { batchId: String(ids.toPost) });
    expect(again.status).toBe(409);
    expect(await textOf(again)).toContain('đã được công khai ngày');
  });
});

describe('a citizen comments, without an account', () => {
  it('is accepted, shown to the coordinator (escaped), not publicly', async () => {
    const send = citizen('198.51.100.1');
    const sent = await send({ nominationId: String(ids.openNomination), body: 'Phóng sự phản ánh đúng thực tế <script>alert(1)</script> ở phường tôi.' });
    expect(sent.status).toBe(302);
    expect(sent.headers.get('location')).toBe('/nominees/2024?sent');
    const thanks = await textOf(await new Visitor(server.origin).get('/nominees/2024?sent'));
    expect(thanks).toContain('Ý kiến đã được ghi nhận');
    expect(thanks).not.toContain('Phóng sự phản ánh đúng thực tế');
    const coordinator = await signedIn(server.origin, 'coordinator@demo.vn');
    const html = await (await coordinator.get(`/app/dossiers/${ids.open}`)).text();
    expect(html).toContain('Phóng sự phản ánh đúng thực tế &lt;script&gt;alert(1)&lt;/script&gt; ở phường tôi.');
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('lan@example.vn');
  });

  it('from another site is refused (CSRF protection stays on for the anonymous form), and nothing is stored', async () => {
    const forged = await new Visitor(server.origin).post(
      `/nominees/2024?batch=${ids.open}&_action=nominees.comment`,
      { batchId: String(ids.open), nominationId: '', name: 'Kẻ giả mạo', contact: 'x@evil.example', body: 'Ý kiến gửi từ trang khác.', website: '' },
      { origin: 'https://evil.example', 'x-forwarded-for': '198.51.100.7' },
    );
    expect(forged.status).toBe(403);
    const coordinator = await signedIn(server.origin, 'coordinator@demo.vn');
    expect(await textOf(await coordinator.get(`/app/dossiers/${ids.open}`))).not.toContain('Ý kiến gửi từ trang khác.');
  });

  it('a filled honeypot is answered like a person, and nothing is stored', async () => {
    const sent = await citizen('198.51.100.2')({ body: 'Quảng cáo dịch vụ của rô-bốt', website: 'https://spam.example' });
    expect(sent.status).toBe(302);
    const coordinator = await signedIn(server.origin, 'coordinator@demo.vn');
    expect(await textOf(await coordinator.get(`/app/dossiers/${ids.open}`))).not.toContain('Quảng cáo dịch vụ của rô-bốt');
  });

  it(`is bounded per client address: ${commentLimits.perClientAddress} an hour, then refused in Vietnamese`, async () => {
    const send = citizen('198.51.100.3');
    for (let i = 0; i < commentLimits.perClientAddress; i++) expect((await send({ body: `Ý kiến số ${i + 1} của cùng một máy.` })).status).toBe(302);
    const refused = await send({ body: 'Ý kiến vượt giới hạn.' });
    expect(refused.status).toBe(429);
    expect(await textOf(refused)).toContain('Bạn đã gửi nhiều ý kiến trong thời gian ngắn');
    // Another address is not affected.
    expect((await citizen('198.51.100.4')({ body: 'Ý kiến từ máy khác.' })).status).toBe(302);
  });

  it('an over-long text is a field error; missing fields are named', async () => {
    const send = citizen('198.51.100.5');
    const long = await send({ body: 'a'.repeat(commentLimits.bodyLength + 1) });
    expect(long.status).toBe(400);
    const html = await long.text();
    expect(html).toContain(`href="#body-${ids.open}"`);
    expect(html).toContain(`tối đa ${commentLimits.bodyLength} ký tự`);
    const empty = await send({ name: '', contact: '', body: '' });
    expect(empty.status).toBe(400);
    const text = await textOf(empty);
    expect(text).toContain('Vui lòng nhập họ và tên.');
    expect(text).toContain('Vui lòng nhập số điện thoại hoặc thư điện tử');
    const elsewhere = await send({ nominationId: String(ids.closedNomination), body: 'Ý kiến về người của đợt khác.' });
    expect(elsewhere.status).toBe(400);
    expect(await textOf(elsewhere)).toContain('không có trong danh sách công khai này');
  });

  it('after the window is refused, saying when it ended', async () => {
    const late = await citizen('198.51.100.6')({ body: 'Ý kiến gửi muộn.' }, ids.closed);
    expect(late.status).toBe(409);
    expect(await textOf(late)).toContain(`Đã hết thời hạn lấy ý kiến (hết ngày ${day(-10).split('-').reverse().join('/')})`);
    const unposted = await citizen('198.51.100.6')({ body: 'Ý kiến về đợt chưa công khai.' }, ids.unposted);
    expect(unposted.status).toBe(404);
  });
});

describe('the council and the sending wait for the posting', () => {
  it('a meeting dated inside the window is refused; sending while the window is open is refused', async () => {
    const coordinator = await signedIn(server.origin, 'coordinator@demo.vn');
    const inside = await coordinator.post('/app/nominations?_action=nominations.updateBatchDetails', { batchId: String(ids.open), proposalNumber: '', proposalDate: '', meetingDate: day(2), meetingPlace: '', membersPresent: '' });
    expect(inside.status).toBe(400);
    expect(await textOf(inside)).toContain('Hội đồng chỉ được họp xét sau khi hết thời hạn công khai danh sách');
    const early = await coordinator.post('/app/nominations?_action=nominations.sendBatch', { batchId: String(ids.open) });
    expect(early.status).toBe(409);
    expect(await textOf(early)).toContain('danh sách còn đang trong thời hạn công khai lấy ý kiến');
    // The batch page's checklist says so before anyone tries.
    expect(await textOf(await coordinator.get('/app/nominations'))).toContain('danh sách còn đang trong thời hạn công khai lấy ý kiến');
  });

  it('a posted batch is not deleted: its list and the comments on it stay a public record', async () => {
    const coordinator = await signedIn(server.origin, 'coordinator@demo.vn');
    for (const fields of [{}, { confirmed: '1' }] as Record<string, string>[]) {
      const refused = await coordinator.post('/app/nominations?_action=nominations.deleteBatch', { batchId: String(ids.closed), ...fields });
      expect(refused.status).toBe(409);
      expect(await textOf(refused)).toContain('là hồ sơ công khai, không xoá được');
    }
    expect(await textOf(await coordinator.get(`/app/dossiers/${ids.closed}`))).toContain('Đề nghị xác minh số lần phát sóng.');
  });

  it('a posted batch takes no new nominee: it would skip the public posting', async () => {
    const coordinator = await signedIn(server.origin, 'coordinator@demo.vn');
    const late = await coordinator.post('/app/nominations?_action=nominations.addToBatch', { batchId: String(ids.open), nominationIds: String(ids.unpostedNomination) });
    expect(late.status).toBe(409);
    expect(await textOf(late)).toContain('đã công khai danh sách lấy ý kiến nhân dân: không thêm đề nghị vào đợt này được nữa');
  });

  it('a batch with an unhandled comment is not sent; once handled it is, and the minutes tell the comment and its handling', async () => {
    const coordinator = await signedIn(server.origin, 'coordinator@demo.vn');
    const refused = await coordinator.post('/app/nominations?_action=nominations.sendBatch', { batchId: String(ids.closed) });
    expect(refused.status).toBe(409);
    expect(await textOf(refused)).toContain('còn 1 ý kiến của nhân dân chưa được ghi kết quả xử lý');

    const page = await (await coordinator.get(`/app/dossiers/${ids.closed}`)).text();
    const commentId = page.match(/name="commentId" value="(\d+)"/)![1];
    const blank = await coordinator.post(`/app/dossiers/${ids.closed}?_action=nominations.handleComment`, { commentId, handling: '' });
    expect(blank.status).toBe(400);
    expect(await textOf(blank)).toContain('Vui lòng ghi kết quả xử lý ý kiến');
    const handled = await coordinator.post(`/app/dossiers/${ids.closed}?_action=nominations.handleComment`, { commentId, handling: 'Đã xác minh: phóng sự phát sóng 3 lần trên QTV1; báo cáo Hội đồng.' });
    expect(handled.status).toBe(302);
    const after = await textOf(await coordinator.get(`/app/dossiers/${ids.closed}`));
    expect(after).toContain('Đã xác minh: phóng sự phát sóng 3 lần trên QTV1');
    expect(after).toContain('Bùi Thanh Hương');

    const minutes = await textOf(await coordinator.get(`/app/dossiers/${ids.closed}/print?document=minutes`));
    expect(minutes).toContain(`đến hết ngày ${day(-10).split('-').reverse().join('/')}`);
    expect(minutes).toContain('nhận được 1 ý kiến');
    expect(minutes).toContain('Đề nghị xác minh số lần phát sóng.');
    expect(minutes).toContain('Đã xác minh: phóng sự phát sóng 3 lần trên QTV1');
    expect(minutes).not.toContain('0903 111 222');

    expect((await coordinator.post('/app/nominations?_action=nominations.sendBatch', { batchId: String(ids.closed), confirmed: '1' })).status).toBe(302);
  });

  it('the campaign form carries the window setting', async () => {
    const coordinator = await signedIn(server.origin, 'coordinator@demo.vn');
    const form = await (await coordinator.get('/app/campaigns/new')).text();
    expect(form).toContain('name="postingWindowDays"');
    expect(form).toMatch(/name="postingWindowDays"[^>]*value="10"|value="10"[^>]*name="postingWindowDays"/);
  });
});
