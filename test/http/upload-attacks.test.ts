import { readdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as fixture from '../domain/evidence/fixtures';
import { createCampaignWithLimits, createEntry } from '../support/entries';
import { expectServedAs, signedIn, type Visitor } from '../support/http';
import { type RunningServer, startServer } from '../support/server';

/**
 * Issue #7 item 5: hostile uploads of evidence. Each is refused with a Vietnamese message, or
 * kept and served so that no browser runs it (an attachment, its detected type, nosniff, a
 * sandboxing CSP). After every case the upload folder holds exactly the files that were accepted:
 * no temporary part, no file outside it. The server runs with a one-second idle limit for uploads
 * (UPLOAD_IDLE_SECONDS) so that the slow client is cut off quickly.
 */
const KB = 1024;
let server: RunningServer;
let journalist: Visitor;
const entry = { draft: 0, small: 0 };
let accepted = 0;

beforeAll(async () => {
  server = await startServer(
    { UPLOAD_IDLE_SECONDS: '1' },
    {
      prepare: async (db) => {
        entry.draft = (await createEntry(db, 'journalist@demo.vn')).id;
        const small = await createCampaignWithLimits(db, 2032, { maxFileMb: 1, maxEntryMb: 1 });
        entry.small = (await createEntry(db, 'journalist@demo.vn', { campaignId: small.id })).id;
      },
    },
  );
  journalist = await signedIn(server.origin, 'journalist@demo.vn');
});
afterAll(async () => {
  if (process.env.SHOW_SERVER_LOG) console.log(server?.output());
  await server?.stop();
});

/** Every file under the data folder except the database's own, relative to it. */
function filesUnder(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    if (d.isDirectory()) return d.name === 'pglite' ? [] : filesUnder(full, base);
    return [path.relative(base, full)];
  });
}

/** The upload folder holds one file per accepted upload, named by the server, and nothing else anywhere. */
async function expectNoOrphans() {
  // The clean-up of a refused upload finishes right after the answer; give it a moment.
  await new Promise((r) => setTimeout(r, 150));
  const files = filesUnder(server.dataDir);
  const stored = files.filter((f) => /^uploads\/[0-9a-f]{32}\.[a-z0-9]{2,5}$/.test(f));
  expect(files.filter((f) => !stored.includes(f) && !f.startsWith('image-cache/'))).toEqual([]);
  expect(stored).toHaveLength(accepted);
}

function upload(entryId: number, bytes: Buffer, name: string, type = 'application/octet-stream') {
  const body = new FormData();
  body.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
  return journalist.request(`/app/entries/${entryId}/evidence`, { method: 'POST', body, headers: { origin: server.origin, accept: 'application/json' } });
}

/** Accepted, then downloaded: the bytes come back only as an attachment no browser renders. */
async function expectServedHarmlessly(response: Response, mediaType: string, label = '') {
  expect(response.status, label).toBe(201);
  accepted++;
  const { file } = await response.json();
  expect(file.mediaType).toBe(mediaType);
  const download = await journalist.get(file.url);
  expectServedAs(download, mediaType);
  expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="[\x20-\x7e]*"; filename\*=UTF-8''[A-Za-z0-9%._~!'()*-]*$/);
  expect(download.headers.get('x-content-type-options')).toBe('nosniff');
  expect(download.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
  await download.body?.cancel();
  return file as { name: string; url: string };
}

async function expectRefused(response: Response, status: number, message: string) {
  expect(response.status).toBe(status);
  const body = await response.json();
  expect(body.ok).toBe(false);
  expect(body.message).toContain(message);
}

const html = '<html><body><script>alert(document.cookie)</script></body></html>';
const svg = '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>';

describe('polyglots', () => {
  it('a JPEG carrying HTML in a comment and after its end is kept as a JPEG and only ever downloaded', async () => {
    const jpeg = fixture.jpeg();
    const comment = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from([0, html.length + 2]), Buffer.from(html)]);
    const polyglot = Buffer.concat([jpeg.subarray(0, 2), comment, jpeg.subarray(2), Buffer.from(html)]);
    await expectServedHarmlessly(await upload(entry.draft, polyglot, 'anh.html', 'text/html'), 'image/jpeg');
    await expectNoOrphans();
  });

  it('a JPEG carrying SVG is kept as a JPEG; an SVG file itself is refused', async () => {
    const polyglot = Buffer.concat([fixture.jpeg(), Buffer.from(svg)]);
    await expectServedHarmlessly(await upload(entry.draft, polyglot, 'anh.svg', 'image/svg+xml'), 'image/jpeg');
    await expectRefused(await upload(entry.draft, Buffer.from(`<?xml version="1.0"?>${svg}`), 'anh.svg', 'image/svg+xml'), 415, 'Tệp phải là một trong các định dạng');
    await expectNoOrphans();
  });

  it('a PDF with HTML inside is kept as a PDF; HTML named .pdf is refused', async () => {
    await expectServedHarmlessly(await upload(entry.draft, fixture.pdf(html), 'bai.pdf', 'text/html'), 'application/pdf');
    await expectRefused(await upload(entry.draft, Buffer.from(html), 'bai.pdf', 'application/pdf'), 415, 'Tệp phải là một trong các định dạng');
    await expectNoOrphans();
  });
});

