import type { AstroGlobal } from 'astro';
import type { z } from 'astro/zod';
import { isInputError, type ActionError } from 'astro:actions';
import { isMessageKey, translator, type Translate } from '@/i18n';
import { fileSize } from '@/components/file-size';
import { problemsOf } from './errors';
import { formObject, problemOf } from './form-input';
import { asksConfirmation } from './confirmation';

type ActionClient = Parameters<AstroGlobal['getActionResult']>[0];
type DataOf<C extends ActionClient> = Extract<NonNullable<ReturnType<typeof getResult<C>>>, { error: undefined }>['data'];
const getResult = <C extends ActionClient>(astro: AstroGlobal, client: C) => astro.getActionResult(client);

/**
 * The most a form's body may weigh: Astro's `security.actionBodySizeLimit`, set to this in
 * astro.config.mjs. A heavier POST never reaches its Action; its page says which field is too long.
 */
export const formBodyLimit = 1024 * 1024;
/** A refused body larger than this is not read again for the page (nothing of it is shown). */
const rereadLimit = 8 * formBodyLimit;
/** A value this long is not put back in the form: the message next to it says so. */
const keptLength = 100_000;

export interface FormErrors {
  /** For the error summary, in form order. */
  list: { field?: string; message: string }[];
  /** The message next to each field. */
  byField: Record<string, string>;
}

export interface ActionOutcome<D, C = never> {
  /** The data of the Action that succeeded (redirect after it, with its flash), if one did. */
  done: D | undefined;
  /** The refusal of the Action that failed, if one did: the response status is already set from it. */
  error: ActionError | undefined;
  /** The refusal's messages, translated, for the error summary and next to each field. */
  errors: FormErrors;
  /** Whether this client is the one that refused, when the page must tell its forms apart. */
  refused: (client: C) => boolean;
  /** The form the refused (or to-be-confirmed) POST carried, to show what was typed again (enormous values left out); null otherwise. */
  posted: FormData | null;
  /**
   * An irreversible step waits for its confirmation (./confirmation.ts), which the page shows with
   * ConfirmStep.astro: no refusal, so neither an error nor a failed status (200).
   */
  confirm: boolean;
}

/**
 * The one way a page reads the result of its Actions: whichever of `clients` its form ran. Pass
 * the form's `schema` so that a body too large for an Action (413) is still checked field by
 * field here and every field error, the length limits named, is shown as if the Action had run.
 */
export async function actionOutcome<C extends ActionClient>(
  astro: AstroGlobal,
  clients: readonly C[],
  options: { schema?: z.ZodObject<z.ZodRawShape> } = {},
): Promise<ActionOutcome<DataOf<C>, C>> {
  const results = clients.map((client) => astro.getActionResult(client));
  const done = results.find((r) => r && !r.error)?.data as DataOf<C> | undefined;
  const failed = results.findIndex((r) => r?.error);
  const failure = results[failed]?.error;
  const confirm = asksConfirmation(failure);
  const error = confirm ? undefined : failure;
  // Each read of `actions.x` is a new client object: they are told apart by their query string.
  const refusedBy = (client: C) => failed >= 0 && String(clients[failed]) === String(client);
  const t = translator(astro.locals.locale);
  if (confirm) astro.response.status = 200;
  // A step waiting for its confirmation posts the same fields again: the page needs them.
  if (!error) return { done, error, errors: { list: [], byField: {} }, posted: confirm ? await postedForm(astro.request) : null, refused: refusedBy, confirm };
  astro.response.status = error.status;
  if (error.code === 'CONTENT_TOO_LARGE') return { ...(await tooLarge(astro.request, error, t, options.schema)), refused: refusedBy, confirm };
  return { done, error, errors: formErrors(error, t), posted: await postedForm(astro.request), refused: refusedBy, confirm };
}

/** Turns an Action's refusal (input or domain) into translated messages for the form. */
export function formErrors(error: ActionError, t: Translate): FormErrors {
  const errors = new Messages();
  if (isInputError(error)) {
    for (const issue of error.issues) {
      const problem = problemOf(issue);
      errors.add(problem.field, t(problem.key, problem.params));
    }
    return errors.result;
  }
  for (const problem of problemsOf(error.message)) {
    // A parameter that names a catalogue message (a field's label) is said in the reader's language.
    const params = Object.fromEntries(
      Object.entries(problem.params ?? {}).map(([name, value]) => [name, typeof value === 'string' && isMessageKey(value) ? t(value) : value]),
    );
    errors.add(problem.field, t(isMessageKey(problem.key) ? problem.key : 'errors.generic', params));
  }
  return errors.result;
}

class Messages {
  result: FormErrors = { list: [], byField: {} };
  add(field: string | undefined, message: string) {
    if (field && this.result.byField[field]) return;
    this.result.list.push({ field, message });
    if (field) this.result.byField[field] = message;
  }
}

/**
 * The form a refused POST carried, to show the person's input again. Astro has already read the
 * body for the Action, so this reads a clone; a GET has none.
 */
async function postedForm(request: Request): Promise<FormData | null> {
  if (request.method !== 'POST') return null;
  return request
    .clone()
    .formData()
    .catch(() => null);
}

/** Reads at most `limit` bytes of the body, or undefined past it. */
async function bodyWithin(request: Request, limit: number): Promise<Uint8Array | undefined> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (declared > limit || !request.body) return undefined;
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of request.clone().body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > limit) return undefined;
    chunks.push(chunk);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/**
 * A body over the Action's limit: the page reads it once more (up to a ceiling), checks it with the
 * form's schema, names each field's own limit, and leaves out of the form the values too long to
 * show again, saying so next to them.
 */
async function tooLarge(request: Request, error: ActionError, t: Translate, schema?: z.ZodObject<z.ZodRawShape>): Promise<Omit<ActionOutcome<never>, 'refused' | 'confirm'>> {
  const errors = new Messages();
  const limit = fileSize(formBodyLimit);
  const bytes = request.method === 'POST' ? await bodyWithin(request, rereadLimit) : undefined;
  const form = bytes
    ? await new Response(bytes as Uint8Array<ArrayBuffer>, { headers: { 'content-type': request.headers.get('content-type') ?? '' } }).formData().catch(() => null)
    : null;
  if (!form) {
    errors.add(undefined, t('input.bodyTooLarge', { limit }));
    return { done: undefined, error, errors: errors.result, posted: null };
  }
  const kept = new FormData();
  const dropped = new Map<string, number>();
  for (const [name, value] of form) {
    if (typeof value === 'string' && value.length > keptLength) dropped.set(name, new TextEncoder().encode(value).byteLength);
    else kept.append(name, value);
  }
  const issues = schema ? schema.safeParse(formObject(form, schema)).error?.issues ?? [] : [];
  for (const issue of issues) {
    const problem = problemOf(issue);
    const size = problem.field ? dropped.get(problem.field) : undefined;
    if (size !== undefined && problem.params?.max !== undefined) {
      errors.add(problem.field, t('input.tooLongDropped', { max: problem.params.max, size: fileSize(size) }));
    } else {
      errors.add(problem.field, t(problem.key, problem.params));
    }
  }
  for (const [field, size] of dropped) errors.add(field, t('input.bodyTooLargeField', { limit, size: fileSize(size) }));
  if (errors.result.list.length === 0) errors.add(undefined, t('input.bodyTooLarge', { limit }));
  return { done: undefined, error, errors: errors.result, posted: kept };
}
