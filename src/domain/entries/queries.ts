import { and, asc, count, desc, eq, exists, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import { enteredStatuses } from './status';
import type { Queryable } from '@db/client';
import { auditLog, campaigns, entries, entryAuthors, organisations, users, type EntryStatus } from '@db/schema';
import type { SessionUser } from '@/auth/session';

export const entriesPerPage = 20;
/** Far beyond any real list (2 million entries), well inside PostgreSQL's integers. */
export const entriesMaxPage = 100_000;

/** The entries a person works on: their own (authored or co-authored), or their outlet's. */
function visibleTo(user: SessionUser): SQL | undefined {
  if (user.role === 'outlet_admin') return eq(entries.organisationId, user.organisationId);
  return or(
    eq(entries.createdById, user.id),
    exists(
      // a correlated sub-select: one query, whatever the number of entries
      sql`(select 1 from ${entryAuthors} where ${entryAuthors.entryId} = ${entries.id} and ${entryAuthors.userId} = ${user.id})`,
    ),
  );
}

/**
 * One page of entries with their campaign deadline and authors, in three queries whatever the
 * page length (the page, the total, the authors of the page).
 */
export async function listEntries(db: Queryable, user: SessionUser, options: { page?: number; status?: EntryStatus } = {}) {
  // A page number from the address bar can be anything; past this the offset would not fit the query.
  const page = Math.min(Math.max(1, Math.trunc(options.page ?? 1) || 1), entriesMaxPage);
  const where = and(visibleTo(user), options.status ? eq(entries.status, options.status) : undefined);
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        id: entries.id,
        kind: entries.kind,
        title: entries.title,
        status: entries.status,
        collective: entries.collective,
        updatedAt: entries.updatedAt,
        submittedAt: entries.submittedAt,
        returnReason: entries.returnReason,
        campaignYear: campaigns.year,
        submissionClosesAt: campaigns.submissionClosesAt,
      })
      .from(entries)
      .innerJoin(campaigns, eq(campaigns.id, entries.campaignId))
      .where(where)
      .orderBy(desc(entries.updatedAt), desc(entries.id))
      .limit(entriesPerPage)
      .offset((page - 1) * entriesPerPage),
    db.select({ total: count() }).from(entries).where(where),
  ]);
  const names = await authorNames(db, rows.map((r) => r.id));
  return {
    rows: rows.map((r) => ({ ...r, authors: names.get(r.id) ?? [] })),
    total,
    page,
    pages: Math.max(1, Math.ceil(total / entriesPerPage)),
  };
}

/** Author display names per entry, in order, for many entries in one query. */
export async function authorNames(db: Queryable, entryIds: number[]): Promise<Map<number, string[]>> {
  const names = new Map<number, string[]>();
  if (entryIds.length === 0) return names;
  const rows = await db
    .select({ entryId: entryAuthors.entryId, name: sql<string>`coalesce(${users.name}, ${entryAuthors.externalName})` })
    .from(entryAuthors)
    .leftJoin(users, eq(users.id, entryAuthors.userId))
    .where(inArray(entryAuthors.entryId, entryIds))
    .orderBy(asc(entryAuthors.entryId), asc(entryAuthors.position));
  for (const row of rows) names.set(row.entryId, [...(names.get(row.entryId) ?? []), row.name]);
  return names;
}

/** Who did what when to an entry, with reasons: its audit rows, oldest first. */
export function entryTimeline(db: Queryable, entryId: number) {
  return db
    .select({
      at: auditLog.at,
      action: auditLog.action,
      fromStatus: auditLog.fromStatus,
      toStatus: auditLog.toStatus,
      reason: auditLog.reason,
      actorName: users.name,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(and(eq(auditLog.subjectType, 'entry'), eq(auditLog.subjectId, String(entryId))))
    .orderBy(asc(auditLog.at), asc(auditLog.id));
}

/** Colleagues a journalist may name as co-authors: active members of the same outlet. */
export function outletMembers(db: Queryable, organisationId: number) {
  return db
    .select({ id: users.id, name: users.name, position: users.position })
    .from(users)
    .where(and(eq(users.organisationId, organisationId), eq(users.active, true), inArray(users.role, ['journalist', 'outlet_admin'])))
    .orderBy(asc(users.name));
}

export async function organisationName(db: Queryable, organisationId: number): Promise<string> {
  const [row] = await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, organisationId));
  return row?.name ?? '';
}

/**
 * What counts toward the per-author limit (campaigns.entryLimitPerAuthor): the person's entries in
 * the campaign, as submitter or co-author, once sent (every status but draft and withdrawn).
 */
export async function countedEntries(db: Queryable, campaignId: number, userId: number, exceptEntryId?: number): Promise<number> {
  const [{ n }] = await db
    .select({ n: count() })
    .from(entries)
    .innerJoin(entryAuthors, eq(entryAuthors.entryId, entries.id))
    .where(
      and(
        eq(entries.campaignId, campaignId),
        eq(entryAuthors.userId, userId),
        exceptEntryId === undefined ? undefined : ne(entries.id, exceptEntryId),
        inArray(entries.status, [...enteredStatuses]),
      ),
    );
  return n;
}
