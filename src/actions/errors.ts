import { ActionError } from 'astro:actions';
import type { Problem } from '@/domain/errors';

/**
 * Domain refusals cross the Action boundary as ActionError; the message carries the problems as
 * JSON so the page can put each translated text next to its field.
 */
export function refusal(problems: Problem[], code: ConstructorParameters<typeof ActionError>[0]['code'] = 'BAD_REQUEST') {
  const error = new ActionError({ code, message: JSON.stringify(problems) });
  // A script calling the Action (/_actions/…) reads the message keys by field, as Astro gives them
  // for an input error: Astro sends an ActionError's own properties in its JSON answer.
  const fields: Record<string, string[]> = {};
  for (const p of problems) if (p.field) (fields[p.field] ??= []).push(p.key);
  if (Object.keys(fields).length) Object.assign(error, { fields });
  return error;
}

export function problemsOf(message: string): Problem[] {
  try {
    const parsed: unknown = JSON.parse(message);
    if (Array.isArray(parsed)) return parsed as Problem[];
  } catch {
    // not ours: an Astro or unexpected error message, never shown as such
  }
  return [{ key: 'errors.generic' }];
}
