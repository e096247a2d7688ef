import { getTableName, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { rowsOf, type Queryable } from '@db/client';
import { entries, gallerySearch, gallerySearchWords } from '@db/schema';
import { entryIsPublishable } from './eligibility';
import { textArray, type Spellings } from './search';

/**
 * The newest matches of a search, at most `cap` + 1, found the way the query's words call for
 * rather than the way PostgreSQL's planner guesses. The planner estimates from each word's share of
 * the items as if words met at random; the words of a phrase do not ("dịch vụ công trực tuyến mức
 * độ 4": eight common words, each in a third to three quarters of the items, together in a quarter
 * of them, where the planner expected a hundred). It then intersected the words' posting lists and
 * read and sorted 27,000 rows (150 ms over 100,000 items) where the newest 1,100 held the 301
 * needed; for words that meet less often than their shares say, the reverse. Statistics cannot see
 * that; reading a few items can. So one statement (a fixed number of queries: see searchGallery)
 * reads gallery_search, the narrow copy of the items, and decides on what it reads:
 *
 * 1. the probe: the newest `probeRows` items (with the year or organisation filter, which have
 *    their own newest-first index) are read, and the words and other filters checked on each. If
 *    that finds `cap` + 1, or there were no more items, that is the answer;
 * 2. the walk: if the matches the probe found are dense enough that the rest should turn up within
 *    the walk's reach, reading goes on newest first from where the probe stopped, at most that far.
 *    Its reach is `walkRows`, or as many items as the index would fetch (the items holding the
 *    rarest word it is asked for) when that is more: past it, the index costs less;
 * 3. the index: otherwise, or if the walk fell short, the words' GIN index finds every match, the
 *    matches are sorted newest first, and only then is each entry's status checked, up to `cap` + 1
 *    (checking it on every match was half the time of a common word).
 *
 * Every path checks the same conditions, so the matches are the same whichever answers (the
 * search tests run their table through each). Only the time differs: on the bench, reading an
 * item and checking its words costs about 1.5 µs, fetching and sorting a match from the index
 * about as much, so the walk wins when matches are denser than about one item in twenty, which is
 * what the probe measures, correlations and filters included. The words' statistics (pg_stats)
 * serve only what they can: checking the rarest word first, leaving the commonest out of the index
 * lookup, and the walk's reach.
 */

/** Items read newest first before choosing: about 1.5 ms, and a small list's whole content. */
export const probeRows = 1000;
/** Items the walk may read past the probe, at least: about 10 ms, as much as the index takes for 6,000 matches. */
export const walkRows = 8000;
/**
 * A word in more than this share of the items is left out of the index lookup when a rarer word is
 * in the query, and checked on the rows instead: its posting list ("so", in three items of four)
 * costs more to read than the few rows it rules out.
 */
export const commonShare = 0.3;
/** How long a reading of the words' statistics (pg_stats, refreshed by ANALYZE) is used. */
const statsTtlMs = 60_000;

/** Which step found the matches; `list` when there are no words (the newest items that pass the filters). */
export type MatchPath = 'probe' | 'walk' | 'index' | 'list';

export interface MatchQuery {
  /** For each word, the spellings that count (one unless a near miss was corrected). */
  spellings: Spellings;
  /** Conditions on gallery_search that a newest-first index answers (year, organisation). */
  indexed: SQL[];
  /** Other conditions on gallery_search (area, press type, kind). */
  other: SQL[];
}

export interface AccessLimits {
  probeRows: number;
  walkRows: number;
}

/** What ANALYZE last saw of the items' words: each common word's share, and the number of items. */
export interface WordStats {
  /** A word not listed is rare (below the least common listed, a few hundredths at most). */
  shares: ReadonlyMap<string, number>;
  items: number;
}

const statsRead = new WeakMap<object, { at: number; stats: Promise<WordStats> }>();

/**
 * The most common words of the items (the statistics of the words' index) and their shares, and
 * the number of items, as ANALYZE last sampled them: none before the first ANALYZE, when every
 * word counts as rare, which on a small list is true. Read once a minute per database handle: a
 * search should not cost a read of the catalogue.
 */
export function wordStats(db: Queryable): Promise<WordStats> {
  const cached = statsRead.get(db);
  if (cached && Date.now() - cached.at < statsTtlMs) return cached.stats;
  const stats = rowsOf<{ word: string | null; share: number | null; items: number }>(
    db,
    sql`select u.word, u.share, greatest(c.reltuples, 0) as items
        from pg_class c
        left join pg_stats s on s.schemaname = current_schema() and s.tablename = 'gallery_search_words_idx'
        left join lateral unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) as u(word, share) on u.word is not null
        where c.oid = cast(${getTableName(gallerySearch)} as regclass)`,
  ).then((rows) => ({
    shares: new Map(rows.flatMap((r) => (r.word === null ? [] : [[r.word, Number(r.share)] as const]))),
    items: Number(rows[0]?.items ?? 0),
  }));
  statsRead.set(db, { at: Date.now(), stats });
  stats.catch(() => statsRead.delete(db));
  return stats;
}

type WordShares = WordStats['shares'];

const shareOf = (shares: WordShares, spellings: string[]) => spellings.reduce((sum, word) => sum + (shares.get(word) ?? 0), 0);

/** `words` (gallery_search.words: the words one space apart, a space at each end) holds one of the spellings. */
function holdsOneOf(words: SQLWrapper, spellings: string[]): SQL {
  const one = (word: string) => sql`strpos(${words}, ${` ${word} `}) > 0`;
  return spellings.length === 1 ? one(spellings[0]) : sql`(${sql.join(spellings.map(one), sql` or `)})`;
}

/** Every word, the rarest first: most rows fail on the first and the rest are not looked at. */
function holdsAll(words: SQLWrapper, spellings: Spellings, shares: WordShares): SQL {
  const rarestFirst = [...spellings].sort((a, b) => shareOf(shares, a) - shareOf(shares, b));
  return sql.join(
    rarestFirst.map((s) => holdsOneOf(words, s)),
    sql` and `,
  );
}

/** The expression gallery_search_words_idx is built on. */
const itemWords = sql`string_to_array(${gallerySearch.words}, ' ')`;

/** What the words' statistics decide for a query (newestMatches): pure, so its thresholds are tested on their own. */
export interface AccessPlan {
  /** Whether to read the newest items at all (see `probing` below). */
  probing: boolean;
  /** How many items the walk may read past the probe. */
  walkLimit: number;
  /** The words the index is asked for: every word but the common ones, unless all are (then the rarest). */
  looked: Spellings;
  /** The words checked on the rows the index gives. */
  rest: Spellings;
}

export function accessPlan(spellings: Spellings, { shares, items }: WordStats, cap: number, limits: AccessLimits): AccessPlan {
  const rarestFirst = [...spellings].sort((a, b) => shareOf(shares, a) - shareOf(shares, b));
  const rare = spellings.filter((s) => shareOf(shares, s) <= commonShare);
  const looked = rare.length > 0 ? rare : [rarestFirst[0]];
  // The walk may read as many items as the index would fetch: at most the items holding its rarest word.
  const walkLimit = Math.max(limits.walkRows, Math.ceil(items * shareOf(shares, rarestFirst[0])));
  // Reading newest first cannot win when even the rarest word's share (the most the matches can
  // be) is too thin to find cap + 1 within the probe and the walk, unless the probe is the whole
  // list: a rare word ("nuoi hau", a word ANALYZE never listed) goes to the index at once.
  const probing = items <= limits.probeRows || shareOf(shares, rarestFirst[0]) * (limits.probeRows + walkLimit) >= cap + 1;
  return { probing, walkLimit, looked, rest: spellings.filter((s) => !looked.includes(s)) };
}

/** The index lookup: the item holds every looked word (each of its spellings, for a corrected one). */
function indexLookup(looked: Spellings): SQL {
  const exact = looked.filter((s) => s.length === 1).map(([word]) => word);
  return sql.join(
    [
      ...(exact.length ? [sql`${itemWords} @> ${textArray(exact)}`] : []),
      ...looked.filter((s) => s.length > 1).map((s) => sql`${itemWords} && ${textArray(s)}`),
    ],
    sql` and `,
  );
}

/** The entry of an item that passes the other conditions may be shown (eligibility.ts): checked last, on the few rows that get that far. */
const visible = (entryId: SQLWrapper) => sql`exists (select 1 from ${entries} where ${entries.id} = ${entryId} and ${entryIsPublishable()})`;
const newest = sql`${gallerySearch.publishedAt} desc, ${gallerySearch.itemId} desc`;

const and = (conditions: SQL[]) => (conditions.length ? sql.join(conditions, sql` and `) : sql`true`);

/**
 * A query giving `id`, `published_at` and `path` (which step answered) of the newest matches, at
 * most cap + 1, newest first. See the top of this file.
 */
export function newestMatches(query: MatchQuery, stats: WordStats, cap: number, limits: AccessLimits = { probeRows, walkRows }): SQL {
  const { shares } = stats;
  const more = cap + 1;
  const walkable = and([sql`${gallerySearch.published}`, ...query.indexed]);
  // Whether a row read newest first is a match, its entry aside (checked only for the matches).
  const hit = and([...query.other, holdsAll(gallerySearch.words, query.spellings, shares)]);
  const { probing, walkLimit, looked, rest } = accessPlan(query.spellings, stats, cap, limits);
  const lookup = indexLookup(looked);
  const indexHit = and([...query.other, ...(rest.length ? [holdsAll(gallerySearch.words, rest, shares)] : [])]);
  // A word no item ever held (gallery_search_words) matches nothing: a typo goes to its near miss without reading any item.
  const typed = query.spellings.filter((s) => s.length === 1).map(([word]) => word);
  const known = typed.length
    ? sql`(select count(*) from ${gallerySearchWords} where ${gallerySearchWords.word} = any(${textArray(typed)})) = ${new Set(typed).size}`
    : sql`true`;
  // The walk goes on if, at the probe's density, the matches still missing are within walkLimit
  // items: past that, the index reads fewer.
  const walkGate = sql`found < ${more} and read = ${limits.probeRows} and found > 0
    and (${more} - found) * read <= found * limit_rows and (select published_at is not null from edge)`;
  const afterProbe = sql`${walkable} and (${gallerySearch.publishedAt}, ${gallerySearch.itemId}) < (select published_at, id from edge)`;
  return sql`
    with probe_rows as materialized (
      select ${gallerySearch.itemId} as id, ${gallerySearch.publishedAt} as published_at, ${gallerySearch.entryId} as entry_id,
        ${hit} as hit
      from ${gallerySearch} where ${walkable} and ${known} and ${probing} order by ${newest} limit ${limits.probeRows}
    ), probe as materialized (
      select r.id, r.published_at from (
        select id, published_at, entry_id from probe_rows where hit order by published_at desc, id desc offset 0
      ) r
      where ${visible(sql`r.entry_id`)}
      order by r.published_at desc, r.id desc limit ${more}
    ), edge as (
      select published_at, id from probe_rows order by published_at asc nulls last, id asc limit 1
    ), counted as (
      select (select count(*) from probe) as found, (select count(*) from probe_rows) as read, ${walkLimit}::integer as limit_rows
    ), probed as materialized (
      select found, read, limit_rows, ${walkGate} as go_on from counted
    ), walk as materialized (
      select w.id, w.published_at from (
        select ${gallerySearch.itemId} as id, ${gallerySearch.publishedAt} as published_at, ${gallerySearch.entryId} as entry_id, ${hit} as hit
        from ${gallerySearch} where ${afterProbe}
        order by ${newest} limit (select limit_rows from probed)
      ) w
      where (select go_on from probed) and w.hit and ${visible(sql`w.entry_id`)}
      order by w.published_at desc, w.id desc limit (select ${more} - found from probed)
    ), answer as (
      select case when not ${probing} then 'index'
                  when found = ${more} or read < ${limits.probeRows} then 'probe'
                  when not go_on then 'index'
                  when found + (select count(*) from walk) = ${more} then 'walk'
                  -- The walk fell short because it reached the last item: it saw every match.
                  when (select count(*) from (select 1 from ${gallerySearch} where ${afterProbe} limit limit_rows) left_over) < limit_rows then 'walk'
                  else 'index' end as path
      from probed
    )
    select id, published_at, (select path from answer) as path from (
      (select id, published_at from probe where (select path in ('probe', 'walk') from answer))
      union all
      (select id, published_at from walk where (select path = 'walk' from answer))
      union all
      (select c.id, c.published_at from (
         select ${gallerySearch.itemId} as id, ${gallerySearch.publishedAt} as published_at, ${gallerySearch.entryId} as entry_id
         from ${gallerySearch} where ${walkable} and ${lookup} and ${indexHit}
         order by ${newest} offset 0
       ) c
       where (select path = 'index' from answer) and ${visible(sql`c.entry_id`)}
       order by c.published_at desc, c.id desc limit ${more})
    ) found`;
}

/** The newest items that pass the filters, without a search: a newest-first index serves it as it is. */
export function newestItems(filters: Omit<MatchQuery, 'spellings'>, cap: number): SQL {
  return sql`
    select ${gallerySearch.itemId} as id, ${gallerySearch.publishedAt} as published_at, 'list' as path
    from ${gallerySearch}
    where ${and([sql`${gallerySearch.published}`, ...filters.indexed, ...filters.other])} and ${visible(gallerySearch.entryId)}
    order by ${newest} limit ${cap + 1}`;
}
