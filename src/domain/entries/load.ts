import { and, asc, eq, isNotNull, ne } from 'drizzle-orm';
import type { Queryable } from '@db/client';
import { assignments, entries, entryAuthors, nominationEntries, nominations, users, type Entry } from '@db/schema';
import type { SessionUser } from '@/auth/session';
import { DomainError } from '@/domain/errors';
import { mayReadEntry } from './rules';

export type EntryAuthor = typeof entryAuthors.$inferSelect;
export type LoadedEntry = Entry & { authors: EntryAuthor[]; authorUserIds: number[]; assignedScorerIds: number[]; sentForAppraisal: boolean; authoredByOutletAdmin: boolean };

/**
 * The entry with its authors, if the user may read it; otherwise NOT_FOUND. `forUpdate` locks the
 * row for the rest of the caller's transaction (status changes check and write under the lock).
 */
export async function loadEntryFor(
  db: Queryable,
  user: SessionUser,
  entryId: number,
  { forUpdate = false } = {},
): Promise<LoadedEntry> {
  const query = db.select().from(entries).where(eq(entries.id, entryId));
  const [entry] = forUpdate ? await query.for('update') : await query;
  if (!entry) throw DomainError.notFound();
  const authorRows = await db
    .select({ author: entryAuthors, role: users.role, organisationId: users.organisationId })
    .from(entryAuthors)
    .leftJoin(users, eq(users.id, entryAuthors.userId))
    .where(eq(entryAuthors.entryId, entryId))
    .orderBy(asc(entryAuthors.position));
  const authors = authorRows.map((r) => r.author);
  const assigned =
    user.role === 'scorer'
      ? await db
          .select({ scorerId: assignments.scorerId })
          .from(assignments)
          .where(and(eq(assignments.entryId, entryId), eq(assignments.scorerId, user.id)))
      : [];
  // Home Affairs knows an entry through a nomination sent to it (nominations/rules.ts).
  const sent =
    user.role === 'appraiser'
      ? await db
          .select({ id: nominations.id })
          .from(nominationEntries)
          .innerJoin(nominations, eq(nominations.id, nominationEntries.nominationId))
          .where(and(eq(nominationEntries.entryId, entryId), isNotNull(nominations.batchId), ne(nominations.status, 'draft')))
          .limit(1)
      : [];
  const loaded = {
    ...entry,
    authors,
    authorUserIds: authors.flatMap((a) => (a.userId ? [a.userId] : [])),
    assignedScorerIds: assigned.map((a) => a.scorerId),
    sentForAppraisal: sent.length > 0,
    authoredByOutletAdmin: authorRows.some((r) => r.role === 'outlet_admin' && r.organisationId === entry.organisationId),
  };
  if (!mayReadEntry(user, loaded)) throw DomainError.notFound();
  return loaded;
}
