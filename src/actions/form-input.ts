import { z } from 'astro/zod';
import { DomainError, type Problem } from '@/domain/errors';
import { isMessageKey } from '@/i18n';

/*
 * One round of checking for every form (issue 16): the Action lets Astro read the form with
 * `formInput(schema)` (the same fields, unchecked), then `checkForm` parses the whole form with the
 * form's zod schema (`safeParse`) and runs the domain's checks on the fields that passed, so the
 * person gets every field error and every rule at once, not the schema's first and the rules'
 * on the next submit. Everything refused is one DomainError.of(problems).
 */

type AnyObject = z.ZodObject<z.ZodRawShape>;

/** A field as Astro reads it from FormData (every value of an array, `''` as null or undefined), unchecked. */
function unchecked(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodOptional) return unchecked(schema.unwrap() as z.ZodType).optional();
  if (schema instanceof z.ZodNullable) return unchecked(schema.unwrap() as z.ZodType).nullable();
  if (schema instanceof z.ZodDefault) return unchecked(schema.def.innerType as z.ZodType).default(schema.def.defaultValue as never);
  let inner: z.ZodType = schema;
  while (inner instanceof z.ZodPipe) inner = inner.def.in as z.ZodType;
  return inner instanceof z.ZodArray ? z.array(z.unknown()) : z.unknown();
}

/** Whether Astro reads every value of this field (an array), unwrapping as it does. */
function takesAll(schema: z.ZodType): boolean {
  let inner: z.ZodType = schema;
  while (inner instanceof z.ZodOptional || inner instanceof z.ZodNullable || inner instanceof z.ZodDefault) inner = inner.def.innerType as z.ZodType;
  while (inner instanceof z.ZodPipe) inner = inner.def.in as z.ZodType;
  return inner instanceof z.ZodArray;
}

/** FormData as Astro hands it to an Action with this schema: arrays get every value, an empty field is null. */
export function formObject(form: FormData, schema: AnyObject): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(schema.shape).map(([name, field]) => {
      if (takesAll(field as z.ZodType)) return [name, form.getAll(name)];
      if (!form.has(name)) return [name, field instanceof z.ZodDefault || field instanceof z.ZodOptional ? undefined : null];
      return [name, form.get(name) || (field instanceof z.ZodOptional ? undefined : null)];
    }),
  );
}

/** The Action's `input`: the form's fields, read as Astro reads them, checked later by `checkForm`. */
export function formInput<S extends AnyObject>(schema: S) {
  return z.object(Object.fromEntries(Object.entries(schema.shape).map(([name, field]) => [name, unchecked(field as z.ZodType)]))) as z.ZodObject<{
    [K in keyof S['shape']]: z.ZodUnknown;
  }>;
}

/** A zod issue as the page shows it: its catalogue message, its field, and a length limit's number. */
export function problemOf(issue: z.core.$ZodIssue): Problem {
  const max = (issue as { maximum?: unknown }).maximum;
  const params = typeof max === 'number' || typeof max === 'bigint' ? { max: Number(max) } : undefined;
  return { key: isMessageKey(issue.message) ? issue.message : 'errors.required', field: issue.path.length ? String(issue.path[0]) : undefined, params };
}

/**
 * The whole form checked in one round: the schema's field errors, then the domain's problems
 * (`rules` sees the fields that passed, and `whole` when all did; a field already in
 * error is not named twice). Returns the parsed form, or throws every problem at once.
 */
export async function checkForm<S extends AnyObject>(
  schema: S,
  raw: Record<string, unknown>,
  rules?: (fields: Partial<z.output<S>>, whole: boolean) => Problem[] | Promise<Problem[]>,
): Promise<z.output<S>> {
  const parsed = await schema.safeParseAsync(raw);
  const problems = parsed.success ? [] : parsed.error.issues.map(problemOf);
  if (rules) {
    const fields = parsed.success
      ? parsed.data
      : (Object.fromEntries(
          Object.entries(schema.shape).flatMap(([name, field]) => {
            const one = (field as z.ZodType).safeParse(raw[name]);
            return one.success ? [[name, one.data]] : [];
          }),
        ) as Partial<z.output<S>>);
    const inError = new Set(problems.map((p) => p.field));
    problems.push(...(await rules(fields, parsed.success)).filter((p) => !p.field || !inError.has(p.field)));
  }
  if (problems.length) throw DomainError.of(problems);
  return parsed.data as z.output<S>;
}
