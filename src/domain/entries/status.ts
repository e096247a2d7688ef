import type { EntryStatus } from '@db/schema';

/** DESIGN.md "The flow", up to the shortlist (nominations carry it on with their own statuses). */
export const entryTransitions = {
  submit: { from: ['draft', 'returned'], to: 'submitted' },
  /** A collective entry from an outlet admin skips the confirm step. */
  submitCollective: { from: ['draft', 'returned'], to: 'confirmed' },
  confirm: { from: ['submitted'], to: 'confirmed' },
  return: { from: ['submitted'], to: 'returned' },
  /** Possible until scoring starts. */
  withdraw: { from: ['draft', 'submitted', 'returned', 'confirmed'], to: 'withdrawn' },
  /** The coordinator's assignment gives it scorers. */
  assign: { from: ['confirmed'], to: 'in_review' },
  /** The last of its scores is submitted. */
  complete: { from: ['in_review'], to: 'scored' },
  /** A submitted score is reopened by the coordinator. */
  reopen: { from: ['scored'], to: 'in_review' },
  shortlist: { from: ['scored'], to: 'shortlisted' },
  unshortlist: { from: ['shortlisted'], to: 'scored' },
} as const satisfies Record<string, { from: readonly EntryStatus[]; to: EntryStatus }>;

export type EntryTransition = keyof typeof entryTransitions;

export function canTransition(transition: EntryTransition, from: EntryStatus): boolean {
  return (entryTransitions[transition].from as readonly EntryStatus[]).includes(from);
}

/** Statuses that count as "entered" for the per-author limit and the one-URL rule. */
export const enteredStatuses: readonly EntryStatus[] = ['submitted', 'returned', 'confirmed', 'in_review', 'scored', 'shortlisted'];
