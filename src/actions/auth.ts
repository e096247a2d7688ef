import { defineAction } from './boundary';
import { z } from 'astro/zod';
import { logIn } from '@/auth/login';
import { completeLoginChallenge } from '@/auth/second-factor';
import { challengeCookieName, deleteChallengeCookie, deleteSessionCookie, invalidateSession, setChallengeCookie, setSessionCookie } from '@/auth/session';
import { recordAudit } from '@/domain/audit/record';
import { resetPassword } from '@/domain/accounts/accounts';
import { requestPasswordReset } from '@/domain/accounts/reset-request';
import { appDatabase } from '@/database';
import { refusal } from './errors';
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
        const code = result.reason === 'blocked' || result.reason === 'locked' ? 'TOO_MANY_REQUESTS' : result.reason === 'deactivated' ? 'FORBIDDEN' : 'UNAUTHORIZED';
        throw refusal([{ key: `login.${result.reason}` }], code);
      }
      // A fresh session on every login: a session fixed before sign-in is ended, never promoted.
      if (context.locals.session) await invalidateSession(db, context.locals.session.id);
      const redirectTo = sameSitePath(input.redirect, '/app');
      if (result.step === 'second-factor') {
        deleteSessionCookie(context.cookies);
        setChallengeCookie(context.cookies, result.challengeToken);
        return { redirectTo: `/login/second-factor?redirect=${encodeURIComponent(redirectTo)}` };
      }
      setSessionCookie(context.cookies, result.token, result.session);
      return { redirectTo };
    },
  }),

  /** The sign-in's second step (/login/second-factor): the session exists only once this passes. */
  verifySecondFactor: defineAction({
    accept: 'form',
    input: z.object({
      code: z.string({ error: 'security.codeRequired' }).trim().min(1, 'security.codeRequired').max(64, 'security.codeInvalid'),
      redirect: z.string().max(2048).optional(),
    }),
    handler: async (input, context) => {
      const { db } = await appDatabase();
      const challenge = context.cookies.get(challengeCookieName)?.value ?? '';
      const result = await completeLoginChallenge(db, challenge, input.code, context.locals.ip);
      if (!result.ok) {
        if (result.reason === 'expired') deleteChallengeCookie(context.cookies);
        const code = result.reason === 'blocked' ? 'TOO_MANY_REQUESTS' : result.reason === 'expired' ? 'UNAUTHORIZED' : 'BAD_REQUEST';
        throw refusal([{ key: `security.${result.reason === 'invalid' ? 'codeInvalid' : result.reason}`, field: result.reason === 'invalid' ? 'code' : undefined }], code);
      }
      if (context.locals.session) await invalidateSession(db, context.locals.session.id);
      deleteChallengeCookie(context.cookies);
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
        await recordAudit(db, { action: 'logged_out', actorId: user?.id, ip: context.locals.ip });
      }
      deleteSessionCookie(context.cookies);
      return { ok: true };
    },
  }),

  /** Answers the same whatever the address: the page says "if it has an account, a link was sent". */
  requestPasswordReset: defineAction({
    accept: 'form',
    input: z.object({ email }),
    handler: async (input, context) => {
      const { db } = await appDatabase();
      await requestPasswordReset(db, input.email, context.locals.ip);
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
      await resetPassword(db, input.token, input.password, new Date(), context.locals.ip);
      return { ok: true };
    },
  }),
};
