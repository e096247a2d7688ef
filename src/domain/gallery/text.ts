import { plainText } from '@/domain/entries/rich-text';

/**
 * Text that search compares, computed here (not by SQL's unaccent) so that PGlite and PostgreSQL,
 * whatever their locale, store and compare exactly the same characters.
 */

/** Letters unaccent turns into more than one, or that have no combining mark to strip. */
const foldedLetters: Record<string, string> = { đ: 'd', ð: 'd', æ: 'ae', œ: 'oe', ß: 'ss', ø: 'o', ł: 'l', ħ: 'h', ı: 'i', þ: 'th' };
const foldedPattern = new RegExp(`[${Object.keys(foldedLetters).join('')}]`, 'gu');

/**
 * NFC, lower case, then without diacritics, as PostgreSQL's `unaccent(lower(x))` would give for
 * Vietnamese: "Điện tử" → "dien tu", "CẢI CÁCH" → "cai cach". Compatibility forms (full-width
 * letters, ligatures) fold to their plain letters too.
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(foldedPattern, (letter) => foldedLetters[letter])
    .normalize('NFC');
}

/**
 * The words (letters and digits) of a text, folded. Everything else separates words, so quotes,
 * `%`, `_` or `\` in a search are never part of what is looked for.
 */
export function searchWords(text: string): string[] {
  return foldForSearch(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/**
 * `gallery_items.search_text`: the words of every searchable field, one space apart, the fields
 * separated by " | " so that a phrase is never found across two of them (a title ending
 * "Móng Cái" and a summary starting "Cách…" do not make "cai cach").
 */
export const fieldSeparator = ' | ';

export function searchTextOf(parts: readonly string[]): string {
  return parts
    .map((part) => searchWords(part).join(' '))
    .filter(Boolean)
    .join(fieldSeparator);
}

/** The words of a text in lower case with their tones kept (NFC), one space apart. */
export function tonedWords(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .filter(Boolean)
    .join(' ');
}

/** `tonedWords` with a space at each end, as title_toned and summary_toned hold it: " word " finds whole words. */
export function paddedTonedWords(text: string): string {
  return ` ${tonedWords(text)} `;
}

/**
 * The columns an item's search reads, from what the item shows: `search_text` to find it, and the
 * title's and summary's toned words to rank the tones as typed first (see search.ts).
 */
export function searchColumns(item: { title: string; summaryHtml: string; organisationName: string; authors: string }) {
  const summary = summaryText(item.summaryHtml);
  return {
    searchText: searchTextOf([item.title, summary, item.organisationName, item.authors]),
    titleToned: paddedTonedWords(item.title),
    summaryToned: paddedTonedWords(summary),
  };
}

/**
 * The words of a sanitised summary: paragraphs and list items are kept apart ("…đất đai.</p><p>Người"
 * is "…đất đai. Người", not one word "đaiNgười").
 */
export function summaryText(html: string): string {
  return plainText(html.replace(/<\/(p|li)>|<br\s*\/?>/gi, '$& '));
}
