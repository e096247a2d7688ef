import { get } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { laterSlug, laterTitle, prepareGallery as prepare } from '../support/gallery-fixture';
import { signedIn, textOf, Visitor } from '../support/http';
import { type RunningServer, startServer } from '../support/server';

/**
 * The public pages' response cache (src/domain/gallery/cache.ts): served from memory with an
 * ETag, revalidated with a 304, bypassed by signed-in visitors, and invalidated by publishing and
 * unpublishing — on PostgreSQL across every instance on the database (LISTEN/NOTIFY).
 */

const anonymous = (server: RunningServer, path: string, headers: HeadersInit = {}) => new Visitor(server.origin).get(path, headers);


/** fetch() sends its own Host header; node:http sends the one given. */
function pageFor(server: RunningServer, path: string, host: string): Promise<{ cacheStatus?: string; body: string }> {
  return new Promise((resolve, reject) => {
    get(new URL(path, server.origin), { headers: { host } }, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ cacheStatus: response.headers['x-astro-cache'] as string | undefined, body }));
    }).on('error', reject);
  });
}

const publicPaths = ['/', '/gallery', '/gallery/rss.xml', '/sitemap.xml', '/results/2024', '/robots.txt'];

describe('one instance', () => {
  let server: RunningServer;
  let laterId = 0;
  beforeAll(async () => {
    server = await startServer({}, { prepare: async (db) => void ({ laterId } = await prepare(db)) });
  });
  afterAll(async () => {
    if (process.env.SHOW_SERVER_LOG) console.log(server?.output());
    await server?.stop();
  });

  it('serves a public page again from memory, with the same ETag, and answers 304 to If-None-Match', async () => {
    for (const path of publicPaths) {
      const first = await anonymous(server, path);
      expect(first.status, path).toBe(200);
      const body = await first.text();
      const etag = first.headers.get('etag');
      expect(etag, path).toMatch(/^"[\w-]{32}"$/);
      expect(first.headers.get('cache-control'), path).toBe('public, no-cache');
      // The provider's own headers never reach the client.
      expect(first.headers.get('cdn-cache-control'), path).toBeNull();
      expect(first.headers.get('cache-tag'), path).toBeNull();

      const second = await anonymous(server, path);
      expect(second.headers.get('x-astro-cache'), path).toBe('HIT');
      expect(second.headers.get('etag'), path).toBe(etag);
      expect(await second.text(), path).toBe(body);

      const revalidated = await anonymous(server, path, { 'if-none-match': etag! });
      expect(revalidated.status, path).toBe(304);
      expect(await revalidated.text(), path).toBe('');
      expect(revalidated.headers.get('etag'), path).toBe(etag);
      // Security headers are kept on a cached answer.
      expect(second.headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'");
      expect(second.headers.get('x-content-type-options'), path).toBe('nosniff');
    }
    const other = await anonymous(server, '/', { 'if-none-match': '"something-else"' });
    expect(other.status).toBe(200);
  });

  it('answers a hit before Astro with the stored headers, for the public origin only', async () => {
    const path = '/gallery?kind=initiative';
    const first = await anonymous(server, path);
    expect(first.headers.get('x-astro-cache')).toBe('MISS');
    const body = await first.text();
    const second = await anonymous(server, path);
    expect(second.headers.get('x-astro-cache')).toBe('HIT');
    expect(await second.text()).toBe(body);
    // Framing and the clock aside, a hit carries exactly the headers the stored page had.
    const sent = (response: Response) =>
      [...response.headers].filter(([name]) => !['x-astro-cache', 'date', 'content-length', 'transfer-encoding', 'connection', 'keep-alive'].includes(name));
    expect(sent(second)).toEqual(sent(first));
    expect(second.headers.get('content-length')).toBe(String(Buffer.byteLength(body)));

    // With PUBLIC_ORIGIN set (as the test server has it) every request is addressed to it: a
    // forged Host gets the very page everyone gets, never one stored under its own name.
    const forged = await pageFor(server, path, 'mirror.example');
    expect(forged.cacheStatus).toBe('HIT');
    expect(forged.body).toBe(body);
    expect(body).not.toContain('mirror.example');
    // A HEAD or a signed-in visitor never gets the mirror's answer.
    expect((await new Visitor(server.origin).request(path, { method: 'HEAD' })).headers.get('x-astro-cache')).not.toBe('HIT');
    const coordinator = await signedIn(server.origin, 'coordinator@demo.vn');
    const personal = await coordinator.get(path);
    expect(personal.headers.get('x-astro-cache')).toBeNull();
    expect(personal.headers.get('cache-control')).toBe('no-store');
  });

  it('never serves or stores a page for a signed-in visitor', async () => {
    await anonymous(server, '/results/2024');
    const coordinator = await signedIn(server.origin, 'coordinator@demo.vn');
    for (const path of ['/', '/results/2024']) {
      const response = await coordinator.get(path);
      expect(response.headers.get('x-astro-cache'), path).toBeNull();
      expect(response.headers.get('etag'), path).toBeNull();
      expect(response.headers.get('cache-control'), path).toBe('no-store');
      expect(await textOf(response), path).toContain('Bùi Thanh Hương');
    }
    // What the anonymous visitor gets was not replaced by the coordinator's page.
    const after = await anonymous(server, '/results/2024');
    expect(after.headers.get('x-astro-cache')).toBe('HIT');
    expect(await textOf(after)).not.toContain('Bùi Thanh Hương');
  });

  it('stores no 404: a page that is not public yet is looked up again', async () => {
    const first = await anonymous(server, `/gallery/${laterSlug}`);
    expect(first.status).toBe(404);
    const second = await anonymous(server, `/gallery/${laterSlug}`);
    expect(second.status).toBe(404);
    expect(second.headers.get('x-astro-cache')).toBeNull();
  });

  it('drops the pages a publication or an unpublication changes', async () => {
    // Everything in memory first.
    const before = new Map<string, string | null>();
    for (const path of publicPaths) {
      await anonymous(server, path);
      const cached = await anonymous(server, path);
      expect(cached.headers.get('x-astro-cache'), path).toBe('HIT');
      before.set(path, cached.headers.get('etag'));
    }
    const coordinator = await signedIn(server.origin, 'coordinator@demo.vn');
    const published = await coordinator.post('/app/gallery?_action=gallery.publish', { itemId: String(laterId) });
    expect(published.status).toBe(302);

    const home = await anonymous(server, '/');
    expect(home.headers.get('x-astro-cache')).toBe('MISS');
    expect(home.headers.get('etag')).not.toBe(before.get('/'));
    expect(await textOf(home)).toContain(laterTitle);
    expect(await (await anonymous(server, '/gallery/rss.xml')).text()).toContain(`/gallery/${laterSlug}</link>`);
    expect(await (await anonymous(server, '/sitemap.xml')).text()).toContain(`/gallery/${laterSlug}</loc>`);
    expect(await textOf(await anonymous(server, '/results/2024'))).toContain(laterTitle);
    expect(await textOf(await anonymous(server, '/gallery'))).toContain(laterTitle);
    const page = await anonymous(server, `/gallery/${laterSlug}`);
    expect(page.status).toBe(200);
    // Not every page lists items: robots.txt stays in memory.
    expect((await anonymous(server, '/robots.txt')).headers.get('x-astro-cache')).toBe('HIT');

    // The item page is cached now; unpublishing removes it and every list at once.
    expect((await anonymous(server, `/gallery/${laterSlug}`)).headers.get('x-astro-cache')).toBe('HIT');
    const unpublished = await coordinator.post('/app/gallery?_action=gallery.unpublish', { itemId: String(laterId) });
    expect(unpublished.status).toBe(302);
    expect((await anonymous(server, `/gallery/${laterSlug}`)).status).toBe(404);
    for (const path of ['/', '/gallery', '/results/2024', '/gallery/rss.xml', '/sitemap.xml']) {
      const response = await anonymous(server, path);
      expect(await response.text(), path).not.toContain(laterSlug);
    }
  });

  it('caches the English pages under their own addresses, never mixed with the Vietnamese ones', async () => {
    const shown = '/gallery/chinh-quyen-so-mong-cai';
    const pairs = [['/', '/en'], ['/', '/en/'], ['/gallery', '/en/gallery'], [shown, `/en${shown}`], ['/results/2024', '/en/results/2024'], ['/gallery/rss.xml', '/en/gallery/rss.xml']];
    // The English page first, then the Vietnamese one at once: each must get its own bytes.
    for (const [vi, en] of pairs) {
      const english = await anonymous(server, `${en}?lang-test`);
      const vietnamese = await anonymous(server, `${vi}?lang-test`);
      expect([english.status, vietnamese.status], en).toEqual([200, 200]);
      expect(english.headers.get('etag'), en).not.toBe(vietnamese.headers.get('etag'));
    }
    for (const [vi, en] of pairs.filter(([vi]) => !vi.endsWith('.xml'))) {
      await anonymous(server, vi);
      const first = await anonymous(server, en);
      const second = await anonymous(server, en);
      expect(second.headers.get('x-astro-cache'), en).toBe('HIT');
      expect(second.headers.get('etag'), en).toBe(first.headers.get('etag'));
      expect(await second.text(), en).toContain('<html lang="en"');
      const vietnamese = await anonymous(server, vi);
      expect(vietnamese.headers.get('x-astro-cache'), vi).toBe('HIT');
      expect(await vietnamese.text(), vi).toContain('<html lang="vi"');
      const revalidated = await anonymous(server, en, { 'if-none-match': first.headers.get('etag')! });
      expect(revalidated.status, en).toBe(304);
    }
  });

  it('drops the English pages a publication or an unpublication changes', async () => {
    const lists = ['/en', '/en/gallery', '/en/results/2024', '/en/gallery/rss.xml'];
    for (const path of lists) {
      await anonymous(server, path);
      expect((await anonymous(server, path)).headers.get('x-astro-cache'), path).toBe('HIT');
    }
    expect((await anonymous(server, `/en/gallery/${laterSlug}`)).status).toBe(404);
    const coordinator = await signedIn(server.origin, 'coordinator@demo.vn');
    expect((await coordinator.post('/app/gallery?_action=gallery.publish', { itemId: String(laterId) })).status).toBe(302);
    for (const path of lists) {
      const response = await anonymous(server, path);
      expect(response.headers.get('x-astro-cache'), path).toBe('MISS');
      expect(await response.text(), path).toContain(path.endsWith('.xml') ? `/gallery/${laterSlug}</link>` : laterTitle);
    }
    const page = `/en/gallery/${laterSlug}`;
    expect((await anonymous(server, page)).status).toBe(200);
    const cached = await anonymous(server, page);
    expect(cached.headers.get('x-astro-cache')).toBe('HIT');
    expect(await cached.text()).toContain('<html lang="en"');

    expect((await coordinator.post('/app/gallery?_action=gallery.unpublish', { itemId: String(laterId) })).status).toBe(302);
    expect((await anonymous(server, page)).status).toBe(404);
    for (const path of lists) expect(await (await anonymous(server, path)).text(), path).not.toContain(laterSlug);
  });
});

describe('without PUBLIC_ORIGIN', () => {
  // Not how it should run (README: always set it), but nothing may leak when it is forgotten.
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ PUBLIC_ORIGIN: undefined }, { prepare: async (db) => void (await prepare(db)) });
  });
  afterAll(() => server?.stop());

  it('keeps each Host its own pages: links made for a forged Host never reach anyone else', async () => {
    const path = '/gallery/rss.xml';
    const forged = await pageFor(server, path, 'mirror.example');
    expect(forged.body).toContain('http://mirror.example/gallery/');
    expect((await pageFor(server, path, 'mirror.example')).cacheStatus).toBe('HIT');
    for (let i = 0; i < 2; i++) {
      const own = await anonymous(server, path);
      const body = await own.text();
      expect(body).not.toContain('mirror.example');
      expect(body).toContain(`${server.origin}/gallery/`);
    }
  });
});
