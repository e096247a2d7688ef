import { desc, inArray, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Queryable } from '@db/client';
import { gallerySearchWords } from '@db/schema';
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
/** A corrected word is looked for in at most this many spellings (so at most 27 phrases rank a near miss). */
export const typoSpellings = 3;

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

/** A text[] literal of the words, each a bound parameter. */
export const textArray = (words: readonly string[]) => sql`array[${sql.join(words.map((w) => sql`${w}`), sql`, `)}]::text[]`;

/**
 * What a search looks for: for each word of the query, the spellings that count, one unless a typo
 * was corrected (correctedWords).
 */
export type Spellings = string[][];

/** The query's words, each as typed (folded): every one must appear, in any order, ignoring tones and case. */
export function exactly(query: ParsedQuery): Spellings {
  return query.words.map((word) => [word]);
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
 * has ever held is replaced by the known spellings one edit away (gallery_search_words), the
 * typoSpellings closest by pg_trgm's similarity, and the search is made again with them. Undefined
 * when there is nothing to correct (every word is known: they just never meet in one item), more
 * than typoMaxWords are unknown, or one has no known spelling near it. Small queries over the
 * dictionary's primary key (which words are known, then the spellings near each other one):
 * comparing the query with every item's text instead (word_similarity, even through a trigram
 * index) cost seconds over 100,000 items.
 */
export async function correctedWords(db: Queryable, query: ParsedQuery): Promise<Spellings | undefined> {
  const rows = await db.select({ word: gallerySearchWords.word }).from(gallerySearchWords).where(inArray(gallerySearchWords.word, query.words));
  const known = new Set(rows.map((r) => r.word));
  const unknown = query.words.filter((w) => !known.has(w));
  if (unknown.length === 0 || unknown.length > typoMaxWords) return undefined;
  if (unknown.some((w) => w.length < typoMinLength || w.length > typoMaxLength)) return undefined;
  const spellings = new Map<string, string[]>();
  for (const word of unknown) {
    const near = await db
      .select({ word: gallerySearchWords.word })
      .from(gallerySearchWords)
      .where(inArray(gallerySearchWords.word, oneEditAway(word)))
      .orderBy(desc(sql`similarity(${gallerySearchWords.word}, ${word})`), gallerySearchWords.word)
      .limit(typoSpellings);
    if (near.length === 0) return undefined;
    spellings.set(word, near.map((r) => r.word));
  }
  return query.words.map((word) => spellings.get(word) ?? [word]);
}

/** Every way to write the query's words as one phrase, one spelling per word. */
export function phrasesOf(spellings: Spellings): string[] {
  return spellings.reduce<string[]>((phrases, words) => phrases.flatMap((p) => words.map((w) => (p ? `${p} ${w}` : w))), ['']);
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
 * the words as one phrase without tones (any of the phrases of a corrected near miss); then (the
 * caller adds it) the newest.
 */
export function rankOrder(query: ParsedQuery, c: RankedColumns, spellings: Spellings): SQL[] {
  const toned = `% ${escapeLike(query.toned)} %`;
  const phrases = phrasesOf(spellings).map((phrase) => `% ${escapeLike(phrase)} %`);
  return [
    desc(flag(sql`${c.titleToned} like ${toned}`)),
    desc(flag(sql`${c.summaryToned} like ${toned}`)),
    desc(flag(sql`(' ' || ${c.searchText} || ' ') like any(${textArray(phrases)})`)),
  ];
}
