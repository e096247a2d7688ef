import { and, asc, eq } from 'drizzle-orm';
import type { Queryable } from '@db/client';
import { auditLog, users } from '@db/schema';

/** Every step of a nomination, from its audit rows, oldest first. */
export function nominationTimeline(db: Queryable, nominationId: number) {
  return db
    .select({ at: auditLog.at, action: auditLog.action, reason: auditLog.reason, actorName: users.name })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(and(eq(auditLog.subjectType, 'nomination'), eq(auditLog.subjectId, String(nominationId))))
    .orderBy(asc(auditLog.at), asc(auditLog.id));
}
