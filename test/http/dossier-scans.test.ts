import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addToBatch, createBatch } from '../../src/domain/nominations/decisions';
import { createNomination } from '../../src/domain/nominations/nominations';
import * as fixture from '../domain/evidence/fixtures';
import { actorFor } from '../support/accounts';
import { expectServedAs, signedIn, textOf, type Visitor } from '../support/http';
import { individualNomination, recordMeeting } from '../support/nominations';
import { onePagePdf } from '../support/pdf';
import { useServer } from '../support/server';

/**
 * Signed scans of a batch's dossier through the real server: the coordinator uploads a PDF per
 * document (with script: JSON; without: a redirect back), the scan is served instead of the DOCX
 * draft byte for byte, anything but a PDF is refused whatever its name, and once the batch is
 * sent nothing changes any more (409) while Home Affairs downloads the scans.
 */
const server = useServer({}, {
    prepare: async (db) => {
      const coordinator = await actorFor(db, 'coordinator@demo.vn');
      const input = await individualNomination(db, 'journalist@demo.vn', { achievementSummary: 'Loạt bài có sức lan tỏa.' });
      nominationId = (await createNomination(db, coordinator, input)).id;
      batchId = (await createBatch(db, coordinator, input.campaignId, 'Đợt trình có bản đã ký')).id;
      await addToBatch(db, coordinator, batchId, [nominationId]);
      await recordMeeting(db, coordinator, batchId, [nominationId]);
    },
  });
let batchId = 0;
let nominationId = 0;

const stored = () => {
  try {
    return readdirSync(path.join(server.dataDir, 'uploads', 'dossier')).sort();
  } catch {
    return [];
  }
};

function form(bytes: Buffer, name: string): FormData {
  const body = new FormData();
  body.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), name);
  return body;
}

/** The upload as the dossier page sends it: its script asks for JSON; without script, a plain post. */
function upload(visitor: Visitor, query: string, body: FormData, { json = true, origin = visitor.origin } = {}) {
  return visitor.request(`/app/dossiers/${batchId}/scan?${query}`, {
    method: 'POST',
    body,
    headers: { origin, ...(json ? { accept: 'application/json' } : {}) },
  });
}

const download = (visitor: Visitor, query: string) => visitor.get(`/app/dossiers/${batchId}/document?${query}`);
const docx = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

