import type { EntryStatus } from '@db/schema';
import type { SessionUser } from '@/auth/session';
import { roleMay } from '@/domain/permissions';
import { canTransition, type EntryTransition } from './status';

/** What the access rules need to know about an entry. */
export interface EntryAccessFacts {
  status: EntryStatus;
  organisationId: number;
  createdById: number;
  authorUserIds: readonly number[];
  /** Scorers assigned to it (loaded for scorers only). */
  assignedScorerIds?: readonly number[];
  /** An outlet's own entry, with no author of its own (it skips the confirm step). */
  collective: boolean;
}

export const editableStatuses: readonly EntryStatus[] = ['draft', 'returned'];

function isAuthor(user: SessionUser, entry: EntryAccessFacts): boolean {
  return entry.createdById === user.id || entry.authorUserIds.includes(user.id);
}

const isJournalistAuthor = (user: SessionUser, entry: EntryAccessFacts) => user.role === 'journalist' && isAuthor(user, entry);
const isOutletAdminOf = (user: SessionUser, entry: EntryAccessFacts) => user.role === 'outlet_admin' && user.organisationId === entry.organisationId;

/**
 * Who may see an entry at all. Anyone else gets 404, so the existence of other people's work is
 * not given away. Scorers and appraisers gain access through assignment and nomination.
 */
export function mayReadEntry(user: SessionUser, entry: EntryAccessFacts): boolean {
  switch (user.role) {
    case 'journalist':
      return isAuthor(user, entry);
    case 'outlet_admin':
      return entry.organisationId === user.organisationId;
    case 'coordinator':
      return entry.status !== 'draft';
    case 'scorer':
      return entry.assignedScorerIds?.includes(user.id) ?? false;
    default:
      return false;
  }
}

/** Its authors (journalists) and its outlet: the people who write it. */
const isWriterOf = (user: SessionUser, entry: EntryAccessFacts) => isJournalistAuthor(user, entry) || isOutletAdminOf(user, entry);

/** Content changes only in draft or returned, and only by its authors or its outlet. */
export function mayEditEntry(user: SessionUser, entry: EntryAccessFacts): boolean {
  return editableStatuses.includes(entry.status) && isWriterOf(user, entry);
}

/**
 * Locked for this person: one of its writers, who could change it in draft or returned, but its
 * status no longer allows it (submitted, and after). Their pages say so and why (issue 16),
 * rather than refusing access.
 */
export function isLockedFor(user: SessionUser, entry: EntryAccessFacts): boolean {
  return !editableStatuses.includes(entry.status) && isWriterOf(user, entry);
}

/**
 * Who takes each step of the entry's flow, whatever its status (the status is ./status.ts's
 * table). `changeEntryStatus` asks this before it looks at the status, so that a step repeated
 * after it went through is still answered as a success; pages ask `may…` below, which adds the
 * status.
 */
export const entryStepRules: Record<EntryTransition, (user: SessionUser, entry: EntryAccessFacts) => boolean> = {
  // A journalist submits to their outlet; the outlet submits its own collective entry.
  submit: (user, entry) => !entry.collective && isJournalistAuthor(user, entry),
  submitCollective: (user, entry) => entry.collective && isOutletAdminOf(user, entry),
  confirm: (user, entry) => !entry.collective && isOutletAdminOf(user, entry),
  return: (user, entry) => !entry.collective && isOutletAdminOf(user, entry),
  withdraw: (user, entry) => isOutletAdminOf(user, entry) || isJournalistAuthor(user, entry),
  assign: (user) => roleMay(user, 'scoring.assign'),
  // The last assigned scorer's submission completes it.
  complete: (user, entry) => user.role === 'scorer' && (entry.assignedScorerIds?.includes(user.id) ?? false),
  reopen: (user) => roleMay(user, 'scoring.reopen'),
  shortlist: (user) => roleMay(user, 'scoring.shortlist'),
  unshortlist: (user) => roleMay(user, 'scoring.unshortlist'),
};

/** Whether the step is open to this person on the entry as it is now. */
export function mayTakeStep(step: EntryTransition, user: SessionUser, entry: EntryAccessFacts): boolean {
  return entryStepRules[step](user, entry) && canTransition(step, entry.status);
}

export const mayConfirm = (user: SessionUser, entry: EntryAccessFacts) => mayTakeStep('confirm', user, entry);
export const mayReturn = (user: SessionUser, entry: EntryAccessFacts) => mayTakeStep('return', user, entry);
export const mayWithdraw = (user: SessionUser, entry: EntryAccessFacts) => mayTakeStep('withdraw', user, entry);
