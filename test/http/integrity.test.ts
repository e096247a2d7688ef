import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { entryAuthors, nominationBatches, nominationEntries, nominations, users } from '../../db/schema';
import { actorFor } from '../support/accounts';
import { createEntry } from '../support/entries';
import { meetingForm } from '../support/nominations';
import { signedIn, textOf, type Visitor } from '../support/http';
import { type RunningServer, startServer } from '../support/server';

/**
 * Issue #13 item 5 and issue #16's decision form, through the built server: form keys make one
 * record of the same form sent twice (one after the other and at the same time), a draft batch
 * can be deleted and a sent one not, a refused new submission creates nothing, an outlet admin
 * does not confirm his own entry, and every irreversible step asks once more before it happens.
 */
let server: RunningServer;
const data = {
  journalistId: 0,
  shortlisted: [] as number[],
  sentNominationId: 0,
  inHouseNominationId: 0,
  sentBatchId: 0,
  coAuthored: [] as number[],
  plainSubmitted: 0,
};

async function prepare(db: Database) {
  const journalist = await actorFor(db, 'journalist@demo.vn');
  const coordinator = await actorFor(db, 'coordinator@demo.vn');
  const outlet = await actorFor(db, 'outlet@demo.vn');
  data.journalistId = journalist.id;
  for (const title of ['Căn cứ đề nghị thứ nhất', 'Căn cứ đề nghị thứ hai']) {
    data.shortlisted.push((await createEntry(db, 'journalist@demo.vn', { status: 'shortlisted', title })).id);
  }
  // A batch already with Home Affairs, one of its nominations waiting for a decision.
  const sentEntry = await createEntry(db, 'journalist@demo.vn', { status: 'shortlisted', title: 'Căn cứ đã trình' });
  const [batch] = await db
    .insert(nominationBatches)
    .values({ campaignId: sentEntry.campaignId, title: 'Đợt trình đã gửi', createdById: coordinator.id, status: 'sent', sentAt: new Date('2024-12-01T09:00:00+07:00') })
    .returning();
  data.sentBatchId = batch.id;
  const [sent] = await db
    .insert(nominations)
    .values({ campaignId: sentEntry.campaignId, batchId: batch.id, nomineeType: 'individual', nomineeUserId: journalist.id, awardForm: 'provincial_certificate', achievementSummary: 'Thành tích đã trình.', eligibilityDeclared: true, status: 'in_appraisal', createdById: coordinator.id })
    .returning();
  data.sentNominationId = sent.id;
  await db.insert(nominationEntries).values({ nominationId: sent.id, entryId: sentEntry.id, campaignId: sentEntry.campaignId });
  // A Giấy khen the department decides itself.
  const inHouseEntry = await createEntry(db, 'journalist@demo.vn', { status: 'shortlisted', title: 'Căn cứ Giấy khen' });
  const [inHouse] = await db
    .insert(nominations)
    .values({ campaignId: inHouseEntry.campaignId, nomineeType: 'individual', nomineeUserId: journalist.id, awardForm: 'department_certificate', achievementSummary: 'Thành tích của Sở.', eligibilityDeclared: true, createdById: coordinator.id })
    .returning();
  data.inHouseNominationId = inHouse.id;
  await db.insert(nominationEntries).values({ nominationId: inHouse.id, entryId: inHouseEntry.id, campaignId: inHouseEntry.campaignId });
  // Entries the outlet's admin co-authored, submitted to the outlet; and one he did not write.
  for (const title of ['Bài viết chung với lãnh đạo báo (1)', 'Bài viết chung với lãnh đạo báo (2)']) {
    const entry = await createEntry(db, 'journalist@demo.vn', { status: 'submitted', submittedAt: new Date(), title });
    await db.insert(entryAuthors).values({ entryId: entry.id, userId: outlet.id, position: 1 });
    data.coAuthored.push(entry.id);
  }
  data.plainSubmitted = (await createEntry(db, 'journalist@demo.vn', { status: 'submitted', submittedAt: new Date(), title: 'Bài của phóng viên gửi báo' })).id;
  // A second admin of the same outlet, with the demo password.
  const [outletRow] = await db.select().from(users).where(eq(users.id, outlet.id));
  await db.insert(users).values({ email: 'outlet2@demo.vn', name: 'Phạm Thị Lan', role: 'outlet_admin', organisationId: outlet.organisationId, passwordHash: outletRow.passwordHash });
}

