import { describe, expect, it } from 'vitest';
import { signedIn, textOf, type Visitor } from '../support/http';
import { useServer } from '../support/server';

const server = useServer();

type Fields = [string, string][];

/**
 * A campaign form as a browser sends it: the ticked file types repeat one name; the days as a
 * coordinator types them, dd/mm/yyyy (issue 16).
 */
function campaignForm(changes: Record<string, string> = {}, types = ['pdf', 'mp4']): Fields {
  const fields: Record<string, string> = {
    year: '2027',
    title: 'Phong trào thi đua “Đẩy mạnh cải cách hành chính” năm 2027 – khối báo chí',
    submissionOpensOn: '01/03/2027',
    submissionClosesOn: '31/10/2027',
    scoringClosesOn: '30/11/2027',
    nominationsDueOn: '15/12/2027',
    entryLimitPerAuthor: '4',
    maxFileMb: '100',
    maxEntryMb: '300',
    scorersPerEntry: '3',
    spreadThreshold: '15',
    ...changes,
  };
  return [...Object.entries(fields), ...types.map((type): [string, string] => ['allowedFileTypes', type])];
}

/** Each of `paths`, opened by `visitor`, answers `status` with a page that says `says`. */
async function expectEachAnswers(visitor: Visitor, paths: string[], status: number, says: string) {
  for (const path of paths) {
    const response = await visitor.get(path);
    expect(response.status, path).toBe(status);
    expect(await textOf(response), path).toContain(says);
  }
}

/** The message shown next to a field (Field.astro's `<id>-error`). */
function errorNextTo(html: string, field: string): string | undefined {
  return html.match(new RegExp(`<span class="error-message" id="${field}-error"[^>]*>([^<]*)</span>`))?.[1];
}

function valueOf(html: string, field: string): string | undefined {
  return html.match(new RegExp(`<input id="${field}" name="${field}" type="[a-z]+" value="([^"]*)"`))?.[1];
}

function checkedTypes(html: string): string[] {
  return [...html.matchAll(/<input type="checkbox"[^>]*name="allowedFileTypes" value="([a-z0-9]+)"([^>]*)>/g)]
    .filter(([, , rest]) => /\bchecked\b/.test(rest))
    .map(([, type]) => type);
}

/** The path of the edit link in the list row of that year. */
async function editPathOf(coordinator: Visitor, year: number): Promise<string | undefined> {
  const html = await (await coordinator.get('/app/campaigns')).text();
  const row = html.split('<tr>').find((r) => new RegExp(`<th scope="row"[^>]*>${year}</th>`).test(r));
  return row?.match(/href="(\/app\/campaigns\/\d+)"/)?.[1];
}

