import { defineAction } from './boundary';
import { z } from 'astro/zod';
import { logIn } from '@/auth/login';
import { deleteSessionCookie, invalidateSession, setSessionCookie } from '@/auth/session';
import { recordAudit } from '@/domain/audit/record';
import { resetPassword } from '@/domain/accounts/accounts';
import { appDatabase } from '@/database';
import { domainCall, refusal } from './errors';
import { email, sameSitePath } from '@/domain/fields';

export const auth = {
  logIn: defineAction({
    accept: 'form',
    input: z.object({
      email,
      password: z.string({ error: 'login.passwordRequired' }).min(1, 'login.passwordRequired').max(1024),
      redirect: z.string().max(2048).optional(),
    }),
    handler: async (input, context) => {
      const { db } = await appDatabase();
      const result = await logIn(db, { email: input.email, password: input.password, ip: context.locals.ip });
      if (!result.ok) {
        const code = result.reason === 'blocked' ? 'TOO_MANY_REQUESTS' : result.reason === 'deactivated' ? 'FORBIDDEN' : 'UNAUTHORIZED';
        throw refusal([{ key: `login.${result.reason}` }], code);
      }
      // A fresh session on every login: a session fixed before sign-in is ended, never promoted.
      if (context.locals.session) await invalidateSession(db, context.locals.session.id);
      setSessionCookie(context.cookies, result.token, result.session);
      return { redirectTo: sameSitePath(input.redirect, '/app') };
    },
  }),

  logOut: defineAction({
    accept: 'form',
    handler: async (_input, context) => {
      const { session, user } = context.locals;
      if (session) {
        const { db } = await appDatabase();
        await invalidateSession(db, session.id);
        await recordAudit(db, { action: 'logout', actorId: user?.id, ip: context.locals.ip });
      }
      deleteSessionCookie(context.cookies);
      return { ok: true };
    },
  }),

  resetPassword: defineAction({
    accept: 'form',
    input: z
      .object({
        token: z.string().max(200),
        password: z.string({ error: 'errors.required' }).min(1, 'errors.required'),
        confirm: z.string({ error: 'errors.required' }).min(1, 'errors.required'),
      })
      .refine((v) => v.password === v.confirm, { message: 'password.mismatch', path: ['confirm'] }),
    handler: async (input, context) => {
      const { db } = await appDatabase();
      await domainCall(() => resetPassword(db, input.token, input.password, new Date(), context.locals.ip));
      return { ok: true };
    },
  }),
};
