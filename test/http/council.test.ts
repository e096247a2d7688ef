import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { campaigns, nominations } from '../../db/schema';
import { addToBatch, createBatch } from '../../src/domain/nominations/decisions';
import { createNomination } from '../../src/domain/nominations/nominations';
import { actorFor } from '../support/accounts';
import { demoCampaign } from '../support/campaigns';
import { signedIn, textOf, type Visitor } from '../support/http';
import { individualNomination, meetingForm, recordMeeting } from '../support/nominations';
import { type RunningServer, startServer } from '../support/server';

/*
 * Issue 13 item 1: a batch leaves for Home Affairs only complete. Each refusal through the built
 * server, on PGlite (`http`) and PostgreSQL (`http-postgres`).
 */
let server: RunningServer;
const batch = { missing: 0, vote: 0, late: 0, scans: 0 };
const nomination = { missing: 0, vote: 0, late: 0, scans: 0 };

/** A batch of one new nomination, in `campaignId` (the demo campaign's nomination moved there). */
async function batchOfOne(db: Database, title: string, campaignId?: number) {
  const coordinator = await actorFor(db, 'coordinator@demo.vn');
  const input = await individualNomination(db, 'journalist@demo.vn');
  const { id } = await createNomination(db, coordinator, input);
  const batchId = (await createBatch(db, coordinator, campaignId ?? input.campaignId, title)).id;
  if (campaignId === undefined) await addToBatch(db, coordinator, batchId, [id]);
  else await db.update(nominations).set({ campaignId, batchId }).where(eq(nominations.id, id));
  return { batchId, id, coordinator };
}

beforeAll(async () => {
  server = await startServer({}, {
    prepare: async (db) => {
      // This file's demo campaign asks for the signed scans; its other batches fail for more besides.
      const demo = await demoCampaign(db);
      await db.update(campaigns).set({ requiresSignedScans: true }).where(eq(campaigns.id, demo.id));
      ({ batchId: batch.missing, id: nomination.missing } = await batchOfOne(db, 'Đợt trình chưa có biên bản'));
      ({ batchId: batch.vote, id: nomination.vote } = await batchOfOne(db, 'Đợt trình biểu quyết sai'));
      const scans = await batchOfOne(db, 'Đợt trình chưa có bản đã ký');
      ({ batchId: batch.scans, id: nomination.scans } = scans);
      await recordMeeting(db, scans.coordinator, batch.scans, [nomination.scans]);
      // A campaign whose nominations deadline has passed (and that asks for no scans).
      const [closed] = await db
        .insert(campaigns)
        .values({
          year: 2023,
          title: 'Phong trào thi đua năm 2023',
          submissionOpensAt: new Date('2023-03-01T00:00:00+07:00'),
          submissionClosesAt: new Date('2023-10-31T23:59:59+07:00'),
          scoringClosesAt: new Date('2023-11-20T23:59:59+07:00'),
          nominationsDueAt: new Date('2023-12-15T23:59:59+07:00'),
        })
        .returning();
      const late = await batchOfOne(db, 'Đợt trình quá hạn', closed.id);
      ({ batchId: batch.late, id: nomination.late } = late);
      await recordMeeting(db, late.coordinator, batch.late, [nomination.late], { proposalDate: '2023-12-01', meetingDate: '2023-11-28' });
    },
  });
});
afterAll(() => server?.stop());

const save = (coordinator: Visitor, form: Record<string, string>) => coordinator.post('/app/nominations?_action=nominations.updateBatchDetails', form);
const send = (coordinator: Visitor, batchId: number) => coordinator.post('/app/nominations?_action=nominations.sendBatch', { batchId: String(batchId) });
/** The error summary of a refused form's page, as text: the page's checklists say more. */
async function summaryOf(response: Response): Promise<string> {
  const html = await response.text();
  const summary = html.match(/<div class="error-summary"[\s\S]*?<\/div>/)?.[0] ?? '';
  return summary.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
}
const statusOf = async (coordinator: Visitor, id: number) => textOf(await coordinator.get(`/app/nominations/${id}`));

