import { boolean, date, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import type { PriorAwardLevel, TimedPressType, WrittenPressType } from './entries';
import { organisations } from './organisations';
import { generatedId, createdAt, requiredReference } from './columns';

/** The most an entry of a press type may run: words (print, online) or minutes (radio, television), per episode. */
export type LengthLimits = Partial<Record<WrittenPressType | TimedPressType, number>>;

/** The evidence formats DESIGN.md names (PDF scan, images, audio, video clip); a campaign may allow fewer. */
export const evidenceTypes = ['pdf', 'jpeg', 'png', 'webp', 'mp3', 'm4a', 'mp4'] as const;
export type EvidenceType = (typeof evidenceTypes)[number];

/** The yearly emulation movement (Plan 40/KH-UBND for 2024); its deadlines govern every late action. */
export const campaigns = pgTable('campaigns', {
  id: generatedId(),
  year: integer().notNull().unique(),
  title: text().notNull(),
  submissionOpensAt: timestamp('submission_opens_at', { withTimezone: true }).notNull(),
  submissionClosesAt: timestamp('submission_closes_at', { withTimezone: true }).notNull(),
  scoringClosesAt: timestamp('scoring_closes_at', { withTimezone: true }).notNull(),
  nominationsDueAt: timestamp('nominations_due_at', { withTimezone: true }).notNull(),
  entryLimitPerAuthor: integer('entry_limit_per_author').notNull().default(5),
  maxFileMb: integer('max_file_mb').notNull().default(200),
  maxEntryMb: integer('max_entry_mb').notNull().default(500),
  allowedFileTypes: text('allowed_file_types')
    .array()
    .notNull()
    .default([...evidenceTypes]),
  scorersPerEntry: integer('scorers_per_entry').notNull().default(3),
  spreadThreshold: integer('spread_threshold').notNull().default(20),
  /** Which result ranks the entries: the raw mean, or the mean of per-scorer normalised scores. */
  rankingBasis: text('ranking_basis').$type<'raw' | 'normalised'>().notNull().default('raw'),
  /** How many working days a batch's nominees are posted publicly before the council meets (src/domain/nominations/posting.ts). */
  postingWindowDays: integer('posting_window_days').notNull().default(10),
  /*
   * Who does what this year (DESIGN.md "Organisations are data"): plan 40 III.3.2 named the
   * Department of Information and Communications for 2024; since 2025 the department in charge of
   * the press presides. Null until the coordinator chooses.
   */
  presidingOrganisationId: integer('presiding_organisation_id').references(() => organisations.id),
  /** The symbol after the proposal letter's number (Decree 30/2020 Appendix III), e.g. `TTr-SVHTTDL`. */
  proposalSymbol: text('proposal_symbol').notNull().default(''),
  appraisingOrganisationId: integer('appraising_organisation_id').references(() => organisations.id),
  /** Whose Chairman awards the Bằng khen: the Provincial People's Committee. */
  awardingOrganisationId: integer('awarding_organisation_id').references(() => organisations.id),
  /*
   * The press-entry rules (issue 12 item 3; src/domain/entries/press-rules.ts). Column defaults are
   * what a campaign created before the rules keeps; a new campaign's form starts from the National
   * Press Award's (newCampaignDefaults).
   */
  /** Authors named on one entry, the submitter included (National Press Award: at most 5). */
  maxAuthors: integer('max_authors').notNull().default(5),
  /** Episodes (kỳ) a series (loạt bài) may have to count as one entry. */
  maxSeriesEpisodes: integer('max_series_episodes').notNull().default(5),
  lengthLimits: jsonb('length_limits').$type<LengthLimits>().notNull().default({}),
  /** Submission needs the evidence of the entry's press type (audio for radio, video for television, …). */
  evidenceByPressType: boolean('evidence_by_press_type').notNull().default(false),
  /** Publication window; unset, the campaign's year. */
  publicationOpensOn: date('publication_opens_on'),
  publicationClosesOn: date('publication_closes_on'),
  /** Submission needs the declaration of prizes the work already won. */
  priorAwardsDeclared: boolean('prior_awards_declared').notNull().default(false),
  /** A work already awarded at this level or higher is refused; null = none refused. */
  priorAwardRefusedFrom: text('prior_award_refused_from').$type<Exclude<PriorAwardLevel, 'none'>>(),
  /** A batch leaves only with the signed scans of its proposal, minutes and every report (issue 13). */
  requiresSignedScans: boolean('requires_signed_scans').notNull().default(false),
  createdAt: createdAt(),
});

/** The organisations that score with the presiding department (the Media Centre, plan 40 III.3.2). */
export const campaignScoringPartners = pgTable(
  'campaign_scoring_partners',
  {
    campaignId: requiredReference('campaign_id', () => campaigns.id, 'cascade'),
    organisationId: requiredReference('organisation_id', () => organisations.id),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.organisationId] })],
);

export type Campaign = typeof campaigns.$inferSelect;
