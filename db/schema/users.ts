import { sql } from 'drizzle-orm';
import { boolean, index, pgEnum, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { organisations } from './organisations';
import { generatedId, createdAt, requiredReference } from './columns';

export const roles = ['journalist', 'outlet_admin', 'scorer', 'coordinator', 'appraiser', 'admin'] as const;
export type Role = (typeof roles)[number];
export const role = pgEnum('role', roles);

export const users = pgTable(
  'users',
  {
    id: generatedId(),
    /** Stored lower-cased and trimmed; compared the same way. */
    email: text().notNull(),
    name: text().notNull(),
    position: text(),
    passwordHash: text('password_hash').notNull(),
    role: role().notNull(),
    organisationId: requiredReference('organisation_id', () => organisations.id),
    active: boolean().notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('users_email_unique').on(sql`lower(${t.email})`),
    index('users_organisation_idx').on(t.organisationId),
  ],
);

export type User = typeof users.$inferSelect;
