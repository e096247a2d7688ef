import { describe, expect, it } from 'vitest';
import { readPage, textOf } from '../support/http';
import { useServer } from '../support/server';

/** A server whose PostgreSQL is gone: it must say so plainly and leak nothing. */
const server = useServer({ DATABASE_URL: 'postgres://nobody:secret-pw@127.0.0.1:1/gone' }, { expectHealthy: false });

/** The JSON line of the server log that matches, once written (pino writes asynchronously). */
async function logLine(match: (entry: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const found = server
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find(match);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no such log line in:\n${server.output()}`);
}

describe('when the database is down', () => {
  it('/healthz answers 503 with ok false', async () => {
    const response = await fetch(`${server.origin}/healthz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ ok: false });
  });

  it('a page that needs it shows the generic error page, with nothing of the error', async () => {
    const cookie = `session=${'a'.repeat(32)}.${'b'.repeat(32)}`;
    const response = await fetch(`${server.origin}/app`, { headers: { cookie }, redirect: 'manual' });
    const { html, text } = await readPage(response, 500);
    expect(text).toContain('Đã có lỗi xảy ra');
    for (const leak of ['ECONNREFUSED', 'secret-pw', 'postgres', 'at async', '.mjs', '.ts:']) expect(html).not.toContain(leak);
  });

  it('an Action that fails unexpectedly answers a generic 500 with the request id; the log has the detail', async () => {
    const response = await fetch(`${server.origin}/_actions/auth.logIn`, {
      method: 'POST',
      headers: { origin: server.origin, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: 'journalist@demo.vn', password: 'mat-khau-bi-mat' }),
    });
    expect(response.status).toBe(500);
    const requestId = response.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    const body = await response.text();
    expect(JSON.parse(body)).toEqual({ type: 'AstroActionError', code: 'INTERNAL_SERVER_ERROR', status: 500, message: JSON.stringify([{ key: 'input.unexpected', params: { requestId } }]) });
    for (const leak of ['ECONNREFUSED', 'secret-pw', 'postgres', 'at async', 'mat-khau-bi-mat']) expect(body).not.toContain(leak);
    const line = await logLine((entry) => entry.requestId === requestId);
    expect(line).toMatchObject({ level: 50, msg: 'action failed', action: 'auth.logIn', requestId, service: 'press-par-awards' });
    expect(JSON.stringify(line)).toContain('ECONNREFUSED');
    expect(server.output()).not.toContain('mat-khau-bi-mat');
    expect(server.output()).not.toContain('secret-pw');
  });

  it('the error page shows the request id, which the log has with the error', async () => {
    const cookie = `session=${'a'.repeat(32)}.${'b'.repeat(32)}`;
    const response = await fetch(`${server.origin}/app`, { headers: { cookie }, redirect: 'manual' });
    expect(response.status).toBe(500);
    const requestId = response.headers.get('x-request-id')!;
    expect(await textOf(response)).toContain(`Mã yêu cầu: ${requestId}`);
    const line = await logLine((entry) => entry.requestId === requestId && entry.msg === 'page failed');
    expect(line).toMatchObject({ level: 50, path: '/app', method: 'GET' });
    expect(JSON.stringify(line)).not.toContain('b'.repeat(32));
  });

  it('public pages that do not need it still work', async () => {
    expect((await fetch(`${server.origin}/login`)).status).toBe(200);
  });
});
