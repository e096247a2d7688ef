import { getTableName, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Queryable } from '@db/client';
import { entries, galleryItems, gallerySearchWords } from '@db/schema';
import { entryIsPublishable } from './eligibility';
import type { Spellings } from './search';

/**
 * The newest matches of a search, at most `cap` + 1, chosen by how the query's words occur rather
 * than by PostgreSQL's planner. The planner estimates from each word's share of the items as if
 * words met at random; the words of a phrase do not ("dịch vụ công trực tuyến mức độ 4": eight
 * common words, each in a third of the items, together in a quarter of them, where the planner
 * expected a hundred). It then intersected the words' posting lists and read and sorted 27,000
 * rows (150 ms over 100,000 items), where the newest 1,100 held the 301 needed; and a rare word
 * is the reverse. So one statement decides on what it reads:
 *
 * 1. the probe: the newest `probeRows` items (with the year or organisation filter, which have
 *    their own newest-first index) are read, and the words and other filters checked on each. If
 *    that finds `cap` + 1, or there were no more items, that is the answer;
 * 2. the walk: if the matches the probe found are dense enough that the rest should be found
 *    within `walkRows` more items, the walk goes on from where the probe stopped, at most that far;
 * 3. the index: otherwise (or if the walk fell short) the words' GIN index finds every match, the
 *    matches are sorted newest first, and only then is each entry's status checked, up to `cap` + 1.
 *
 * Every path checks the same conditions, so the matches are the same whichever answers (the
 * search tests run the table through each). Only the time differs: reading an item costs about
 * 2 µs, fetching a match from the index about 2.5 µs, so the walk is cheaper when the matches are
 * more than about one item in twenty, which the probe measures, correlations and filters included.
 */

/** Items read newest first before choosing: about 2 ms, and a small list's whole content. */
export const probeRows = 1000;
/** Items read past the probe at most: about 16 ms, the cost of the index path for 6,000 matches. */
export const walkRows = 8000;
/**
 * A word in more than this share of the items is left out of the index lookup when a rarer word is
 * in the query, and checked on the rows instead: its posting list ("so", in three items of four)
 * costs more to read than the few rows it rules out.
 */
export const commonShare = 0.3;
/** How long a reading of the words' shares (pg_stats, refreshed by ANALYZE) is used. */
const sharesTtlMs = 60_000;

/** Which step found the matches; `list` when there are no words (the newest items that pass the filters). */
export type MatchPath = 'probe' | 'walk' | 'index' | 'list';

export interface MatchQuery {
  /** For each word, the spellings that count (one unless a near miss was corrected). */
  spellings: Spellings;
  /** Conditions on gallery_items that a newest-first index answers (year, organisation). */
  indexed: SQL[];
  /** Other conditions on gallery_items (area, press type, kind). */
  other: SQL[];
}

export interface AccessLimits {
  probeRows: number;
  walkRows: number;
}

/** Each word's share of the items, from the statistics of search_words; a word not listed is rare. */
export type WordShares = ReadonlyMap<string, number>;

const sharesRead = new WeakMap<object, { at: number; shares: Promise<WordShares> }>();

/**
 * The most common words of search_words and their shares, as ANALYZE last sampled them (none
 * before the first ANALYZE: every word then counts as rare, which on a small list is true). Read
 * once a minute per database handle: a search should not cost a read of the catalogue.
 */
export function wordShares(db: Queryable): Promise<WordShares> {
  const cached = sharesRead.get(db);
  if (cached && Date.now() - cached.at < sharesTtlMs) return cached.shares;
  const shares = rowsOf<{ word: string; share: number }>(
    db,
    sql`select u.word, u.share from pg_stats s,
          unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) as u(word, share)
        where s.schemaname = current_schema() and s.tablename = 'gallery_items' and s.attname = 'search_words' and u.word is not null`,
  ).then((rows) => new Map(rows.map((r) => [r.word, Number(r.share)])));
  sharesRead.set(db, { at: Date.now(), shares });
  shares.catch(() => sharesRead.delete(db));
  return shares;
}