describe('while the batch is open', () => {
  it('the page offers an upload per document, each input labelled and described', async () => {
    const coordinator = await signedIn(server.origin, 'coordinator@demo.vn');
    const html = await (await coordinator.get(`/app/dossiers/${batchId}`)).text();
    for (const id of ['dossier-scan-proposal', 'dossier-scan-minutes', `dossier-scan-report-${nominationId}`]) {
      expect(html).toMatch(new RegExp(`<label for="${id}"[^>]*>Bản đã ký \\(PDF\\) – `));
      expect(html).toMatch(new RegExp(`<input id="${id}" name="file" type="file" accept="application/pdf,.pdf" required aria-describedby="${id}-hint"`));
    }
    expect(html).toContain(`action="/app/dossiers/${batchId}/scan?document=report&amp;nomination=${nominationId}"`);
    expect(html).toContain('enctype="multipart/form-data"');
  });

  it('a real PDF is kept and then served instead of the draft, byte for byte', async () => {
    const coordinator = await signedIn(server.origin, 'coordinator@demo.vn');
    expect((await download(coordinator, 'document=proposal')).headers.get('content-type')).toBe(docx);
    const bytes = onePagePdf('To trinh 125/TTr-STTTT, signed');
    const response = await upload(coordinator, 'document=proposal', form(bytes, 'Tờ trình đã ký.pdf'));
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ ok: true, scan: { name: 'Tờ trình đã ký.pdf', sizeBytes: bytes.length } });

    const served = await download(coordinator, 'document=proposal');
    expectServedAs(served, 'application/pdf');
    expect(served.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(served.headers.get('content-disposition')).toContain('.pdf');
    expect(Buffer.from(await served.arrayBuffer()).equals(bytes)).toBe(true);
    const page = await textOf(await coordinator.get(`/app/dossiers/${batchId}`));
    expect(page).toContain('Bản đã ký, đóng dấu (tải lên): Tờ trình đã ký.pdf (1 KB)');
    expect(page).toContain('Thay bản đã ký (PDF) – Tờ trình đề nghị khen thưởng');
  });

  it('without script the form is answered with a redirect back to the dossier', async () => {
    const coordinator = await signedIn(server.origin, 'coordinator@demo.vn');
    const response = await upload(coordinator, `document=report&nomination=${nominationId}`, form(onePagePdf('Report'), 'bao-cao.pdf'), { json: false });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/app/dossiers/${batchId}?scan=added#dossier-scan-report-${nominationId}-title`);
    const page = await textOf(await coordinator.get(response.headers.get('location')!));
    expect(page).toContain('Đã tải lên bản đã ký.');
    expect((await download(coordinator, `document=report&nomination=${nominationId}`)).headers.get('content-type')).toBe('application/pdf');

    // In English the same, under /en/.
    const english = await coordinator.request(`/en/app/dossiers/${batchId}/scan?document=report&nomination=${nominationId}`, { method: 'POST', body: form(onePagePdf('Report, again'), 'report.pdf'), headers: { origin: coordinator.origin } });
    expect(english.headers.get('location')).toBe(`/en/app/dossiers/${batchId}?scan=added#dossier-scan-report-${nominationId}-title`);
    const englishPage = await textOf(await coordinator.get(english.headers.get('location')!));
    expect(englishPage).toContain('The signed copy has been uploaded.');
    expect(englishPage).toContain('Replace the signed copy (PDF) – Achievement report – Trần Thị Thu Hà');
  });

  it('a PNG named .pdf is refused from its bytes, with the message next to its input', async () => {
    const coordinator = await signedIn(server.origin, 'coordinator@demo.vn');
    const before = stored();
    const withScript = await upload(coordinator, 'document=minutes', form(fixture.png(), 'bien-ban.pdf'));
    expect(withScript.status).toBe(415);
    expect(await withScript.json()).toMatchObject({ ok: false, error: 'type_not_allowed', message: 'Bản đã ký phải là tệp PDF.' });

    const withoutScript = await upload(coordinator, 'document=minutes', form(fixture.png(), 'bien-ban.pdf'), { json: false });
    expect(withoutScript.status).toBe(303);
    expect(withoutScript.headers.get('location')).toBe(`/app/dossiers/${batchId}?scanError=type_not_allowed&document=minutes#dossier-scan-minutes`);
    const html = await (await coordinator.get(withoutScript.headers.get('location')!)).text();
    expect(html).toMatch(/<span class="error-message" id="dossier-scan-minutes-error" data-upload-error[^>]*>Bản đã ký phải là tệp PDF\.<\/span>/);
    expect(html).toContain('aria-describedby="dossier-scan-minutes-hint dossier-scan-minutes-error" aria-invalid="true"');
    expect(html).toContain('<a href="#dossier-scan-minutes">Bản đã ký phải là tệp PDF.</a>');

    const empty = await upload(coordinator, 'document=minutes', form(Buffer.alloc(0), 'rong.pdf'));
    expect(empty.status).toBe(400);
    expect((await empty.json()).message).toBe('Tệp tải lên trống.');
    const nothing = await upload(coordinator, 'document=minutes', new FormData());
    expect(nothing.status).toBe(400);
    expect((await nothing.json()).message).toBe('Chọn tệp PDF bản đã ký.');
    expect((await download(coordinator, 'document=minutes')).headers.get('content-type')).toBe(docx);
    expect(stored()).toEqual(before);
  });

  it('a cross-site post is refused (403) and stores nothing, as Actions are', async () => {
    const coordinator = await signedIn(server.origin, 'coordinator@demo.vn');
    const before = stored();
    const response = await upload(coordinator, 'document=minutes', form(onePagePdf(), 'csrf.pdf'), { origin: 'https://evil.example' });
    expect(response.status).toBe(403);
    expect(stored()).toEqual(before);
  });

  it('a scan can be taken back: the draft is served again and the file is gone', async () => {
    const coordinator = await signedIn(server.origin, 'coordinator@demo.vn');
    expect(await upload(coordinator, 'document=minutes', form(onePagePdf('Minutes'), 'bien-ban.pdf')).then((r) => r.status)).toBe(201);
    const before = stored();
    const removed = await coordinator.post(`/app/dossiers/${batchId}?_action=nominations.removeSignedScan`, { batchId: String(batchId), document: 'minutes' });
    expect(removed.status).toBe(302);
    expect(removed.headers.get('location')).toBe(`/app/dossiers/${batchId}?flash=scanRemoved`);
    expect(await textOf(await coordinator.get(removed.headers.get('location')!))).toContain('Đã xóa bản đã ký; hồ sơ dùng lại bản dự thảo.');
    expect((await download(coordinator, 'document=minutes')).headers.get('content-type')).toBe(docx);
    expect(stored()).toHaveLength(before.length - 1);
  });

  it('only the coordinator uploads: a journalist is refused the section, the appraiser the upload', async () => {
    const journalist = await signedIn(server.origin, 'journalist@demo.vn');
    expect((await upload(journalist, 'document=minutes', form(onePagePdf(), 'x.pdf'))).status).toBe(403);
    expect((await download(journalist, 'document=proposal')).status).toBe(403);
    const appraiser = await signedIn(server.origin, 'appraiser@demo.vn');
    expect((await upload(appraiser, 'document=minutes', form(onePagePdf(), 'x.pdf'))).status).toBe(403);
    // Home Affairs reads a batch once it is sent; before, it does not exist for them.
    expect((await download(appraiser, 'document=proposal')).status).toBe(404);
  });
});

