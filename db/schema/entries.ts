import { sql } from 'drizzle-orm';
import { bigint, boolean, date, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { campaigns } from './campaigns';
import { organisations } from './organisations';
import { users } from './users';
import { generatedId, createdAt, timestamps, requiredReference } from './columns';

export const entryKinds = ['article', 'initiative'] as const;
export type EntryKind = (typeof entryKinds)[number];
export const entryKind = pgEnum('entry_kind', entryKinds);

/**
 * DESIGN.md "The flow"; the nomination statuses live with nominations. `awarded` and
 * `not_awarded` are the outcome of the nomination the entry backs (migration 0018).
 */
export const entryStatuses = [
  'draft',
  'submitted',
  'returned',
  'confirmed',
  'in_review',
  'scored',
  'shortlisted',
  'withdrawn',
  'awarded',
  'not_awarded',
] as const;
export type EntryStatus = (typeof entryStatuses)[number];
export const entryStatus = pgEnum('entry_status', entryStatuses);

/** Plan 40 II.2.3: the four angles of a PAR article. */
export const articleAngles = ['propagation', 'model', 'shortcomings', 'exemplary'] as const;
export type ArticleAngle = (typeof articleAngles)[number];

export const pressTypes = ['print', 'online', 'radio', 'television', 'photo', 'multimedia'] as const;
export type PressType = (typeof pressTypes)[number];
/** Press types measured in words, and those measured in minutes (the length limits of a campaign). */
export const writtenPressTypes = ['print', 'online'] as const;
export type WrittenPressType = (typeof writtenPressTypes)[number];
export const timedPressTypes = ['radio', 'television'] as const;
export type TimedPressType = (typeof timedPressTypes)[number];

/** The highest prize a work already won before it was entered, lowest first. */
export const priorAwardLevels = ['none', 'local', 'provincial', 'national'] as const;
export type PriorAwardLevel = (typeof priorAwardLevels)[number];

/** The six PAR areas of Resolution 76/NQ-CP (2021–2030). */
export const parAreas = ['institutions', 'procedures', 'apparatus', 'civil_service', 'public_finance', 'digital_government'] as const;
export type ParArea = (typeof parAreas)[number];

export const entries = pgTable(
  'entries',
  {
    id: generatedId(),
    campaignId: requiredReference('campaign_id', () => campaigns.id),
    kind: entryKind().notNull(),
    status: entryStatus().notNull().default('draft'),
    /** An outlet's own (agency) entry: the organisation is the author, no confirm step. */
    collective: boolean().notNull().default(false),
    organisationId: requiredReference('organisation_id', () => organisations.id),
    createdById: requiredReference('created_by_id', () => users.id),
    /** Set by the form when it is first shown, so a double click or a retried request saves one entry. */
    formKey: text('form_key').notNull(),
    title: text().notNull().default(''),
    parAreas: text('par_areas').array().$type<ParArea[]>().notNull().default([]),
    // article
    angle: text().$type<ArticleAngle>(),
    pressType: text('press_type').$type<PressType>(),
    programme: text(),
    publishedOn: date('published_on'),
    url: text(),
    /** Normalised URL (no scheme, www, fragment, tracking query), for "not already entered". */
    urlKey: text('url_key'),
    lengthValue: integer('length_value'),
    lengthUnit: text('length_unit').$type<'words' | 'minutes'>(),
    /** A series (loạt bài) entered as one work: its number of episodes; null for a single work. */
    seriesEpisodes: integer('series_episodes'),
    /** A series' last episode's day (publishedOn is the first's). */
    lastPublishedOn: date('last_published_on'),
    /** The declaration of prizes the work already won: the highest level, and which prize. */
    priorAwardLevel: text('prior_award_level').$type<PriorAwardLevel>(),
    priorAwardDetails: text('prior_award_details'),
    summaryHtml: text('summary_html').notNull().default(''),
    backgroundHtml: text('background_html').notNull().default(''),
    // initiative
    problemHtml: text('problem_html').notNull().default(''),
    solutionHtml: text('solution_html').notNull().default(''),
    appliedWhere: text('applied_where'),
    appliedSince: date('applied_since'),
    effectHtml: text('effect_html').notNull().default(''),

    returnReason: text('return_reason'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('entries_form_key_unique').on(t.createdById, t.formKey),
    // One entry per published work in a campaign, once it has been submitted.
    uniqueIndex('entries_campaign_url_unique')
      .on(t.campaignId, t.urlKey)
      .where(sql`${t.urlKey} is not null and ${t.status} not in ('draft', 'withdrawn')`),
    index('entries_organisation_status_idx').on(t.organisationId, t.status),
    index('entries_campaign_status_idx').on(t.campaignId, t.status),
  ],
);

export type Entry = typeof entries.$inferSelect;

/** The submitter and co-authors: members of the same outlet (userId) or named outsiders. */
export const entryAuthors = pgTable(
  'entry_authors',
  {
    id: generatedId(),
    entryId: requiredReference('entry_id', () => entries.id, 'cascade'),
    userId: integer('user_id').references(() => users.id),
    externalName: text('external_name'),
    position: integer().notNull(),
  },
  (t) => [
    index('entry_authors_entry_idx').on(t.entryId),
    index('entry_authors_user_idx').on(t.userId),
    uniqueIndex('entry_authors_entry_user_unique').on(t.entryId, t.userId),
  ],
);

export const evidenceFiles = pgTable(
  'evidence_files',
  {
    id: generatedId(),
    entryId: requiredReference('entry_id', () => entries.id, 'cascade'),
    /** Generated by the server; the file lives at DATA_DIR/uploads/<storedName>. */
    storedName: text('stored_name').notNull().unique(),
    originalName: text('original_name').notNull(),
    /** The detected type (magic numbers), never the browser's claim. */
    fileType: text('file_type').notNull(),
    mediaType: text('media_type').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    sha256: text().notNull(),
    uploadedById: requiredReference('uploaded_by_id', () => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('evidence_files_entry_idx').on(t.entryId)],
);

export type EvidenceFile = typeof evidenceFiles.$inferSelect;