const shareOf = (shares: WordShares, spellings: string[]) => spellings.reduce((sum, word) => sum + (shares.get(word) ?? 0), 0);

/** `text` (a search_text) holds one of the spellings as a whole word; search_text's words are one space apart. */
function holdsOneOf(text: SQL, spellings: string[]): SQL {
  const one = (word: string) => sql`strpos(' ' || ${text} || ' ', ${` ${word} `}) > 0`;
  return spellings.length === 1 ? one(spellings[0]) : sql`(${sql.join(spellings.map(one), sql` or `)})`;
}

/** Every word, the rarest first: most rows fail on the first and the rest are not looked at. */
function holdsAll(text: SQL, spellings: Spellings, shares: WordShares): SQL {
  const rarestFirst = [...spellings].sort((a, b) => shareOf(shares, a) - shareOf(shares, b));
  return sql.join(
    rarestFirst.map((s) => holdsOneOf(text, s)),
    sql` and `,
  );
}

const textArray = (words: readonly string[]) => sql`array[${sql.join(words.map((w) => sql`${w}`), sql`, `)}]::text[]`;

/**
 * What the words' index is asked: every word but the common ones (unless all are), each of
 * whose spellings the item must hold. The words left out are checked on the rows.
 */
function indexLookup(spellings: Spellings, shares: WordShares): { lookup: SQL; looked: Spellings; rest: Spellings } {
  const rare = spellings.filter((s) => shareOf(shares, s) <= commonShare);
  const looked = rare.length > 0 ? rare : [[...spellings].sort((a, b) => shareOf(shares, a) - shareOf(shares, b))[0]];
  const exact = looked.filter((s) => s.length === 1).map(([word]) => word);
  const lookup = sql.join(
    [
      ...(exact.length ? [sql`${galleryItems.searchWords} @> ${textArray(exact)}`] : []),
      ...looked.filter((s) => s.length > 1).map((s) => sql`${galleryItems.searchWords} && ${textArray(s)}`),
    ],
    sql` and `,
  );
  return { lookup, looked, rest: spellings.filter((s) => !looked.includes(s)) };
}

const and = (conditions: SQL[]) => (conditions.length ? sql.join(conditions, sql` and `) : sql`true`);

/**
 * A query giving `id`, `published_at` and `path` (which step answered) of the newest matches, at
 * most cap + 1, newest first. See the top of this file.
 */