describe('a coordinator runs campaigns', () => {
  it('creates the 2027 campaign, finds it listed with its days, and edits it', async () => {
    const coordinator = await signedIn(server.origin, 'coordinator@demo.vn');
    const form = await (await coordinator.get('/app/campaigns/new')).text();
    for (const id of ['year', 'title', 'submissionOpensOn', 'submissionClosesOn', 'scoringClosesOn', 'nominationsDueOn', 'entryLimitPerAuthor', 'allowedFileTypes', 'maxFileMb', 'maxEntryMb', 'scorersPerEntry', 'spreadThreshold']) {
      expect(form, id).toContain(`<label for="${id}"`);
      expect(form, id).toMatch(new RegExp(`<input[^>]* id="${id}"|<input id="${id}"`));
    }
    // The date group and the file-type boxes are each a fieldset named by its legend.
    expect(form).toMatch(/<fieldset[^>]*>\s*<legend[^>]*>Thời hạn<\/legend>/);
    expect(form).toMatch(/<fieldset[^>]*>\s*<legend[^>]*>Định dạng tệp minh chứng được chấp nhận<\/legend>/);
    expect(checkedTypes(form)).toEqual(['pdf', 'jpeg', 'png', 'webp', 'mp3', 'm4a', 'mp4']);

    const created = await coordinator.post('/app/campaigns/new?_action=campaigns.create', campaignForm());
    expect(created.status).toBe(302);
    expect(created.headers.get('location')).toBe('/app/campaigns?created');

    const list = await textOf(await coordinator.get('/app/campaigns?created'));
    expect(list).toContain('Đã tạo đợt thi đua.');
    expect(list).toContain(
      '2027 Phong trào thi đua “Đẩy mạnh cải cách hành chính” năm 2027 – khối báo chí 01/03/2027 – 31/10/2027 30/11/2027 15/12/2027 Nghị định số 152/2025/NĐ-CP, Mẫu số 07',
    );

    const editPath = await editPathOf(coordinator, 2027);
    expect(editPath).toMatch(/^\/app\/campaigns\/\d+$/);
    const edit = await (await coordinator.get(editPath!)).text();
    expect(valueOf(edit, 'submissionOpensOn')).toBe('01/03/2027');
    expect(valueOf(edit, 'submissionClosesOn')).toBe('31/10/2027');
    expect(valueOf(edit, 'nominationsDueOn')).toBe('15/12/2027');
    // A text input with the day's pattern, not the browser's own date picker in its own order.
    expect(edit).toMatch(/<input id="submissionOpensOn" name="submissionOpensOn" type="text" value="01\/03\/2027" inputmode="numeric" pattern="[^"]+"/);
    expect(await textOf(new Response(edit))).toContain('Nhập theo dạng ngày/tháng/năm, ví dụ 31/12/2026.');
    expect(valueOf(edit, 'entryLimitPerAuthor')).toBe('4');
    expect(valueOf(edit, 'spreadThreshold')).toBe('15');
    expect(checkedTypes(edit)).toEqual(['pdf', 'mp4']);

    const id = editPath!.split('/').pop()!;
    const refused = await coordinator.post(`${editPath}?_action=campaigns.update`, [
      ['id', id],
      ...campaignForm({ submissionClosesOn: '01/12/2027', scorersPerEntry: '10' }),
    ]);
    expect(refused.status).toBe(400);
    const refusedHtml = await refused.text();
    expect(errorNextTo(refusedHtml, 'scorersPerEntry')).toBe('Số thành viên chấm mỗi tác phẩm phải là số nguyên từ 1 đến 9.');
    expect(valueOf(refusedHtml, 'scorersPerEntry')).toBe('10');
    expect(valueOf(refusedHtml, 'submissionClosesOn')).toBe('01/12/2027');
    expect(valueOf(await (await coordinator.get(editPath!)).text(), 'submissionClosesOn')).toBe('31/10/2027');

    // The campaign asks for the signed scans before a batch leaves (completeness.ts); unticked, it does not.
    const scans = await coordinator.post(`${editPath}?_action=campaigns.update`, [['id', id], ...campaignForm({ requiresSignedScans: 'on' })]);
    expect(scans.status).toBe(302);
    expect(await (await coordinator.get(editPath!)).text()).toMatch(/<input type="checkbox" id="requiresSignedScans"[^>]*checked/);

    const updated = await coordinator.post(
      `${editPath}?_action=campaigns.update`,
      // ISO days (a script, a browser's date input) are taken too.
      [['id', id], ...campaignForm({ submissionClosesOn: '2027-11-15', scoringClosesOn: '2027-12-05', scorersPerEntry: '5' }, ['pdf', 'jpeg'])],
    );
    expect(updated.status).toBe(302);
    expect(updated.headers.get('location')).toBe('/app/campaigns?saved');
    expect(await textOf(await coordinator.get('/app/campaigns?saved'))).toContain('Đã lưu thay đổi.');
    const after = await (await coordinator.get(editPath!)).text();
    expect(after).not.toMatch(/<input type="checkbox" id="requiresSignedScans"[^>]*checked/);
    expect(valueOf(after, 'submissionClosesOn')).toBe('15/11/2027');
    expect(valueOf(after, 'scoringClosesOn')).toBe('05/12/2027');
    expect(valueOf(after, 'scorersPerEntry')).toBe('5');
    expect(checkedTypes(after)).toEqual(['pdf', 'jpeg']);

    const english = await textOf(await coordinator.get('/en/app/campaigns'));
    expect(english).toContain('Campaigns');
    expect(english).toContain('2027 Phong trào thi đua “Đẩy mạnh cải cách hành chính” năm 2027 – khối báo chí 01/03/2027 – 15/11/2027 05/12/2027 15/12/2027 Nghị định số 152/2025/NĐ-CP, Mẫu số 07');
  });

  it('refuses bad input with 400, the Vietnamese message next to each field, the input kept, nothing stored', async () => {
    const coordinator = await signedIn(server.origin, 'coordinator@demo.vn');
    const title = 'Đợt thi đua thử năm 2028';

    const misordered = await coordinator.post(
      '/app/campaigns/new?_action=campaigns.create',
      campaignForm({ year: '2028', title, submissionOpensOn: '10/03/2028', submissionClosesOn: '9/3/2028', scoringClosesOn: '30/11/2028', nominationsDueOn: '15/12/2028' }),
    );
    expect(misordered.status).toBe(400);
    const html = await misordered.text();
    expect(errorNextTo(html, 'submissionClosesOn')).toBe('Hạn nộp tác phẩm không được sớm hơn ngày bắt đầu nhận tác phẩm.');
    expect(html).toContain('<a href="#submissionClosesOn">Hạn nộp tác phẩm không được sớm hơn ngày bắt đầu nhận tác phẩm.</a>');
    expect(valueOf(html, 'title')).toBe(title);
    expect(valueOf(html, 'submissionOpensOn')).toBe('10/03/2028');
    expect(valueOf(html, 'submissionClosesOn')).toBe('9/3/2028');
    expect(valueOf(html, 'entryLimitPerAuthor')).toBe('4');
    expect(checkedTypes(html)).toEqual(['pdf', 'mp4']);

    const several = await coordinator.post(
      '/app/campaigns/new?_action=campaigns.create',
      campaignForm({ year: '2028', title, spreadThreshold: '101', scorersPerEntry: '0', scoringClosesOn: '31/02/2028', nominationsDueOn: '12/15/2028' }, []),
    );
    expect(several.status).toBe(400);
    const severalHtml = await several.text();
    expect(errorNextTo(severalHtml, 'allowedFileTypes')).toBe('Chọn ít nhất một định dạng tệp.');
    expect(errorNextTo(severalHtml, 'scorersPerEntry')).toBe('Số thành viên chấm mỗi tác phẩm phải là số nguyên từ 1 đến 9.');
    expect(errorNextTo(severalHtml, 'spreadThreshold')).toBe('Ngưỡng chênh lệch điểm phải là số nguyên từ 0 đến 100.');
    // A day that does not exist, and the month-first order of an English date: the field's own error, what was typed kept.
    expect(errorNextTo(severalHtml, 'scoringClosesOn')).toBe('Nhập hạn chấm điểm.');
    expect(valueOf(severalHtml, 'scoringClosesOn')).toBe('31/02/2028');
    expect(errorNextTo(severalHtml, 'nominationsDueOn')).toBe('Nhập hạn đề nghị khen thưởng.');
    expect(valueOf(severalHtml, 'nominationsDueOn')).toBe('12/15/2028');
    expect(errorNextTo(severalHtml, 'year')).toBeUndefined();
    expect(valueOf(severalHtml, 'spreadThreshold')).toBe('101');
    expect(checkedTypes(severalHtml)).toEqual([]);

    const taken = await coordinator.post('/app/campaigns/new?_action=campaigns.create', campaignForm({ year: '2024', title }));
    expect(taken.status).toBe(409);
    expect(errorNextTo(await taken.text(), 'year')).toBe('Đã có đợt thi đua của năm này.');

    const list = await textOf(await coordinator.get('/app/campaigns'));
    expect(list).not.toContain(title);
    expect(await editPathOf(coordinator, 2028)).toBeUndefined();
  });

  it('answers 404 for a campaign that does not exist', async () => {
    const coordinator = await signedIn(server.origin, 'coordinator@demo.vn');
    await expectEachAnswers(coordinator, ['/app/campaigns/999999', '/app/campaigns/abc', '/app/campaigns/0'], 404, 'Không tìm thấy trang');
  });
});

