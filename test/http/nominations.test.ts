import { describe, expect, it } from 'vitest';
import { createEntry } from '../support/entries';
import { signedIn, textOf } from '../support/http';
import { useServer } from '../support/server';
import { actorFor } from '../support/accounts';
import { vietnamDay } from '../../src/domain/campaigns/campaigns';
import { meetingForm } from '../support/nominations';

/** A decision is dated today at the latest, and not before its batch was sent (now). */
const today = vietnamDay(new Date());
const server = useServer({}, {
    prepare: async (db) => {
      entryId = (await createEntry(db, 'journalist@demo.vn', { status: 'shortlisted', title: 'Loạt bài một cửa liên thông' })).id;
      journalistId = (await actorFor(db, 'journalist@demo.vn')).id;
    },
  });
let entryId = 0;
let journalistId = 0;

describe('from a shortlisted entry to an approved nomination', () => {
  it('the coordinator nominates and sends; Home Affairs returns, then approves; the author is told', async () => {
    const coordinator = await signedIn(server.origin, 'coordinator@demo.vn');
    const form = await (await coordinator.get('/app/nominations/new?kind=individual')).text();
    expect(form).toContain('Loạt bài một cửa liên thông');
    const campaignId = form.match(/name="campaignId" value="(\d+)"/)![1];

    const incomplete = await coordinator.post('/app/nominations/new?_action=nominations.create', { campaignId, nomineeType: 'individual', nomineeUserId: String(journalistId), awardForm: 'provincial_certificate', achievementSummary: '' });
    expect(incomplete.status).toBe(400);
    const text = await textOf(incomplete);
    expect(text).toContain('Chọn ít nhất một tác phẩm làm căn cứ đề nghị.');
    expect(text).toContain('Cần xác nhận đối tượng không trong thời gian bị kỷ luật');

    const body = new URLSearchParams({ campaignId, nomineeType: 'individual', nomineeUserId: String(journalistId), awardForm: 'provincial_certificate', entryIds: String(entryId), achievementSummary: 'Loạt bài có sức lan tỏa.', eligibilityDeclared: 'on' });
    const created = await coordinator.request('/app/nominations/new?_action=nominations.create', { method: 'POST', body, headers: { origin: server.origin, 'content-type': 'application/x-www-form-urlencoded' } });
    expect(created.status).toBe(302);
    const nominationId = created.headers.get('location')!.match(/\/app\/nominations\/(\d+)/)![1];

    // the same entry cannot back a second nomination
    const twice = await coordinator.request('/app/nominations/new?_action=nominations.create', { method: 'POST', body: new URLSearchParams({ ...Object.fromEntries(body), awardForm: 'department_certificate' }), headers: { origin: server.origin, 'content-type': 'application/x-www-form-urlencoded' } });
    expect(twice.status).toBe(409);
    expect(await textOf(twice)).toContain(`đề nghị số ${nominationId} (Trần Thị Thu Hà)`);

    expect((await coordinator.post('/app/nominations?_action=nominations.createBatch', { campaignId, title: 'Đợt trình tháng 12' })).status).toBe(302);
    const page = await (await coordinator.get('/app/nominations')).text();
    const batchId = page.match(/name="batchId" value="(\d+)"/)![1];
    const added = await coordinator.request('/app/nominations?_action=nominations.addToBatch', { method: 'POST', body: new URLSearchParams({ batchId, nominationIds: nominationId }), headers: { origin: server.origin, 'content-type': 'application/x-www-form-urlencoded' } });
    expect(added.status).toBe(302);
    // the council's vote and the letter's details, checked, then shown in the minutes
    const details = meetingForm(batchId, [nominationId], { councilMembership: '9', membersPresentCount: '7', [`votesFor.${nominationId}`]: '7' });
    expect((await coordinator.post('/app/nominations?_action=nominations.updateBatchDetails', details)).status).toBe(302);
    const minutes = await textOf(await coordinator.get(`/app/dossiers/${batchId}/print?document=minutes`));
    expect(minutes).toContain('Phòng họp Sở Thông tin và Truyền thông');
    expect(minutes).toContain('7/7');
    expect(minutes).toContain('Đề nghị khen thưởng');
    // the batch page's checklist says it is ready
    expect(await textOf(await coordinator.get('/app/nominations'))).toContain('Hồ sơ đã đủ: có thể gửi cơ quan thẩm định.');

    // Sending asks once more, saying what will happen; only the confirmation sends.
    const asked = await coordinator.post('/app/nominations?_action=nominations.sendBatch', { batchId });
    expect(asked.status).toBe(200);
    expect(await textOf(asked)).toContain('Đợt trình “Đợt trình tháng 12” cùng 1 đề nghị được gửi sang cơ quan thẩm định');
    expect(await textOf(await coordinator.get('/app/nominations'))).toContain('Chưa gửi');
    expect((await coordinator.post('/app/nominations?_action=nominations.sendBatch', { batchId, confirmed: '1' })).status).toBe(302);
    expect((await coordinator.post('/app/nominations?_action=nominations.sendBatch', { batchId, confirmed: '1' })).status).toBe(409);
    // read-only once sent
    expect((await coordinator.post('/app/nominations?_action=nominations.updateBatchDetails', details)).status).toBe(409);
    const editPath = `/app/nominations/${nominationId}/edit`;
    const edited = new URLSearchParams({ ...Object.fromEntries(body), nominationId, achievementSummary: 'Loạt bài có sức lan tỏa; đã bổ sung xác nhận của Báo Quảng Ninh.' });
    edited.delete('campaignId');
    const postEdit = (form: URLSearchParams) => coordinator.request(`${editPath}?_action=nominations.update`, { method: 'POST', body: form, headers: { origin: server.origin, 'content-type': 'application/x-www-form-urlencoded' } });
    expect((await coordinator.get(editPath)).headers.get('location')).toBe(`/app/nominations/${nominationId}`);
    const sentEdit = await postEdit(edited);
    expect(sentEdit.status).toBe(409);
    expect(await textOf(sentEdit)).toContain('Đề nghị đã trình không sửa được.');

    const appraiser = await signedIn(server.origin, 'appraiser@demo.vn');
    expect(await textOf(await appraiser.get('/app/appraisal'))).toContain('Đợt trình tháng 12');

    // the dossier: listed, downloadable as DOCX (a ZIP), printable, and the list as XLSX
    const dossier = await textOf(await appraiser.get(`/app/dossiers/${batchId}`));
    for (const part of ['Tờ trình đề nghị khen thưởng', 'Biên bản họp xét', 'Báo cáo thành tích – Trần Thị Thu Hà']) expect(dossier).toContain(part);
    const docx = await appraiser.get(`/app/dossiers/${batchId}/document?document=proposal`);
    expect(docx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(docx.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(Buffer.from(await docx.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
    const print = await textOf(await appraiser.get(`/app/dossiers/${batchId}/print?document=report&nomination=${nominationId}`));
    expect(print).toContain('Trần Thị Thu Hà');
    expect(print).toContain('BÁO CÁO THÀNH TÍCH');
    const xlsx = await appraiser.get(`/app/dossiers/${batchId}/list.xlsx`);
    expect(Buffer.from(await xlsx.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
    const csv = await appraiser.get(`/app/dossiers/${batchId}/list.csv`);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment;.*danh-sach-de-nghi-dot-\d+\.csv/);
    const csvLines = (await csv.text()).replace(/^\uFEFF/, '').split('\r\n');
    expect(csvLines[0]).toBe('STT,Tập thể/cá nhân,Chức vụ,Đơn vị,Hình thức khen thưởng,Thành tích');
    expect(csvLines.some((line) => line.includes('Trần Thị Thu Hà'))).toBe(true);
    expect((await appraiser.get(`/app/dossiers/${batchId}/document?document=nonsense`)).status).toBe(404);
    const path = `/app/appraisal/${nominationId}`;
    expect((await appraiser.post(`${path}?_action=nominations.startAppraisal`, { nominationId })).status).toBe(302);
    expect((await appraiser.post(`${path}?_action=nominations.returnForSupplement`, { nominationId, reason: 'Bổ sung xác nhận của đơn vị.' })).status).toBe(302);
    // returned: the coordinator edits it (the form pre-filled), then resends it
    expect(await (await coordinator.get(`/app/nominations/${nominationId}`)).text()).toContain(`href="${editPath}"`);
    const editForm = await (await coordinator.get(editPath)).text();
    expect(editForm).toContain('Cơ quan thẩm định trả lại để bổ sung. Lý do: Bổ sung xác nhận của đơn vị.');
    expect(editForm).toMatch(/<textarea id="achievementSummary" name="achievementSummary" rows="4"[^>]*>Loạt bài có sức lan tỏa\.<\/textarea>/);
    expect(editForm).toMatch(new RegExp(`<input type="checkbox" id="entry-${entryId}" name="entryIds" value="${entryId}" checked>`));
    expect(editForm).toMatch(new RegExp(`<option value="${journalistId}" selected>Trần Thị Thu Hà</option>`));
    expect(editForm).toMatch(/<input type="checkbox" id="eligibilityDeclared" name="eligibilityDeclared" checked>/);
    const blank = await postEdit(new URLSearchParams({ ...Object.fromEntries(edited), achievementSummary: ' ' }));
    expect(blank.status).toBe(400);
    expect(await textOf(blank)).toContain('Có lỗi cần sửa');
    const saved = await postEdit(edited);
    expect(saved.status).toBe(302);
    expect(saved.headers.get('location')).toBe(`/app/nominations/${nominationId}?flash=updated`);
    const afterEdit = await textOf(await coordinator.get(saved.headers.get('location')!));
    expect(afterEdit).toContain('Đã lưu thay đổi của đề nghị.');
    expect(afterEdit).toContain('đã bổ sung xác nhận của Báo Quảng Ninh');
    expect(afterEdit).toContain('sửa đề nghị');
    expect((await coordinator.post(`/app/nominations/${nominationId}?_action=nominations.resend`, { nominationId })).status).toBe(302);
    expect((await coordinator.get(editPath)).status).toBe(302);
    const badNumber = await appraiser.post(`${path}?_action=nominations.approve`, { nominationId, number: '12/2024', date: today });
    expect(badNumber.status).toBe(400);
    expect(await textOf(badNumber)).toContain('Nhập số quyết định theo mẫu 1234/QĐ-UBND.');
    expect((await appraiser.post(`${path}?_action=nominations.approve`, { nominationId, number: '3456/QĐ-UBND', date: today })).status).toBe(200);
    expect((await appraiser.post(`${path}?_action=nominations.approve`, { nominationId, number: '3456/QĐ-UBND', date: today, confirmed: '1' })).status).toBe(302);
    const done = await textOf(await appraiser.get(path));
    expect(done).toContain('Đã có quyết định khen thưởng');
    expect(done).toContain('3456/QĐ-UBND');
    for (const step of ['lập đề nghị', 'trình cơ quan thẩm định', 'tiếp nhận thẩm định', 'trả lại để bổ sung', 'ghi quyết định khen thưởng']) expect(done).toContain(step);

    const journalist = await signedIn(server.origin, 'journalist@demo.vn');
    expect(await textOf(await journalist.get('/app'))).toContain('Đề nghị khen thưởng đã được quyết định (3456/QĐ-UBND).');
  });

  it('keeps each side to its own pages', async () => {
    const journalist = await signedIn(server.origin, 'journalist@demo.vn');
    for (const path of ['/app/nominations', '/app/nominations/new', '/app/appraisal', '/app/dossiers/1', '/app/dossiers/1/list.xlsx']) {
      expect((await journalist.get(path)).status, path).toBe(403);
    }
    const coordinator = await signedIn(server.origin, 'coordinator@demo.vn');
    expect((await coordinator.get('/app/appraisal')).status).toBe(403);
    const appraiser = await signedIn(server.origin, 'appraiser@demo.vn');
    expect((await appraiser.get('/app/nominations')).status).toBe(403);
    expect((await appraiser.post('/app/appraisal?_action=nominations.sendBatch', { batchId: '1' })).status).toBe(403);
  });
});
