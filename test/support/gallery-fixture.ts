import type { Database } from '../../db/client';
import { galleryItems, type Entry } from '../../db/schema';
import { actorFor } from './accounts';
import { createEntry } from './entries';
import { decidedNomination } from './nominations';

export type GalleryItemValues = Partial<typeof galleryItems.$inferInsert> & { slug: string };

/** A 2024 gallery item of `entry` with its title, kind and organisation, made by the coordinator; `values` on top. */
export async function addGalleryItem(db: Database, entry: Entry, values: GalleryItemValues) {
  const coordinator = await actorFor(db, 'coordinator@demo.vn');
  const [item] = await db
    .insert(galleryItems)
    .values({ entryId: entry.id, title: entry.title, kind: entry.kind, organisationId: entry.organisationId, year: 2024, createdById: coordinator.id, ...values })
    .returning();
  return item;
}

/** A gallery for the cache tests: one published item, and one not yet published. */
const shownTitle = 'Chính quyền số ở Móng Cái';
export const laterTitle = 'Bộ phận một cửa không giấy tờ';
export const laterSlug = 'bo-phan-mot-cua-khong-giay-to';

/**
 * One published item and one not yet published (its entry backs a decided nomination, so its title
 * shows on the results page, beside the award, once published).
 */
export async function prepareGallery(db: Database): Promise<{ laterId: number }> {
  const shown = await createEntry(db, 'journalist@demo.vn', { title: shownTitle, status: 'scored', pressType: 'online' });
  const later = await createEntry(db, 'journalist2@demo.vn', { title: laterTitle, status: 'shortlisted', pressType: 'television' });
  await addGalleryItem(db, shown, { slug: 'chinh-quyen-so-mong-cai', published: true, publishedAt: new Date('2024-10-01T08:00:00+07:00') });
  const { awardLine } = await decidedNomination(db, later);
  const laterItem = await addGalleryItem(db, later, { slug: laterSlug, award: awardLine });
  return { laterId: laterItem.id };
}
