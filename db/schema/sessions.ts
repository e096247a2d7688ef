import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './users';
import { generatedId, requiredReference, secretToken } from './columns';

/**
 * Lucia guide design: the cookie carries `<id>.<secret>`; only the SHA-256 of the secret is
 * stored, so a copy of this table cannot be replayed as a cookie.
 */
export const sessions = pgTable(
  'sessions',
  {
    ...secretToken(),
    userId: requiredReference('user_id', () => users.id, 'cascade'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastActiveAt: timestamp('last_active_at', { withTimezone: true }).notNull(),
    /** How the second factor was given at sign-in (`totp`, `recovery_code`), or null for none. */
    secondFactor: text('second_factor'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);


/** One-time links an admin hands to a user so they can set a new password. */
export const passwordResets = pgTable('password_resets', {
  ...secretToken(),
  userId: requiredReference('user_id', () => users.id, 'cascade'),
  createdById: integer('created_by_id').references(() => users.id),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
});

/** Failed logins, kept in the database so that every app instance counts the same. */
export const loginFailures = pgTable(
  'login_failures',
  {
    id: generatedId(),
    email: text().notNull(),
    ip: text().notNull(),
    at: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    index('login_failures_email_at_idx').on(t.email, t.at),
    index('login_failures_ip_at_idx').on(t.ip, t.at),
    index('login_failures_email_ip_at_idx').on(t.email, t.ip, t.at),
  ],
);