beforeAll(async () => {
  server = await startServer({}, { prepare });
});
afterAll(() => server?.stop());

const count = (text: string, part: string) => text.split(part).length - 1;

/** What the nomination form sends for the journalist as nominee on one shortlisted entry. */
const nominationForm = (campaignId: string, entryId: number, achievementSummary: string, formKey: string) => ({
  campaignId,
  formKey,
  nomineeType: 'individual',
  nomineeUserId: String(data.journalistId),
  awardForm: 'provincial_certificate',
  entryIds: String(entryId),
  achievementSummary,
  eligibilityDeclared: 'on',
});

/** Two requests with the same body at the same moment (a double click). */
const twice = (send: () => Promise<Response>) => Promise.all([send(), send()]);

describe('form keys: the same form sent twice makes one record', () => {
  it('a batch, one after the other and at the same time; another key makes another', async () => {
    const coordinator = await signedIn(server.origin, 'coordinator@demo.vn');
    const campaignId = (await (await coordinator.get('/app/nominations')).text()).match(/name="campaignId" value="(\d+)"/)![1];
    const page = await (await coordinator.get('/app/nominations')).text();
    expect(page).toMatch(/<input type="hidden" name="formKey" value="[0-9a-f-]{36}">/);

    const sequential = { campaignId, title: 'Đợt trình bấm hai lần', formKey: randomUUID() };
    expect((await coordinator.post('/app/nominations?_action=nominations.createBatch', sequential)).status).toBe(302);
    expect((await coordinator.post('/app/nominations?_action=nominations.createBatch', sequential)).status).toBe(302);
    const together = { campaignId, title: 'Đợt trình hai thẻ cùng lúc', formKey: randomUUID() };
    const answers = await twice(() => coordinator.post('/app/nominations?_action=nominations.createBatch', together));
    expect(answers.map((a) => a.status)).toEqual([302, 302]);
    const list = await (await coordinator.get('/app/nominations')).text();
    expect(count(list, '<h3>Đợt trình bấm hai lần</h3>')).toBe(1);
    expect(count(list, '<h3>Đợt trình hai thẻ cùng lúc</h3>')).toBe(1);
    // A new form (a new key) is a new batch.
    expect((await coordinator.post('/app/nominations?_action=nominations.createBatch', { ...sequential, formKey: randomUUID() })).status).toBe(302);
    expect(count(await (await coordinator.get('/app/nominations')).text(), '<h3>Đợt trình bấm hai lần</h3>')).toBe(2);
    // A key already used for another form answers with neither record.
    const reused = await coordinator.post('/app/nominations/new?_action=nominations.create', nominationForm(campaignId, data.shortlisted[1], 'Một khoá cho hai biểu mẫu.', sequential.formKey));
    expect(reused.status).toBe(409);
    expect(await textOf(reused)).toContain('Biểu mẫu này đã được gửi cho một việc khác.');
  });

  it('a nomination: the second submission answers with the first one', async () => {
    const coordinator = await signedIn(server.origin, 'coordinator@demo.vn');
    const campaignId = (await (await coordinator.get('/app/nominations/new?kind=individual')).text()).match(/name="campaignId" value="(\d+)"/)![1];
    const form = nominationForm(campaignId, data.shortlisted[0], 'Loạt bài về một cửa liên thông.', randomUUID());
    const answers = await twice(() => coordinator.post('/app/nominations/new?_action=nominations.create', form));
    expect(answers.map((a) => a.status)).toEqual([302, 302]);
    const [first, second] = answers.map((a) => a.headers.get('location'));
    expect(first).toMatch(/^\/app\/nominations\/\d+/);
    expect(second).toBe(first);
    const again = await coordinator.post('/app/nominations/new?_action=nominations.create', form);
    expect(again.status).toBe(302);
    expect(again.headers.get('location')).toBe(first);
  });

  it('an organisation, an account and a campaign: once each, where a new key is refused as a duplicate', async () => {
    const admin = await signedIn(server.origin, 'admin@demo.vn');
    const organisation = { kind: 'press', name: 'Báo Thử Khoá Biểu Mẫu', shortName: 'BTKBM', formKey: randomUUID() };
    const made = await twice(() => admin.post('/app/admin/organisations?_action=admin.createOrganisation', organisation));
    expect(made.map((a) => a.status)).toEqual([302, 302]);
    expect((await admin.post('/app/admin/organisations?_action=admin.createOrganisation', organisation)).status).toBe(302);
    expect(count(await (await admin.get('/app/admin/organisations')).text(), `${organisation.name}<br>`)).toBe(1);
    expect((await admin.post('/app/admin/organisations?_action=admin.createOrganisation', { ...organisation, formKey: randomUUID() })).status).toBe(409);

    const accounts = await (await admin.get('/app/admin/accounts')).text();
    const organisationId = accounts.match(/<option value="(\d+)">Báo Hạ Long điện tử<\/option>/)![1];
    const account = { name: 'Võ Minh Khoá', email: 'khoa.vo@baohalong.vn', role: 'journalist', organisationId, password: 'một mật khẩu dài', formKey: randomUUID() };
    const invited = await twice(() => admin.post('/app/admin/accounts?_action=admin.createAccount', account));
    expect(invited.map((a) => a.status)).toEqual([302, 302]);
    expect((await admin.post('/app/admin/accounts?_action=admin.createAccount', account)).status).toBe(302);
    expect(count(await (await admin.get('/app/admin/accounts')).text(), '<span class="muted">khoa.vo@baohalong.vn</span>')).toBe(1);
    expect((await admin.post('/app/admin/accounts?_action=admin.createAccount', { ...account, formKey: randomUUID() })).status).toBe(409);

    const coordinator = await signedIn(server.origin, 'coordinator@demo.vn');
    expect(await (await coordinator.get('/app/campaigns/new')).text()).toMatch(/name="formKey" value="[0-9a-f-]{36}"/);
    const campaign = new URLSearchParams({
      year: '2031',
      title: 'Đợt thi đua thử khoá biểu mẫu 2031',
      submissionOpensOn: '2031-03-01',
      submissionClosesOn: '2031-10-31',
      scoringClosesOn: '2031-11-30',
      nominationsDueOn: '2031-12-15',
      entryLimitPerAuthor: '4',
      maxFileMb: '100',
      maxEntryMb: '300',
      scorersPerEntry: '3',
      spreadThreshold: '15',
      allowedFileTypes: 'pdf',
      formKey: randomUUID(),
    });
    const post = (body: URLSearchParams) =>
      coordinator.request('/app/campaigns/new?_action=campaigns.create', { method: 'POST', body, headers: { origin: server.origin, 'content-type': 'application/x-www-form-urlencoded' } });
    const created = await twice(() => post(campaign));
    expect(created.map((a) => a.status)).toEqual([302, 302]);
    expect(count(await (await coordinator.get('/app/campaigns')).text(), '>Đợt thi đua thử khoá biểu mẫu 2031</td>')).toBe(1);
    campaign.set('formKey', randomUUID());
    expect((await post(campaign)).status).toBe(409);
  });
});

