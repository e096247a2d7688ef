import { and, asc, desc, eq, inArray, notExists, sql, type SQL } from 'drizzle-orm';
import type { PgSelect } from 'drizzle-orm/pg-core';
import { rowsOf, type Queryable } from '@db/client';
import {
  campaigns,
  entries,
  entryKinds,
  evidenceFiles,
  galleryItems,
  gallerySearch,
  organisations,
  parAreas,
  pressTypes,
  type EntryKind,
  type GalleryItem,
  type ParArea,
  type PressType,
} from '@db/schema';
import { authorNames } from '@/domain/entries/queries';
import { awardLineOfEntry } from '@/domain/nominations/outcomes';
import { oneOf, parseId } from '@/domain/fields';
import { entryIsPublishable, visibleToPublic } from './eligibility';
import { galleryImageTypes } from './images';
import { summaryText } from './text';
import { newestItems, newestMatches, wordStats, type AccessLimits, type MatchPath, type WordStats } from './matches';
import { correctedWords, exactly, parseQuery, rankOrder, type ParsedQuery, type RankedColumns, type Spellings } from './search';

export const galleryPageSize = 12;
/**
 * At most this many items are read, ranked and counted for one list or search, whatever the number
 * of matches: a common word matches a third of 100,000 items, and reading them all to rank and count
 * them cost a second. Past it the page says "more than" this many, and its pages stop there (25
 * pages of 12). Each candidate is a row read, so the time of a common word grows with this: on the
 * search bench 1,000 cost about twice as much as 300 (test/bench/search.ts).
 */
export const galleryResultCap = 300;
/** Pages past this are not served: nobody reads page 900, and a deep OFFSET is work for nothing. */
export const galleryMaxPage = 500;

export interface GalleryFilters {
  query?: ParsedQuery;
  year?: number;
  parArea?: ParArea;
  pressType?: PressType;
  kind?: EntryKind;
  organisationId?: number;
  page: number;
}

const wholeNumber = (value: string | null, max: number): number | undefined => {
  const n = parseId(value);
  return n !== undefined && n <= max ? n : undefined;
};

/** The filters of the public list from its query string; anything unknown is ignored, never an error. */
export function parseGalleryFilters(params: URLSearchParams): GalleryFilters {
  return {
    query: parseQuery(params.get('q')),
    year: wholeNumber(params.get('year'), 9999),
    parArea: oneOf(parAreas, params.get('parArea')),
    pressType: oneOf(pressTypes, params.get('pressType')),
    kind: oneOf(entryKinds, params.get('kind')),
    organisationId: wholeNumber(params.get('organisation'), 2_147_483_647),
    page: Math.min(wholeNumber(params.get('page'), galleryMaxPage) ?? 1, galleryMaxPage),
  };
}

/** The query string for these filters (page 1 is left out), for links and the pagination. */
export function galleryQueryString(filters: GalleryFilters, page = 1): string {
  const params = new URLSearchParams();
  if (filters.query) params.set('q', filters.query.text);
  if (filters.year) params.set('year', String(filters.year));
  if (filters.parArea) params.set('parArea', filters.parArea);
  if (filters.pressType) params.set('pressType', filters.pressType);
  if (filters.kind) params.set('kind', filters.kind);
  if (filters.organisationId) params.set('organisation', String(filters.organisationId));
  if (page > 1) params.set('page', String(page));
  return params.toString();
}

export function hasFilters(filters: GalleryFilters): boolean {
  return Boolean(filters.query || filters.year || filters.parArea || filters.pressType || filters.kind || filters.organisationId);
}

/**
 * The filters as conditions on gallery_search (what lists and search read, matches.ts): those a
 * newest-first index answers (year, organisation), and the others. Visibility is matches.ts's.
 */
function filterConditions(filters: GalleryFilters): { indexed: SQL[]; other: SQL[] } {
  const present = (conditions: (SQL | undefined)[]) => conditions.filter((c): c is SQL => c !== undefined);
  return {
    indexed: present([
      filters.year ? eq(gallerySearch.year, filters.year) : undefined,
      filters.organisationId ? eq(gallerySearch.organisationId, filters.organisationId) : undefined,
    ]),
    other: present([
      filters.parArea ? sql`${filters.parArea} = any(${gallerySearch.parAreas})` : undefined,
      filters.pressType ? eq(gallerySearch.pressType, filters.pressType) : undefined,
      filters.kind ? eq(gallerySearch.kind, filters.kind) : undefined,
    ]),
  };
}