describe('names', () => {
  const names: [string, RegExp][] = [
    ['../../../../etc/passwd.pdf', /^passwd\.pdf$/],
    ['..\\..\\windows\\win.ini.pdf', /^win\.ini\.pdf$/],
    ['/tmp/../uploads/x.pdf', /^x\.pdf$/],
    // Browsers (and FormData) send CR and LF in a file name as %0D and %0A: text, not a line break.
    ['bai\r\nSet-Cookie: session=x\r\n.pdf', /^bai(%0D%0A)?Set-Cookie: session=x(%0D%0A)?\.pdf$/],
    ['hoa-don\u202Efdp.exe', /^hoa-donfdp\.exe\.pdf$/],
    ['\u200B\u2066x\u2069.pdf', /^x\.pdf$/],
    // Leading dots go (a hidden file when saved); what is left is the label.
    ['....pdf', /^pdf\.pdf$/],
    ['x'.repeat(400) + '.pdf', /^x{156}\.pdf$/],
    ['"; filename="evil.html', /^(%22|"); filename=(%22|")evil\.html\.pdf$/],
  ];

  it('keeps only a harmless label: no path, no control or direction characters, no header breaking', async () => {
    for (const [raw, expected] of names) {
      // Bytes of its own for each: the same bytes again would be the same file (a retried upload).
      const file = await expectServedHarmlessly(await upload(entry.draft, fixture.pdf(raw), raw), 'application/pdf', JSON.stringify(raw));
      expect(file.name, JSON.stringify(raw)).toMatch(expected);
    }
    await expectNoOrphans();
  });

  it('raw control characters in the part header make it unreadable: refused in Vietnamese, nothing kept', async () => {
    for (const raw of ['a\u0000b.pdf', 'a\u0007b\u001bc.pdf']) {
      await expectRefused(await upload(entry.draft, fixture.pdf(raw), raw), 400, 'Không đọc được dữ liệu gửi lên');
    }
    await expectNoOrphans();
  });
});

