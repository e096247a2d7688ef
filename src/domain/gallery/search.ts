import { and, desc, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '@db/client';
import { galleryItems } from '@db/schema';
import { searchWords, tonedWords } from './text';

/** Longer input is cut: a search box is not a place for a page of text (nor a cheap way to load the database). */
export const queryMaxLength = 200;
/** Every word must match; past this many, the rest are not looked for. */
export const queryMaxWords = 12;
/** pg_trgm word_similarity from which a near miss ("cai cahc") still counts, when nothing matches exactly. */
export const typoThreshold = 0.5;

export interface ParsedQuery {
  /** What the person typed: NFC, cut to queryMaxLength, spaces folded. Shown back in the box. */
  text: string;
  /** Its words in lower case with their tones, to rank exact matches first. */
  toned: string;
  /** Folded words (no diacritics, đ → d), each of which must appear. */
  words: string[];
}

/** A search string from the query, or undefined when it holds no letter or digit to look for. */
export function parseQuery(raw: string | null | undefined): ParsedQuery | undefined {
  if (!raw) return undefined;
  const text = [...raw.normalize('NFC')]
    .slice(0, queryMaxLength)
    .join('')
    .replace(/[\p{Cc}\p{Cf}\s]+/gu, ' ')
    .trim();
  const words = searchWords(text).slice(0, queryMaxWords);
  if (words.length === 0) return undefined;
  return { text, toned: tonedWords(text), words };
}

/** For LIKE: `%`, `_` and `\` (the default escape character) stand for themselves. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

// search_text is words one space apart: padded with a space each side, " word " matches whole words.
const paddedSearchText = sql`(' ' || ${galleryItems.searchText} || ' ')`;

function hasWord(word: string): SQL {
  // The first test can use the trigram index; the second keeps it to whole words ("tu" is not "tuc").
  return sql`(${galleryItems.searchText} like ${`%${escapeLike(word)}%`} and ${paddedSearchText} like ${`% ${escapeLike(word)} %`})`;
}

/** All the words appear (in any order), ignoring tones and case. */
export function matchesAllWords(query: ParsedQuery): SQL {
  return and(...query.words.map(hasWord))!;
}

/**
 * A near miss: the folded query is close to some stretch of the item's words. word_similarity
 * alone is a function the index cannot serve, so every item was compared (seconds over 100,000);
 * `<%` is the same test as an operator the trigram index answers, at the threshold that
 * withTypoThreshold sets. The explicit comparison keeps the result the same whatever it is.
 */
export function matchesApproximately(query: ParsedQuery): SQL {
  const words = query.words.join(' ');
  return sql`(${words} <% ${galleryItems.searchText} and word_similarity(${words}, ${galleryItems.searchText}) >= ${typoThreshold})`;
}

/** Runs a near-miss search in a transaction whose `<%` threshold is typoThreshold (the default is 0.6). */
export function withTypoThreshold<T>(db: Queryable, run: (tx: Queryable) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('pg_trgm.word_similarity_threshold', ${String(typoThreshold)}, true)`);
    return run(tx);
  });
}

const flag = (condition: SQL) => sql<number>`(case when ${condition} then 1 else 0 end)`;

/**
 * Best first: the query's words as typed, tones and all, in the title; then in the summary; then
 * the words as one phrase without tones; then (the caller adds it) the newest. An approximate
 * search puts closeness before the newest.
 */
export function rankOrder(query: ParsedQuery, approximate: boolean): SQL[] {
  const toned = `% ${escapeLike(query.toned)} %`;
  const tiers = [
    desc(flag(sql`${galleryItems.titleToned} like ${toned}`)),
    desc(flag(sql`${galleryItems.summaryToned} like ${toned}`)),
    desc(flag(sql`${paddedSearchText} like ${`% ${escapeLike(query.words.join(' '))} %`}`)),
  ];
  if (approximate) tiers.push(desc(sql`word_similarity(${query.words.join(' ')}, ${galleryItems.searchText})`));
  return tiers;
}
