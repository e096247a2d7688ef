import { defineAction } from './boundary';
import { z } from 'astro/zod';
import { appDatabase } from '@/database';
import { commentLimits, commentOnNominees } from '@/domain/nominations/posting';
import { id, optionalId, text } from '@/domain/fields';
import { refusal } from './errors';

/** `/nominees/<year>`: a citizen's comment on posted nominees, no account (src/domain/nominations/posting.ts). */
export const nominees = {
  comment: defineAction({
    accept: 'form',
    input: z.object({
      batchId: id,
      nominationId: optionalId('posting.errors.nomineeUnknown'),
      name: text(commentLimits.nameLength, 'posting.errors.tooLong'),
      contact: text(commentLimits.contactLength, 'posting.errors.tooLong'),
      body: text(commentLimits.bodyLength, 'posting.errors.tooLong'),
      // The honeypot: hidden from people (the page says to leave it empty), filled by form robots.
      website: text(500),
    }),
    handler: async ({ website, ...input }, context) => {
      // A robot is answered as a person would be, and nothing is stored.
      if (website.trim()) return { ok: true };
      const { db } = await appDatabase();
      const result = await commentOnNominees(db, input, { ip: context.locals.ip });
      if (!result.stored) throw refusal([{ key: 'posting.errors.limited' }], 'TOO_MANY_REQUESTS');
      return { ok: true };
    },
  }),
};
