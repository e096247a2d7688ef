import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readPage, signedIn, textOf, type Visitor } from '../support/http';
import { useServer } from '../support/server';

const server = useServer();

const complete = (overrides: Record<string, string> = {}) => ({
  formKey: randomUUID(),
  kind: 'article',
  title: 'Hạ Long số hóa hồ sơ một cửa',
  angle: 'model',
  pressType: 'television',
  programme: 'Chuyên mục Chính quyền và nhân dân',
  publishedOn: '2026-08-20',
  url: `https://baohalong.vn/so-hoa-${randomUUID().slice(0, 8)}.html`,
  lengthValue: '12',
  lengthUnit: 'minutes',
  summary: 'Phóng sự về việc số hóa hồ sơ tại bộ phận một cửa.',
  priorAwardLevel: 'none',
  ...overrides,
});

/** Posts the entry form with repeated parAreas, as a browser does. */
function postEntry(visitor: Visitor, path: string, fields: Record<string, string>, areas = ['procedures']) {
  const body = new URLSearchParams(fields);
  for (const a of areas) body.append('parAreas', a);
  return visitor.request(`${path}${path.includes('?') ? '&' : '?'}_action=entries.save`, {
    method: 'POST',
    body,
    headers: { origin: visitor.origin, 'content-type': 'application/x-www-form-urlencoded' },
  });
}

const idFrom = (location: string | null) => Number(location?.match(/\/app\/entries\/(\d+)/)?.[1]);

