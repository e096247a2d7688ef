import type { MessageKey } from '@/i18n';

export interface Problem {
  /** The catalogue message shown to the person. */
  key: MessageKey;
  /** The form field it concerns, so the page can put the message next to it. */
  field?: string;
  params?: Record<string, string | number>;
}

/** A rule said no, for one reason or several (a submission lists every missing field at once). */
export class DomainError extends Error {
  readonly problems: Problem[];

  constructor(
    key: MessageKey,
    field?: string,
    readonly code: 'BAD_REQUEST' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' = 'BAD_REQUEST',
    params?: Record<string, string | number>,
  ) {
    super(key);
    this.problems = [{ key, field, params }];
  }

  get key(): MessageKey {
    return this.problems[0].key;
  }

  get field(): string | undefined {
    return this.problems[0].field;
  }

  /** The role or the person may not do this (the permission table, or a record rule, said no). */
  static forbidden(): DomainError {
    return new DomainError('errors.forbiddenText', undefined, 'FORBIDDEN');
  }

  /** No such record, or one the person may not know exists: both answer the same. */
  static notFound(): DomainError {
    return new DomainError('errors.notFoundTitle', undefined, 'NOT_FOUND');
  }

  static of(problems: Problem[], code: DomainError['code'] = 'BAD_REQUEST'): DomainError {
    const error = new DomainError(problems[0].key, problems[0].field, code, problems[0].params);
    error.problems.splice(0, 1, ...problems);
    return error;
  }
}
