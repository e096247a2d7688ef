import { index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { campaigns } from './campaigns';
import { entries } from './entries';
import { users } from './users';
import { generatedId, requiredReference } from './columns';

/** A campaign's rubric: criteria whose maxima add up to 100 (DESIGN.md "Scoring"). */
export const rubricCriteria = pgTable(
  'rubric_criteria',
  {
    id: generatedId(),
    campaignId: requiredReference('campaign_id', () => campaigns.id, 'cascade'),
    position: integer().notNull(),
    name: text().notNull(),
    guidance: text().notNull().default(''),
    maxPoints: integer('max_points').notNull(),
  },
  (t) => [index('rubric_criteria_campaign_idx').on(t.campaignId, t.position)],
);

/** The scorers a coordinator picked for a campaign. */
export const panelMembers = pgTable(
  'panel_members',
  {
    campaignId: requiredReference('campaign_id', () => campaigns.id, 'cascade'),
    userId: requiredReference('user_id', () => users.id),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.userId] })],
);

/** One scorer's task on one entry, with its score (draft until submitted, then locked). */
export const assignments = pgTable(
  'assignments',
  {
    id: generatedId(),
    entryId: requiredReference('entry_id', () => entries.id, 'cascade'),
    scorerId: requiredReference('scorer_id', () => users.id),
    assignedAt: timestamp('assigned_at', { withTimezone: true }).notNull(),
    /** null while not started; 'draft' once saved; 'submitted' locks it. */
    scoreStatus: text('score_status').$type<'draft' | 'submitted'>(),
    comment: text().notNull().default(''),
    total: integer(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('assignments_entry_scorer_unique').on(t.entryId, t.scorerId),
    index('assignments_scorer_idx').on(t.scorerId),
  ],
);

export type Assignment = typeof assignments.$inferSelect;

/** Points per criterion of one assignment's score. */
export const scoreItems = pgTable(
  'score_items',
  {
    assignmentId: requiredReference('assignment_id', () => assignments.id, 'cascade'),
    criterionId: requiredReference('criterion_id', () => rubricCriteria.id, 'cascade'),
    points: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.assignmentId, t.criterionId] })],
);

/** A scorer's declared conflict of interest: that scorer is never given that entry again. */
export const declaredConflicts = pgTable(
  'declared_conflicts',
  {
    entryId: requiredReference('entry_id', () => entries.id, 'cascade'),
    scorerId: requiredReference('scorer_id', () => users.id),
    reason: text().notNull().default(''),
    declaredAt: timestamp('declared_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.entryId, t.scorerId] })],
);
