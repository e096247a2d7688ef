import type { NominationStatus } from '@db/schema';
import type { SessionUser } from '@/auth/session';
import { roleMay } from '@/domain/permissions';
import type { NominationTransition } from './status';

/**
 * Who takes each step of a nomination's flow, by the permission table: the department sends
 * (a batch, or one nomination again after a supplement) and decides its own Giấy khen; Home
 * Affairs appraises, returns, approves and rejects.
 */
export const nominationStepRules: Record<NominationTransition, (user: SessionUser) => boolean> = {
  send: (user) => roleMay(user, 'nominations.sendBatch') && roleMay(user, 'nominations.resend'),
  startAppraisal: (user) => roleMay(user, 'nominations.startAppraisal'),
  return: (user) => roleMay(user, 'nominations.returnForSupplement'),
  approve: (user) => roleMay(user, 'nominations.approve'),
  reject: (user) => roleMay(user, 'nominations.reject'),
  decideInHouse: (user) => roleMay(user, 'nominations.decideInHouse'),
};

/**
 * Home Affairs sees what was sent to it, and nothing of a nomination still with the department
 * (never sent, or a Giấy khen decided in-house): to an appraiser that one does not exist.
 */
export function sentToHomeAffairs(nomination: { batchId: number | null; status: NominationStatus }): boolean {
  return nomination.batchId !== null && nomination.status !== 'draft';
}

/** Whether the person may know of the nomination at all (otherwise it is not found). */
export function mayKnowNomination(user: SessionUser, nomination: { batchId: number | null; status: NominationStatus }): boolean {
  return user.role !== 'appraiser' || sentToHomeAffairs(nomination);
}
