import { ActionError } from 'astro:actions';
import { DomainError, type Problem } from '@/domain/errors';

/**
 * @deprecated The Action boundary (./boundary.ts) already turns every DomainError a handler
 * throws into its ActionError (issue 15: one way). Left only for the two Action files being
 * rewritten in parallel (entries.ts, nominations.ts); remove it with their last uses.
 */
export async function domainCall<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof DomainError) throw refusal(error.problems, error.code);
    throw error;
  }
}

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
