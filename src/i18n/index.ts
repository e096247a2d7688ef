import { en } from './en';
import { type Catalogue, vi } from './vi';

export const locales = ['vi', 'en'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'vi';

const catalogues: Record<Locale, Catalogue> = { vi, en };

type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];
export type MessageKey = Leaves<Catalogue>;

export function translate(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  let node: unknown = catalogues[locale];
  for (const part of key.split('.')) node = (node as Record<string, unknown>)[part];
  const text = typeof node === 'string' ? node : key;
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

export function isMessageKey(key: string): key is MessageKey {
  let node: unknown = catalogues.vi;
  for (const part of key.split('.')) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
  return typeof node === 'string';
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translator(locale: Locale): Translate {
  return (key, params) => translate(locale, key, params);
}

/** English pages live under /en/; Vietnamese, the default, has no prefix. */
export function localeFromPath(pathname: string): Locale {
  return pathname === '/en' || pathname.startsWith('/en/') ? 'en' : 'vi';
}

/** The path without /en and without a trailing slash, as the app names its routes. */
export function stripLocale(pathname: string): string {
  const path = localeFromPath(pathname) === 'en' ? pathname.slice(3) : pathname;
  return path.replace(/\/+$/, '') || '/';
}

export function localePath(locale: Locale, path: string): string {
  return locale === 'en' ? `/en${path === '/' ? '/' : path}` : path;
}

// DESIGN.md: dates and numbers use vi-VN formats in both languages, in the province's time zone.
const timeZone = 'Asia/Ho_Chi_Minh';
const format = 'vi-VN';

export function formatDate(date: Date): string {
  return new Intl.DateTimeFormat(format, { timeZone, day: '2-digit', month: '2-digit', year: 'numeric' }).format(date);
}

/** A stored ISO day (`2026-12-31`, a `date` column) as pages show it: `31/12/2026`. */
export function formatDay(day: string): string {
  return formatDate(new Date(`${day}T00:00:00+07:00`));
}

export function formatDateTime(date: Date, { seconds = false } = {}): string {
  return new Intl.DateTimeFormat(format, {
    timeZone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: seconds ? '2-digit' : undefined,
  }).format(date);
}

export function formatNumber(value: number, digits = 0): string {
  return new Intl.NumberFormat(format, { maximumFractionDigits: digits }).format(value);
}