describe('broken and hostile transfers', () => {
  it('a zero-byte file is refused with its own message', async () => {
    await expectRefused(await upload(entry.draft, Buffer.alloc(0), 'rong.pdf'), 400, 'Tệp đã chọn không có nội dung (0 byte).');
    await expectNoOrphans();
  });

  /** A multipart request written by hand on a socket, so that it can stop or stall midway. */
  function rawUpload(bodyStart: Buffer, { declaredLength }: { declaredLength: number }) {
    const socket = net.connect(Number(new URL(server.origin).port), '127.0.0.1');
    const head = [
      `POST /app/entries/${entry.draft}/evidence HTTP/1.1`,
      `Host: ${new URL(server.origin).host}`,
      `Origin: ${server.origin}`,
      `Cookie: ${journalist.cookieHeader}`,
      'Accept: application/json',
      'Content-Type: multipart/form-data; boundary=----b',
      `Content-Length: ${declaredLength}`,
      '',
      '',
    ].join('\r\n');
    socket.write(head);
    socket.write(bodyStart);
    let answer = '';
    // The whole answer (its JSON body), or whatever came before the connection closed.
    const closed = new Promise<string>((resolve) => {
      socket.on('data', (chunk) => {
        answer += chunk;
        // The JSON ends the body, plain or as the last chunk of a chunked one.
        if (/\r\n\r\n[\s\S]*\}(\r\n0\r\n\r\n)?$/.test(answer)) resolve(answer);
      });
      socket.on('close', () => resolve(answer));
    });
    socket.on('error', () => {});
    return { socket, closed };
  }

  const partStart = Buffer.concat([
    Buffer.from('------b\r\nContent-Disposition: form-data; name="file"; filename="dang-do.pdf"\r\nContent-Type: application/pdf\r\n\r\n'),
    fixture.pdf('x'.repeat(64 * KB)),
  ]);

  it('a connection closed midway leaves no temporary file', async () => {
    const { socket, closed } = rawUpload(partStart, { declaredLength: partStart.length + 512 * KB });
    await new Promise((r) => setTimeout(r, 300));
    socket.destroy();
    await closed;
    await new Promise((r) => setTimeout(r, 500));
    await expectNoOrphans();
  });

  it('a client that stops sending is cut off after the idle limit, told why, and leaves nothing', async () => {
    const started = Date.now();
    const { socket, closed } = rawUpload(partStart, { declaredLength: partStart.length + 512 * KB });
    const answer = await Promise.race([closed, new Promise<string>((r) => setTimeout(() => r(''), 10_000))]);
    socket.destroy();
    // One idle second, and some room for a loaded machine: far less than Node's 5-minute default.
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(answer).toContain('Tệp được gửi lên quá chậm');
    await expectNoOrphans();
  });

  it('a client that sends slowly but steadily is not cut off', async () => {
    const file = fixture.pdf('chậm mà chắc');
    const body = Buffer.concat([
      Buffer.from('------b\r\nContent-Disposition: form-data; name="file"; filename="cham.pdf"\r\nContent-Type: application/pdf\r\n\r\n'),
      file,
      Buffer.from('\r\n------b--\r\n'),
    ]);
    const { socket, closed } = rawUpload(body.subarray(0, 40), { declaredLength: body.length });
    for (let at = 40; at < body.length; at += 40) {
      await new Promise((r) => setTimeout(r, 150));
      socket.write(body.subarray(at, at + 40));
    }
    const answer = await closed;
    socket.destroy();
    expect(answer).toMatch(/^HTTP\/1\.1 201/);
    accepted++;
    await expectNoOrphans();
  }, 20_000);
});

describe('quota', () => {
  it('fills an entry up to its limit, then refuses the next file in Vietnamese, and keeps nothing of it', async () => {
    // Different bytes each time: the same bytes again would be the same file (a retried upload).
    const piece = (name: string) => fixture.pdf('y'.repeat(400 * KB) + name);
    await expectServedHarmlessly(await upload(entry.small, piece('mot'), 'mot.pdf'), 'application/pdf');
    await expectServedHarmlessly(await upload(entry.small, piece('hai'), 'hai.pdf'), 'application/pdf');
    await expectRefused(await upload(entry.small, piece('ba'), 'ba.pdf'), 413, 'Tổng dung lượng tệp minh chứng của tác phẩm sẽ vượt quá 1 MB');
    // Many at once cannot squeeze past the limit together either.
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => upload(entry.small, fixture.pdf('z'.repeat(100 * KB) + i), `nho-${i}.pdf`)));
    const statuses = answers.map((a) => a.status).sort();
    for (const answer of answers) await answer.body?.cancel();
    const took = statuses.filter((s) => s === 201).length;
    accepted += took;
    // 1 MB = 1024 KB; 2 × ~400 KB are in; about 2 more of ~100 KB fit, never more.
    expect(took).toBe(2);
    expect(statuses.filter((s) => s !== 201).every((s) => s === 413)).toBe(true);
    await expectNoOrphans();
  });
});
