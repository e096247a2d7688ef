import { asc, count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openPglite, openPostgres } from '../../db/client';
import { campaigns, entries, entryStatuses, galleryItems, organisations, users } from '../../db/schema';
import { seedDemo } from '../../db/seed/demo';
import { parseGalleryFilters, searchGallery } from '../../src/domain/gallery/queries';
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
      // A fresh site's gallery is not empty: four published items, from entries the gallery may take.
      const items = await handle.db
        .select({ title: galleryItems.title, published: galleryItems.published, featured: galleryItems.featured, status: entries.status })
        .from(galleryItems)
        .innerJoin(entries, eq(entries.id, galleryItems.entryId))
        .orderBy(asc(galleryItems.id));
      expect(items).toEqual([
        { title: 'Tọa đàm “Chính quyền số gần dân” – sản phẩm tập thể', published: true, featured: true, status: 'shortlisted' },
        { title: 'Một cửa liên thông hiện đại ở thành phố Hạ Long', published: true, featured: true, status: 'scored' },
        { title: 'Cán bộ “nói không” với phong bì ở bộ phận một cửa', published: true, featured: false, status: 'in_review' },
        { title: 'Tuyên truyền thủ tục hành chính qua nhóm Zalo khu phố', published: true, featured: false, status: 'confirmed' },
      ]);
      // …which the public gallery lists, and its search finds.
      expect((await searchGallery(handle.db, parseGalleryFilters(new URLSearchParams()))).total).toBe(4);
      const found = await searchGallery(handle.db, parseGalleryFilters(new URLSearchParams({ q: 'mot cua' })));
      // Two titles and a curated summary have the phrase "một cửa" (tones not typed: newest first);
      // the last has both words only apart ("có một nhóm", "của phường").
      expect(found.rows.map((r) => r.title)).toEqual([
        'Cán bộ “nói không” với phong bì ở bộ phận một cửa',
        'Một cửa liên thông hiện đại ở thành phố Hạ Long',
        'Tọa đàm “Chính quyền số gần dân” – sản phẩm tập thể',
        'Tuyên truyền thủ tục hành chính qua nhóm Zalo khu phố',
      ]);
    } finally {
      await handle.close();
    }
  });
});
