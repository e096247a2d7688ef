import { defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { articleAngles, entryKinds, parAreas, pressTypes } from '@db/schema';
import { requireAction } from '@/auth/guards';
import { saveDraft } from '@/domain/entries/draft';
import { confirmEntry, returnEntry, submitEntry, withdrawEntry } from '@/domain/entries/transitions';
import { appDatabase } from '@/database';
import { domainCall } from './errors';
import { id, text } from './fields';

/** An empty select or input means "not given". */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' || v === null ? undefined : v), schema.optional());
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'entries.errors.date').refine((v) => !Number.isNaN(Date.parse(v)), 'entries.errors.date');
const richText = text(20_000);

/** One schema for the entry form, used by the page and the server alike. */
export const entryForm = z.object({
  entryId: optional(id),
  formKey: z.uuid(),
  kind: z.enum(entryKinds),
  intent: z.enum(['draft', 'submit']).default('draft'),
  title: text(500),
  parAreas: z.array(z.enum(parAreas)).default([]),
  angle: optional(z.enum(articleAngles)),
  pressType: optional(z.enum(pressTypes)),
  programme: text(300),
  publishedOn: optional(isoDate),
  url: text(2000),
  lengthValue: optional(z.coerce.number({ error: 'entries.errors.number' }).int('entries.errors.number').positive('entries.errors.number').max(1_000_000, 'entries.errors.number')),
  lengthUnit: optional(z.enum(['words', 'minutes'])),
  summary: richText,
  background: richText,
  problem: richText,
  solution: richText,
  appliedWhere: text(500),
  appliedSince: optional(isoDate),
  effect: richText,
  coAuthorIds: z.array(z.coerce.number().int().positive()).default([]),
  externalCoAuthors: text(2000).transform((v) => v.split(/\r?\n/).map((s) => s.trim()).filter(Boolean).slice(0, 20)),
});

export const entries = {
  /** Saves the draft; with intent=submit, then submits it. A refused submission keeps the saved draft. */
  save: defineAction({
    accept: 'form',
    input: entryForm,
    handler: async ({ intent, ...input }, context) => {
      const user = requireAction(context, 'entries.save');
      const { db } = await appDatabase();
      const { id: entryId } = await domainCall(() => saveDraft(db, user, input, { submitting: intent === 'submit' }));
      if (intent === 'submit') {
        const { status } = await domainCall(() => submitEntry(db, user, entryId, { ip: context.locals.ip }));
        return { id: entryId, status, flash: 'submitted' as const };
      }
      return { id: entryId, status: 'draft' as const, flash: 'saved' as const };
    },
  }),

  confirm: defineAction({
    accept: 'form',
    input: z.object({ entryId: id }),
    handler: async ({ entryId }, context) => {
      const user = requireAction(context, 'entries.confirm');
      const { db } = await appDatabase();
      await domainCall(() => confirmEntry(db, user, entryId, { ip: context.locals.ip }));
      return { id: entryId, flash: 'confirmed' as const };
    },
  }),

  return: defineAction({
    accept: 'form',
    input: z.object({ entryId: id, reason: text(2000) }),
    handler: async ({ entryId, reason }, context) => {
      const user = requireAction(context, 'entries.return');
      const { db } = await appDatabase();
      await domainCall(() => returnEntry(db, user, entryId, reason, { ip: context.locals.ip }));
      return { id: entryId, flash: 'returned' as const };
    },
  }),

  withdraw: defineAction({
    accept: 'form',
    input: z.object({ entryId: id, reason: text(2000) }),
    handler: async ({ entryId, reason }, context) => {
      const user = requireAction(context, 'entries.withdraw');
      const { db } = await appDatabase();
      await domainCall(() => withdrawEntry(db, user, entryId, reason, { ip: context.locals.ip }));
      return { id: entryId, flash: 'withdrawn' as const };
    },
  }),
};