describe('sending a batch to Home Affairs', () => {
  it('lists every missing item at once, on refusal and on the batch page before sending', async () => {
    const coordinator = await signedIn(server.origin, 'coordinator@demo.vn');
    const missing = [
      'Chưa có số tờ trình.',
      'Chưa có ngày tờ trình.',
      'Chưa có ngày họp Hội đồng.',
      'Chưa có địa điểm họp.',
      'Chưa có người chủ trì cuộc họp.',
      'Chưa có thư ký cuộc họp.',
      'Chưa có tổng số thành viên Hội đồng.',
      'Chưa có số thành viên dự họp.',
      'Chưa có hình thức biểu quyết.',
      `Chưa ghi kết quả biểu quyết của đề nghị số ${nomination.missing}.`,
      'Chưa tải lên bản đã ký của tờ trình.',
      'Chưa tải lên bản đã ký của biên bản họp xét.',
    ];
    const refused = await send(coordinator, batch.missing);
    expect(refused.status).toBe(409);
    const text = await summaryOf(refused);
    for (const line of missing) expect(text).toContain(line);
    const page = await textOf(await coordinator.get('/app/nominations'));
    expect(page).toContain('Chưa gửi được, còn thiếu hoặc sai:');
    for (const line of missing) expect(page).toContain(line);
    expect(await statusOf(coordinator, nomination.missing)).toContain('Dự thảo');
  });

  it('refuses a vote that does not add up to the members present (3 present, 9 for) and more present than members', async () => {
    const coordinator = await signedIn(server.origin, 'coordinator@demo.vn');
    const threeOfNine = await save(coordinator, meetingForm(batch.vote, [nomination.vote], { councilMembership: '9', membersPresentCount: '3' }));
    expect(threeOfNine.status).toBe(400);
    expect(await summaryOf(threeOfNine)).toContain('Số phiếu đồng ý, không đồng ý và không biểu quyết phải là số nguyên, cộng lại bằng số thành viên dự họp (3).');
    const crowd = await save(coordinator, meetingForm(batch.vote, [nomination.vote], { councilMembership: '5', membersPresentCount: '9' }));
    expect(crowd.status).toBe(400);
    expect(await summaryOf(crowd)).toContain('Số thành viên dự họp (9) không thể lớn hơn tổng số thành viên Hội đồng (5).');
  });

  it('refuses a meeting dated after the proposal letter', async () => {
    const coordinator = await signedIn(server.origin, 'coordinator@demo.vn');
    const after = await save(coordinator, meetingForm(batch.vote, [nomination.vote], { meetingDate: '2024-12-07', proposalDate: '2024-12-06' }));
    expect(after.status).toBe(400);
    expect(await summaryOf(after)).toContain('Ngày họp Hội đồng không được sau ngày tờ trình.');
  });

  it('refuses dates in the future and a meeting without its quorum', async () => {
    const coordinator = await signedIn(server.origin, 'coordinator@demo.vn');
    const future = meetingForm(batch.vote, [nomination.vote], { meetingDate: '2099-01-01', proposalDate: '2099-01-02', councilMembership: '15', membersPresentCount: '9' });
    expect((await save(coordinator, future)).status).toBe(302);
    const refused = await send(coordinator, batch.vote);
    expect(refused.status).toBe(409);
    const text = await summaryOf(refused);
    expect(text).toContain('Ngày 01/01/2099 chưa đến');
    expect(text).toContain('Ngày 02/01/2099 chưa đến');
    expect(text).toContain('Cuộc họp không đủ số thành viên: 9/15 thành viên dự họp, cần ít nhất 2/3.');
    expect(text).not.toContain('Chưa có số tờ trình.');
    expect(await statusOf(coordinator, nomination.vote)).toContain('Dự thảo');
  });

  it('refuses a batch after the campaign’s nominations deadline', async () => {
    const coordinator = await signedIn(server.origin, 'coordinator@demo.vn');
    const refused = await send(coordinator, batch.late);
    expect(refused.status).toBe(409);
    const text = await summaryOf(refused);
    expect(text).toContain('Đã quá hạn gửi hồ sơ đề nghị khen thưởng của đợt thi đua (15/12/2023).');
    expect(text).not.toContain('Chưa có');
  });

  it('refuses, where the campaign requires them, a batch without the signed scans', async () => {
    const coordinator = await signedIn(server.origin, 'coordinator@demo.vn');
    const refused = await send(coordinator, batch.scans);
    expect(refused.status).toBe(409);
    const text = await summaryOf(refused);
    for (const line of ['Chưa tải lên bản đã ký của tờ trình.', 'Chưa tải lên bản đã ký của biên bản họp xét.', `Chưa tải lên bản đã ký của báo cáo thành tích (đề nghị số ${nomination.scans}).`]) {
      expect(text).toContain(line);
    }
    expect(text).not.toContain('Chưa có');
    expect(text).not.toContain('Chưa ghi kết quả');
  });
});
