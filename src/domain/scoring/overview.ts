import { and, asc, count, countDistinct, eq, sql } from 'drizzle-orm';
import type { SelectedFields } from 'drizzle-orm/pg-core';
import type { Queryable } from '@db/client';
import { assignments, entries, users } from '@db/schema';

/** How far the campaign's scoring has come: entries under review, assignments, submitted scores. */
export async function scoringProgress(db: Queryable, campaignId: number) {
  const [row] = await db
    .select({
      entries: countDistinct(assignments.entryId),
      assignments: count(),
      submitted: sql<number>`count(*) filter (where ${assignments.scoreStatus} = 'submitted')`.mapWith(Number),
    })
    .from(assignments)
    .innerJoin(entries, eq(entries.id, assignments.entryId))
    .where(eq(entries.campaignId, campaignId));
  return row;
}

/**
 * Assignments as the scoring tables list them, each with its entry: the columns the coordinator's
 * table and the scorer's queue both show, and the caller's own (from tables it joins).
 */
export function assignmentRows<Columns extends SelectedFields>(db: Queryable, columns: Columns) {
  return db
    .select({
      id: assignments.id,
      entryId: entries.id,
      title: entries.title,
      entryStatus: entries.status,
      scoreStatus: assignments.scoreStatus,
      total: assignments.total,
      ...columns,
    })
    .from(assignments)
    .innerJoin(entries, eq(entries.id, assignments.entryId));
}

/** Every assignment of the campaign with its entry and scorer, for the coordinator's table. */
export function campaignAssignments(db: Queryable, campaignId: number) {
  return assignmentRows(db, { scorerId: users.id, scorerName: users.name })
    .innerJoin(users, eq(users.id, assignments.scorerId))
    .where(and(eq(entries.campaignId, campaignId)))
    .orderBy(asc(entries.id), asc(users.name));
}
