import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareGallery as prepare } from '../support/gallery-fixture';
import { type RunningNginx, startNginx } from '../support/nginx';
import { signedIn, textOf, Visitor } from '../support/http';
import { freePort, type RunningServer, startServer } from '../support/server';

/**
 * The README's deployment: nginx's micro-cache (test/bench/nginx-micro-cache.conf, the very file)
 * in front of the built server. It may keep an anonymous public page a second, and must never
 * answer a signed-in visitor from it, store a signed-in visitor's page, or store a page the app
 * does not call public (the login form, a redirect, a signed-in page).
 */
describe('nginx micro-cache in front of the app', () => {
  let server: RunningServer;
  let nginx: RunningNginx;
  beforeAll(async () => {
    const port = await freePort();
    // Everyone comes through nginx, so that is the public origin (forms post to it).
    server = await startServer({ PUBLIC_ORIGIN: `http://127.0.0.1:${port}` }, { prepare: async (db) => void (await prepare(db)) });
    nginx = await startNginx(new URL(server.origin).port, port);
  });
  afterAll(async () => {
    await nginx?.stop();
    await server?.stop();
  });

  const anonymous = (path: string) => new Visitor(nginx.origin).get(path);

  it('answers an anonymous public page again from its cache, with the app’s headers', async () => {
    const path = '/gallery?nginx=public';
    const first = await anonymous(path);
    expect(first.status).toBe(200);
    expect(first.headers.get('x-micro-cache')).toBe('MISS');
    const body = await first.text();
    const second = await anonymous(path);
    expect(second.headers.get('x-micro-cache')).toBe('HIT');
    expect(await second.text()).toBe(body);
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(second.headers.get('cache-control')).toBe('public, no-cache');
    expect(second.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('never answers a signed-in visitor from it, nor stores their page', async () => {
    const coordinator = await signedIn(nginx.origin, 'coordinator@demo.vn');
    // Stored by an anonymous visitor first: the coordinator still gets their own page.
    await anonymous('/results/2024');
    expect((await anonymous('/results/2024')).headers.get('x-micro-cache')).toBe('HIT');
    const own = await coordinator.get('/results/2024');
    expect(own.headers.get('x-micro-cache')).toBe('BYPASS');
    expect(own.headers.get('cache-control')).toBe('no-store');
    expect(await textOf(own)).toContain('Bùi Thanh Hương');
    // The coordinator first: what they got is not what the next anonymous visitor gets.
    const path = '/results/2024?nginx=signed-in-first';
    expect(await textOf(await coordinator.get(path))).toContain('Bùi Thanh Hương');
    const after = await anonymous(path);
    expect(after.headers.get('x-micro-cache')).toBe('MISS');
    expect(await textOf(after)).not.toContain('Bùi Thanh Hương');
    // A signed-in page is never stored, whoever asks.
    for (let i = 0; i < 2; i++) expect((await coordinator.get('/app')).headers.get('x-micro-cache')).toBe('BYPASS');
  });

  it('stores nothing the app does not call public', async () => {
    for (const path of ['/login', '/app', '/reset-password', '/healthz']) {
      const first = await anonymous(path);
      await first.arrayBuffer();
      const second = await anonymous(path);
      expect(second.headers.get('x-micro-cache'), path).not.toBe('HIT');
      expect(second.headers.get('cache-control') ?? '', path).not.toMatch(/\bpublic\b/);
    }
  });
});