export function newestMatches(query: MatchQuery, shares: WordShares, cap: number, limits: AccessLimits = { probeRows, walkRows }): SQL {
  const more = cap + 1;
  const walkable = and([sql`${galleryItems.published}`, ...query.indexed]);
  // Whether a row read newest first is a match, its entry aside (checked only for the matches).
  const hit = and([...query.other, holdsAll(sql`${galleryItems.searchText}`, query.spellings, shares)]);
  const visible = (entryId: SQL) => sql`exists (select 1 from ${entries} where ${entries.id} = ${entryId} and ${entryIsPublishable()})`;
  const newest = sql`${galleryItems.publishedAt} desc, ${galleryItems.id} desc`;
  const { lookup, looked, rest } = indexLookup(query.spellings, shares);
  const indexHit = and([...query.other, ...(rest.length ? [holdsAll(sql`${galleryItems.searchText}`, rest, shares)] : [])]);
  // A word no item ever held (gallery_search_words) matches nothing: a typo goes to its near miss without reading any item.
  const typed = query.spellings.filter((s) => s.length === 1).map(([word]) => word);
  const known = typed.length
    ? sql`(select count(*) from ${gallerySearchWords} where ${gallerySearchWords.word} = any(${textArray(typed)})) = ${new Set(typed).size}`
    : sql`true`;
  // The walk goes on if, at the probe's density, the matches still missing are within `walkRows`
  // items, or within as many items as the index would fetch (its words' density in the probe,
  // over every item): past that, the index reads fewer rows.
  const walkGate = sql`found < ${more} and read = ${limits.probeRows} and found > 0
    and (${more} - found) * read <= found * limit_rows and (select published_at is not null from edge)`;
  const afterProbe = sql`${walkable} and (${galleryItems.publishedAt}, ${galleryItems.id}) < (select published_at, id from edge)`;
  return sql`
    with probe_rows as materialized (
      select ${galleryItems.id} as id, ${galleryItems.publishedAt} as published_at, ${galleryItems.entryId} as entry_id,
        ${hit} as hit, ${holdsAll(sql`${galleryItems.searchText}`, looked, shares)} as looked
      from ${galleryItems} where ${walkable} and ${known} order by ${newest} limit ${limits.probeRows}
    ), probe as materialized (
      select r.id, r.published_at from (
        select id, published_at, entry_id from probe_rows where hit order by published_at desc, id desc offset 0
      ) r
      where ${visible(sql`r.entry_id`)}
      order by r.published_at desc, r.id desc limit ${more}
    ), edge as (
      select published_at, id from probe_rows order by published_at asc nulls last, id asc limit 1
    ), counted as (
      select (select count(*) from probe) as found, (select count(*) from probe_rows) as read,
        (select count(*) from probe_rows where looked) as looked,
        (select reltuples from pg_class where oid = cast(${getTableName(galleryItems)} as regclass)) as items
    ), sized as (
      select found, read, greatest(${limits.walkRows}, ceil(looked * items / greatest(read, 1)))::integer as limit_rows from counted
    ), probed as (
      select found, read, limit_rows, ${walkGate} as go_on from sized
    ), walk as materialized (
      select w.id, w.published_at from (
        select ${galleryItems.id} as id, ${galleryItems.publishedAt} as published_at, ${galleryItems.entryId} as entry_id, ${hit} as hit
        from ${galleryItems} where ${afterProbe}
        order by ${newest} limit (select limit_rows from probed)
      ) w
      where (select go_on from probed) and w.hit and ${visible(sql`w.entry_id`)}
      order by w.published_at desc, w.id desc limit (select ${more} - found from probed)
    ), answer as (
      select case when found = ${more} or read < ${limits.probeRows} then 'probe'
                  when not go_on then 'index'
                  when found + (select count(*) from walk) = ${more} then 'walk'
                  -- The walk fell short because it reached the last item: it saw every match.
                  when (select count(*) from (select 1 from ${galleryItems} where ${afterProbe} limit limit_rows) left_over) < limit_rows then 'walk'
                  else 'index' end as path
      from probed
    )
    select id, published_at, (select path from answer) as path from (
      (select id, published_at from probe where (select path in ('probe', 'walk') from answer))
      union all
      (select id, published_at from walk where (select path = 'walk' from answer))
      union all
      (select c.id, c.published_at from (
         select ${galleryItems.id} as id, ${galleryItems.publishedAt} as published_at, ${galleryItems.entryId} as entry_id
         from ${galleryItems} where ${walkable} and ${lookup} and ${indexHit}
         order by ${newest} offset 0
       ) c
       where (select path = 'index' from answer) and ${visible(sql`c.entry_id`)}
       order by c.published_at desc, c.id desc limit ${more})
    ) found`;
}

/** The newest items that pass the filters, without a search: the newest-first indexes serve it as it is. */
export function newestItems(conditions: SQL[], cap: number): SQL {
  return sql`
    select ${galleryItems.id} as id, ${galleryItems.publishedAt} as published_at, 'list' as path
    from ${galleryItems} join ${entries} on ${entries.id} = ${galleryItems.entryId}
    where ${and(conditions)}
    order by ${galleryItems.publishedAt} desc, ${galleryItems.id} desc limit ${cap + 1}`;
}
