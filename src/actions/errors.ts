import { ActionError } from 'astro:actions';
import { DomainError } from '@/domain/errors';

/**
 * Domain refusals cross the Action boundary as ActionError. The message carries
 * `field|catalogue.key` so the page can put the text next to the field it concerns.
 */
export async function domainCall<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof DomainError) {
      throw new ActionError({ code: error.code, message: `${error.field ?? ''}|${error.key}` });
    }
    throw error;
  }
}
