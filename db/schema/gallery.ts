import { sql } from 'drizzle-orm';
import { boolean, customType, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { entries, evidenceFiles, type EntryKind, type ParArea, type PressType } from './entries';
import { organisations } from './organisations';
import { users } from './users';

/**
 * A published exemplary model (DESIGN.md "The public gallery"): curated copy of an entry, shown
 * to everyone while `published`. The curated fields are the item's own, so later edits to the
 * entry do not change what the public sees.
 */
/** PostgreSQL's `tsvector`, read as its text form (nothing reads it but search, in SQL). */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const galleryItems = pgTable(
  'gallery_items',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    slug: text().notNull().unique(),
    entryId: integer('entry_id')
      .notNull()
      .unique()
      .references(() => entries.id),
    title: text().notNull(),
    summaryHtml: text('summary_html').notNull().default(''),
    kind: text().$type<EntryKind>().notNull(),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
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
    /**
     * search_text's words for full-text search (src/domain/gallery/queries.ts), kept by PostgreSQL
     * (migration 0021). The `simple` configuration neither stems nor drops words, so the lexemes
     * are the words text.ts folded; without their positions (`strip`: search asks for words, and
     * ranks phrases on search_text), a third of the item's row less to read for every match.
     */
    searchVector: tsvector('search_vector').generatedAlwaysAs(sql`strip(to_tsvector('simple'::regconfig, search_text))`),
    createdById: integer('created_by_id')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('gallery_items_published_idx').on(t.published, t.year),
    // The newest first for the gallery's list, search, the home page, the feed and the sitemap
    // (`published_at desc, id desc` walks it backwards), within a year or an organisation too.
    index('gallery_items_newest_idx').on(t.publishedAt, t.id),
    index('gallery_items_year_newest_idx').on(t.year, t.publishedAt, t.id),
    index('gallery_items_organisation_newest_idx').on(t.organisationId, t.publishedAt, t.id),
    index('gallery_items_search_vector_idx').using('gin', t.searchVector),
  ],
);

export type GalleryItem = typeof galleryItems.$inferSelect;

/**
 * Every word any gallery item's search_text has held: the spellings a near miss is corrected to
 * (search.ts). Filled by a trigger on gallery_items (migrations 0008, 0010), whoever writes the items;
 * never emptied, so it may hold words of items since unpublished, which only ever lead to a
 * search for them, where visibility applies as always.
 */
export const gallerySearchWords = pgTable('gallery_search_words', {
  word: text().primaryKey(),
});
