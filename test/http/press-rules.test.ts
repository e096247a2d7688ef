import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaigns } from '../../db/schema';
import * as fixture from '../domain/evidence/fixtures';
import { demoCampaign } from '../support/campaigns';
import { readPage, signedIn, textOf, type Visitor } from '../support/http';
import { type RunningServer, startServer } from '../support/server';

/**
 * Issue 12 item 3 over HTTP: the press-entry rules of the test campaign (set before the server
 * starts, as a coordinator would on the campaign form: 3 authors, series of 4, 2,500 words / 60
 * minutes, evidence per press type, a publication window, prizes declared and national prizes
 * refused), each refusal naming its rule and its limit, all at once; and issue 16's first step:
 * the entry form posted with its files (multipart), saved with the entry in one go.
 */
let server: RunningServer;
beforeAll(async () => {
  server = await startServer(
    {},
    {
      prepare: async (db) => {
        const campaign = await demoCampaign(db);
        await db
          .update(campaigns)
          .set({
            maxAuthors: 3,
            maxSeriesEpisodes: 4,
            lengthLimits: { print: 2500, online: 2500, radio: 60, television: 60 },
            evidenceByPressType: true,
            publicationOpensOn: '2024-03-01',
            publicationClosesOn: '2024-10-31',
            priorAwardsDeclared: true,
            priorAwardRefusedFrom: 'national',
          })
          .where(eq(campaigns.id, campaign.id));
      },
    },
  );
});
afterAll(() => server?.stop());

const radioEntry = (overrides: Record<string, string> = {}) => ({
  formKey: randomUUID(),
  kind: 'article',
  intent: 'submit',
  title: 'Một cửa liên thông trên sóng phát thanh',
  angle: 'model',
  pressType: 'radio',
  programme: 'Chương trình Chính quyền với người dân',
  publishedOn: '2024-05-15',
  url: `https://qtv.vn/phat-thanh/${randomUUID().slice(0, 8)}.html`,
  lengthValue: '12',
  lengthUnit: 'minutes',
  summary: 'Phóng sự phát thanh về bộ phận một cửa.',
  priorAwardLevel: 'none',
  ...overrides,
});

/** The entry form as the new-entry page posts it: multipart, with its files, to the page itself. */
function postWithFiles(visitor: Visitor, fields: Record<string, string>, files: { bytes: Buffer; name: string }[] = [], areas = ['procedures']) {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  for (const area of areas) body.append('parAreas', area);
  for (const file of files) body.append('evidence', new Blob([new Uint8Array(file.bytes)]), file.name);
  if (files.length === 0) body.append('evidence', new Blob([]), '');
  return visitor.request('/app/entries/new?kind=article', { method: 'POST', body, headers: { origin: visitor.origin } });
}

const uploads = () => readdirSync(path.join(server.dataDir, 'uploads'), { withFileTypes: true }).filter((f) => f.isFile()).map((f) => f.name);

/**
 * Posts a new radio entry with `file` that must be refused with the form (400, saying `says`), and
 * checks that nothing of it is kept: no file among the uploads, no entry in the journalist's list.
 */
async function expectRefusedKeepingNothing(fields: Record<string, string> & { title: string }, file: { bytes: Buffer; name: string }, says: string) {
  const journalist = await signedIn(server.origin, 'journalist@demo.vn');
  const before = uploads();
  const refused = await postWithFiles(journalist, radioEntry(fields), [file]);
  expect(refused.status).toBe(400);
  expect(await textOf(refused)).toContain(says);
  expect(uploads()).toEqual(before);
  expect(await textOf(await journalist.get('/app/entries'))).not.toContain(fields.title);
}

