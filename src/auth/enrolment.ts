import type { Queryable } from '@db/client';
import { actionPermissions, isActionName } from './permissions';
import { requiredSecondFactorRoles } from './second-factor';
import type { SessionValidation } from './session';

/** Where a user whose role must use a second factor is sent until they have one (DESIGN.md). */
export const enrolmentPath = '/app/account/security';

/**
 * Whether this signed-in user must enrol before anything else under /app: their role is in
 * MFA_REQUIRED_ROLES and they have no second factor yet.
 */
export async function mustEnrolSecondFactor(db: Queryable, signedIn: SessionValidation): Promise<boolean> {
  if (!signedIn.user || signedIn.secondFactorEnrolled) return false;
  return (await requiredSecondFactorRoles(db)).includes(signedIn.user.role);
}

/** Before enrolment: the enrolment itself, and what anyone may do (sign out, sign in again). */
export function mayActBeforeEnrolment(name: string): boolean {
  return name === 'account.enableTotp' || (isActionName(name) && actionPermissions[name].who === 'public');
}
