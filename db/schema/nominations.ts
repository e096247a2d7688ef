import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { campaigns } from './campaigns';
import { entries } from './entries';
import { organisations } from './organisations';
import { users } from './users';

/** Plan 40 III.1: the Chairman's certificate goes to Home Affairs; the department's is decided in-house. */
export const awardForms = ['provincial_certificate', 'department_certificate'] as const;
export type AwardForm = (typeof awardForms)[number];

/** DESIGN.md "The flow": draft → sent → in_appraisal → returned | approved | rejected. */
export const nominationStatuses = ['draft', 'sent', 'in_appraisal', 'returned', 'approved', 'rejected'] as const;
export type NominationStatus = (typeof nominationStatuses)[number];

/** PAR index ratings of the previous year, best first. */
export const parIndexRatings = ['excellent', 'good', 'fair', 'average', 'not_rated'] as const;

/** Plan 40 III.2: the criteria a collective nominee for a Bằng khen must meet. */
export interface CollectiveCriteria {
  completedParTasks: boolean;
  metEmulationContent: boolean;
  /** PAR index of the previous year: 'good' (Tốt), 'fair' (Khá) or better, or not rated. */
  parIndexRating: (typeof parIndexRatings)[number];
  evidence: string;
}

/** A hand-over to Home Affairs (đợt trình): read-only for the coordinator once sent. */
export const nominationBatches = pgTable('nomination_batches', {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  campaignId: integer('campaign_id')
    .notNull()
    .references(() => campaigns.id),
  title: text().notNull(),
  /** The proposal letter's number and date (Tờ trình số …), filled in before sending. */
  proposalNumber: text('proposal_number'),
  proposalDate: date('proposal_date'),
  /** The review meeting of the emulation and commendation council (Biên bản họp xét). */
  meetingDate: date('meeting_date'),
  meetingPlace: text('meeting_place'),
  membersPresent: text('members_present'),
  status: text().$type<'draft' | 'sent'>().notNull().default('draft'),
  /** Public posting of the nominees (công khai, src/domain/nominations/posting.ts): when, by whom, the window's last day. */
  postedAt: timestamp('posted_at', { withTimezone: true }),
  postingEndsOn: date('posting_ends_on'),
  postedById: integer('posted_by_id').references(() => users.id),
  sentAt: timestamp('sent_at', { withTimezone: true }),
  createdById: integer('created_by_id')
    .notNull()
    .references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const nominations = pgTable(
  'nominations',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    batchId: integer('batch_id').references(() => nominationBatches.id),
    nomineeType: text('nominee_type').$type<'individual' | 'collective'>().notNull(),
    nomineeUserId: integer('nominee_user_id').references(() => users.id),
    nomineeOrganisationId: integer('nominee_organisation_id').references(() => organisations.id),
    awardForm: text('award_form').$type<AwardForm>().notNull(),
    achievementSummary: text('achievement_summary').notNull().default(''),
    collectiveCriteria: jsonb('collective_criteria').$type<CollectiveCriteria>(),
    /** The nominee is not under discipline, investigation or an unresolved complaint. */
    eligibilityDeclared: boolean('eligibility_declared').notNull().default(false),
    status: text().$type<NominationStatus>().notNull().default('draft'),
    votesAgree: integer('votes_agree'),
    votesTotal: integer('votes_total'),
    decisionNumber: text('decision_number'),
    decisionDate: date('decision_date'),
    /** The last reason given when returned for supplement or rejected. */
    reason: text(),
    createdById: integer('created_by_id')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('nominations_campaign_status_idx').on(t.campaignId, t.status), index('nominations_batch_idx').on(t.batchId)],
);

export type Nomination = typeof nominations.$inferSelect;

/**
 * The entries a nomination rests on. One achievement, one award (Law on Emulation and
 * Commendation 2022): an entry backs at most one nomination in a campaign, enforced here too.
 */
export const nominationEntries = pgTable(
  'nomination_entries',
  {
    nominationId: integer('nomination_id')
      .notNull()
      .references(() => nominations.id, { onDelete: 'cascade' }),
    entryId: integer('entry_id')
      .notNull()
      .references(() => entries.id),
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => campaigns.id),
  },
  (t) => [primaryKey({ columns: [t.nominationId, t.entryId] }), uniqueIndex('nomination_entries_one_award').on(t.campaignId, t.entryId)],
);

/**
 * A citizen's comment on a posted batch (the list, or one nominee of it): no account, so name and
 * contact are what the person typed, kept plain (never HTML). The department records how it was
 * handled; the batch is not sent while one is unhandled.
 */
export const nomineeComments = pgTable(
  'nominee_comments',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    batchId: integer('batch_id')
      .notNull()
      .references(() => nominationBatches.id, { onDelete: 'cascade' }),
    nominationId: integer('nomination_id').references(() => nominations.id, { onDelete: 'set null' }),
    authorName: text('author_name').notNull(),
    contact: text().notNull(),
    body: text().notNull(),
    /** The client address, for the per-address bound. */
    ip: text(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    handling: text(),
    handledById: integer('handled_by_id').references(() => users.id),
    handledAt: timestamp('handled_at', { withTimezone: true }),
  },
  (t) => [index('nominee_comments_batch_idx').on(t.batchId, t.createdAt), index('nominee_comments_ip_idx').on(t.ip, t.createdAt)],
);

export type NomineeComment = typeof nomineeComments.$inferSelect;
