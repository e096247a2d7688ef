import { isInputError, type ActionError } from 'astro:actions';
import { isMessageKey, type Translate } from '@/i18n';

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
  if (isInputError(error)) {
    for (const issue of error.issues) {
      const field = issue.path.map(String).join('.') || undefined;
      if (field && result.byField[field]) continue;
      const message = t(isMessageKey(issue.message) ? issue.message : 'errors.required');
      result.list.push({ field, message });
      if (field) result.byField[field] = message;
    }
    return result;
  }
  const [field, key] = error.message.includes('|') ? error.message.split('|', 2) : ['', 'errors.generic'];
  const message = t(isMessageKey(key) ? key : 'errors.generic');
  result.list.push({ field: field || undefined, message });
  if (field) result.byField[field] = message;
  return result;
}
