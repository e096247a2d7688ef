import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorFor } from '../support/accounts';
import { createEntry } from '../support/entries';
import { readPage, signedIn, type Visitor } from '../support/http';
import { type RunningServer, startServer } from '../support/server';

/*
 * Issue 16 item 2: every form tells all its errors in one answer (the error summary at the top,
 * each line a link to its field, the message next to the field), keeps what was typed, names the
 * limit of an over-long body, and never shows a flash beside an error.
 */
let server: RunningServer;
const shortlisted: number[] = [];
let journalistId = 0;
beforeAll(async () => {
  server = await startServer({}, {
    prepare: async (db) => {
      for (const title of ['Một cửa liên thông ở Hạ Long', 'Dịch vụ công trực tuyến ở Cẩm Phả']) {
        shortlisted.push((await createEntry(db, 'journalist@demo.vn', { status: 'shortlisted', title })).id);
      }
      journalistId = (await actorFor(db, 'journalist@demo.vn')).id;
    },
  });
});
afterAll(() => server?.stop());

/** The new-article form as `visitor` saves it: a fresh form key unless `fields` carries one. */
function saveNewArticle(visitor: Visitor, fields: Record<string, string>) {
  return visitor.post('/app/entries/new?kind=article&_action=entries.save', { formKey: randomUUID(), kind: 'article', ...fields });
}

const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>');

