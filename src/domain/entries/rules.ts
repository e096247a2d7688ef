import { and, eq, exists, ne, not, sql, type SQL } from 'drizzle-orm';
import { entries, entryAuthors, users, type EntryStatus } from '@db/schema';
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
  /** An admin of the entry's outlet is among its authors (then the coordinator may confirm it). */
  authoredByOutletAdmin?: boolean;
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

/** Content changes only in draft or returned, and only by its authors or its outlet. */
export function mayEditEntry(user: SessionUser, entry: EntryAccessFacts): boolean {
  return editableStatuses.includes(entry.status) && (isJournalistAuthor(user, entry) || isOutletAdminOf(user, entry));
}

/**
 * Nobody confirms their own work (issue #13): an outlet admin confirms his members' entries but
 * not one he authored or co-authored; that one goes to another admin of the outlet, or to the
 * coordinator, who confirms only such entries. Collective entries skip confirmation (DESIGN.md).
 * The domain step, the entry page and the dashboard queue (`confirmableBy` in SQL) all ask this.
 */
export function confirmsEntry(user: SessionUser, entry: EntryAccessFacts): boolean {
  if (entry.collective) return false;
  if (user.role === 'coordinator') return entry.authoredByOutletAdmin === true;
  return isOutletAdminOf(user, entry) && !isAuthor(user, entry);
}

/**
 * `confirmsEntry` as a condition on the entries table, for the dashboard queue: the submitted
 * entries this person may confirm.
 */
export function confirmableBy(user: SessionUser): SQL {
  const authored = (condition: SQL) =>
    exists(sql`(select 1 from ${entryAuthors} join ${users} on ${users.id} = ${entryAuthors.userId} where ${entryAuthors.entryId} = ${entries.id} and ${condition})`);
  const base = and(eq(entries.status, 'submitted'), eq(entries.collective, false))!;
  if (user.role === 'coordinator') return and(base, authored(sql`${users.role} = 'outlet_admin' and ${users.organisationId} = ${entries.organisationId}`))!;
  if (user.role !== 'outlet_admin') return sql`false`;
  return and(base, eq(entries.organisationId, user.organisationId), ne(entries.createdById, user.id), not(authored(sql`${users.id} = ${user.id}`)))!;
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
  confirm: confirmsEntry,
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
