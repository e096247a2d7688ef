import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { campaigns } from './campaigns';
import { entries } from './entries';
import { organisations } from './organisations';
import { users } from './users';
import { generatedId, createdAt, timestamps, requiredReference } from './columns';

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

/** How the council's meeting is valid (src/domain/nominations/council.ts cites the source). */
export const quorumRules = ['two_thirds', 'more_than_half'] as const;
export type QuorumRule = (typeof quorumRules)[number];
/** What a nominee's share of votes for is counted on: the whole council, or the members present. */
export const approvalBases = ['membership', 'present'] as const;
export type ApprovalBase = (typeof approvalBases)[number];
export const votingMethods = ['show_of_hands', 'secret_ballot'] as const;
export type VotingMethod = (typeof votingMethods)[number];

/** A hand-over to Home Affairs (đợt trình): read-only for the coordinator once sent. */
export const nominationBatches = pgTable(
  'nomination_batches',
  {
    id: generatedId(),
    campaignId: requiredReference('campaign_id', () => campaigns.id),
    title: text().notNull(),
    /** The proposal letter's number and date (Tờ trình số …), filled in before sending. */
    proposalNumber: text('proposal_number'),
    proposalDate: date('proposal_date'),
    /** The review meeting of the emulation and commendation council (Biên bản họp xét). */
    meetingDate: date('meeting_date'),
    meetingPlace: text('meeting_place'),
    meetingChair: text('meeting_chair'),
    meetingSecretary: text('meeting_secretary'),
    /** The council's members, all of them, and how many were at the meeting. */
    councilMembership: integer('council_membership'),
    membersPresentCount: integer('members_present_count'),
    /** The names of the members present, one a line, as the minutes list them. */
    membersPresent: text('members_present'),
    quorumRule: text('quorum_rule').$type<QuorumRule>().notNull().default('two_thirds'),
    /** A nominee is proposed with at least this share (%) of votes for, counted on `approvalBase`. */
    approvalPercent: integer('approval_percent').notNull().default(70),
    approvalBase: text('approval_base').$type<ApprovalBase>().notNull().default('membership'),
    votingMethod: text('voting_method').$type<VotingMethod>(),
    status: text().$type<'draft' | 'sent'>().notNull().default('draft'),
    /** Public posting of the nominees (công khai, src/domain/nominations/posting.ts): when, by whom, the window's last day. */
    postedAt: timestamp('posted_at', { withTimezone: true }),
    postingEndsOn: date('posting_ends_on'),
    postedById: integer('posted_by_id').references(() => users.id),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdById: requiredReference('created_by_id', () => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    check('nomination_batches_present_within_membership', sql`${t.membersPresentCount} IS NULL OR ${t.councilMembership} IS NULL OR ${t.membersPresentCount} <= ${t.councilMembership}`),
  ],
);

export type NominationBatch = typeof nominationBatches.$inferSelect;

/**
 * A decision awarding one or more nominees (quyết định khen thưởng): the Chairman's for a Bằng
 * khen, the presiding department head's for a Giấy khen. Its number is unique per authority and
 * year — "số của văn bản là số thứ tự văn bản do cơ quan, tổ chức ban hành và là duy nhất trong
 * một năm" (Decree 30/2020/NĐ-CP, Appendix I, Part I, II.3; as quoted at
 * https://congchungbaonguyet.com.vn/news/view/4874) — so the same number with another date would
 * be another document and is refused.
 */
export const awardDecisions = pgTable(
  'award_decisions',
  {
    id: generatedId(),
    authorityOrganisationId: requiredReference('authority_organisation_id', () => organisations.id),
    year: integer().notNull(),
    number: text().notNull(),
    decidedOn: date('decided_on').notNull(),
    recordedById: integer('recorded_by_id').references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('award_decisions_number_unique').on(t.authorityOrganisationId, t.year, t.number)],
);

export type AwardDecision = typeof awardDecisions.$inferSelect;

export const nominations = pgTable(
  'nominations',
  {
    id: generatedId(),
    campaignId: requiredReference('campaign_id', () => campaigns.id),
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
    /** The council's vote on the nominee, out of the batch's members present: for, against, abstaining. */
    votesAgree: integer('votes_agree'),
    votesAgainst: integer('votes_against'),
    votesAbstaining: integer('votes_abstaining'),
    /** The decision that awarded it; its number and date are copied beside it for the pages. */
    decisionId: integer('decision_id').references(() => awardDecisions.id),
    decisionNumber: text('decision_number'),
    decisionDate: date('decision_date'),
    /** The last reason given when returned for supplement or rejected. */
    reason: text(),
    createdById: requiredReference('created_by_id', () => users.id),
    ...timestamps(),
  },
  (t) => [
    index('nominations_campaign_status_idx').on(t.campaignId, t.status),
    index('nominations_batch_idx').on(t.batchId),
    index('nominations_decision_idx').on(t.decisionId),
  ],
);

export type Nomination = typeof nominations.$inferSelect;

/**
 * The entries a nomination rests on. One achievement, one award (Law on Emulation and
 * Commendation 2022): an entry backs at most one nomination in a campaign, enforced here too.
 */
export const nominationEntries = pgTable(
  'nomination_entries',
  {
    nominationId: requiredReference('nomination_id', () => nominations.id, 'cascade'),
    entryId: requiredReference('entry_id', () => entries.id),
    campaignId: requiredReference('campaign_id', () => campaigns.id),
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
    id: generatedId(),
    batchId: requiredReference('batch_id', () => nominationBatches.id, 'cascade'),
    nominationId: integer('nomination_id').references(() => nominations.id, { onDelete: 'set null' }),
    authorName: text('author_name').notNull(),
    contact: text().notNull(),
    body: text().notNull(),
    /** The client address, for the per-address bound. */
    ip: text(),
    createdAt: createdAt(),
    handling: text(),
    handledById: integer('handled_by_id').references(() => users.id),
    handledAt: timestamp('handled_at', { withTimezone: true }),
  },
  (t) => [index('nominee_comments_batch_idx').on(t.batchId, t.createdAt), index('nominee_comments_ip_idx').on(t.ip, t.createdAt)],
);

export type NomineeComment = typeof nomineeComments.$inferSelect;
