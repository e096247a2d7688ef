import type { z } from 'astro/zod';
import type { ActionAPIContext } from 'astro:actions';
import { requireAction } from '@/auth/guards';
import type { ActionName } from '@/auth/permissions';
import type { SessionUser } from '@/auth/session';
import { appDatabase } from '@/database';
import type { Database } from '@db/client';
import { defineAction } from './boundary';

/** What a signed-in person's form Action does once it may run: one step of the domain. */
export type FormStep<Input, Result> = (db: Database, actor: SessionUser, input: Input, context: ActionAPIContext) => Promise<Result>;

/**
 * A form Action run by a signed-in person, declared by its permission, its input and its step:
 * its row in the permission table (src/auth/permissions.ts) is checked on the server before the
 * step runs, whatever the page shows (the middleware has refused anyone else already; this keeps
 * the Action safe on its own), then the step gets the database, the person, the input as the
 * schema parsed it, and the request. Refusals and faults cross the one error boundary
 * (./boundary.ts) as every Action's do.
 *
 * The schema is typed by what it reads (`Form`) and gives (`Input`) rather than as a type
 * parameter of its own: Astro types a handler by a conditional type on the schema, which stays
 * unresolved for a bare type parameter (no handler fits it) but resolves for `ZodType<Input, Form>`.
 */
export function formAction<Input, Form, Result>(permission: ActionName, input: z.ZodType<Input, Form>, step: FormStep<Input, Result>) {
  return defineAction({
    accept: 'form',
    input,
    handler: async (form, context) => {
      const actor = requireAction(context, permission);
      const { db } = await appDatabase();
      return step(db, actor, form, context);
    },
  });
}
