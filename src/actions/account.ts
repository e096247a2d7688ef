import { formAction } from './form-action';
import { z } from 'astro/zod';
import { enableTotp, removeTotp } from '@/auth/second-factor';

/** A code as typed: six digits from the app, or a recovery code with its hyphens. */
const code = z.string({ error: 'security.codeRequired' }).trim().min(1, 'security.codeRequired').max(64, 'security.codeInvalid');

/** The signed-in person's own second factor (/app/account/security). */
export const account = {
  enableTotp: formAction('account.enableTotp', z.object({ key: z.string().max(64), code }), async (db, user, input, context) => {
    return enableTotp(db, user, context.locals.session!, input, new Date(), context.locals.ip);
  }),

  removeTotp: formAction('account.removeTotp', z.object({ code }), async (db, user, input, context) => {
    await removeTotp(db, user, context.locals.session!, input.code, new Date(), context.locals.ip);
    return { ok: true };
  }),
};
