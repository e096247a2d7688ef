import { z } from 'astro/zod';
import type { MessageKey } from '@/i18n';
import { isWebUrl } from './entries/url';

/**
 * The field primitives every form schema is built from (src/domain/<part>/form.ts, the Actions),
 * and the plain parsers pages and queries use for path and query values. Every value is checked
 * here before it can reach the database, so a value PostgreSQL would refuse (a NUL byte, an id
 * past its integer, a day that does not exist) is a field error, never a failed query.
 * Messages are catalogue keys: the page translates them into the reader's language.
 */

/** PostgreSQL's `integer`, the type of every id column. */
export const maxRowId = 2_147_483_647;

/**
 * A row id as a form or a path sends it: decimal digits only, no sign, no leading zero, within
 * PostgreSQL's integer. `1e10`, `0x5`, ` 7 ` and `99999999999` are no id.
 */
export function parseId(value: unknown): number | undefined {
  if (typeof value !== 'string' || !/^[1-9][0-9]{0,9}$/.test(value)) return undefined;
  const id = Number(value);
  return id <= maxRowId ? id : undefined;
}

/** A query-string value if it is one of `allowed` (an enum's values, a page's flashes), else undefined: never an error. */
export function oneOf<T extends string>(allowed: readonly T[], value: string | null | undefined): T | undefined {
  return allowed.find((item) => item === value);
}

/** A number written as plain decimal digits with at most four decimals (`72.5`), or undefined. */
export function parseDecimal(value: unknown, max = 999_999_999): number | undefined {
  if (typeof value !== 'string' || !/^(0|[1-9][0-9]{0,8})(\.[0-9]{1,4})?$/.test(value)) return undefined;
  const n = Number(value);
  return n <= max ? n : undefined;
}

/** A whole number written as plain decimal digits (`0`…`999999999`), or undefined. */
export function parseWholeNumber(value: unknown, max = 999_999_999): number | undefined {
  if (typeof value !== 'string' || !/^(0|[1-9][0-9]{0,8})$/.test(value)) return undefined;
  const n = Number(value);
  return n <= max ? n : undefined;
}

/**
 * C0 and C1 control characters other than tab, line feed and carriage return: PostgreSQL refuses
 * NUL in text, and the others have no place in a name or a paragraph.
 */
const controlCharacter = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/**
 * Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) reorder what a
 * reader sees ("Trojan Source", CVE-2021-42574): a title could show another name than it holds.
 */
const bidiControls = /[\u202A-\u202E\u2066-\u2069]/g;

export function hasControlCharacter(value: string): boolean {
  return controlCharacter.test(value);
}

/**
 * Plain text as stored: NFC, so that a word typed with combining marks (NFD, as some phones send
 * Vietnamese) equals the same word typed precomposed, and without bidi controls.
 */
export function plainText(value: string): string {
  return value.normalize('NFC').replace(bidiControls, '');
}

const year = { min: 1900, max: 2100 };

/** `YYYY-MM-DD` of a day that exists, between 1900 and 2100 (no date of this platform is outside). */
export function isCalendarDay(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [y, m, d] = match.slice(1).map(Number);
  if (y < year.min || y > year.max) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * A day as a person types it, in the order Vietnamese forms write it (DESIGN.md: vi-VN formats):
 * `31/12/2026` (also `1/7/2025`, or with `.` or `-` between), or as ISO `2026-12-31` (what
 * `<input type="date">`, scripts and older forms send). The ISO `YYYY-MM-DD` of the day if it
 * exists (see isCalendarDay), else undefined. The one parser of typed days: every date field of
 * every form goes through it (`day`, `optionalDay`, `dayOrEmpty` below).
 */
export function parseDay(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const typed = value.trim();
  const dayFirst = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(typed);
  const iso = dayFirst ? `${dayFirst[3]}-${dayFirst[2].padStart(2, '0')}-${dayFirst[1].padStart(2, '0')}` : typed;
  return isCalendarDay(iso) ? iso : undefined;
}

/** How a form shows a stored ISO day: `31/12/2026`. Anything else (what was typed) is shown as it is. */
export function dayForInput(value: string | null | undefined): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value ?? '');
  return match ? `${match[3]}/${match[2]}/${match[1]}` : (value ?? '');
}

/** What a typed day's input accepts in the browser (the same forms as parseDay). */
export const dayInputPattern = String.raw`\s*(\d{1,2}[\/.\-]\d{1,2}[\/.\-]\d{4}|\d{4}-\d{2}-\d{2})\s*`;

