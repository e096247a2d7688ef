import { date, foreignKey, index, integer, pgEnum, pgTable, text, boolean, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { generatedId, createdAt } from './columns';

/**
 * Kinds from DESIGN.md; which organisation plays which part in a campaign is data, not code
 * (campaigns.presidingOrganisationId …). `department` is a provincial department of any remit:
 * the Department of Information and Communications until 2025, the Department of Culture, Sports
 * and Tourism after it took over the press.
 */
export const organisationKinds = [
  'press',
  'broadcaster',
  'media_centre',
  'central_press',
  'local_media',
  'department',
  'home_affairs',
  'other',
] as const;
export type OrganisationKind = (typeof organisationKinds)[number];
export const organisationKind = pgEnum('organisation_kind', organisationKinds);

export const organisations = pgTable(
  'organisations',
  {
    id: generatedId(),
    kind: organisationKind().notNull(),
    name: text().notNull().unique(),
    shortName: text('short_name').notNull(),
    active: boolean().notNull().default(true),
    /** Set when the organisation was merged into another (it is then inactive; its records stay its own). */
    mergedIntoId: integer('merged_into_id').references((): AnyPgColumn => organisations.id),
    createdAt: createdAt(),
  },
);

/**
 * The names an organisation had before its current one: "was called `name` until `usedUntil`".
 * A document dated on or before that day names the organisation as it was then (organisations.ts
 * `nameOn`), so a dossier of 2024 keeps the name its signers used.
 */
export const organisationNames = pgTable(
  'organisation_names',
  {
    id: generatedId(),
    organisationId: integer('organisation_id').notNull(),
    name: text().notNull(),
    shortName: text('short_name').notNull(),
    /** The last day (Vietnam time) the name was in use. */
    usedUntil: date('used_until').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({ columns: [t.organisationId], foreignColumns: [organisations.id] }).onDelete('cascade'),
    index('organisation_names_organisation_idx').on(t.organisationId, t.usedUntil),
  ],
);

export type Organisation = typeof organisations.$inferSelect;
