import { sql } from 'drizzle-orm';
import { bigint, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './users';
import { generatedId, requiredReference, secretToken } from './columns';

/**
 * A user's TOTP authenticator (RFC 6238). The key is kept as it must be to compute codes; without
 * the password (argon2id) a copy of it alone does not open the account. `lastCounter` is the time
 * step of the last code accepted: a code is good once (ASVS 5.0 V6.5.1), so an observed code cannot
 * be replayed within its 30 seconds.
 */
export const totpCredentials = pgTable('totp_credentials', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  /** The 20-byte key, base32 as the authenticator app shows it. */
  key: text().notNull(),
  lastCounter: bigint('last_counter', { mode: 'bigint' }).notNull().default(sql`0`), // 0n would not serialise in drizzle-kit's snapshot
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

/** Single-use recovery codes: only the SHA-256 of each (they carry 80 random bits). */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: generatedId(),
    userId: requiredReference('user_id', () => users.id, 'cascade'),
    codeHash: text('code_hash').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('recovery_codes_user_idx').on(t.userId)],
);

/**
 * The step between the password and the session: the password was right, the second factor is
 * still to come. The cookie holds `<id>.<secret>` like a session's; no session exists until the
 * code is right.
 */
export const loginChallenges = pgTable(
  'login_challenges',
  {
    ...secretToken(),
    userId: requiredReference('user_id', () => users.id, 'cascade'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('login_challenges_user_idx').on(t.userId)],
);

/** Wrong second-factor codes, per account, in the database so that every instance counts the same. */
export const secondFactorFailures = pgTable(
  'second_factor_failures',
  {
    id: generatedId(),
    userId: requiredReference('user_id', () => users.id, 'cascade'),
    at: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index('second_factor_failures_user_at_idx').on(t.userId, t.at)],
);

/**
 * Facts about the database itself. `demo` = `seeded` is written by the demo seed: such a database
 * holds only demo accounts, whose documented way in is the password alone (DESIGN.md), so
 * MFA_REQUIRED_ROLES defaults to none there.
 */
export const databaseFacts = pgTable('database_facts', {
  name: text().primaryKey(),
  value: text().notNull(),
});
