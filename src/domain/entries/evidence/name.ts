import { extensions, type EvidenceType } from './types';

export const maxNameLength = 160;
const fallbackStem = 'minh-chung';

/**
 * The browser's file name, kept only as a label for the list and the download: the file on disk
 * has a name the server made up. Path parts, control and bidi-format characters (U+202E turns
 * "gpj.exe" around) are dropped, the length is capped, and the label ends in the extension of
 * the type the bytes showed, so a saved download opens in the right program.
 */
export function displayName(raw: string, type: EvidenceType): string {
  const base = raw.normalize('NFC').split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+/, '');
  const lower = cleaned.toLowerCase();
  const ownExtension = extensions[type].find((e) => lower.endsWith(e));
  const extension = ownExtension ?? extensions[type][0];
  const stem = ownExtension ? cleaned.slice(0, -ownExtension.length) : cleaned;
  const short = Array.from(stem)
    .slice(0, maxNameLength - extension.length)
    .join('')
    .trim();
  return `${short || fallbackStem}${ownExtension ? cleaned.slice(-ownExtension.length) : extension}`;
}
