import type { NominationStatus } from '@db/schema';

/** DESIGN.md "The flow" for nominations; Giấy khen is decided by the department itself. */
export const nominationTransitions = {
  /** The coordinator hands a batch of Bằng khen nominations to Home Affairs. */
  send: { from: ['draft', 'returned'], to: 'sent' },
  /** Home Affairs takes it up. */
  startAppraisal: { from: ['sent'], to: 'in_appraisal' },
  /** Back to the coordinator for a supplement, with a reason. */
  return: { from: ['sent', 'in_appraisal'], to: 'returned' },
  approve: { from: ['sent', 'in_appraisal'], to: 'approved' },
  reject: { from: ['sent', 'in_appraisal'], to: 'rejected' },
  /** The department's own award (Giấy khen): decided by the coordinator without Home Affairs. */
  decideInHouse: { from: ['draft', 'returned'], to: 'approved' },
} as const satisfies Record<string, { from: readonly NominationStatus[]; to: NominationStatus }>;

export type NominationTransition = keyof typeof nominationTransitions;

export function canTransitionNomination(transition: NominationTransition, from: NominationStatus): boolean {
  return (nominationTransitions[transition].from as readonly NominationStatus[]).includes(from);
}

/**
 * Home Affairs sees what was sent to it, and nothing of a nomination still with the department
 * (never sent, or a Giấy khen decided in-house): to an appraiser that one does not exist.
 */
export function sentToHomeAffairs(nomination: { batchId: number | null; status: NominationStatus }): boolean {
  return nomination.batchId !== null && nomination.status !== 'draft';
}

/** Only a draft or a returned nomination may still change. */
export const editableNominationStatuses: readonly NominationStatus[] = ['draft', 'returned'];

/** Decree 30/2020 numbering of a provincial decision, e.g. "1234/QĐ-UBND". */
export const decisionNumberPattern = /^\d{1,6}\/QĐ-UBND$/;
