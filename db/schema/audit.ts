import { bigint, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './users';

/** One row per state change or security event: actor, time (UTC), from, to, reason. Never tokens. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    actorId: integer('actor_id').references(() => users.id),
    ip: text(),
    action: text().notNull(),
    subjectType: text('subject_type'),
    subjectId: text('subject_id'),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    reason: text(),
    details: jsonb().$type<Record<string, unknown>>(),
  },
  (t) => [index('audit_subject_idx').on(t.subjectType, t.subjectId), index('audit_at_idx').on(t.at)],
);