describe('once the batch is sent', () => {
  it('nothing changes any more (409), and Home Affairs downloads the signed scans', async () => {
    const coordinator = await signedIn(server.origin, 'coordinator@demo.vn');
    const bytes = onePagePdf('Minutes, signed by the council');
    expect((await upload(coordinator, 'document=minutes', form(bytes, 'bien-ban.pdf'))).status).toBe(201);
    expect((await coordinator.post('/app/nominations?_action=nominations.sendBatch', { batchId: String(batchId), confirmed: '1' })).status).toBe(302);

    const before = stored();
    const late = await upload(coordinator, 'document=minutes', form(onePagePdf('Later'), 'bien-ban-moi.pdf'));
    expect(late.status).toBe(409);
    expect(await late.json()).toMatchObject({ ok: false, error: 'batch_sent', message: 'Đợt trình đã gửi cơ quan thẩm định, không thay đổi được.' });
    const removed = await coordinator.post(`/app/dossiers/${batchId}?_action=nominations.removeSignedScan`, { batchId: String(batchId), document: 'minutes' });
    expect(removed.status).toBe(409);
    expect(await textOf(removed)).toContain('Đợt trình đã gửi cơ quan thẩm định, không thay đổi được.');
    expect(stored()).toEqual(before);
    const page = await (await coordinator.get(`/app/dossiers/${batchId}`)).text();
    expect(page).not.toContain('type="file"');
    expect(page).not.toContain('removeSignedScan');

    const appraiser = await signedIn(server.origin, 'appraiser@demo.vn');
    const served = await download(appraiser, 'document=minutes');
    expect(served.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await served.arrayBuffer()).equals(bytes)).toBe(true);
    expect(await textOf(await appraiser.get(`/app/dossiers/${batchId}`))).toContain('Đợt trình đã gửi cơ quan thẩm định: hồ sơ chỉ còn để xem và tải xuống.');
  });
});
