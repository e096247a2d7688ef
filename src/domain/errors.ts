import type { MessageKey } from '@/i18n';

/**
 * A rule said no. `key` names the catalogue message shown to the person; `field` the form
 * field it concerns, so the page can put the message next to it.
 */
export class DomainError extends Error {
  constructor(
    readonly key: MessageKey,
    readonly field?: string,
    readonly code: 'BAD_REQUEST' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' = 'BAD_REQUEST',
  ) {
    super(key);
  }
}
