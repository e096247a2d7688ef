import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as fixture from '../domain/evidence/fixtures';
import { createCampaignWithLimits, createEntry } from '../support/entries';
import { signedIn, textOf, Visitor } from '../support/http';
import { type RunningServer, startServer } from '../support/server';

const MB = 1024 * 1024;

/**
 * The entries are put into the server's database before it starts (`prepare`): the entry form is
 * not ours to drive, and an embedded PGlite cannot be written by the test while the server holds
 * it. The same holds on PostgreSQL, where `prepare` runs on the server's own database.
 */
let server: RunningServer;
const entry = { draft: 0, submitted: 0, smallCampaign: 0, theirs: 0 };
beforeAll(async () => {
  server = await startServer(
    {},
    {
      prepare: async (db) => {
        entry.draft = (await createEntry(db, 'journalist@demo.vn')).id;
        entry.submitted = (await createEntry(db, 'journalist@demo.vn', { status: 'submitted' })).id;
        entry.theirs = (await createEntry(db, 'journalist2@demo.vn')).id;
        // A campaign whose limit a test can pass with a small upload.
        const small = await createCampaignWithLimits(db, 2031, { maxFileMb: 1, maxEntryMb: 1 });
        entry.smallCampaign = (await createEntry(db, 'journalist@demo.vn', { campaignId: small.id })).id;
      },
    },
  );
});
afterAll(async () => {
  if (process.env.SHOW_SERVER_LOG) console.log(server?.output());
  await server?.stop();
});

const uploads = () => {
  try {
    return readdirSync(path.join(server.dataDir, 'uploads')).sort();
  } catch {
    return [];
  }
};

function form(bytes: Buffer, name: string, type = 'application/octet-stream'): FormData {
  const body = new FormData();
  body.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
  return body;
}

/** A multipart POST as the page sends it: without script it follows the redirect; with it, asks for JSON. */
function upload(visitor: Visitor, entryId: number, body: FormData | BodyInit, { json = true, prefix = '', headers = {} as Record<string, string> } = {}) {
  return visitor.request(`${prefix}/app/entries/${entryId}/evidence`, {
    method: 'POST',
    body,
    headers: { origin: visitor.origin, ...(json ? { accept: 'application/json' } : {}), ...headers },
  });
}

