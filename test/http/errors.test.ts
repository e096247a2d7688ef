import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textOf } from '../support/http';
import { type RunningServer, startServer } from '../support/server';

/** A server whose PostgreSQL is gone: it must say so plainly and leak nothing. */
let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ DATABASE_URL: 'postgres://nobody:secret-pw@127.0.0.1:1/gone' }, { expectHealthy: false });
});
afterAll(() => server?.stop());

describe('when the database is down', () => {
  it('/healthz answers 503 with ok false', async () => {
    const response = await fetch(`${server.origin}/healthz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ ok: false });
  });

  it('a page that needs it shows the generic error page, with nothing of the error', async () => {
    const cookie = `session=${'a'.repeat(32)}.${'b'.repeat(32)}`;
    const response = await fetch(`${server.origin}/app`, { headers: { cookie }, redirect: 'manual' });
    expect(response.status).toBe(500);
    const html = await response.text();
    const text = await textOf(new Response(html));
    expect(text).toContain('Đã có lỗi xảy ra');
    for (const leak of ['ECONNREFUSED', 'secret-pw', 'postgres', 'at async', '.mjs', '.ts:']) expect(html).not.toContain(leak);
  });

  it('public pages that do not need it still work', async () => {
    expect((await fetch(`${server.origin}/login`)).status).toBe(200);
  });
});
