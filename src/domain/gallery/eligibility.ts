import { and, eq, inArray, type SQL } from 'drizzle-orm';
import { entries, galleryItems, type EntryStatus } from '@db/schema';

/**
 * The one rule for which entries the gallery may show: those the outlet has confirmed and that
 * went on to scoring or the shortlist (DESIGN.md "The flow"). Nominations with their awards are a
 * later part; when they come, their statuses are added here and nowhere else.
 */
export const publishableStatuses = ['confirmed', 'in_review', 'scored', 'shortlisted'] as const satisfies readonly EntryStatus[];

export function isPublishable(status: EntryStatus): boolean {
  return (publishableStatuses as readonly EntryStatus[]).includes(status);
}

/** SQL for "this entry may be in the gallery"; the query must join `entries`. */
export function entryIsPublishable(): SQL {
  return inArray(entries.status, [...publishableStatuses]);
}

/**
 * SQL for "the public may see this item": published, and its entry (joined) still publishable, so
 * an entry withdrawn or sent back after the item was made disappears with it. Every public query —
 * the item page, images, feeds, the sitemap — filters with this; the gallery's list and search
 * check the same two conditions on gallery_search, its narrow copy (matches.ts).
 */
export function visibleToPublic(): SQL {
  return and(eq(galleryItems.published, true), entryIsPublishable())!;
}