describe('press-entry rules of the campaign', () => {
  it('the new-entry page shows the limits and the per-author count before the journalist starts', async () => {
    const journalist = await signedIn(server.origin, 'journalist@demo.vn');
    const text = await textOf(await journalist.get('/app/entries/new?kind=article'));
    for (const line of [
      'Mỗi tác giả có tối đa 5 tác phẩm trong đợt thi đua; tính cả tác phẩm đứng tên đồng tác giả và mọi tác phẩm đã nộp, trừ bản nháp và tác phẩm đã rút.',
      'Bạn đã có 0/5 tác phẩm được tính.',
      'Tối đa 3 tác giả một tác phẩm, kể cả người gửi.',
      'Loạt bài đến 4 kỳ được tính là một tác phẩm.',
      'Đăng, phát sóng từ 01/03/2024 đến 31/10/2024.',
      'Phát thanh: tối đa 60 phút mỗi kỳ.',
      'Phát thanh: cần bản ghi âm (MP3, M4A).',
      'Truyền hình: cần video (MP4).',
      'Không nhận tác phẩm đã đạt Giải toàn quốc trở lên.',
    ]) {
      expect(text).toContain(line);
    }
  });

  it('too many authors and too many episodes are refused on the first save, before the work is done', async () => {
    const journalist = await signedIn(server.origin, 'journalist@demo.vn');
    const refused = await postWithFiles(
      journalist,
      radioEntry({ intent: 'draft', seriesEpisodes: '6', externalCoAuthors: 'Nguyễn Văn A – Đài xã\nLê Thị B – Đài xã\nPhạm Văn C – Đài xã' }),
    );
    expect(refused.status).toBe(400);
    const text = await textOf(refused);
    expect(text).toContain('Quy định về số tác giả: một tác phẩm có tối đa 3 tác giả (kể cả người gửi); tác phẩm này ghi 4.');
    expect(text).toContain('Quy định về loạt bài: một loạt bài có tối đa 4 kỳ; loạt này ghi 6 kỳ.');
    expect(await textOf(await journalist.get('/app/entries'))).not.toContain('Một cửa liên thông trên sóng phát thanh');
  });

  it('a submission breaking every other rule is told each rule and its limit at once', async () => {
    const journalist = await signedIn(server.origin, 'journalist@demo.vn');
    const fields = radioEntry({ publishedOn: '2024-11-20', lengthValue: '75', priorAwardLevel: '', seriesEpisodes: '3' });
    // A PDF for a radio work: evidence, but not the recording the rule asks for.
    const refused = await postWithFiles(journalist, fields, [{ bytes: fixture.pdf(), name: 'loi-binh.pdf' }]);
    const { html, text } = await readPage(refused, 400);
    for (const message of [
      'Quy định về thời gian đăng: tác phẩm phải đăng, phát sóng từ 01/03/2024 đến 31/10/2024.',
      'Quy định về loạt bài: cần ngày đăng, phát sóng kỳ cuối của loạt bài.',
      'Quy định về độ dài: tác phẩm Phát thanh tối đa 60 phút (mỗi kỳ với loạt bài); tác phẩm này ghi 75 phút.',
      'Quy định về minh chứng: tác phẩm Phát thanh cần ít nhất một bản ghi âm (MP3, M4A).',
      'Quy định về giải thưởng đã đạt: cần khai tác phẩm đã đạt giải nào chưa.',
    ]) {
      expect(text).toContain(message);
    }
    // The draft is kept with its PDF, and the form keeps what was typed.
    expect(html).toContain('value="75"');
    expect(html).toContain('loi-binh.pdf');

    // The same work, fixed but for a national prize and the words a radio work is not measured in.
    const again = await postWithFiles(
      journalist,
      { ...fields, publishedOn: '2024-05-15', seriesEpisodes: '', lengthValue: '1200', lengthUnit: 'words', priorAwardLevel: 'national' },
      [{ bytes: fixture.mp3(), name: 'phong-su.mp3' }],
    );
    const { text: againText } = await readPage(again, 400);
    expect(againText).toContain('Quy định về độ dài: độ dài tác phẩm Phát thanh tính bằng phút.');
    expect(againText).toContain('Quy định về giải thưởng đã đạt: ghi rõ tên giải, cơ quan tổ chức và năm.');
    expect(againText).toContain('Quy định về giải thưởng đã đạt: đợt thi đua này không nhận tác phẩm đã đạt Giải toàn quốc trở lên.');
    expect(againText).not.toContain('Quy định về minh chứng');
  });

  it('a work that meets the rules is submitted with its recording from the first step', async () => {
    const journalist = await signedIn(server.origin, 'journalist@demo.vn');
    const before = uploads().length;
    const mp3 = fixture.mp3();
    const fields = radioEntry({ title: 'Loạt phóng sự một cửa', seriesEpisodes: '3', lastPublishedOn: '2024-06-01', priorAwardLevel: 'local', priorAwardDetails: 'Giải B, Giải báo chí Đài xã 2024' });
    const submitted = await postWithFiles(journalist, fields, [{ bytes: mp3, name: 'Phóng sự kỳ 1.mp3' }]);
    expect(submitted.status, await submitted.clone().text()).toBe(302);
    const location = submitted.headers.get('location') ?? '';
    expect(location).toMatch(/^\/app\/entries\/\d+\?flash=submitted$/);
    const page = await textOf(await journalist.get(location.replace(/\?.*/, '')));
    expect(page).toContain('Đã nộp, chờ xác nhận');
    expect(page).toContain('Phóng sự kỳ 1.mp3');
    expect(uploads().length).toBe(before + 1);
    const id = Number(location.match(/\/app\/entries\/(\d+)/)?.[1]);
    const evidenceLink = (await (await journalist.get(`/app/entries/${id}`)).text()).match(/href="(\/app\/entries\/\d+\/evidence\/\d+)"/)?.[1];
    const download = await journalist.get(evidenceLink!);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(mp3)).toBe(true);
  });

  it('a new entry sent for submission without what it needs is refused before anything is saved', async () => {
    // No untitled or half-made draft, and no file kept for it (issue 13: a refused submit creates nothing).
    await expectRefusedKeepingNothing({ intent: 'submit', title: 'Phóng sự chưa có tóm tắt', summary: '' }, { bytes: fixture.mp3(), name: 'Phóng sự.mp3' }, 'Tóm tắt');
  });

  it('a file of a type the campaign does not take is refused with the form, and nothing is stored', async () => {
    await expectRefusedKeepingNothing({ intent: 'draft', title: 'Bản nháp kèm tệp lạ' }, { bytes: fixture.html(), name: 'trang.html' }, 'Tệp phải là một trong các định dạng');
  });

  it('the coordinator sets the rules on the campaign form, and every bad limit is refused naming it', async () => {
    const coordinator = await signedIn(server.origin, 'coordinator@demo.vn');
    const form = await (await coordinator.get('/app/campaigns/new')).text();
    // A new campaign starts from the National Press Award's rules.
    expect(form).toMatch(/<input id="maxAuthors" name="maxAuthors" type="number" value="5"/);
    expect(form).toMatch(/<input id="length_print" name="length_print" type="number" value="2500"/);
    expect(form).toMatch(/<input id="length_television" name="length_television" type="number" value="60"/);
    expect(form).toMatch(/id="evidenceByPressType" name="evidenceByPressType" checked/);
    const fields: [string, string][] = [
      ['year', '2031'],
      ['title', 'Phong trào thi đua năm 2031'],
      ['submissionOpensOn', '2031-03-01'],
      ['submissionClosesOn', '2031-10-31'],
      ['scoringClosesOn', '2031-11-30'],
      ['nominationsDueOn', '2031-12-15'],
      ['entryLimitPerAuthor', '5'],
      ['maxFileMb', '100'],
      ['maxEntryMb', '300'],
      ['scorersPerEntry', '3'],
      ['spreadThreshold', '15'],
      ['allowedFileTypes', 'pdf'],
      ['maxAuthors', '0'],
      ['maxSeriesEpisodes', '5'],
      ['length_radio', '0'],
      ['publicationOpensOn', '2031-01-01'],
      ['publicationClosesOn', '2031-12-31'],
      ['priorAwardRefusedFrom', 'national'],
    ];
    const post = (body: [string, string][]) => coordinator.post('/app/campaigns/new?_action=campaigns.create', body);
    const refused = await post(fields);
    expect(refused.status).toBe(400);
    const text = await textOf(refused);
    expect(text).toContain('Số tác giả tối đa phải là số nguyên từ 1 đến 20.');
    expect(text).toContain('Độ dài tối đa (phút) phải là số nguyên từ 1 đến 600.');
    const created = await post(fields.map(([k, v]): [string, string] => [k, k === 'maxAuthors' ? '4' : k === 'length_radio' ? '30' : v]));
    expect(created.status).toBe(302);
    const list = await (await coordinator.get('/app/campaigns')).text();
    const row = list.split('<tr>').find((r) => /<th scope="row"[^>]*>2031<\/th>/.test(r));
    const edit = await (await coordinator.get(row!.match(/href="(\/app\/campaigns\/\d+)"/)![1])).text();
    expect(edit).toMatch(/<input id="maxAuthors" name="maxAuthors" type="number" value="4"/);
    expect(edit).toMatch(/<input id="length_radio" name="length_radio" type="number" value="30"/);
    expect(edit).toMatch(/<input id="length_print" name="length_print" type="number" value(="")? aria/);
    expect(edit).toMatch(/<option value="national" selected/);
  });
});
