import { z } from 'astro/zod';

/**
 * Shared field rules. Messages are catalogue keys: the page translates them into the
 * reader's language.
 */
export const requiredText = (max = 500) =>
  z.string({ error: 'errors.required' }).trim().min(1, 'errors.required').max(max, 'errors.required');

export const email = z
  .string({ error: 'login.emailRequired' })
  .trim()
  .min(1, 'login.emailRequired')
  .max(254, 'login.emailInvalid')
  .pipe(z.email('login.emailInvalid'));

export const id = z.coerce.number({ error: 'errors.required' }).int().positive();

/** Optional free text: a missing or empty form field arrives as null and means ''. */
export const text = (max: number) => z.preprocess((v) => v ?? '', z.string().max(max, 'errors.tooLong'));

/** Checkbox: present means on; an unticked box is absent from the form (Astro passes null). */
export const checkbox = z.preprocess((v) => v === 'on' || v === 'true', z.boolean());

/** Only a path on this site: `//host` and `/\host` would leave it. */
export function sameSitePath(target: string | null | undefined, fallback: string): string {
  if (!target || !target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\')) return fallback;
  if (/[\u0000-\u001f\\]/.test(target)) return fallback;
  return target;
}
