import type { Database } from '../client';
import type { ParArea } from '../schema';
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

/**
 * Published gallery items made from demo entries the gallery may take (confirmed and after),
 * through the publishing functions, so that a fresh site's /, /gallery, results and feed show
 * the movement's models. The curator's copy starts from the entry, as the curation form does.
 */
export async function seedDemoGallery(db: Database, curator: SessionUser, items: DemoGalleryItem[]) {
  for (const item of items) {
    const source = (await entryForGallery(db, item.entryId))!;
    const { entry } = source;
    await createGalleryItem(
      db,
      curator,
      entry.id,
      {
        title: entry.title,
        slug: '',
        summary: item.summary,
        organisationId: entry.organisationId,
        authors: source.authorsLine,
        parAreas: item.parAreas ?? entry.parAreas,
        pressType: entry.kind === 'article' ? entry.pressType : null,
        originalUrl: entry.url ?? '',
        coverFileId: null,
        imageFileIds: [],
        featured: item.featured ?? false,
      },
      { publish: true },
    );
  }
}

/**
 * The awarded works of finished years, published with their award (the results pages list them):
 * a few of each year's entries that backed an approved nomination.
 */
export async function seedDemoAwards(db: Database, curator: SessionUser, years: { year: number; entryIds: number[] }[], perYear = 5) {
  for (const { year, entryIds } of years) {
    for (const [i, entryId] of entryIds.slice(0, perYear).entries()) {
      const source = (await entryForGallery(db, entryId))!;
      const { entry } = source;
      await createGalleryItem(
        db,
        curator,
        entry.id,
        {
          title: entry.title,
          slug: '',
          summary: `${entry.summaryHtml}<p>Tác phẩm được tặng Bằng khen trong phong trào thi đua năm ${year}.</p>`,
          organisationId: entry.organisationId,
          authors: source.authorsLine,
          parAreas: entry.parAreas,
          pressType: entry.kind === 'article' ? entry.pressType : null,
          originalUrl: entry.url ?? '',
          coverFileId: null,
          imageFileIds: [],
          featured: i === 0,
        },
        { publish: true },
      );
    }
  }
}