/** A string, or the message: files, arrays and objects where text is expected are refused. */
const string = (message: MessageKey) => z.string({ error: message });

/** Clean text of at most `max` characters (counted after normalising). */
const cleanString = (max: number, tooLong: MessageKey) =>
  string('input.notText')
    .refine((v) => !hasControlCharacter(v), 'input.controlCharacters')
    .transform(plainText)
    .pipe(z.string().max(max, tooLong));

/** Optional free text: a missing or empty form field arrives as null and means ''. */
export const text = (max: number, tooLong: MessageKey = 'input.tooLong') => z.preprocess((v) => v ?? '', cleanString(max, tooLong));

/** Text that must be given; surrounding spaces do not count. */
export const requiredText = (max = 500, required: MessageKey = 'errors.required', tooLong: MessageKey = 'input.tooLong') =>
  z.preprocess(
    (v) => v ?? '',
    cleanString(max, tooLong)
      .transform((v) => v.trim())
      .pipe(z.string().min(1, required)),
  );

export const email = z
  .string({ error: 'login.emailRequired' })
  .trim()
  .min(1, 'login.emailRequired')
  .max(254, 'login.emailInvalid')
  .pipe(z.email('login.emailInvalid'));

/** A row id from a form (see parseId): anything else is a field error. */
export const id = idOr('input.id');

export function idOr(message: MessageKey) {
  return z.unknown().transform((v, context) => {
    const parsed = parseId(v);
    if (parsed === undefined) context.addIssue({ code: 'custom', message });
    return parsed as number;
  });
}

/** An optional id: an empty select means none. */
export const optionalId = (message: MessageKey = 'input.id') => optional(idOr(message));

/** Several ids from checkboxes or a multiple select. */
export const ids = (message: MessageKey = 'input.id') => z.array(idOr(message)).max(10_000, message).default([]);

/** A whole number in decimal digits between min and max (no sign, exponent, hex or spaces). */
export const wholeNumber = (min: number, max: number, message: MessageKey) =>
  z.unknown().transform((v, context) => {
    const n = parseWholeNumber(v);
    if (n === undefined || n < min || n > max) context.addIssue({ code: 'custom', message });
    return n as number;
  });

/** A decimal number between min and max, in plain digits (`72.5`; no sign, exponent, hex or spaces). */
export const decimalNumber = (min: number, max: number, message: MessageKey) =>
  z.unknown().transform((v, context) => {
    const n = parseDecimal(v);
    if (n === undefined || n < min || n > max) context.addIssue({ code: 'custom', message });
    return n as number;
  });

/** An optional value: an empty input or a missing field means not given. */
export const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' || v === null ? undefined : v), schema.optional());

/** parseDay as a schema step: the ISO day, or the message as the field's error. */
const toDay = (message: MessageKey) => (value: string, context: z.RefinementCtx) => {
  const parsed = parseDay(value);
  if (parsed === undefined) context.addIssue({ code: 'custom', message });
  return parsed as string;
};

/** A day that exists, typed `31/12/2026` or sent as `2026-12-31` (parseDay); the output is ISO `YYYY-MM-DD`. */
export const day = (message: MessageKey = 'input.day') => string(message).transform(toDay(message));

/** An optional day: empty means not given. */
export const optionalDay = (message: MessageKey = 'input.day') => optional(day(message));

/** A day or '' (the domain decides whether the day may be left out, and says so in its words). */
export const dayOrEmpty = (message: MessageKey = 'input.day') => text(20, message).transform((v, context) => (v.trim() === '' ? '' : toDay(message)(v, context)));

/** An optional web address: empty, or http(s) only (a `javascript:` link would run in the reader's page). */
export const webUrl = (max: number, message: MessageKey = 'input.url') =>
  text(max, message).refine((v) => v.trim() === '' || isWebUrl(v), message);

/** Checkbox: present means on; an unticked box is absent from the form (Astro passes null). */
export const checkbox = z.preprocess((v) => v === 'on' || v === 'true', z.boolean());

/** Only a path on this site: `//host` and `/\host` would leave it. */
export function sameSitePath(target: string | null | undefined, fallback: string): string {
  if (!target || !target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\')) return fallback;
  if (/[\u0000-\u001f\\]/.test(target)) return fallback;
  return target;
}

/**
 * The random key a create form carries (src/domain/form-keys.ts): the same key twice makes one
 * record. Every create form of the site sends one; a request without one (a script) just creates.
 */
export const formKey = optional(z.uuid({ error: 'errors.formKeyMissing' }));
