import { and, asc, count, countDistinct, eq, sql } from 'drizzle-orm';
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

/** Every assignment of the campaign with its entry and scorer, for the coordinator's table. */
export function campaignAssignments(db: Queryable, campaignId: number) {
  return db
    .select({
      id: assignments.id,
      entryId: entries.id,
      title: entries.title,
      entryStatus: entries.status,
      scorerId: users.id,
      scorerName: users.name,
      scoreStatus: assignments.scoreStatus,
      total: assignments.total,
    })
    .from(assignments)
    .innerJoin(entries, eq(entries.id, assignments.entryId))
    .innerJoin(users, eq(users.id, assignments.scorerId))
    .where(and(eq(entries.campaignId, campaignId)))
    .orderBy(asc(entries.id), asc(users.name));
}
