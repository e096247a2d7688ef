import { ActionError } from 'astro:actions';
import { type ActionName, actionPermissions, type PageRoute, pagePermissions, verdict } from './permissions';
import type { SessionUser } from './session';
import { parseId } from '@/domain/fields';

interface WithLocals {
  locals: App.Locals;
}

/**
 * Guards throw ActionError: inside an Action it becomes the action's error, in a page the
 * middleware turns it into the login redirect, the 403 or the 404 page.
 */
export function requireUser(context: WithLocals): SessionUser {
  const user = context.locals.user;
  if (!user) throw new ActionError({ code: 'UNAUTHORIZED' });
  return user;
}

/**
 * The signed-in person, if the permission table lets their role open this page (its route as Astro
 * matched it). The middleware has already refused anyone else; this keeps the page safe on its own.
 */
export function requirePage(context: WithLocals & { routePattern: string }): SessionUser {
  const user = requireUser(context);
  const permission = pagePermissions[context.routePattern as PageRoute];
  if (!permission || verdict(permission, user.role) !== 'allowed') throw new ActionError({ code: 'FORBIDDEN' });
  return user;
}

/**
 * The signed-in person, if the permission table lets their role run this Action. The middleware
 * has already refused anyone else before the input was read; this keeps the handler safe on its own.
 */
export function requireAction(context: WithLocals, name: ActionName): SessionUser {
  const user = requireUser(context);
  if (verdict(actionPermissions[name], user.role) !== 'allowed') throw new ActionError({ code: 'FORBIDDEN' });
  return user;
}

/** For records the user may not even know exist: answer 404, not 403. */
export function notFound(): never {
  throw new ActionError({ code: 'NOT_FOUND' });
}

export function forbidden(): never {
  throw new ActionError({ code: 'FORBIDDEN' });
}

/**
 * A row id from the path (src/domain/fields.ts `parseId`), or the 404 page: anything else names no
 * row, and must not reach a query (2147483648 is a database error, not a 404).
 */
export function pathId(value: string | undefined): number {
  return parseId(value) ?? notFound();
}
