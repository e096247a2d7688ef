import { type ActionName, actionPermissions, type PageRoute, pagePermissions, verdict } from '@/auth/permissions';
import type { SessionUser } from '@/auth/session';
import { DomainError } from './errors';

/**
 * Whether the permission table (src/auth/permissions.ts) lets the person's role take this step,
 * named by the Action (or the upload route) that takes it. The domain asks the same table the middleware and the
 * Actions' guards read, so any caller of the domain gets the same answer; the record's own
 * condition (its `scope`) is the part's rules.ts business.
 */
export function roleMay(user: SessionUser, step: ActionName | PageRoute): boolean {
  const permission = step.startsWith('/') ? pagePermissions[step as PageRoute] : actionPermissions[step as ActionName];
  return verdict(permission, user.role) === 'allowed';
}

/** `roleMay`, or FORBIDDEN. */
export function requireRoleFor(user: SessionUser, step: ActionName | PageRoute): void {
  if (!roleMay(user, step)) throw DomainError.forbidden();
}
