import { desc, inArray, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Queryable } from '@db/client';
import { galleryItems, gallerySearchWords } from '@db/schema';
import { searchWords, tonedWords } from './text';

/** Longer input is cut: a search box is not a place for a page of text (nor a cheap way to load the database). */
export const queryMaxLength = 200;
/** Every word must match; past this many, the rest are not looked for. */
export const queryMaxWords = 12;
/** Words shorter than this are not corrected: one edit from "so" is half the dictionary. */
export const typoMinLength = 3;
/** Nor longer ones, nor more than this many in a query: the spellings tried grow with both. */
export const typoMaxLength = 24;
export const typoMaxWords = 3;

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

const textArray = (words: readonly string[]) => sql`array[${sql.join(words.map((w) => sql`${w}`), sql`, `)}]::text[]`;

/**
 * What an item must hold to be found: each entry is a word, or the spellings one of which will do
 * (a corrected typo). `@>` and `&&` on search_words are answered by its index.
 */
export function matchesWords(words: readonly (string | readonly string[])[]): SQL {
  const exact = words.filter((w): w is string => typeof w === 'string');
  const alternatives = words.filter((w): w is readonly string[] => typeof w !== 'string');
  return sql.join(
    [
      ...(exact.length ? [sql`${galleryItems.searchWords} @> ${textArray(exact)}`] : []),
      ...alternatives.map((spellings) => sql`${galleryItems.searchWords} && ${textArray(spellings)}`),
    ],
    sql` and `,
  );
}

/** All the words appear (in any order), ignoring tones and case. */
export function matchesAllWords(query: ParsedQuery): SQL {
  return matchesWords(query.words);
}

/** The spellings one edit away from a word: a letter left out, added or changed, or two swapped. */
export function oneEditAway(word: string): string[] {
  const letters = [...new Set([...'abcdefghijklmnopqrstuvwxyz0123456789', ...word])];
  const chars = [...word];
  const found = new Set<string>();
  for (let i = 0; i <= chars.length; i++) {
    const head = chars.slice(0, i).join('');
    const rest = chars.slice(i);
    const after = (from: number) => rest.slice(from).join('');
    if (rest.length > 0) found.add(head + after(1));
    if (rest.length > 1) found.add(head + rest[1] + rest[0] + after(2));
    for (const letter of letters) {
      if (rest.length > 0) found.add(head + letter + after(1));
      found.add(head + letter + after(0));
    }
  }
  found.delete(word);
  return [...found];
}

/**
 * A near miss ("cai cahc thu tuc"), asked for only when nothing matches exactly: each word no item
 * has ever held is replaced by the known spellings one edit away (gallery_search_words), and the
 * search is made again with them. Undefined when there is nothing to correct (every word is known:
 * they just never meet in one item), more than typoMaxWords are unknown, or one has no known spelling
 * near it. Two queries over the dictionary's primary key (which words are known, then which of the
 * spellings near the others are): comparing the query with every item's text instead (pg_trgm's
 * word_similarity, even through a trigram index) cost seconds over 100,000 items.
 */
export async function correctedWords(db: Queryable, query: ParsedQuery): Promise<(string | string[])[] | undefined> {
  const known = await knownWords(db, query.words);
  const unknown = query.words.filter((w) => !known.has(w));
  if (unknown.length === 0 || unknown.length > typoMaxWords) return undefined;
  if (unknown.some((w) => w.length < typoMinLength || w.length > typoMaxLength)) return undefined;
  const edits = new Map(unknown.map((w) => [w, oneEditAway(w)]));
  const near = await knownWords(db, [...new Set([...edits.values()].flat())]);
  const corrected: (string | string[])[] = [];
  for (const word of query.words) {
    const spellings = known.has(word) ? word : edits.get(word)!.filter((w) => near.has(w));
    if (spellings.length === 0) return undefined;
    corrected.push(spellings);
  }
  return corrected;
}

async function knownWords(db: Queryable, words: string[]): Promise<Set<string>> {
  const rows = await db.select({ word: gallerySearchWords.word }).from(gallerySearchWords).where(inArray(gallerySearchWords.word, words));
  return new Set(rows.map((r) => r.word));
}

/** The columns a candidate is ranked by (queries.ts carries them from gallery_items). */
export interface RankedColumns {
  searchText: SQLWrapper;
  titleToned: SQLWrapper;
  summaryToned: SQLWrapper;
}

const flag = (condition: SQL) => sql<number>`(case when ${condition} then 1 else 0 end)`;

/**
 * Best first: the query's words as typed, tones and all, in the title; then in the summary; then
 * the words as one phrase without tones; then (the caller adds it) the newest. A near miss puts
 * its closeness to the words as typed (pg_trgm's word_similarity) before the newest: computed on
 * the candidates only, a bounded number.
 */
export function rankOrder(query: ParsedQuery, c: RankedColumns, nearMiss: boolean): SQL[] {
  const toned = `% ${escapeLike(query.toned)} %`;
  const tiers = [
    desc(flag(sql`${c.titleToned} like ${toned}`)),
    desc(flag(sql`${c.summaryToned} like ${toned}`)),
    desc(flag(sql`(' ' || ${c.searchText} || ' ') like ${`% ${escapeLike(query.words.join(' '))} %`}`)),
  ];
  if (nearMiss) tiers.push(desc(sql`word_similarity(${query.words.join(' ')}, ${c.searchText})`));
  return tiers;
}
