import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { entries, evidenceFiles, type EntryKind, type ParArea, type PressType } from './entries';
import { organisations } from './organisations';
import { users } from './users';
import { generatedId, timestamps, requiredReference } from './columns';

/**
 * A published exemplary model (DESIGN.md "The public gallery"): curated copy of an entry, shown
 * to everyone while `published`. The curated fields are the item's own, so later edits to the
 * entry do not change what the public sees.
 */
export const galleryItems = pgTable(
  'gallery_items',
  {
    id: generatedId(),
    slug: text().notNull().unique(),
    entryId: requiredReference('entry_id', () => entries.id).unique(),
    title: text().notNull(),
    summaryHtml: text('summary_html').notNull().default(''),
    kind: text().$type<EntryKind>().notNull(),
    organisationId: requiredReference('organisation_id', () => organisations.id),
    /** Display line of the authors (names, or the organisation for a collective entry). */
    authors: text().notNull().default(''),
    year: integer().notNull(),
    parAreas: text('par_areas').array().$type<ParArea[]>().notNull().default([]),
    pressType: text('press_type').$type<PressType>(),
    originalUrl: text('original_url'),
    /** The award, as decided (e.g. "Bằng khen của Chủ tịch UBND tỉnh"), if any. */
    award: text(),
    coverFileId: integer('cover_file_id').references(() => evidenceFiles.id),
    /** Evidence images the curator chose to show, in order (only images, never other files). */
    imageFileIds: integer('image_file_ids').array().notNull().default([]),
    featured: boolean().notNull().default(false),
    published: boolean().notNull().default(false),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    /**
     * Lower-cased, diacritics-free text of title, summary, organisation and authors (đ -> d),
     * kept by the domain on every save, for search that ignores tones and case.
     */
    searchText: text('search_text').notNull().default(''),
    /**
     * The title's and the summary's words in lower case with their tones, one space apart and a
     * space at each end, kept by the domain with search_text: search ranks the tones as typed
     * first, and comparing stored words costs far less than folding every match's text per query.
     */
    titleToned: text('title_toned').notNull().default(''),
    summaryToned: text('summary_toned').notNull().default(''),
    createdById: requiredReference('created_by_id', () => users.id),
    ...timestamps(),
  },
  (t) => [
    index('gallery_items_published_idx').on(t.published, t.year),
    // The newest first for the home page, the feed and the sitemap (`published_at desc, id desc`
    // walks it backwards), within a year too. The gallery's list and search read gallery_search.
    index('gallery_items_newest_idx').on(t.publishedAt, t.id),
    index('gallery_items_year_newest_idx').on(t.year, t.publishedAt, t.id),
  ],
);

export type GalleryItem = typeof galleryItems.$inferSelect;

/**
 * What search and the gallery's list read of each item (src/domain/gallery/matches.ts), copied
 * from gallery_items by a trigger on every write (migration 0010), whoever writes; deleted with
 * it. A search reads thousands of items newest first; a gallery item's row is about 2 kB (its
 * summary four times over: as written, folded, toned and as words), this one's a fifth of that,
 * so the same walk reads a fifth of the pages and they stay in PostgreSQL's cache: reading 6,000
 * items cost about 3 ms here, 12 ms there. Nothing else writes it.
 */
export const gallerySearch = pgTable(
  'gallery_search',
  {
    itemId: integer('item_id')
      .primaryKey()
      .references(() => galleryItems.id, { onDelete: 'cascade' }),
    entryId: integer('entry_id').notNull(),
    published: boolean().notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    year: integer().notNull(),
    organisationId: integer('organisation_id').notNull(),
    kind: text().$type<EntryKind>().notNull(),
    pressType: text('press_type').$type<PressType>(),
    parAreas: text('par_areas').array().$type<ParArea[]>().notNull(),
    /**
     * gallery_items.search_text with a space at each end: " cai cach | … ". A word is held when
     * " word " is in it, one strpos a row (a copy of the text per word, to pad it, cost a third more).
     */
    words: text().notNull(),
  },
  (t) => [
    // Every word of the item (and '' for each end), for "holds every word": `string_to_array(words, ' ') @> …`.
    // ANALYZE keeps the expression's most common words, which tell search a common word from a rare one.
    index('gallery_search_words_idx').using('gin', sql`string_to_array(${t.words}, ' ')`),
    // The newest first, within a year too (a year is a stretch of publication dates, which a walk
    // over all years would cross) and within an organisation (a small share of the items, which
    // that walk would mostly skip).
    index('gallery_search_newest_idx').on(t.publishedAt, t.itemId),
    index('gallery_search_year_newest_idx').on(t.year, t.publishedAt, t.itemId),
    index('gallery_search_organisation_newest_idx').on(t.organisationId, t.publishedAt, t.itemId),
  ],
);

/**
 * Every word any gallery item's search_text has held: the spellings a near miss is corrected to
 * (search.ts). Filled by a trigger on gallery_items (migration 0008), whoever writes the items;
 * never emptied, so it may hold words of items since unpublished, which only ever lead to a
 * search for them, where visibility applies as always.
 */
export const gallerySearchWords = pgTable('gallery_search_words', {
  word: text().primaryKey(),
});
