import { boolean, integer, pgEnum, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Kinds from DESIGN.md; which organisation plays which part is data, not code. */
export const organisationKinds = [
  'press',
  'broadcaster',
  'central_press',
  'media_centre',
  'info_comms',
  'home_affairs',
  'other',
] as const;
export type OrganisationKind = (typeof organisationKinds)[number];
export const organisationKind = pgEnum('organisation_kind', organisationKinds);

export const organisations = pgTable('organisations', {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  kind: organisationKind().notNull(),
  name: text().notNull().unique(),
  shortName: text('short_name').notNull(),
  active: boolean().notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export type Organisation = typeof organisations.$inferSelect;
