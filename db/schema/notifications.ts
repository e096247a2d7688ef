import { bigint, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './users';
import { createdAt, requiredReference } from './columns';

/** In-app notices; the text is rendered from the catalogue at read time, in the reader's language. */
export const notifications = pgTable(
  'notifications',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    userId: requiredReference('user_id', () => users.id, 'cascade'),
    messageKey: text('message_key').notNull(),
    params: jsonb().$type<Record<string, string | number>>().notNull().default({}),
    link: text(),
    createdAt: createdAt(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [index('notifications_user_unread_idx').on(t.userId, t.readAt)],
);
