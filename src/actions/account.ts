import { defineAction } from './boundary';
import { z } from 'astro/zod';
import { requireAction } from '@/auth/guards';
import { enableTotp, removeTotp } from '@/auth/second-factor';
import { appDatabase } from '@/database';

/** A code as typed: six digits from the app, or a recovery code with its hyphens. */
const code = z.string({ error: 'security.codeRequired' }).trim().min(1, 'security.codeRequired').max(64, 'security.codeInvalid');

/** The signed-in person's own second factor (/app/account/security). */
export const account = {
  enableTotp: defineAction({
    accept: 'form',
    input: z.object({ key: z.string().max(64), code }),
    handler: async (input, context) => {
      const user = requireAction(context, 'account.enableTotp');
      const { db } = await appDatabase();
      return enableTotp(db, user, context.locals.session!, input, new Date(), context.locals.ip);
    },
  }),

  removeTotp: defineAction({
    accept: 'form',
    input: z.object({ code }),
    handler: async (input, context) => {
      const user = requireAction(context, 'account.removeTotp');
      const { db } = await appDatabase();
      await removeTotp(db, user, context.locals.session!, input.code, new Date(), context.locals.ip);
      return { ok: true };
    },
  }),
};
