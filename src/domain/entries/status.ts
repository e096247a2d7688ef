import type { EntryStatus } from '@db/schema';
import type { EntryStepAction } from '@/domain/audit/record';

/**
 * DESIGN.md "The flow", up to the shortlist (nominations carry it on with their own statuses) and
 * back from the decision on the nomination the entry backs: each
 * step, the statuses it leaves from, where it leads and the name of its audit row. Every entry
 * status change goes through `changeEntryStatus` (./transitions.ts), which applies this table.
 */
export const entryTransitions = {
  submit: { from: ['draft', 'returned'], to: 'submitted', audit: 'entry_submitted' },
  /** A collective entry from an outlet admin skips the confirm step. */
  submitCollective: { from: ['draft', 'returned'], to: 'confirmed', audit: 'entry_submitted_collective' },
  confirm: { from: ['submitted'], to: 'confirmed', audit: 'entry_confirmed' },
  return: { from: ['submitted'], to: 'returned', audit: 'entry_returned' },
  /** Possible until scoring starts. */
  withdraw: { from: ['draft', 'submitted', 'returned', 'confirmed'], to: 'withdrawn', audit: 'entry_withdrawn' },
  /** The coordinator's assignment gives it scorers. */
  assign: { from: ['confirmed'], to: 'in_review', audit: 'entry_assigned' },
  /** The last of its scores is submitted. */
  complete: { from: ['in_review'], to: 'scored', audit: 'entry_scored' },
  /** A submitted score is reopened by the coordinator. */
  reopen: { from: ['scored'], to: 'in_review', audit: 'entry_reopened' },
  shortlist: { from: ['scored'], to: 'shortlisted', audit: 'entry_shortlisted' },
  unshortlist: { from: ['shortlisted'], to: 'scored', audit: 'entry_unshortlisted' },
  /** The nomination it backs was approved: the decision is recorded (decisions.ts). */
  award: { from: ['shortlisted'], to: 'awarded', audit: 'entry_awarded' },
  /** The nomination it backs was rejected. */
  notAward: { from: ['shortlisted'], to: 'not_awarded', audit: 'entry_not_awarded' },
} as const satisfies Record<string, { from: readonly EntryStatus[]; to: EntryStatus; audit: EntryStepAction }>;

export type EntryTransition = keyof typeof entryTransitions;

export function canTransition(transition: EntryTransition, from: EntryStatus): boolean {
  return (entryTransitions[transition].from as readonly EntryStatus[]).includes(from);
}

/** Statuses that count as "entered" for the per-author limit and the one-URL rule. */
export const enteredStatuses: readonly EntryStatus[] = ['submitted', 'returned', 'confirmed', 'in_review', 'scored', 'shortlisted'];
