import type { Database } from '../client';
import type { Entry, ParArea } from '../schema';
import type { SessionUser } from '../../src/auth/session';
import { entryForGallery } from '../../src/domain/gallery/queries';
import { createGalleryItem } from '../../src/domain/gallery/publishing';

/** What a curator writes for the public about a demo entry (the entry itself is the author's). */
export interface DemoGalleryItem {
  entryId: number;
  summary: string;
  featured?: boolean;
  parAreas?: ParArea[];
}

type GalleryInput = Parameters<typeof createGalleryItem>[3];

/** What the curation form starts from for an entry: its own title, authors, areas and address. */
async function curatedCopy(
  db: Database,
  entryId: number,
  own: (entry: Entry) => Pick<GalleryInput, 'summary' | 'featured'> & Partial<GalleryInput>,
) {
  const source = (await entryForGallery(db, entryId))!;
  const { entry } = source;
  const input: GalleryInput = {
    title: entry.title,
    slug: '',
    organisationId: entry.organisationId,
    authors: source.authorsLine,
    parAreas: entry.parAreas,
    pressType: entry.kind === 'article' ? entry.pressType : null,
    originalUrl: entry.url ?? '',
    coverFileId: null,
    imageFileIds: [],
    ...own(entry),
  };
  return { entry, input };
}

/**
 * Published gallery items made from demo entries the gallery may take (confirmed and after),
 * through the publishing functions, so that a fresh site's /, /gallery, results and feed show
 * the movement's models. The curator's copy starts from the entry, as the curation form does.
 */
export async function seedDemoGallery(db: Database, curator: SessionUser, items: DemoGalleryItem[]) {
  for (const item of items) {
    const { entry, input } = await curatedCopy(db, item.entryId, () => ({
      summary: item.summary,
      featured: item.featured ?? false,
      ...(item.parAreas ? { parAreas: item.parAreas } : {}),
    }));
    await createGalleryItem(db, curator, entry.id, input, { publish: true });
  }
}

/**
 * The awarded works of finished years, published with their award (the results pages list them):
 * a few of each year's entries that backed an approved nomination.
 */
export async function seedDemoAwards(db: Database, curator: SessionUser, years: { year: number; entryIds: number[] }[], perYear = 5) {
  for (const { year, entryIds } of years) {
    for (const [i, entryId] of entryIds.slice(0, perYear).entries()) {
      const { entry, input } = await curatedCopy(db, entryId, (own) => ({
        summary: `${own.summaryHtml}<p>Tác phẩm được tặng Bằng khen trong phong trào thi đua năm ${year}.</p>`,
        featured: i === 0,
      }));
      await createGalleryItem(db, curator, entry.id, input, { publish: true });
    }
  }
}
