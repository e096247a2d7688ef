import { isInputError, type ActionError } from 'astro:actions';
import { isMessageKey, type Translate } from '@/i18n';
import { problemsOf } from './errors';

export interface FormErrors {
  /** For the error summary, in form order. */
  list: { field?: string; message: string }[];
  /** The message next to each field. */
  byField: Record<string, string>;
}

/** Turns an action's error (input or domain) into translated messages for the form. */
export function formErrors(error: ActionError | undefined, t: Translate): FormErrors {
  const result: FormErrors = { list: [], byField: {} };
  if (!error) return result;
  const add = (field: string | undefined, message: string) => {
    if (field && result.byField[field]) return;
    result.list.push({ field, message });
    if (field) result.byField[field] = message;
  };
  if (isInputError(error)) {
    for (const issue of error.issues) {
      // A length limit is said with its number ("tối đa 500 ký tự").
      const max = (issue as { maximum?: unknown }).maximum;
      const params = typeof max === 'number' || typeof max === 'bigint' ? { max: Number(max) } : undefined;
      add(issue.path.map(String).join('.') || undefined, t(isMessageKey(issue.message) ? issue.message : 'errors.required', params));
    }
    return result;
  }
  for (const problem of problemsOf(error.message)) {
    // A parameter that names a catalogue message (a field's label) is said in the reader's language.
    const params = Object.fromEntries(
      Object.entries(problem.params ?? {}).map(([name, value]) => [name, typeof value === 'string' && isMessageKey(value) ? t(value) : value]),
    );
    add(problem.field, t(isMessageKey(problem.key) ? problem.key : 'errors.generic', params));
  }
  return result;
}
