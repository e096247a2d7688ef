import { randomUUID } from 'node:crypto';
import { ActionError, getActionContext, isActionError } from 'astro:actions';
import { DomainError } from './domain/errors';
import { defineMiddleware, sequence } from 'astro:middleware';
import { mayOpen } from './auth/access';
import { actionPermissions, isActionName, pageRouteOf, verdict } from './auth/permissions';
import { clientAddress } from './auth/client-address';
import { enrolmentPath, mayActBeforeEnrolment, mustEnrolSecondFactor } from './auth/enrolment';
import { deleteSessionCookie, sessionCookieName, setSessionCookie, validateSessionToken } from './auth/session';
import { recordAudit } from './domain/audit/record';
import { config } from './config';
import { appDatabase } from './database';
import { localeFromPath, localePath, stripLocale } from './i18n';

/** /en/... serves the same pages in English: the locale is remembered and the path rewritten. */
const locale = defineMiddleware((context, next) => {
  context.locals.locale = localeFromPath(context.url.pathname);
  context.locals.ip = clientAddress(
    context.clientAddress,
    context.request.headers.get('x-forwarded-for'),
    config().trustedProxies,
  );
  if (context.locals.locale === 'en') {
    return next(stripLocale(context.url.pathname) + context.url.search);
  }
  return next();
});

const session = defineMiddleware(async (context, next) => {
  context.locals.user = null;
  context.locals.session = null;
  context.locals.sessionEnded = false;
  context.locals.mustEnrolSecondFactor = false;
  const token = context.cookies.get(sessionCookieName)?.value;
  if (!token) return next();
  const { db } = await appDatabase();
  const result = await validateSessionToken(db, token);
  if (result.session) {
    context.locals.user = result.user;
    context.locals.session = result.session;
    context.locals.mustEnrolSecondFactor = await mustEnrolSecondFactor(db, result);
    setSessionCookie(context.cookies, token, result.session);
  } else {
    context.locals.sessionEnded = true;
    deleteSessionCookie(context.cookies);
  }
  return next();
});

const isSignedInArea = (pathname: string) => pathname === '/app' || pathname.startsWith('/app/');

/** Every /app path: anonymous visitors go to /login, roles the page table leaves out get 403. */
const access = defineMiddleware(async (context, next) => {
  const path = stripLocale(context.originPathname);
  if (!isSignedInArea(path)) return guarded(context, next);
  const { user } = context.locals;
  if (!user) return redirectToLogin(context.locals, path + context.url.search);
  // A path no page serves is not found, whoever asks (a page missing from the table is refused).
  if (!pageRouteOf(path)) return refuse(context, 'NOT_FOUND');
  if (!mayOpen(user.role, path)) return refuse(context, 'FORBIDDEN');
  if (context.locals.mustEnrolSecondFactor && path !== enrolmentPath) {
    return new Response(null, { status: 302, headers: { Location: localePath(context.locals.locale, enrolmentPath) } });
  }
  return guarded(context, next);
});

/**
 * Every Action, by its name, against the permission table (src/auth/permissions.ts) before Astro
 * reads and validates its input: a role that may not run it gets 403 whatever it posts, not a 400
 * that would tell it about the form. An Action missing from the table is refused as unknown.
 */
const actionAccess = defineMiddleware(async (context, next) => {
  const { action, serializeActionResult } = getActionContext(context);
  if (!action) return next();
  const name = action.name.replace(/\/+$/, '');
  let answer = isActionName(name) ? verdict(actionPermissions[name], context.locals.user?.role ?? null) : 'unknown';
  if (answer === 'allowed' && context.locals.mustEnrolSecondFactor && !mayActBeforeEnrolment(name)) answer = 'forbidden';
  if (answer === 'allowed') return next();
  if (action.calledFrom === 'form') {
    if (answer === 'sign-in') {
      const page = new URL(context.url);
      page.searchParams.delete('_action');
      return redirectToLogin(context.locals, stripLocale(context.originPathname) + page.search);
    }
    return refuse(context, answer === 'unknown' ? 'NOT_FOUND' : 'FORBIDDEN');
  }
  // Called from script (/_actions/<name>): the answer the Action itself would give, as JSON.
  const code = answer === 'sign-in' ? 'UNAUTHORIZED' : answer === 'unknown' ? 'NOT_FOUND' : 'FORBIDDEN';
  if (code === 'FORBIDDEN') await auditRefusal(context);
  const result = serializeActionResult({ data: undefined, error: new ActionError({ code }) });
  return new Response(result.type === 'empty' ? null : result.body, {
    status: result.status,
    headers: result.type === 'empty' ? {} : { 'Content-Type': result.contentType },
  });
});

type Context = Parameters<Parameters<typeof defineMiddleware>[0]>[0];
type Next = Parameters<Parameters<typeof defineMiddleware>[0]>[1];

/**
 * Page guards throw ActionError (and domain loaders DomainError); here they become the same
 * answer the section check gives.
 */
async function guarded(context: Context, next: Next): Promise<Response> {
  try {
    return await next();
  } catch (error) {
    if (error instanceof DomainError && (error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN')) return refuse(context, error.code);
    if (!isActionError(error)) throw error;
    if (error.code === 'UNAUTHORIZED') {
      return redirectToLogin(context.locals, stripLocale(context.originPathname) + context.url.search);
    }
    return refuse(context, error.code === 'NOT_FOUND' ? 'NOT_FOUND' : 'FORBIDDEN');
  }
}

function redirectToLogin({ locale, sessionEnded }: App.Locals, returnTo: string): Response {
  const target = `${localePath(locale, '/login')}?redirect=${encodeURIComponent(returnTo)}${sessionEnded ? '&expired' : ''}`;
  return new Response(null, { status: 302, headers: { Location: target } });
}

async function auditRefusal(context: Context): Promise<void> {
  const { db } = await appDatabase();
  await recordAudit(db, {
    action: 'access_refused',
    actorId: context.locals.user?.id,
    ip: context.locals.ip,
    details: { method: context.request.method, path: context.originPathname },
  });
}

async function refuse(context: Context, code: 'FORBIDDEN' | 'NOT_FOUND'): Promise<Response> {
  if (code === 'FORBIDDEN') await auditRefusal(context);
  // A rewrite runs the middleware again, so it must keep the /en prefix to keep the language.
  const page = await context.rewrite(localePath(context.locals.locale, code === 'FORBIDDEN' ? '/403' : '/404'));
  return new Response(page.body, { status: code === 'FORBIDDEN' ? 403 : 404, headers: page.headers });
}

const headers = defineMiddleware(async (context, next) => {
  // One id per request, kept through rewrites: the server log and the error page both show it.
  context.locals.requestId ??= randomUUID();
  const response = await next();
  const h = response.headers;
  h.set('X-Request-Id', context.locals.requestId);
  h.set('X-Content-Type-Options', 'nosniff');
  if (!h.has('Referrer-Policy')) h.set('Referrer-Policy', 'strict-origin-when-cross-origin');
  h.set('X-Frame-Options', 'DENY');
  if (!h.has('Content-Security-Policy')) h.set('Content-Security-Policy', "frame-ancestors 'none'");
  if (config().publicOrigin?.startsWith('https:')) {
    h.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  }
  // Signed-in pages carry personal data: never let a shared cache or the back button keep them.
  if (context.locals.user || isSignedInArea(stripLocale(context.originPathname))) {
    h.set('Cache-Control', 'no-store');
  }
  return response;
});

export const onRequest = sequence(headers, locale, session, actionAccess, access);