describe('a journalist and their own draft', () => {
  it('uploads a PDF and downloads it back byte for byte, as an attachment with safe headers', async () => {
    const journalist = await signedIn(server.origin, 'journalist@demo.vn');
    const bytes = fixture.pdf();
    const response = await upload(journalist, entry.draft, form(bytes, 'Bài báo “Một cửa” số 12.pdf', 'text/html'));
    expect(response.status).toBe(201);
    const { ok, file } = await response.json();
    expect(ok).toBe(true);
    expect(file).toMatchObject({ name: 'Bài báo “Một cửa” số 12.pdf', type: 'pdf', mediaType: 'application/pdf', sizeBytes: bytes.length });
    expect(file.url).toBe(`/app/entries/${entry.draft}/evidence/${file.id}`);

    const download = await journalist.get(file.url);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('content-length')).toBe(String(bytes.length));
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename="Bai bao _Mot cua_ so 12.pdf"; filename*=UTF-8''${encodeURIComponent('Bài báo “Một cửa” số 12.pdf')}`,
    );
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(download.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    // The middleware sets `no-store` on every signed-in answer, over our `private, no-store`.
    expect(download.headers.get('cache-control')).toContain('no-store');
  });

  it('without JavaScript the form is sent back to the edit page, keeping the language', async () => {
    const journalist = await signedIn(server.origin, 'journalist@demo.vn');
    const added = await upload(journalist, entry.draft, form(fixture.png(), 'anh.png'), { json: false });
    expect(added.status).toBe(303);
    expect(added.headers.get('location')).toBe(`/app/entries/${entry.draft}/edit?evidence=added#evidence`);

    const english = await upload(journalist, entry.draft, form(fixture.jpeg(), 'photo.jpg'), { json: false, prefix: '/en' });
    expect(english.headers.get('location')).toBe(`/en/app/entries/${entry.draft}/edit?evidence=added#evidence`);

    const nothingChosen = await upload(journalist, entry.draft, form(Buffer.alloc(0), ''), { json: false });
    expect(nothingChosen.status).toBe(303);
    expect(nothingChosen.headers.get('location')).toBe(`/app/entries/${entry.draft}/edit?evidenceError=no_file#evidence`);
  });

  it('an executable renamed .pdf is refused (415) and nothing stays on disk', async () => {
    const journalist = await signedIn(server.origin, 'journalist@demo.vn');
    const before = uploads();
    const response = await upload(journalist, entry.draft, form(fixture.elf(), 'bao-cao.pdf', 'application/pdf'));
    expect(response.status).toBe(415);
    expect(await response.json()).toEqual({
      ok: false,
      error: 'type_not_allowed',
      message:
        'Tệp phải là một trong các định dạng: PDF, JPEG, PNG, WebP, MP3, M4A, MP4. Nội dung tệp được kiểm tra, không dựa vào phần mở rộng của tên tệp.',
    });
    const withoutScript = await upload(journalist, entry.draft, form(fixture.windowsExe(), 'bao-cao.pdf'), { json: false });
    expect(withoutScript.headers.get('location')).toBe(`/app/entries/${entry.draft}/edit?evidenceError=type_not_allowed#evidence`);
    expect(uploads()).toEqual(before);
  });

  it('an empty file is refused with its own message', async () => {
    const journalist = await signedIn(server.origin, 'journalist@demo.vn');
    const response = await upload(journalist, entry.draft, form(Buffer.alloc(0), 'trong.pdf'));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'empty', message: 'Tệp đã chọn không có nội dung (0 byte).' });
  });

  it('a body that is not a multipart form is refused (400)', async () => {
    const journalist = await signedIn(server.origin, 'journalist@demo.vn');
    const response = await journalist.post(`/app/entries/${entry.draft}/evidence`, { file: 'x.pdf' }, { accept: 'application/json' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ ok: false, error: 'malformed' });
  });

  it('a submitted entry takes no more files (403)', async () => {
    const journalist = await signedIn(server.origin, 'journalist@demo.vn');
    const response = await upload(journalist, entry.submitted, form(fixture.pdf(), 'muon.pdf'));
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ ok: false, error: 'not_editable' });
    expect((await upload(journalist, entry.submitted, form(fixture.pdf(), 'muon.pdf'), { json: false })).status).toBe(403);
  });
});

