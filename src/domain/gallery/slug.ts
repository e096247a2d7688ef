import { foldForSearch } from './text';

/** A slug is lower-case ASCII letters and digits in hyphen-separated groups: it is the item's public URL. */
export const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const slugMaxLength = 80;

export function isValidSlug(slug: string): boolean {
  return slug.length <= slugMaxLength && slugPattern.test(slug);
}

/**
 * The slug a title suggests, without diacritics: "Một cửa liên thông Hạ Long" →
 * "mot-cua-lien-thong-ha-long"; cut at a word when too long. A title with no letter or digit
 * gives "muc" (Vietnamese for "item"), so there is always something to make unique.
 */
export function slugFromTitle(title: string): string {
  const words = foldForSearch(title)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  let slug = '';
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > slugMaxLength - 4) break; // room for a "-NN" suffix
    slug = next;
  }
  return slug || (words[0] ?? 'muc').slice(0, slugMaxLength - 4) || 'muc';
}

/** The base itself if free, else base-2, base-3, … : the first that `taken` does not hold. */
export function firstFreeSlug(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