describe('a draft batch can be deleted', () => {
  it('by the coordinator after confirming; its nominations return to no batch; a sent batch never; other roles never', async () => {
    const coordinator = await signedIn(server.origin, 'coordinator@demo.vn');
    const campaignId = (await (await coordinator.get('/app/nominations')).text()).match(/name="campaignId" value="(\d+)"/)![1];
    const created = await coordinator.post('/app/nominations/new?_action=nominations.create', nominationForm(campaignId, data.shortlisted[1], 'Đề nghị đưa vào đợt sẽ xoá.', randomUUID()));
    expect(created.status).toBe(302);
    const nominationId = created.headers.get('location')!.match(/\/app\/nominations\/(\d+)/)![1];
    expect((await coordinator.post('/app/nominations?_action=nominations.createBatch', { campaignId, title: 'Đợt trình tạo nhầm', formKey: randomUUID() })).status).toBe(302);
    const page = await (await coordinator.get('/app/nominations')).text();
    const panel = page.split('<div class="panel">').find((p) => p.includes('Đợt trình tạo nhầm'))!;
    const batchId = panel.match(/name="batchId" value="(\d+)"/)![1];
    expect((await coordinator.post('/app/nominations?_action=nominations.addToBatch', { batchId, nominationIds: nominationId })).status).toBe(302);
    // Its council met: the votes belong to this batch's meeting.
    expect((await coordinator.post('/app/nominations?_action=nominations.updateBatchDetails', meetingForm(batchId, [nominationId]))).status).toBe(302);

    // Asked first: the panel says what will happen, and nothing is deleted yet.
    const asked = await coordinator.post('/app/nominations?_action=nominations.deleteBatch', { batchId });
    expect(asked.status).toBe(200);
    const html = await asked.text();
    expect(html).toMatch(/<section class="panel confirm-step" aria-labelledby="confirm-step-title" tabindex="-1" autofocus/);
    expect(html).toContain(`<input type="hidden" name="batchId" value="${batchId}">`);
    expect(html).toContain('<input type="hidden" name="confirmed" value="1">');
    const said = await textOf(new Response(html));
    expect(said).toContain('Đợt trình “Đợt trình tạo nhầm” bị xoá; 1 đề nghị trong đợt trở về danh sách đề nghị chưa vào đợt trình.');
    expect(said).toContain('Xác nhận');
    expect(await textOf(await coordinator.get('/app/nominations'))).toContain('Đợt trình tạo nhầm');

    // Other roles never, confirmed or not.
    for (const email of ['appraiser@demo.vn', 'journalist@demo.vn', 'outlet@demo.vn']) {
      const other = await signedIn(server.origin, email);
      expect((await other.post('/app/nominations?_action=nominations.deleteBatch', { batchId, confirmed: '1' })).status, email).toBe(403);
    }
    expect(await textOf(await coordinator.get('/app/nominations'))).toContain('Đợt trình tạo nhầm');

    const deleted = await coordinator.post('/app/nominations?_action=nominations.deleteBatch', { batchId, confirmed: '1' });
    expect(deleted.status).toBe(302);
    expect(deleted.headers.get('location')).toBe('/app/nominations?flash=deleted');
    const after = await (await coordinator.get('/app/nominations?flash=deleted')).text();
    expect(await textOf(new Response(after))).toContain('Đã xoá đợt trình');
    expect(after).not.toContain('Đợt trình tạo nhầm');
    // The nomination is in no batch again: another draft batch offers to take it.
    expect((await coordinator.post('/app/nominations?_action=nominations.createBatch', { campaignId, title: 'Đợt trình đúng', formKey: randomUUID() })).status).toBe(302);
    const offered = (await (await coordinator.get('/app/nominations')).text()).split('<div class="panel">').find((p) => p.includes('Đợt trình đúng'))!;
    expect(offered).toContain(`name="nominationIds" value="${nominationId}"`);
    expect((await coordinator.post('/app/nominations?_action=nominations.addToBatch', { batchId: offered.match(/name="batchId" value="(\d+)"/)![1], nominationIds: nominationId })).status).toBe(302);
    // It arrives without the deleted batch's votes.
    const votes = (await (await coordinator.get('/app/nominations')).text()).match(new RegExp(`<input[^>]*name="votesFor\\.${nominationId}"[^>]*>`))?.[0];
    expect(votes).toBeDefined();
    expect(votes).not.toMatch(/value="\d/);
    // The timeline of the batch's removal is in the audit log (the nomination's page still opens).
    expect((await coordinator.get(`/app/nominations/${nominationId}`)).status).toBe(200);
    expect((await coordinator.post('/app/nominations?_action=nominations.deleteBatch', { batchId, confirmed: '1' })).status).toBe(404);

    // A sent batch is Home Affairs' record: refused, asked or confirmed.
    for (const fields of [{}, { confirmed: '1' }] as Record<string, string>[]) {
      const refused = await coordinator.post('/app/nominations?_action=nominations.deleteBatch', { batchId: String(data.sentBatchId), ...fields });
      expect(refused.status).toBe(409);
      expect(await textOf(refused)).toContain('Đợt trình đã gửi cơ quan thẩm định, không thay đổi được.');
    }
    const appraiser = await signedIn(server.origin, 'appraiser@demo.vn');
    expect(await textOf(await appraiser.get('/app/appraisal'))).toContain('Đợt trình đã gửi');
  });
});

describe('a refused submission creates nothing', () => {
  it('an empty entry form submitted makes no untitled draft; a draft saved on purpose is kept', async () => {
    const journalist = await signedIn(server.origin, 'journalist@demo.vn');
    const untitledBefore = count(await textOf(await journalist.get('/app/entries')), '(chưa có tên)');
    const formKey = randomUUID();
    const empty = { formKey, kind: 'article', intent: 'submit', title: '' };
    const refused = await journalist.post('/app/entries/new?kind=article&_action=entries.save', empty);
    expect(refused.status).toBe(400);
    expect(await textOf(refused)).toContain('Có lỗi cần sửa');
    expect(count(await textOf(await journalist.get('/app/entries')), '(chưa có tên)')).toBe(untitledBefore);
    const sameKeyAgain = await journalist.post('/app/entries/new?kind=article&_action=entries.save', empty);
    expect(sameKeyAgain.status).toBe(400);
    expect(count(await textOf(await journalist.get('/app/entries')), '(chưa có tên)')).toBe(untitledBefore);

    // A submission of an entry saved before keeps the saved draft (the person fixes it from there).
    const saved = await journalist.post('/app/entries/new?kind=article&_action=entries.save', { formKey, kind: 'article', intent: 'draft', title: 'Bản nháp lưu có chủ ý' });
    expect(saved.status).toBe(302);
    const id = saved.headers.get('location')!.match(/\/app\/entries\/(\d+)\/edit/)![1];
    const incomplete = await journalist.post(`/app/entries/${id}/edit?_action=entries.save`, { formKey, entryId: id, kind: 'article', intent: 'submit', title: 'Bản nháp lưu có chủ ý' });
    expect(incomplete.status).toBe(400);
    expect(count(await textOf(await journalist.get('/app/entries')), 'Bản nháp lưu có chủ ý')).toBe(1);
  });
});

describe('nobody confirms their own entry', () => {
  it('the co-authoring outlet admin cannot; another admin of the outlet can, and the coordinator can', async () => {
    const [first, second] = data.coAuthored;
    const outlet = await signedIn(server.origin, 'outlet@demo.vn');
    const own = await (await outlet.get(`/app/entries/${first}`)).text();
    expect(own).not.toContain('_action=entries.confirm');
    expect(await textOf(await outlet.get('/app'))).not.toContain('Bài viết chung với lãnh đạo báo');
    const refused = await outlet.post(`/app/entries/${first}?_action=entries.confirm`, { entryId: String(first) });
    expect(refused.status).toBe(403);
    expect(await textOf(await outlet.get(`/app/entries/${first}`))).toContain('Đã nộp, chờ xác nhận');
    // He still confirms what his reporters wrote alone.
    expect(await (await outlet.get(`/app/entries/${data.plainSubmitted}`)).text()).toContain('_action=entries.confirm');

    const colleague = await signedIn(server.origin, 'outlet2@demo.vn');
    expect(await textOf(await colleague.get('/app'))).toContain('Bài viết chung với lãnh đạo báo (1)');
    expect(await (await colleague.get(`/app/entries/${first}`)).text()).toContain('_action=entries.confirm');
    const confirmed = await colleague.post(`/app/entries/${first}?_action=entries.confirm`, { entryId: String(first) });
    expect(confirmed.status).toBe(302);
    expect(await textOf(await colleague.get(`/app/entries/${first}`))).toContain('Đã xác nhận');

    const coordinator = await signedIn(server.origin, 'coordinator@demo.vn');
    const queue = await textOf(await coordinator.get('/app'));
    expect(queue).toContain('Bài viết chung với lãnh đạo báo (2)');
    expect(queue).not.toContain('Bài của phóng viên gửi báo');
    expect(await (await coordinator.get(`/app/entries/${second}`)).text()).toContain('_action=entries.confirm');
    expect((await coordinator.post(`/app/entries/${second}?_action=entries.confirm`, { entryId: String(second) })).status).toBe(302);
    // The coordinator confirms only those: a reporter's own entry stays the outlet's to confirm.
    expect((await coordinator.post(`/app/entries/${data.plainSubmitted}?_action=entries.confirm`, { entryId: String(data.plainSubmitted) })).status).toBe(403);
    expect(await (await coordinator.get(`/app/entries/${data.plainSubmitted}`)).text()).not.toContain('_action=entries.confirm');
  });
});

describe('irreversible steps ask once more', () => {
  /** The nomination's status as its page shows it. */
  const statusOn = async (visitor: Visitor, path: string) => textOf(await visitor.get(path));

  it('a decision on the appraisal page: one form, checked per choice, then the confirmation; nothing before it', async () => {
    const appraiser = await signedIn(server.origin, 'appraiser@demo.vn');
    const path = `/app/appraisal/${data.sentNominationId}`;
    const page = await (await appraiser.get(path)).text();
    // One decision form with the three choices and every choice's fields, labelled.
    expect(count(page, '_action=nominations.decide')).toBe(1);
    expect(page).not.toContain('_action=nominations.approve');
    expect(page).not.toContain('_action=nominations.reject');
    for (const id of ['decision-approve', 'decision-return', 'decision-reject', 'decisionNumber', 'decisionDate', 'reason']) expect(page, id).toContain(`<label for="${id}"`);

    const decide = (fields: Record<string, string>) => appraiser.post(`${path}?_action=nominations.decide`, { nominationId: String(data.sentNominationId), number: '', date: '', reason: '', ...fields });
    // No choice, or a choice without its fields: refused at once, before any confirmation.
    const none = await decide({});
    expect(none.status).toBe(400);
    expect(await textOf(none)).toContain('Chọn một quyết định');
    const noNumber = await decide({ decision: 'approve', reason: 'Lý do không dùng cho khen thưởng' });
    expect(noNumber.status).toBe(400);
    expect(await textOf(noNumber)).toContain('Nhập số quyết định theo mẫu 1234/QĐ-UBND.');
    const noReason = await decide({ decision: 'reject', number: '77/QĐ-UBND' });
    expect(noReason.status).toBe(400);
    expect(await textOf(noReason)).toContain('Ghi lý do (ít nhất 5 ký tự).');

    // Complete: the confirmation says what will happen, keeps the fields, and nothing is recorded yet.
    for (const [fields, said] of [
      [{ decision: 'approve', number: '4321/QĐ-UBND', date: '2024-12-20' }, 'Ghi quyết định khen thưởng số 4321/QĐ-UBND ngày 20/12/2024 cho Trần Thị Thu Hà'],
      [{ decision: 'reject', reason: 'Chưa đủ tiêu chuẩn khen thưởng' }, 'Ghi nhận không khen thưởng Trần Thị Thu Hà, với lý do: Chưa đủ tiêu chuẩn khen thưởng'],
      [{ decision: 'return', reason: 'Bổ sung xác nhận của đơn vị' }, 'Trả đề nghị của Trần Thị Thu Hà về cơ quan chủ trì để bổ sung'],
    ] as const) {
      const asked = await decide(fields);
      expect(asked.status, fields.decision).toBe(200);
      const html = await asked.text();
      expect(html).toContain('<input type="hidden" name="confirmed" value="1">');
      expect(html).toContain(`<input type="hidden" name="decision" value="${fields.decision}">`);
      expect(await textOf(new Response(html))).toContain(said);
    }
    // The older one-step Actions ask too.
    expect((await appraiser.post(`${path}?_action=nominations.approve`, { nominationId: String(data.sentNominationId), number: '4321/QĐ-UBND', date: '2024-12-20' })).status).toBe(200);
    expect((await appraiser.post(`${path}?_action=nominations.reject`, { nominationId: String(data.sentNominationId), reason: 'Chưa đủ tiêu chuẩn' })).status).toBe(200);
    const still = await statusOn(appraiser, path);
    expect(still).toContain('Đang thẩm định');
    expect(still).not.toContain('4321/QĐ-UBND');

    const confirmed = await decide({ decision: 'approve', number: '4321/QĐ-UBND', date: '2024-12-20', confirmed: '1' });
    expect(confirmed.status).toBe(302);
    expect(confirmed.headers.get('location')).toBe(`${path}?flash=approved`);
    const done = await statusOn(appraiser, path);
    expect(done).toContain('Đã có quyết định khen thưởng');
    expect(done).toContain('4321/QĐ-UBND');
    // Decided: asking again is refused for the status, confirmed or not.
    expect((await decide({ decision: 'reject', reason: 'Đổi ý sau khi đã quyết định' })).status).toBe(409);
  });

  it('deciding a Giấy khen in house, and sending a batch, wait for the confirmation', async () => {
    const coordinator = await signedIn(server.origin, 'coordinator@demo.vn');
    const path = `/app/nominations/${data.inHouseNominationId}`;
    const fields = { nominationId: String(data.inHouseNominationId), number: '15/QĐ-SVHTTDL', date: '2024-12-18' };
    const asked = await coordinator.post(`${path}?_action=nominations.decideInHouse`, fields);
    expect(asked.status).toBe(200);
    expect(await textOf(asked)).toContain('Ghi quyết định tặng Giấy khen số 15/QĐ-SVHTTDL ngày 18/12/2024');
    expect(await textOf(await coordinator.get(path))).toContain('Dự thảo');
    expect((await coordinator.post(`${path}?_action=nominations.decideInHouse`, { ...fields, confirmed: '1' })).status).toBe(302);
    expect(await textOf(await coordinator.get(path))).toContain('Đã có quyết định khen thưởng');

    // An empty batch is refused at once, without a confirmation step.
    const campaignId = (await (await coordinator.get('/app/nominations')).text()).match(/name="campaignId" value="(\d+)"/)![1];
    expect((await coordinator.post('/app/nominations?_action=nominations.createBatch', { campaignId, title: 'Đợt trình rỗng', formKey: randomUUID() })).status).toBe(302);
    const emptyPanel = (await (await coordinator.get('/app/nominations')).text()).split('<div class="panel">').find((p) => p.includes('Đợt trình rỗng'))!;
    const emptyBatchId = emptyPanel.match(/name="batchId" value="(\d+)"/)![1];
    const empty = await coordinator.post('/app/nominations?_action=nominations.sendBatch', { batchId: emptyBatchId });
    expect(empty.status).toBe(409);
    const emptyHtml = await empty.text();
    expect(emptyHtml).not.toContain('name="confirmed"');
    expect(await textOf(new Response(emptyHtml))).toContain('Đợt trình chưa có đề nghị nào.');
  });
});
