import { sql } from 'drizzle-orm';
import type { Sql } from 'postgres';
import type { DatabaseHandle, Queryable } from '@db/client';
import { cacheTags, invalidatePublicPages, type PublicPageChanges } from './cache';

export interface GalleryChange {
  itemId: number;
  slug: string;
  year: number;
  /** When an edit changed them: the page at the old address and the old year's results are stale too. */
  previousSlug?: string;
  previousYear?: number;
}

/** The PostgreSQL channel on which every app instance hears that the public gallery changed. */
export const galleryChannel = 'gallery_changed';

/** What a change makes stale: the item's page (new and old address, both languages), every list, its year's results. */
export function pagesAffectedBy(change: GalleryChange): PublicPageChanges {
  const slugs = [change.slug, change.previousSlug].filter((s): s is string => Boolean(s));
  const years = [...new Set([change.year, change.previousYear].filter((y): y is number => y !== undefined))];
  return {
    tags: [cacheTags.galleryList, cacheTags.item(change.itemId), ...years.map(cacheTags.results)],
    paths: slugs.flatMap((slug) => [`/gallery/${slug}`, `/en/gallery/${slug}`]),
  };
}

/**
 * Called by the gallery's publishing functions, inside or right after their transaction, whenever
 * what the public sees changes (publish, unpublish, edit of a published item). The public pages'
 * cache invalidation lives behind this one function.
 *
 * Two things happen. This process drops the pages at once (on PGlite there is only this process).
 * And a NOTIFY goes to every instance on the same PostgreSQL, this one included: sent on the
 * caller's connection, it is delivered when the caller's transaction commits, so the instances
 * drop the pages only once the new state is readable — a page rendered from the old state between
 * the first drop and the commit is dropped again then (see cache.ts).
 */
export async function galleryChanged(db: Queryable, change: GalleryChange): Promise<void> {
  const payload = JSON.stringify({
    itemId: change.itemId,
    slug: change.slug,
    year: change.year,
    previousSlug: change.previousSlug,
    previousYear: change.previousYear,
  });
  await db.execute(sql`select pg_notify(${galleryChannel}, ${payload})`);
  await invalidatePublicPages(pagesAffectedBy(change));
}

function parseChange(payload: string): GalleryChange | undefined {
  try {
    const value = JSON.parse(payload) as Partial<GalleryChange>;
    if (!Number.isInteger(value.itemId) || typeof value.slug !== 'string' || !Number.isInteger(value.year)) return undefined;
    return value as GalleryChange;
  } catch {
    return undefined;
  }
}

/**
 * Started once where the app opens its database (src/database.ts). On PostgreSQL a dedicated
 * connection LISTENs; postgres.js reconnects and listens again by itself, and since notifications
 * sent while it was away are lost, every (re)connection clears the whole public cache. Should the
 * connection stay down, the route rules' max-age still bounds how stale a page can be.
 */
export async function listenForGalleryChanges(handle: DatabaseHandle): Promise<void> {
  if (handle.kind !== 'postgres') return;
  const client = (handle.db as unknown as { $client: Sql }).$client;
  await client.listen(
    galleryChannel,
    (payload) => {
      const change = parseChange(payload);
      void invalidatePublicPages(change ? pagesAffectedBy(change) : { tags: [cacheTags.everything] });
    },
    () => void invalidatePublicPages({ tags: [cacheTags.everything] }),
  );
}
