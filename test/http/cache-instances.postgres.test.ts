import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openPostgres } from '../../db/client';
import { unpublishGalleryItem } from '../../src/domain/gallery/publishing';
import { createPostgresDatabase, dropPostgresDatabase, postgresUrlFor } from '../support/database';
import { actorFor } from '../support/accounts';
import { laterSlug, laterTitle, prepareGallery as prepare } from '../support/gallery-fixture';
import { signedIn, textOf, Visitor } from '../support/http';
import { type RunningServer, startServer } from '../support/server';

/**
 * The public pages' response cache (src/domain/gallery/cache.ts): served from memory with an
 * ETag, revalidated with a 304, bypassed by signed-in visitors, and invalidated by publishing and
 * unpublishing — on PostgreSQL across every instance on the database (LISTEN/NOTIFY).
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
 * Two app processes on one PostgreSQL database, as behind a load balancer: a change made through
 * one must leave the other's memory too. Runs where the HTTP tests run on PostgreSQL.
 */
describe('two instances on one PostgreSQL database', () => {
  let name = '';
  let first: RunningServer;
  let second: RunningServer;
  let laterId = 0;
  beforeAll(async () => {
    name = await createPostgresDatabase(inject('postgresTemplateName'));
    const handle = await openPostgres(postgresUrlFor(name), { max: 2 });
    try {
      ({ laterId } = await prepare(handle.db));
    } finally {
      await handle.close();
    }
    const env = { DATABASE_URL: postgresUrlFor(name), SEED_DEMO: '0' };
    [first, second] = await Promise.all([startServer(env), startServer(env)]);
  });
  afterAll(async () => {
    await Promise.all([first?.stop(), second?.stop()]);
    if (name) await dropPostgresDatabase(name);
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
    const handle = await openPostgres(postgresUrlFor(name), { max: 2 });
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