describe('writing and submitting an entry', () => {
  it('a draft saves to its edit page; an incomplete submission names every missing field and keeps the draft', async () => {
    const journalist = await signedIn(server.origin, 'journalist@demo.vn');
    const formKey = randomUUID();
    const saved = await postEntry(journalist, '/app/entries/new?kind=article', { formKey, kind: 'article', intent: 'draft', title: 'Bản nháp dở dang' }, []);
    expect(saved.status).toBe(302);
    expect(saved.headers.get('location')).toMatch(/^\/app\/entries\/\d+\/edit\?flash=saved$/);
    const id = idFrom(saved.headers.get('location'));

    // An address that is not http(s) is refused on every save, a draft's too (issue 17).
    const badUrl = await postEntry(journalist, `/app/entries/${id}/edit`, { formKey, kind: 'article', entryId: String(id), intent: 'draft', title: 'Bản nháp dở dang', url: 'baohalong' }, []);
    expect(badUrl.status).toBe(400);
    const badUrlHtml = await badUrl.text();
    expect(await textOf(new Response(badUrlHtml))).toContain('Đường dẫn phải bắt đầu bằng https:// hoặc http://.');
    // what was typed is shown again
    expect(badUrlHtml).toContain('value="baohalong"');

    const refused = await postEntry(journalist, `/app/entries/${id}/edit`, { formKey, kind: 'article', entryId: String(id), intent: 'submit', title: 'Bản nháp dở dang', url: '' }, []);
    const { html, text } = await readPage(refused, 400);
    for (const message of ['Chọn ít nhất một lĩnh vực cải cách hành chính.', 'Cần có “Hướng tiếp cận” để nộp.', 'Cần có “Đường dẫn bài đăng” để nộp.']) {
      expect(text).toContain(message);
    }
    expect(html).toContain('value="Bản nháp dở dang"');
    const list = await textOf(await journalist.get('/app/entries'));
    expect(list).toContain('Bản nháp dở dang');
    expect(list).toContain('Bản nháp');
  });

  it('the same form sent twice makes one entry', async () => {
    const journalist = await signedIn(server.origin, 'journalist@demo.vn');
    const fields = complete({ intent: 'submit', title: 'Gửi hai lần' });
    const [a, b] = await Promise.all([postEntry(journalist, '/app/entries/new?kind=article', fields), postEntry(journalist, '/app/entries/new?kind=article', fields)]);
    expect([a.status, b.status], await b.text()).toEqual([302, 302]);
    expect(idFrom(a.headers.get('location'))).toBe(idFrom(b.headers.get('location')));
    const list = await (await journalist.get('/app/entries?status=submitted')).text();
    expect(list.match(/Gửi hai lần/g)).toHaveLength(1);
  });

  it('another outlet cannot read it, and rich text comes back inert', async () => {
    const journalist = await signedIn(server.origin, 'journalist@demo.vn');
    const created = await postEntry(
      journalist,
      '/app/entries/new?kind=article',
      complete({
        intent: 'draft',
        summary: '<p>Bình thường</p><script>alert(1)</script><img src=x onerror=alert(2)><a href="javascript:alert(3)">x</a><xmp><script>alert(4)</script></xmp>',
      }),
    );
    const id = idFrom(created.headers.get('location'));
    const page = await (await journalist.get(`/app/entries/${id}`)).text();
    expect(page).toContain('<p>Bình thường</p>');
    expect(page).not.toMatch(/alert\(|onerror|javascript:/);

    const other = await signedIn(server.origin, 'journalist2@demo.vn');
    for (const path of [`/app/entries/${id}`, `/app/entries/${id}/edit`]) expect((await other.get(path)).status, path).toBe(404);
    expect(await textOf(await other.get('/app/entries'))).not.toContain('Hạ Long số hóa');
    const meddle = await postEntry(other, `/app/entries/${id}/edit`, complete({ entryId: String(id), intent: 'draft', title: 'Bị sửa' }));
    expect(meddle.status).toBe(404);
  });
});

describe('the outlet confirms or returns', () => {
  it('return needs a reason; the journalist sees it, fixes, resubmits; the outlet confirms', async () => {
    const journalist = await signedIn(server.origin, 'journalist@demo.vn');
    const outlet = await signedIn(server.origin, 'outlet@demo.vn');
    const fields = complete({ intent: 'submit', title: 'Phóng sự một cửa liên thông' });
    const submitted = await postEntry(journalist, '/app/entries/new?kind=article', fields);
    expect(submitted.headers.get('location')).toMatch(/\?flash=submitted$/);
    const id = idFrom(submitted.headers.get('location'));

    const queue = await textOf(await outlet.get('/app/entries'));
    expect(queue).toContain('Chờ xác nhận');
    expect(queue).toContain('Phóng sự một cửa liên thông');

    const noReason = await outlet.post(`/app/entries/${id}?_action=entries.return`, { entryId: String(id), reason: '' });
    expect(noReason.status).toBe(400);
    expect(await textOf(noReason)).toContain('Ghi lý do trả lại (ít nhất 5 ký tự).');
    const returned = await outlet.post(`/app/entries/${id}?_action=entries.return`, { entryId: String(id), reason: 'Bổ sung bản ghi hình gốc.' });
    expect(returned.status).toBe(302);

    const seen = await textOf(await journalist.get(`/app/entries/${id}`));
    expect(seen).toContain('Cơ quan trả lại với lý do: Bổ sung bản ghi hình gốc.');
    expect(seen).toContain('Bị trả lại');
    const resubmitted = await postEntry(journalist, `/app/entries/${id}/edit`, { ...fields, entryId: String(id), title: 'Phóng sự một cửa liên thông (bổ sung)' });
    expect(resubmitted.headers.get('location')).toBe(`/app/entries/${id}?flash=submitted`);

    // a journalist cannot confirm, even by posting the form by hand
    expect((await journalist.post(`/app/entries/${id}?_action=entries.confirm`, { entryId: String(id) })).status).toBe(403);
    const confirmed = await outlet.post(`/app/entries/${id}?_action=entries.confirm`, { entryId: String(id) });
    expect(confirmed.headers.get('location')).toBe(`/app/entries/${id}?flash=confirmed`);
    const timeline = await textOf(await journalist.get(`/app/entries/${id}`));
    for (const step of ['tạo bản nháp', 'nộp tác phẩm', 'trả lại để sửa', 'Lý do: Bổ sung bản ghi hình gốc.', 'xác nhận']) expect(timeline).toContain(step);
    const dashboard = await textOf(await journalist.get('/app'));
    expect(dashboard).toContain('đã được cơ quan xác nhận');
    expect(dashboard).toMatch(/\d+ thông báo chưa đọc/);
    const marked = await journalist.post('/app?_action=notifications.markAllRead', {});
    expect(marked.status).toBe(302);
    expect(await textOf(await journalist.get('/app'))).toContain('Chưa có thông báo mới.');
  });
});

describe('a locked entry opened again (issue 16)', () => {
  it('after submission, the edit page (back button, old link, resubmitted form) leads to the entry saying it is locked and why, with its status and timeline', async () => {
    // journalist2: journalist@demo.vn has used its five entries in the tests above.
    const journalist = await signedIn(server.origin, 'journalist2@demo.vn');
    const fields = complete({ intent: 'submit', title: 'Phóng sự khóa sau khi nộp' });
    const submitted = await postEntry(journalist, '/app/entries/new?kind=article', fields);
    expect(submitted.status, await textOf(submitted.clone())).toBe(302);
    const id = idFrom(submitted.headers.get('location'));
    expect(submitted.headers.get('location')).toBe(`/app/entries/${id}?flash=submitted`);

    const back = await journalist.get(`/app/entries/${id}/edit`);
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toBe(`/app/entries/${id}#locked`);
    // The form sent again from the page the back button shows: nothing changes, the same answer.
    const again = await postEntry(journalist, `/app/entries/${id}/edit`, { ...fields, entryId: String(id), intent: 'draft', title: 'Sửa sau khi nộp' });
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe(`/app/entries/${id}#locked`);

    const page = await journalist.get(`/app/entries/${id}`);
    const { html, text } = await readPage(page);
    expect(html).toContain('id="locked"');
    // Locked, why, its status, its timeline.
    for (const shown of ['Tác phẩm đã khóa, không sửa được', 'Tác phẩm đã nộp, đang chờ lãnh đạo cơ quan xác nhận. Nội dung chỉ sửa được nếu cơ quan trả lại tác phẩm.', 'Đã nộp, chờ xác nhận', 'Diễn biến']) {
      expect(text).toContain(shown);
    }
    expect(text).toMatch(/Diễn biến \d{2}:\d{2}:\d{2} \d{2}\/\d{2}\/\d{4} – [^–]+ tạo bản nháp \d{2}:\d{2}:\d{2} \d{2}\/\d{2}\/\d{4} – [^–]+ nộp tác phẩm/);
    expect(text).toContain('Phóng sự khóa sau khi nộp');
    expect(text).not.toContain('Sửa sau khi nộp');
    expect(text).not.toContain('Không có quyền truy cập');
    expect(html).not.toContain(`href="/app/entries/${id}/edit"`);

    // An outlet's collective entry, confirmed on submission, is locked for the outlet; in English too.
    const outlet = await signedIn(server.origin, 'outlet@demo.vn');
    const collective = await postEntry(outlet, '/app/entries/new?kind=article', complete({ intent: 'submit', title: 'Tác phẩm tập thể đã khóa' }));
    expect(collective.status, await textOf(collective.clone())).toBe(302);
    const collectiveId = idFrom(collective.headers.get('location'));
    const outletBack = await outlet.get(`/en/app/entries/${collectiveId}/edit`);
    expect(outletBack.status).toBe(303);
    expect(outletBack.headers.get('location')).toBe(`/en/app/entries/${collectiveId}#locked`);
    const english = await textOf(await outlet.get(`/en/app/entries/${collectiveId}`));
    expect(english).toContain('This entry is locked and cannot be changed');
    expect(english).toContain('The agency has confirmed it and sent it on for scoring');

    // A draft is not locked: its page says nothing of the kind, and its edit page opens.
    const draft = await postEntry(journalist, '/app/entries/new?kind=article', complete({ intent: 'draft', title: 'Bản nháp chưa khóa' }));
    const draftId = idFrom(draft.headers.get('location'));
    expect((await journalist.get(`/app/entries/${draftId}/edit`)).status).toBe(200);
    expect(await (await journalist.get(`/app/entries/${draftId}`)).text()).not.toContain('id="locked"');
  });
});
