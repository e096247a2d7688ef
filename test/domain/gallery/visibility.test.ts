import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { entries, galleryItems, type EntryStatus } from '../../../db/schema';
import { publicImageFile } from '../../../src/domain/gallery/images';
import {
  galleryFacets,
  galleryPageSize,
  latestPublicItems,
  parseGalleryFilters,
  publicItemBySlug,
  searchGallery,
} from '../../../src/domain/gallery/queries';
import { actorFor } from '../../support/accounts';
import { useCountedDatabase } from '../../support/counted-database';
import { useTestDatabase } from '../../support/database';
import { createEntry } from '../../support/entries';
import { createGalleryItem } from '../../../src/domain/gallery/publishing';
import { evidenceRow, itemInput, makeItem, organisationId } from './fixtures';

/**
 * What could leak is made first — an unpublished item, items whose entries are not (or no longer)
 * confirmed, rows no domain function would write — then every public read is asked for it.
 */
describe('unpublished items and unconfirmed entries never reach the public', () => {
  const handle = useTestDatabase();
  const leaks: { id: number; slug: string; imageId: number }[] = [];
  let visible: { id: number; slug: string; imageId: number };
  beforeAll(async () => {
      const { db } = handle;
    const coordinator = await actorFor(db, 'coordinator@demo.vn');
    const journalist = await actorFor(db, 'journalist@demo.vn');
    const make = async (title: string, { publish = true, status = 'confirmed' as EntryStatus } = {}) => {
      const entry = await createEntry(db, 'journalist@demo.vn', { status: 'confirmed', title });
      const image = await evidenceRow(db, entry.id, journalist.id, 'jpeg', 'anh.jpg');
      const item = await createGalleryItem(
        db,
        coordinator,
        entry.id,
        itemInput({ title, organisationId: await organisationId(db, 'uongBi'), coverFileId: image.id, imageFileIds: [image.id], featured: true }),
        { publish },
      );
      if (status !== 'confirmed') await db.update(entries).set({ status }).where(eq(entries.id, entry.id));
      return { id: item.id, slug: item.slug, imageId: image.id };
    };
    leaks.push(await make('Cải cách bí mật chưa công bố', { publish: false }));
    for (const status of ['draft', 'submitted', 'returned', 'withdrawn'] as const) leaks.push(await make(`Cải cách bí mật ${status}`, { status }));
    visible = await make('Cải cách công khai');
  });
  
  it('not in the list, search, filters, featured or latest', async () => {
    const { db } = handle;
    for (const q of ['', 'cai cach bi mat', 'cải cách', 'bi mat']) {
      const page = await searchGallery(db, parseGalleryFilters(new URLSearchParams(q ? { q } : {})));
      for (const leak of leaks) expect(page.rows.map((r) => r.id)).not.toContain(leak.id);
    }
    const all = await searchGallery(db, parseGalleryFilters(new URLSearchParams({ organisation: String(await organisationId(db, 'uongBi')) })));
    expect(all.rows.map((r) => r.id)).toEqual([visible.id]);
    expect((await latestPublicItems(db, { featured: true })).map((r) => r.id)).toEqual([visible.id]);
    expect((await latestPublicItems(db)).map((r) => r.id)).toEqual([visible.id]);
    const facets = await galleryFacets(db);
    expect(facets.years).toEqual([2024]);
    expect(facets.organisations.map((o) => o.id)).toEqual([await organisationId(db, 'uongBi')]);
  });

  it('no item page (hence no Open Graph data) and no image', async () => {
    const { db } = handle;
    for (const leak of leaks) {
      expect(await publicItemBySlug(db, leak.slug)).toBeUndefined();
      expect(await publicImageFile(db, leak.imageId)).toBeUndefined();
    }
    expect((await publicItemBySlug(db, visible.slug))?.images.map((i) => i.fileId)).toEqual([visible.imageId]);
    expect((await publicImageFile(db, visible.imageId))?.id).toBe(visible.imageId);
  });

  it('an image stays private when a published item names a file of another entry (a row changed by hand)', async () => {
    const { db } = handle;
    const [leak] = leaks;
    await db.update(galleryItems).set({ imageFileIds: [visible.imageId, leak.imageId] }).where(eq(galleryItems.id, visible.id));
    expect(await publicImageFile(db, leak.imageId)).toBeUndefined();
    expect((await publicItemBySlug(db, visible.slug))?.images.map((i) => i.fileId)).toEqual([visible.imageId]);
  });
});

describe('the public list', () => {
  const counted = useCountedDatabase();

  it('runs the same number of queries for 2 items as for full pages, and pages by 12', async () => {
    const { db, countQueries } = counted;
    const coordinator = await actorFor(db, 'coordinator@demo.vn');
    const page = (params: Record<string, string> = {}) => searchGallery(db, parseGalleryFilters(new URLSearchParams(params)));
    for (let i = 0; i < 2; i++) await makeItem(db, coordinator, { title: `Mô hình cải cách số ${i}` });
    const few = await countQueries(() => page());
    // The first search on a handle reads the words' statistics (matches.ts), then keeps them a minute.
    expect(await countQueries(() => page({ q: 'cai cach' }))).toBe(3);
    const fewSearch = await countQueries(() => page({ q: 'cai cach' }));
    const fewFacets = await countQueries(() => galleryFacets(db));
    for (let i = 2; i < galleryPageSize * 2 + 3; i++) await makeItem(db, coordinator, { title: `Mô hình cải cách số ${i}` });

    const first = await page();
    expect(first.rows).toHaveLength(galleryPageSize);
    expect(first.total).toBe(galleryPageSize * 2 + 3);
    expect(first.pages).toBe(3);
    expect(first.rows[0].title).toBe(`Mô hình cải cách số ${galleryPageSize * 2 + 2}`);
    const third = await page({ page: '3' });
    expect(third.rows.map((r) => r.title)).toEqual(['Mô hình cải cách số 2', 'Mô hình cải cách số 1', 'Mô hình cải cách số 0']);

    expect(await countQueries(() => page())).toBe(few);
    expect(await countQueries(() => page({ q: 'cai cach', page: '2' }))).toBe(fewSearch);
    expect(await countQueries(() => galleryFacets(db))).toBe(fewFacets);
    // The page's ids with their total, then its cards; the facets are two.
    expect([few, fewSearch, fewFacets]).toEqual([2, 2, 2]);
    // A search that matches nothing (one query) asks which of its words are known: here all are, so
    // there is nothing to correct. A typo adds the known spellings near it, then the page and its cards.
    expect(await countQueries(() => page({ q: 'khong co gi giong' }))).toBe(2);
    const typo = await countQueries(() => page({ q: 'cai cahc' }));
    expect(typo).toBe(5);
    // Past the last page no row carries the total, so it is counted on its own.
    const beyond = await countQueries(() => page({ page: '9' }));
    expect(beyond).toBe(2);
    expect((await page({ page: '9' })).total).toBe(galleryPageSize * 2 + 3);
  });
});
