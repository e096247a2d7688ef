import type { NominationStatus } from '@db/schema';
import type { BatchStepAction, NominationStepAction } from '@/domain/audit/record';

/**
 * DESIGN.md "The flow" for nominations; Giấy khen is decided by the department itself. Every
 * nomination status change goes through `changeNominationStatus` (./decisions.ts).
 */
export const nominationTransitions = {
  /** The coordinator hands a batch of Bằng khen nominations to Home Affairs. */
  send: { from: ['draft', 'returned'], to: 'sent', audit: 'nomination_sent' },
  /** Home Affairs takes it up. */
  startAppraisal: { from: ['sent'], to: 'in_appraisal', audit: 'nomination_appraisal_started' },
  /** Back to the coordinator for a supplement, with a reason. */
  return: { from: ['sent', 'in_appraisal'], to: 'returned', audit: 'nomination_returned' },
  approve: { from: ['sent', 'in_appraisal'], to: 'approved', audit: 'nomination_approved' },
  reject: { from: ['sent', 'in_appraisal'], to: 'rejected', audit: 'nomination_rejected' },
  /** The department's own award (Giấy khen): decided by the coordinator without Home Affairs. */
  decideInHouse: { from: ['draft', 'returned'], to: 'approved', audit: 'nomination_decided_in_house' },
} as const satisfies Record<string, { from: readonly NominationStatus[]; to: NominationStatus; audit: NominationStepAction }>;

export type NominationTransition = keyof typeof nominationTransitions;

export function canTransitionNomination(transition: NominationTransition, from: NominationStatus): boolean {
  return (nominationTransitions[transition].from as readonly NominationStatus[]).includes(from);
}

/** A batch (đợt trình) is drafted, then sent to Home Affairs once, with all its nominations. */
export const batchTransitions = {
  send: { from: ['draft'], to: 'sent', audit: 'batch_sent' },
} as const satisfies Record<string, { from: readonly ('draft' | 'sent')[]; to: 'draft' | 'sent'; audit: BatchStepAction }>;

/** Only a draft or a returned nomination may still change. */
export const editableNominationStatuses: readonly NominationStatus[] = ['draft', 'returned'];

/** Decree 30/2020 numbering of a provincial decision, e.g. "1234/QĐ-UBND". */
export const decisionNumberPattern = /^\d{1,6}\/QĐ-UBND$/;

/** The department's own decision: its number and its symbol, e.g. "12/QĐ-SVHTTDL" (Decree 30/2020, Appendix III). */
export const inHouseDecisionNumberPattern = /^\d{1,6}\/QĐ-[A-ZĐ][A-ZĐ0-9]*(-[A-ZĐ0-9]+)*$/;