/** What a card in a list shows. */
const cardColumns = {
  id: galleryItems.id,
  slug: galleryItems.slug,
  title: galleryItems.title,
  summaryHtml: galleryItems.summaryHtml,
  kind: galleryItems.kind,
  year: galleryItems.year,
  authors: galleryItems.authors,
  parAreas: galleryItems.parAreas,
  pressType: galleryItems.pressType,
  award: galleryItems.award,
  featured: galleryItems.featured,
  coverFileId: galleryItems.coverFileId,
  publishedAt: galleryItems.publishedAt,
  organisationId: galleryItems.organisationId,
  organisationName: organisations.name,
};

interface CardRow {
  id: number;
  slug: string;
  title: string;
  summaryHtml: string;
  kind: EntryKind;
  year: number;
  authors: string;
  parAreas: ParArea[];
  pressType: PressType | null;
  award: string | null;
  featured: boolean;
  coverFileId: number | null;
  publishedAt: Date | null;
  organisationId: number;
  organisationName: string;
}

export interface GalleryCard extends Omit<CardRow, 'summaryHtml'> {
  /** The summary as plain text, cut for a card. */
  excerpt: string;
}

export const excerptLength = 220;

export function excerptOf(html: string, length = excerptLength): string {
  const text = summaryText(html);
  if (text.length <= length) return text;
  const cut = text.slice(0, length);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), length - 30)).trimEnd()}…`;
}

function toCard({ summaryHtml, ...row }: CardRow): GalleryCard {
  return { ...row, excerpt: excerptOf(summaryHtml) };
}

const newestFirst = [desc(galleryItems.publishedAt), desc(galleryItems.id)];

/**
 * Joins a query over `galleryItems` to the entry each item shows (whose status decides whether the
 * public may see it: `visibleToPublic()`) and to the outlet the item names, which the curator may
 * have changed from the entry's. Both on primary keys: one row an item.
 */
function withEntryAndOutlet<T extends PgSelect>(query: T) {
  return query
    .innerJoin(entries, eq(entries.id, galleryItems.entryId))
    .innerJoin(organisations, eq(organisations.id, galleryItems.organisationId));
}

/**
 * One page and the number of matches from `candidates` (matches.ts: at most `cap` + 1 ids, the
 * newest). The newest `cap` are ranked, reading from gallery_items only what ranks them; the one
 * candidate past them only says that there are more. The page's cards are then read by id. A page
 * past the last has no row to carry the count; only then are the candidates counted alone.
 */
async function pageOf(db: Queryable, candidates: SQL, rank: (c: RankedColumns) => SQL[], page: number, cap: number) {
  const offset = (page - 1) * galleryPageSize;
  const withCandidates = sql`with candidates as materialized (${candidates}),
    kept as (select id, published_at from candidates order by published_at desc, id desc limit ${cap})`;
  // A list without words is in its candidates' order: nothing to read from gallery_items to rank it.
  const ranking = rank(galleryItems);
  const ranked =
    offset < cap
      ? await rowsOf<{ id: number; found: number; path: MatchPath }>(
          db,
          sql`${withCandidates}
            select kept.id as "id", (select cast(count(*) as integer) from candidates) as "found",
              (select path from candidates limit 1) as "path"
            from kept ${ranking.length ? sql`join ${galleryItems} on ${galleryItems.id} = kept.id` : sql``}
            order by ${sql.join([...ranking, sql`kept.published_at desc`, sql`kept.id desc`], sql`, `)}
            limit ${galleryPageSize} offset ${offset}`,
        )
      : [];
  const [counted] =
    ranked.length > 0
      ? ranked
      : page === 1
        ? [{ found: 0, path: undefined }]
        : await rowsOf<{ found: number; path: MatchPath }>(
            db,
            sql`${withCandidates} select cast(count(*) as integer) as "found", min(path) as "path" from candidates`,
          );
  const total = { total: Math.min(counted.found, cap), more: counted.found > cap, path: counted.path ?? undefined };
  if (ranked.length === 0) return { rows: [], ...total };
  const cards = await db
    .select(cardColumns)
    .from(galleryItems)
    .innerJoin(organisations, eq(organisations.id, galleryItems.organisationId))
    .where(inArray(galleryItems.id, ranked.map((r) => r.id)));
  const byId = new Map(cards.map((card) => [card.id, card]));
  return { rows: ranked.map((r) => toCard(byId.get(r.id)!)), ...total };
}

export interface GalleryPage {
  rows: GalleryCard[];
  /** How many matched, up to the cap (galleryResultCap unless a test gives its own). */
  total: number;
  /** More than `total` matched: the cap was reached, and only the newest `total` are ranked and shown. */
  more: boolean;
  page: number;
  pages: number;
  /** Nothing matched every word; these are near misses (a typo, a missing letter). */
  approximate: boolean;
  /** Which way the matches were found (matches.ts), for the bench and the tests; undefined when none were. */
  path?: MatchPath;
}

export interface SearchOptions {
  cap?: number;
  /** The probe's and the walk's lengths (matches.ts); tests shorten them to take every path on a few items. */
  limits?: AccessLimits;
  /** The words' statistics to decide on, instead of ANALYZE's (tests: as if the list were large). */
  stats?: WordStats;
}

/**
 * One page of the public gallery: filters, then the search. Two queries (the page with its total,
 * then its cards) whatever the page length and whichever way the matches are found, and once a
 * minute per handle one more for the words' statistics (matches.ts); when a search matches
 * nothing, a near miss takes a small one per unknown word and one more (the known spellings)
 * and, if it has any, the two of the page again.
 */
export async function searchGallery(db: Queryable, filters: GalleryFilters, { cap = galleryResultCap, limits, stats: given }: SearchOptions = {}): Promise<GalleryPage> {
  const { indexed, other } = filterConditions(filters);
  const stats = filters.query ? (given ?? (await wordStats(db))) : undefined;
  return galleryPage(db, filters, cap, (spellings) =>
    spellings && stats ? newestMatches({ spellings, indexed, other }, stats, cap, limits) : newestItems({ indexed, other }, cap),
  );
}

/**
 * searchGallery's page from `candidates` (at most `cap` + 1 ids, the newest, as `id`,
 * `published_at` and `path`, of the items that pass the filters and, when there are words, hold the
 * spellings: matches.ts), the words as typed, then their near miss. The search bench gives it
 * PostgreSQL's full-text search as candidates too (test/bench/full-text-search.ts).
 */
export async function galleryPage(db: Queryable, filters: GalleryFilters, cap: number, candidates: (spellings?: Spellings) => SQL): Promise<GalleryPage> {
  const { query, page } = filters;
  if (!query) {
    const result = await pageOf(db, candidates(), () => [], page, cap);
    return { ...result, page, pages: pageCount(result.total), approximate: false };
  }
  const search = (spellings: Spellings) => pageOf(db, candidates(spellings), (c) => rankOrder(query, c, spellings), page, cap);
  let approximate = false;
  let result = await search(exactly(query));
  if (result.total === 0) {
    const corrected = await correctedWords(db, query);
    if (corrected) {
      result = await search(corrected);
      approximate = result.total > 0;
    }
  }
  return { ...result, page, pages: pageCount(result.total), approximate };
}

const pageCount = (total: number) => Math.max(1, Math.ceil(total / galleryPageSize));

/** The choices of the filter form that depend on data: years and organisations with something public. */
export async function galleryFacets(db: Queryable) {
  const [years, organisationRows] = await Promise.all([
    db
      .selectDistinct({ year: galleryItems.year })
      .from(galleryItems)
      .innerJoin(entries, eq(entries.id, galleryItems.entryId))
      .where(visibleToPublic())
      .orderBy(desc(galleryItems.year)),
    withEntryAndOutlet(db.selectDistinct({ id: organisations.id, name: organisations.name }).from(galleryItems).$dynamic())
      .where(visibleToPublic())
      .orderBy(asc(organisations.name)),
  ]);
  return { years: years.map((y) => y.year), organisations: organisationRows };
}

export interface GalleryImage {
  fileId: number;
  /** The evidence file's display name. */
  name: string;
}

export type PublicGalleryItem = GalleryItem & { organisationName: string; images: GalleryImage[] };

/** The cover first, then the chosen images, each once, in the curator's order. */
export function imageOrder(item: Pick<GalleryItem, 'coverFileId' | 'imageFileIds'>): number[] {
  return [...new Set([...(item.coverFileId ? [item.coverFileId] : []), ...item.imageFileIds])];
}

/** A published item by its slug, with its images; undefined for an unknown or hidden one. Two queries. */
export async function publicItemBySlug(db: Queryable, slug: string): Promise<PublicGalleryItem | undefined> {
  const [row] = await withEntryAndOutlet(db.select({ item: galleryItems, organisationName: organisations.name }).from(galleryItems).$dynamic())
    .where(and(eq(galleryItems.slug, slug), visibleToPublic()));
  if (!row) return undefined;
  const ids = imageOrder(row.item);
  const files = ids.length
    ? await db
        .select({ id: evidenceFiles.id, name: evidenceFiles.originalName })
        .from(evidenceFiles)
        .where(and(inArray(evidenceFiles.id, ids), eq(evidenceFiles.entryId, row.item.entryId), inArray(evidenceFiles.fileType, [...galleryImageTypes])))
    : [];
  const names = new Map(files.map((f) => [f.id, f.name]));
  const images = ids.flatMap((id) => (names.has(id) ? [{ fileId: id, name: names.get(id)! }] : []));
  return { ...row.item, organisationName: row.organisationName, images };
}

/**
 * The newest published items, for the home page, the feed and the sitemap (the other public
 * pages): `featured` keeps only the featured ones. One query.
 */
export async function latestPublicItems(db: Queryable, { limit = 12, featured = false, year }: { limit?: number; featured?: boolean; year?: number } = {}) {
  const rows = await withEntryAndOutlet(db.select({ ...cardColumns, updatedAt: galleryItems.updatedAt }).from(galleryItems).$dynamic())
    .where(and(visibleToPublic(), featured ? eq(galleryItems.featured, true) : undefined, year ? eq(galleryItems.year, year) : undefined))
    .orderBy(...newestFirst)
    .limit(limit);
  return rows.map(({ updatedAt, ...row }) => ({ ...toCard(row), updatedAt }));
}

// --- curation (signed in: coordinator, appraiser) ---

/** Every item, published or not, for the curation page. One query. */
export function curatedItems(db: Queryable) {
  return withEntryAndOutlet(
    db
      .select({
        id: galleryItems.id,
        slug: galleryItems.slug,
        title: galleryItems.title,
        year: galleryItems.year,
        kind: galleryItems.kind,
        featured: galleryItems.featured,
        published: galleryItems.published,
        publishedAt: galleryItems.publishedAt,
        updatedAt: galleryItems.updatedAt,
        organisationName: organisations.name,
        entryId: entries.id,
        entryStatus: entries.status,
      })
      .from(galleryItems)
      .$dynamic(),
  )
    .orderBy(desc(galleryItems.updatedAt), desc(galleryItems.id));
}

/** Entries the gallery may take that have no item yet, newest campaign first. One query. */
export function publishableEntries(db: Queryable) {
  return db
    .select({
      id: entries.id,
      title: entries.title,
      kind: entries.kind,
      status: entries.status,
      year: campaigns.year,
      organisationName: organisations.name,
    })
    .from(entries)
    .innerJoin(campaigns, eq(campaigns.id, entries.campaignId))
    .innerJoin(organisations, eq(organisations.id, entries.organisationId))
    .where(and(entryIsPublishable(), notExists(sql`(select 1 from ${galleryItems} where ${galleryItems.entryId} = ${entries.id})`)))
    .orderBy(desc(campaigns.year), asc(organisations.name), asc(entries.title), asc(entries.id));
}

/** The item with its curation details (published or not) and the entry it shows, or undefined. */
export async function curatedItem(db: Queryable, itemId: number) {
  const [row] = await db
    .select({ item: galleryItems, entry: { id: entries.id, title: entries.title, status: entries.status } })
    .from(galleryItems)
    .innerJoin(entries, eq(entries.id, galleryItems.entryId))
    .where(eq(galleryItems.id, itemId));
  return row;
}

/** The evidence files of an entry that may be shown as gallery images. */
export function entryImages(db: Queryable, entryId: number) {
  return db
    .select({ id: evidenceFiles.id, name: evidenceFiles.originalName, fileType: evidenceFiles.fileType, sizeBytes: evidenceFiles.sizeBytes })
    .from(evidenceFiles)
    .where(and(eq(evidenceFiles.entryId, entryId), inArray(evidenceFiles.fileType, [...galleryImageTypes])))
    .orderBy(asc(evidenceFiles.createdAt), asc(evidenceFiles.id));
}

/** Organisations a curator may name on an item (active ones, and the current one even if not). */
export function organisationChoices(db: Queryable) {
  return db
    .select({ id: organisations.id, name: organisations.name, active: organisations.active })
    .from(organisations)
    .orderBy(asc(organisations.name));
}


/**
 * An entry as the "add to the gallery" form starts from: its text, year, organisation, authors and
 * image files. Undefined when there is no such entry.
 */
export async function entryForGallery(db: Queryable, entryId: number) {
  const [row] = await db
    .select({ entry: entries, year: campaigns.year, organisationName: organisations.name })
    .from(entries)
    .innerJoin(campaigns, eq(campaigns.id, entries.campaignId))
    .innerJoin(organisations, eq(organisations.id, entries.organisationId))
    .where(eq(entries.id, entryId));
  if (!row) return undefined;
  const [authors, images, [item], award] = await Promise.all([
    authorNames(db, [entryId]),
    entryImages(db, entryId),
    db.select({ id: galleryItems.id }).from(galleryItems).where(eq(galleryItems.entryId, entryId)),
    awardLineOfEntry(db, entryId),
  ]);
  const { entry } = row;
  return {
    entry,
    year: row.year,
    organisationName: row.organisationName,
    images,
    existingItemId: item?.id,
    /** The award line an item takes: the decision's, if the entry backs a decided nomination. */
    award,
    /** The authors line an item starts with: the names, or the outlet for a collective entry. */
    authorsLine: entry.collective ? row.organisationName : (authors.get(entryId) ?? []).join(', '),
    /** An initiative has no summary field: its solution says what it is. */
    summaryHtml: entry.summaryHtml || entry.solutionHtml,
  };
}
