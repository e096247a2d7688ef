import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedIn, type Visitor } from '../support/http';
import { type RunningServer, startServer } from '../support/server';

/*
 * Issue 16 item 2: every form tells all its errors in one answer (the error summary at the top,
 * each line a link to its field, the message next to the field), keeps what was typed, names the
 * limit of an over-long body, and never shows a flash beside an error.
 */
let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server?.stop());

function post(visitor: Visitor, path: string, fields: [string, string][]) {
  return visitor.request(path, {
    method: 'POST',
    body: new URLSearchParams(fields),
    headers: { origin: visitor.origin, 'content-type': 'application/x-www-form-urlencoded' },
  });
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
    const response = await post(journalist, '/app/entries/new?kind=article&_action=entries.save', [
      ['formKey', randomUUID()],
      ['kind', 'article'],
      ['intent', 'submit'],
      ['title', 'T'.repeat(501)],
      ['programme', 'Chuyên mục giữ lại'],
      ['publishedOn', '2026-02-30'],
      ['url', 'ftp://baohalong.vn/bai'],
      ['lengthValue', 'mười'],
    ]);
    expect(response.status).toBe(400);
    const html = await response.text();
    expectAllAtOnce(html, {
      title: /500/,
      publishedOn: /ngày/i,
      url: /https:\/\//,
      lengthValue: /.+/,
    });
    expect(html).toContain('value="Chuyên mục giữ lại"');
    expect(html).toContain('value="ftp://baohalong.vn/bai"');
    expect(html).not.toContain('Đã lưu bản nháp');
  });
});
