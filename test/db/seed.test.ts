import { count } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openPglite, openPostgres } from '../../db/client';
import { campaigns, entries, entryStatuses, organisations, users } from '../../db/schema';
import { seedDemo } from '../../db/seed/demo';
import { createPostgresDatabase, dropPostgresDatabase, postgresUrlFor, testDbKind } from '../support/database';

async function emptyDatabase() {
  if (testDbKind === 'pglite') return openPglite();
  const name = await createPostgresDatabase();
  const handle = await openPostgres(postgresUrlFor(name), { max: 2 });
  return { ...handle, close: async () => { await handle.close(); await dropPostgresDatabase(name); } };
}

describe('the demo seed', () => {
  it('migrates an empty database, seeds it once, and a second run changes nothing', async () => {
    const handle = await emptyDatabase();
    try {
      const counts = async () => ({
        users: (await handle.db.select({ n: count() }).from(users))[0].n,
        organisations: (await handle.db.select({ n: count() }).from(organisations))[0].n,
        campaigns: (await handle.db.select({ n: count() }).from(campaigns))[0].n,
      });
      expect(await seedDemo(handle.db)).toBe('seeded');
      const first = await counts();
      expect(first).toEqual({ users: 9, organisations: 9, campaigns: 1 });
      expect(await seedDemo(handle.db)).toBe('skipped');
      expect(await counts()).toEqual(first);
      // entries in every status, so each role has work to see
      const statuses = new Set((await handle.db.select({ status: entries.status }).from(entries)).map((e) => e.status));
      expect([...statuses].sort()).toEqual([...entryStatuses].sort());
      const kinds = new Set((await handle.db.select({ kind: organisations.kind }).from(organisations)).map((o) => o.kind));
      for (const kind of ['info_comms', 'media_centre', 'home_affairs', 'press', 'broadcaster', 'central_press']) expect(kinds).toContain(kind);
    } finally {
      await handle.close();
    }
  });
});
