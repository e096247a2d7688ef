import type { EntryStatus } from '@db/schema';
import type { SessionUser } from '@/auth/session';

/** What the access rules need to know about an entry. */
export interface EntryAccessFacts {
  status: EntryStatus;
  organisationId: number;
  createdById: number;
  authorUserIds: readonly number[];
  /** Scorers assigned to it (loaded for scorers only). */
  assignedScorerIds?: readonly number[];
}

export const editableStatuses: readonly EntryStatus[] = ['draft', 'returned'];

function isAuthor(user: SessionUser, entry: EntryAccessFacts): boolean {
  return entry.createdById === user.id || entry.authorUserIds.includes(user.id);
}

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
  if (!editableStatuses.includes(entry.status)) return false;
  if (user.role === 'journalist') return isAuthor(user, entry);
  return user.role === 'outlet_admin' && entry.organisationId === user.organisationId;
}
