import type { Queryable } from '@db/client';
import { auditLog } from '@db/schema';

export interface AuditEvent {
  action: string;
  actorId?: number | null;
  ip?: string | null;
  subjectType?: string;
  subjectId?: string | number;
  fromStatus?: string;
  toStatus?: string;
  reason?: string;
  details?: Record<string, unknown>;
  at?: Date;
}

/** Pass the transaction that makes the change, so the change and its audit row land together. */
export async function recordAudit(db: Queryable, event: AuditEvent): Promise<void> {
  await db.insert(auditLog).values({
    ...event,
    subjectId: event.subjectId === undefined ? undefined : String(event.subjectId),
    at: event.at ?? new Date(),
  });
}
