import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres } from '../../db/client';
import { demoPassword } from '../../db/seed/demo';
import { unpublishGalleryItem } from '../../src/domain/gallery/publishing';
import { actorFor } from '../support/accounts';
import { laterSlug, laterTitle, prepareGallery as prepare } from '../support/gallery-fixture';
import { signedIn, textOf, Visitor } from '../support/http';
import { type RunningInstances, type RunningServer, startInstances } from '../support/server';

/**
 * What must be shared between instances lives in PostgreSQL: sessions, login failures; and the
 * public pages' response cache (src/domain/gallery/cache.ts), which is per process, is
 * invalidated on every instance by publishing and unpublishing (LISTEN/NOTIFY).
 */

const anonymous = (server: RunningServer, path: string, headers: HeadersInit = {}) => new Visitor(server.origin).get(path, headers);

/** Reads a page until `until` holds or two seconds pass: a NOTIFY is delivered just after the commit. */
async function eventually(server: RunningServer, path: string, until: (text: string) => boolean): Promise<{ text: string; response: Response }> {
  const deadline = Date.now() + 2_000;
  for (;;) {
    const response = await anonymous(server, path);
    const text = await textOf(response);
    if (until(text) || Date.now() > deadline) return { text, response };
    await new Promise((r) => setTimeout(r, 25));
  }
}



/**
 * Two app processes on one PostgreSQL database, as behind a load balancer: whatever one of them
 * learns (a session, a failed login, a publication) the other must know too. Runs where the HTTP
 * tests run on PostgreSQL.
 */
describe('two instances on one PostgreSQL database', () => {
  let instances: RunningInstances;
  let first: RunningServer;
  let second: RunningServer;
  let laterId = 0;
  beforeAll(async () => {
    instances = await startInstances(2, { prepare: async (db) => void ({ laterId } = await prepare(db)) });
    [first, second] = instances.servers;
  });
  afterAll(() => instances?.stop());

  it('a session opened on one continues on the other, and ends on both', async () => {
    const onFirst = await signedIn(first.origin, 'journalist@demo.vn');
    const onSecond = new Visitor(second.origin);
    onSecond.cookies = onFirst.cookies;
    const home = await onSecond.get('/app');
    expect(home.status).toBe(200);
    expect(await textOf(home)).toContain('Trần Thị Thu Hà');
    // An Action on the other instance, with the same cookie.
    const saved = await onSecond.post('/app/entries/new?kind=article&_action=entries.save', { formKey: randomUUID(), kind: 'article', intent: 'draft', title: 'Viết ở máy A, lưu ở máy B' });
    expect(saved.status).toBe(302);
    expect(await textOf(await onFirst.get('/app/entries'))).toContain('Viết ở máy A, lưu ở máy B');

    const cookie = onFirst.cookieHeader;
    expect((await onSecond.post('/logout?_action=auth.logOut', {})).status).toBe(302);
    const replay = await fetch(`${first.origin}/app`, { headers: { cookie }, redirect: 'manual' });
    expect(replay.status).toBe(302);
    expect(replay.headers.get('location')).toMatch(/^\/login/);
  });

  it('failed logins counted on both add up to one limit', async () => {
    const fail = (server: RunningServer, i: number) => new Visitor(server.origin).post('/login?_action=auth.logIn', { email: 'appraiser@demo.vn', password: `sai-mat-khau-${i}` });
    for (let i = 0; i < 10; i++) expect((await fail(i % 2 ? first : second, i)).status).toBe(401);
    for (const server of [first, second]) {
      const blocked = await new Visitor(server.origin).post('/login?_action=auth.logIn', { email: 'appraiser@demo.vn', password: demoPassword });
      expect(blocked.status, server.origin).toBe(429);
      expect(await textOf(blocked)).toContain('Đăng nhập sai quá nhiều lần');
    }
  });

  async function warm(server: RunningServer) {
    for (const path of ['/', '/gallery/rss.xml', '/results/2024']) {
      await anonymous(server, path);
      expect((await anonymous(server, path)).headers.get('x-astro-cache'), path).toBe('HIT');
    }
  }

  it('a publication through one instance invalidates the other’s cache', async () => {
    await Promise.all([warm(first), warm(second)]);
    expect(await textOf(await anonymous(second, '/'))).not.toContain(laterTitle);

    const coordinator = await signedIn(first.origin, 'coordinator@demo.vn');
    expect((await coordinator.post('/app/gallery?_action=gallery.publish', { itemId: String(laterId) })).status).toBe(302);

    const { text, response } = await eventually(second, '/', (t) => t.includes(laterTitle));
    expect(text).toContain(laterTitle);
    expect(response.headers.get('x-astro-cache')).toBe('MISS');
    expect((await eventually(second, '/results/2024', (t) => t.includes(laterTitle))).text).toContain(laterTitle);
    expect(await (await anonymous(second, '/gallery/rss.xml')).text()).toContain(`/gallery/${laterSlug}</link>`);
  });

  it('an unpublication made by the domain function, outside both servers, invalidates both', async () => {
    await Promise.all([warm(first), warm(second)]);
    await Promise.all([first, second].map(async (s) => expect((await anonymous(s, `/gallery/${laterSlug}`)).status).toBe(200)));
    const handle = await openPostgres(instances.databaseUrl, { max: 2 });
    try {
      await unpublishGalleryItem(handle.db, await actorFor(handle.db, 'coordinator@demo.vn'), laterId);
    } finally {
      await handle.close();
    }
    for (const server of [first, second]) {
      expect((await eventually(server, '/', (t) => !t.includes(laterTitle))).text).not.toContain(laterTitle);
      expect((await anonymous(server, `/gallery/${laterSlug}`)).status).toBe(404);
      expect(await (await anonymous(server, '/gallery/rss.xml')).text()).not.toContain(laterSlug);
    }
  });
});
