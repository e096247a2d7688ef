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

/** The letters whose upper and lower case differ in Vietnamese, for case folding in SQL (see search.ts). */
export function vietnameseCaseTable(): { upper: string; lower: string } {
  const tones = ['', '\u0300', '\u0301', '\u0309', '\u0303', '\u0323'];
  const lower = [...'aăâeêioôơuưy'].flatMap((vowel) => tones.map((tone) => (vowel + tone).normalize('NFC')));
  lower.push('đ');
  const pairs = lower.map((l) => [l.toUpperCase(), l] as const).filter(([u, l]) => u !== l && [...u].length === 1);
  return { upper: pairs.map(([u]) => u).join(''), lower: pairs.map(([, l]) => l).join('') };
}

/**
 * The words of a sanitised summary: paragraphs and list items are kept apart ("…đất đai.</p><p>Người"
 * is "…đất đai. Người", not one word "đaiNgười").
 */
export function summaryText(html: string): string {
  return plainText(html.replace(/<\/(p|li)>|<br\s*\/?>/gi, '$& '));
}