/** The links of the error summary: field id → message. */
function summaryLinks(html: string): Record<string, string> {
  const summary = html.match(/<div class="error-summary"[^>]*>([\s\S]*?)<\/div>/)?.[1] ?? '';
  return Object.fromEntries([...summary.matchAll(/<a href="#([^"]+)">([^<]*)<\/a>/g)].map(([, id, text]) => [id, decode(text)]));
}

/** The message next to a field, and the field pointing at it with aria-describedby. */
function fieldError(html: string, id: string): string | undefined {
  const message = html.match(new RegExp(`<[a-z]+ class="error-message" id="${id}-error"[^>]*>([^<]*)</`))?.[1];
  if (message === undefined) return undefined;
  const control = html.match(new RegExp(`<(?:input|select|textarea|fieldset)\\b[^>]*\\bid="${id}"[^>]*>`))?.[0] ?? '';
  expect(control, `${id} points at its error`).toMatch(new RegExp(`aria-describedby="[^"]*${id}-error`));
  return decode(message);
}

function expectAllAtOnce(html: string, expected: Record<string, string | RegExp>) {
  const links = summaryLinks(html);
  for (const [id, message] of Object.entries(expected)) {
    expect(links[id], `summary links to #${id}`).toMatch(message);
    expect(fieldError(html, id), `error next to #${id}`).toMatch(message);
  }
}

describe('all errors at once', () => {
  it('the entry form', async () => {
    const journalist = await signedIn(server.origin, 'journalist@demo.vn');
    const response = await saveNewArticle(journalist, {
      intent: 'submit',
      title: 'T'.repeat(501),
      programme: 'Chuyên mục giữ lại',
      publishedOn: '2026-02-30',
      url: 'ftp://baohalong.vn/bai',
      lengthValue: 'mười',
    });
    const { html } = await readPage(response, 400);
    expectAllAtOnce(html, {
      title: /500/,
      publishedOn: /ngày/i,
      url: /https:\/\//,
      lengthValue: /.+/,
    });
    expect(html).toContain('value="Chuyên mục giữ lại"');
    expect(html).toContain('value="ftp://baohalong.vn/bai"');
    expect(html).not.toContain('Đã lưu bản nháp');
    // What a submission would still lack is named in the same round (not on the next submit).
    expectAllAtOnce(html, { angle: /Hướng tiếp cận/, pressType: /.+/, summary: /.+/, parAreas: /lĩnh vực/ });
  });

  it('the campaign form: its fields and the order of its dates, in one answer', async () => {
    const coordinator = await signedIn(server.origin, 'coordinator@demo.vn');
    const response = await coordinator.post('/app/campaigns/new?_action=campaigns.create', [
      ['year', '2031'],
      ['title', ''],
      ['submissionOpensOn', '2031-06-01'],
      ['submissionClosesOn', '2031-03-01'],
      ['scoringClosesOn', '2031-11-30'],
      ['nominationsDueOn', '2031-12-15'],
      ['entryLimitPerAuthor', '4'],
      ['maxFileMb', '0'],
      ['maxEntryMb', '300'],
      ['scorersPerEntry', '12'],
      ['spreadThreshold', '15'],
      ['allowedFileTypes', 'pdf'],
    ]);
    const { html } = await readPage(response, 400);
    expectAllAtOnce(html, { title: /.+/, submissionClosesOn: /.+/, maxFileMb: /.+/, scorersPerEntry: /.+/ });
    expect(html).toContain('value="2031"');
    // Kept, shown as the form writes days (dd/mm/yyyy).
    expect(html).toContain('value="01/06/2031"');
  });

  it('the new-account form: the fields, the password, an address taken and the organisation, in one answer', async () => {
    const admin = await signedIn(server.origin, 'admin@demo.vn');
    const response = await admin.post('/app/admin/accounts?_action=admin.createAccount', [
      ['name', ''],
      ['email', 'journalist@demo.vn'],
      ['position', 'Phóng viên thường trú'],
      ['role', 'journalist'],
      ['organisationId', '2147483000'],
      ['password', 'ngắn'],
    ]);
    const { html } = await readPage(response, 400);
    expectAllAtOnce(html, { name: /.+/, email: /.+/, organisationId: /.+/, password: /8/ });
    expect(html).toContain('value="Phóng viên thường trú"');
    expect(html).toContain('value="journalist@demo.vn"');
    expect(html).not.toContain('value="ngắn"');
  });
});

describe('the nomination form', () => {
  it('asks the kind first, shows only its fields, names every field in error at once, and offers only unused entries', async () => {
    const coordinator = await signedIn(server.origin, 'coordinator@demo.vn');
    const step = await (await coordinator.get('/app/nominations/new')).text();
    expect(step).toMatch(/<form method="get"[^>]*>/);
    expect(step).toContain('name="kind" value="individual"');
    expect(step).not.toContain('name="nomineeUserId"');

    const individual = await (await coordinator.get('/app/nominations/new?kind=individual')).text();
    expect(individual).toContain('name="nomineeUserId"');
    expect(individual).not.toContain('name="nomineeOrganisationId"');
    expect(individual).not.toContain('id="collectiveCriteria"');
    const collective = await (await coordinator.get('/app/nominations/new?kind=collective')).text();
    expect(collective).toContain('name="nomineeOrganisationId"');
    expect(collective).not.toContain('name="nomineeUserId"');
    expect(collective).toContain('id="collectiveCriteria"');
    const campaignId = individual.match(/name="campaignId" value="(\d+)"/)![1];
    for (const id of shortlisted) expect(individual).toContain(`id="entry-${id}"`);

    const refused = await coordinator.post('/app/nominations/new?kind=individual&_action=nominations.create', [
      ['campaignId', campaignId],
      ['nomineeType', 'individual'],
      ['nomineeUserId', String(journalistId)],
      // the other kind's field is ignored
      ['nomineeOrganisationId', '999999'],
      ['awardForm', 'provincial_certificate'],
      ['achievementSummary', ''],
    ]);
    const { html } = await readPage(refused, 400);
    expectAllAtOnce(html, { entryIds: /tác phẩm/, achievementSummary: /Tóm tắt thành tích/, eligibilityDeclared: /xác nhận/i });
    expect(html).toContain('name="nomineeType" value="individual"');

    const created = await coordinator.post('/app/nominations/new?kind=individual&_action=nominations.create', [
      ['campaignId', campaignId],
      ['nomineeType', 'individual'],
      ['nomineeUserId', String(journalistId)],
      ['awardForm', 'provincial_certificate'],
      ['entryIds', String(shortlisted[0])],
      ['achievementSummary', 'Loạt bài có sức lan tỏa.'],
      ['eligibilityDeclared', 'on'],
    ]);
    expect(created.status).toBe(302);
    const after = await (await coordinator.get('/app/nominations/new?kind=individual')).text();
    expect(after).not.toContain(`id="entry-${shortlisted[0]}"`);
    expect(after).toContain(`id="entry-${shortlisted[1]}"`);
    // editing the nomination still offers its own entry
    const nominationId = created.headers.get('location')!.match(/nominations\/(\d+)/)![1];
    expect(await (await coordinator.get(`/app/nominations/${nominationId}/edit`)).text()).toContain(`id="entry-${shortlisted[0]}"`);
  });
});

describe('an over-long body', () => {
  it('a 2 MB title is a field error naming the limit, with the other fields kept and checked', async () => {
    const journalist = await signedIn(server.origin, 'journalist@demo.vn');
    const response = await saveNewArticle(journalist, {
      intent: 'draft',
      title: 'Cải cách '.repeat(240_000),
      programme: 'Chuyên mục giữ lại',
      url: 'ftp://baohalong.vn/bai',
      parAreas: 'procedures',
    });
    const { html } = await readPage(response, 413);
    expect(html).not.toContain('Không thực hiện được');
    expectAllAtOnce(html, { title: /tối đa 500 ký tự.*không được giữ lại/, url: /https:\/\// });
    expect(html).toContain('value="Chuyên mục giữ lại"');
    expect(html).not.toContain('Cải cách Cải cách Cải cách');
  });
});

describe('a flash never contradicts an error', () => {
  it('the entry edit page shows no "saved" beside an upload refusal or a refused save', async () => {
    const journalist = await signedIn(server.origin, 'journalist@demo.vn');
    const formKey = randomUUID();
    const saved = await saveNewArticle(journalist, { formKey, intent: 'draft', title: 'Bản nháp có minh chứng' });
    const location = saved.headers.get('location') ?? '';
    expect(location).toMatch(/\/edit\?flash=saved$/);
    const page = await journalist.get(location);
    expect(await page.text()).toContain('Đã lưu bản nháp.');

    const afterUpload = await (await journalist.get(`${location}&evidenceError=type_not_allowed`)).text();
    expect(afterUpload).not.toContain('Đã lưu bản nháp.');
    expect(afterUpload).toMatch(/id="evidence-file-error"[^>]*>[^<]+</);

    const id = location.match(/entries\/(\d+)/)?.[1] ?? '';
    const refused = await journalist.post(`${location}&_action=entries.save`, [
      ['formKey', formKey],
      ['kind', 'article'],
      ['entryId', id],
      ['intent', 'draft'],
      ['title', 'Bản nháp có minh chứng'],
      ['url', 'javascript:alert(1)'],
    ]);
    const { html } = await readPage(refused, 400);
    expect(html).not.toContain('Đã lưu bản nháp.');
    expect(summaryLinks(html).url).toMatch(/https:\/\//);
  });
});