describe('no one else may touch campaigns', () => {
  it('refuses a journalist the pages and the action with 403, storing nothing', async () => {
    const journalist = await signedIn(server.origin, 'journalist@demo.vn');
    await expectEachAnswers(journalist, ['/app/campaigns', '/app/campaigns/new', '/app/campaigns/1'], 403, 'Không có quyền truy cập');
    const form = campaignForm({ year: '2027', title: 'Đợt thi đua của phóng viên' });
    // The Action's own endpoint lies outside /app: the check inside the handler is what refuses it.
    expect((await journalist.post('/_actions/campaigns.create', form)).status).toBe(403);
    expect((await journalist.post('/app/campaigns/new?_action=campaigns.create', form)).status).toBe(403);

    const coordinator = await signedIn(server.origin, 'coordinator@demo.vn');
    expect(await textOf(await coordinator.get('/app/campaigns'))).not.toContain('Đợt thi đua của phóng viên');
  });

  it('refuses a coordinator’s form posted from another site with 403, storing nothing', async () => {
    const coordinator = await signedIn(server.origin, 'coordinator@demo.vn');
    const form = campaignForm({ year: '2028', title: 'Đợt thi đua giả mạo' });
    const response = await coordinator.post('/app/campaigns/new?_action=campaigns.create', form, { origin: 'https://evil.example' });
    expect(response.status).toBe(403);
    expect(await textOf(await coordinator.get('/app/campaigns'))).not.toContain('Đợt thi đua giả mạo');
    expect(await editPathOf(coordinator, 2028)).toBeUndefined();
  });
});