describe('size limits (a campaign allowing 1 MB per file and per entry)', () => {
  it('refuses by the announced length before reading the body', async () => {
    const journalist = await signedIn(server.origin, 'journalist@demo.vn');
    const before = uploads();
    const big = Buffer.concat([fixture.pdf(), Buffer.alloc(2 * MB)]);
    const response = await upload(journalist, entry.smallCampaign, form(big, 'lon.pdf'));
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: 'too_large', message: 'Tệp lớn hơn mức tối đa 1 MB cho mỗi tệp.' });
    const english = await upload(journalist, entry.smallCampaign, form(big, 'big.pdf'), { prefix: '/en' });
    expect((await english.json()).message).toBe('The file is larger than the 1 MB allowed for each file.');
    expect(uploads()).toEqual(before);
  });

  it('refuses while streaming when the file passes the limit by a little, or comes with no length', async () => {
    const journalist = await signedIn(server.origin, 'journalist@demo.vn');
    const before = uploads();
    const justOver = Buffer.concat([fixture.pdf(), Buffer.alloc(MB + 1 - fixture.pdf().length)]);
    const response = await upload(journalist, entry.smallCampaign, form(justOver, 'vuot.pdf'));
    expect(response.status).toBe(413);
    expect((await response.json()).error).toBe('too_large');

    // A chunked body (no Content-Length): the limit holds on the bytes themselves.
    const boundary = 'evidence-boundary-7d9';
    const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="dai.pdf"\r\nContent-Type: application/pdf\r\n\r\n`);
    const chunks = [head, fixture.pdf(), ...Array.from({ length: 40 }, () => Buffer.alloc(64 * 1024)), Buffer.from(`\r\n--${boundary}--\r\n`)];
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = chunks.shift();
        if (next) controller.enqueue(new Uint8Array(next));
        else controller.close();
      },
    });
    const chunked = await journalist.request(`/app/entries/${entry.smallCampaign}/evidence`, {
      method: 'POST',
      body: stream,
      headers: { origin: server.origin, accept: 'application/json', 'content-type': `multipart/form-data; boundary=${boundary}` },
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(uploads()).toEqual(before);
  });

  it('counts the files already there against the entry limit', async () => {
    const journalist = await signedIn(server.origin, 'journalist@demo.vn');
    const first = Buffer.concat([fixture.pdf(), Buffer.alloc(0.7 * MB)]);
    expect((await upload(journalist, entry.smallCampaign, form(first, 'mot.pdf'))).status).toBe(201);
    const second = await upload(journalist, entry.smallCampaign, form(Buffer.concat([fixture.pdf(), Buffer.alloc(0.4 * MB)]), 'hai.pdf'));
    expect(second.status).toBe(413);
    expect(await second.json()).toMatchObject({ error: 'entry_too_large' });
  });
});

describe('everyone else', () => {
  it('another outlet’s journalist gets 404 from both routes', async () => {
    const owner = await signedIn(server.origin, 'journalist2@demo.vn');
    const { file } = await (await upload(owner, entry.theirs, form(fixture.png(), 'cua-toi.png'))).json();
    expect((await owner.get(file.url)).status).toBe(200);

    const other = await signedIn(server.origin, 'journalist@demo.vn');
    expect((await other.get(file.url)).status).toBe(404);
    expect((await other.get(`/app/entries/${entry.draft}/evidence/${file.id}`)).status).toBe(404);
    expect((await upload(other, entry.theirs, form(fixture.pdf(), 'x.pdf'))).status).toBe(404);
    expect((await upload(other, entry.theirs, form(fixture.pdf(), 'x.pdf'), { json: false })).status).toBe(404);
    expect((await other.get(`/app/entries/${entry.draft}/evidence/99999999999`)).status).toBe(404);
  });

  it('an anonymous visitor is sent to the login page', async () => {
    const anonymous = new Visitor(server.origin);
    const posted = await upload(anonymous, entry.draft, form(fixture.pdf(), 'x.pdf'), { json: false });
    expect(posted.status).toBe(302);
    expect(posted.headers.get('location')).toMatch(/^\/login\?redirect=/);
    const fetched = await anonymous.get(`/app/entries/${entry.draft}/evidence/1`);
    expect(fetched.status).toBe(302);
    expect(fetched.headers.get('location')).toBe(`/login?redirect=${encodeURIComponent(`/app/entries/${entry.draft}/evidence/1`)}`);
  });

  it('a cross-site form post is refused (403) and stores nothing', async () => {
    const journalist = await signedIn(server.origin, 'journalist@demo.vn');
    const before = uploads();
    const response = await upload(journalist, entry.draft, form(fixture.pdf(), 'csrf.pdf'), { headers: { origin: 'https://evil.example' } });
    expect(response.status).toBe(403);
    expect(uploads()).toEqual(before);
  });

  it('leaves no temporary files behind', () => {
    expect(uploads().filter((name) => !/^[0-9a-f]{32}\.(pdf|png|jpeg)$/.test(name))).toEqual([]);
  });
});

it('the upload page text is Vietnamese by default', async () => {
  const journalist = await signedIn(server.origin, 'journalist@demo.vn');
  const response = await upload(journalist, entry.draft, form(fixture.html(), 'anh.jpg'));
  expect(response.status).toBe(415);
  expect(await textOf(new Response((await response.json()).message))).toContain('định dạng');
});
