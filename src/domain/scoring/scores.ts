import { and, asc, eq } from 'drizzle-orm';
import type { Database, Queryable } from '@db/client';
import { assignments, campaigns, declaredConflicts, entries, entryAuthors, panelMembers, rubricCriteria, scoreItems, users } from '@db/schema';
import type { SessionUser } from '@/auth/session';
import { recordAudit } from '@/domain/audit/record';
import { isScoringOpen } from '@/domain/campaigns/deadlines';
import type { Context } from '@/domain/context';
import { DomainError, type Problem } from '@/domain/errors';
import { requireRoleFor } from '@/domain/permissions';
import { changeEntryStatus } from '@/domain/entries/transitions';
import { notify } from '@/domain/notifications/notifications';
import { isEligible } from './assignment';
import { assignmentRows } from './overview';

export interface ScoreInput {
  /** Points per criterion id; a criterion left empty is undefined. */
  points: Record<number, number | undefined>;
  comment: string;
}

/** A scorer's own assignment, or NOT_FOUND: nobody learns of others' assignments or scores. */
async function ownAssignment(tx: Queryable, scorer: SessionUser, assignmentId: number) {
  const [row] = await tx
    .select({ assignment: assignments, entry: { id: entries.id, status: entries.status, campaignId: entries.campaignId, title: entries.title } })
    .from(assignments)
    .innerJoin(entries, eq(entries.id, assignments.entryId))
    .where(eq(assignments.id, assignmentId))
    .for('update');
  if (!row || row.assignment.scorerId !== scorer.id) throw DomainError.notFound();
  return row;
}

/** The scorer's queue: their assignments with the entry and how far they got. */
export function scorerQueue(db: Queryable, scorerId: number) {
  return assignmentRows(db, { kind: entries.kind, scoringClosesAt: campaigns.scoringClosesAt })
    .innerJoin(campaigns, eq(campaigns.id, entries.campaignId))
    .where(eq(assignments.scorerId, scorerId))
    .orderBy(asc(assignments.scoreStatus), asc(entries.id));
}

/** Everything the scoring page shows for one assignment: the rubric and the scorer's own points. */
export async function assignmentForScoring(db: Queryable, scorer: SessionUser, assignmentId: number) {
  const { assignment, entry } = await ownAssignment(db, scorer, assignmentId);
  const [criteria, items] = await Promise.all([
    db.select().from(rubricCriteria).where(eq(rubricCriteria.campaignId, entry.campaignId)).orderBy(asc(rubricCriteria.position)),
    db.select().from(scoreItems).where(eq(scoreItems.assignmentId, assignment.id)),
  ]);
  return { assignment, entry, criteria, points: new Map(items.map((i) => [i.criterionId, i.points])) };
}

/**
 * Saves a draft or submits. A submitted score is locked until the coordinator reopens it; when the
 * entry's last score comes in, the entry moves to scored.
 */
export async function saveScore(
  db: Database,
  scorer: SessionUser,
  assignmentId: number,
  input: ScoreInput,
  intent: 'draft' | 'submit',
  { now = new Date(), ip }: Context = {},
) {
  requireRoleFor(scorer, 'scoring.save');
  return db.transaction(async (tx) => {
    const { assignment, entry } = await ownAssignment(tx, scorer, assignmentId);
    if (assignment.scoreStatus === 'submitted') {
      // The same submission sent again (a retry after an answer lost to a crash) changes nothing.
      if (intent === 'submit' && (await isSameScore(tx, assignment, input))) return { total: assignment.total ?? 0, status: 'submitted' as const };
      throw new DomainError('scoring.errors.locked', undefined, 'CONFLICT');
    }
    const [campaign] = await tx.select().from(campaigns).where(eq(campaigns.id, entry.campaignId));
    if (!isScoringOpen(campaign, now)) throw new DomainError('scoring.errors.closed', undefined, 'CONFLICT');
    const criteria = await tx.select().from(rubricCriteria).where(eq(rubricCriteria.campaignId, entry.campaignId)).orderBy(asc(rubricCriteria.position));

    const problems: Problem[] = [];
    const given: { criterionId: number; points: number }[] = [];
    for (const c of criteria) {
      const points = input.points[c.id];
      const field = `points.${c.id}`;
      if (points === undefined) {
        if (intent === 'submit') problems.push({ key: 'scoring.errors.pointsRequired', field, params: { criterion: c.name } });
      } else if (!Number.isInteger(points) || points < 0 || points > c.maxPoints) {
        problems.push({ key: 'scoring.errors.pointsRange', field, params: { criterion: c.name, max: c.maxPoints } });
      } else {
        given.push({ criterionId: c.id, points });
      }
    }
    if (problems.length) throw DomainError.of(problems);

    await tx.delete(scoreItems).where(eq(scoreItems.assignmentId, assignment.id));
    if (given.length) await tx.insert(scoreItems).values(given.map((g) => ({ ...g, assignmentId: assignment.id })));
    const total = given.reduce((sum, g) => sum + g.points, 0);
    const submitted = intent === 'submit';
    await tx
      .update(assignments)
      .set({ scoreStatus: submitted ? 'submitted' : 'draft', comment: input.comment.trim(), total, submittedAt: submitted ? now : null })
      .where(eq(assignments.id, assignment.id));
    if (!submitted) return { total, status: 'draft' as const };

    await recordAudit(tx, { action: 'score_submitted', actorId: scorer.id, ip, subjectType: 'assignment', subjectId: assignment.id, toStatus: 'submitted', at: now });
    await completeIfAllScored(tx, scorer, entry.id, campaign.scorersPerEntry, now);
    return { total, status: 'submitted' as const };
  });
}

async function isSameScore(tx: Queryable, assignment: { id: number; comment: string }, input: ScoreInput): Promise<boolean> {
  const items = await tx.select().from(scoreItems).where(eq(scoreItems.assignmentId, assignment.id));
  const given = Object.entries(input.points).filter(([, points]) => points !== undefined);
  const stored = new Map(items.map((i) => [i.criterionId, i.points]));
  return given.length === items.length && given.every(([id, points]) => stored.get(Number(id)) === points) && input.comment.trim() === assignment.comment;
}

/** in_review → scored once every assigned scorer has submitted and there are enough of them. */
async function completeIfAllScored(tx: Queryable, scorer: SessionUser, entryId: number, scorersPerEntry: number, now: Date) {
  const rows = await tx.select({ status: assignments.scoreStatus }).from(assignments).where(eq(assignments.entryId, entryId));
  const done = rows.length >= scorersPerEntry && rows.every((r) => r.status === 'submitted');
  const [entry] = await tx.select({ status: entries.status }).from(entries).where(eq(entries.id, entryId));
  if (!done || entry.status !== 'in_review') return;
  // The panel, not one scorer, finishes the entry: no actor, so authors do not learn who scored.
  await changeEntryStatus(tx, scorer, entryId, 'complete', { now, anonymous: true });
}

/** The coordinator unlocks a submitted score, with a reason; a scored entry goes back to in_review. */
export async function reopenScore(db: Database, coordinator: SessionUser, assignmentId: number, reason: string, { now = new Date(), ip }: Context = {}) {
  requireRoleFor(coordinator, 'scoring.reopen');
  const why = reason.trim();
  if (why.length < 5) throw new DomainError('scoring.errors.reasonRequired', 'reason');
  await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ assignment: assignments, entryStatus: entries.status })
      .from(assignments)
      .innerJoin(entries, eq(entries.id, assignments.entryId))
      .where(eq(assignments.id, assignmentId))
      .for('update');
    if (!row) throw DomainError.notFound();
    if (row.assignment.scoreStatus !== 'submitted') throw new DomainError('scoring.errors.notSubmitted', undefined, 'CONFLICT');
    if (row.entryStatus === 'shortlisted') throw new DomainError('scoring.errors.shortlisted', undefined, 'CONFLICT');
    // A decision rests on the scores of an awarded (or not awarded) entry: they stay as they are.
    if (row.entryStatus === 'awarded' || row.entryStatus === 'not_awarded') throw new DomainError('scoring.errors.decided', undefined, 'CONFLICT');
    await tx.update(assignments).set({ scoreStatus: 'draft', submittedAt: null }).where(eq(assignments.id, assignmentId));
    await recordAudit(tx, { action: 'score_reopened', actorId: coordinator.id, ip, subjectType: 'assignment', subjectId: assignmentId, fromStatus: 'submitted', toStatus: 'draft', reason: why, at: now });
    if (row.entryStatus === 'scored') await changeEntryStatus(tx, coordinator, row.assignment.entryId, 'reopen', { now, ip });
    await notify(tx, [row.assignment.scorerId], 'scoring.notices.reopened', { reason: why }, `/app/scoring/${assignmentId}`);
  });
}

/** A scorer declares a conflict of interest: the assignment is freed and never given back to them. */
export async function declareConflict(db: Database, scorer: SessionUser, assignmentId: number, reason: string, { now = new Date(), ip }: Context = {}) {
  requireRoleFor(scorer, 'scoring.declareConflict');
  await db.transaction(async (tx) => {
    const { assignment, entry } = await ownAssignment(tx, scorer, assignmentId);
    if (assignment.scoreStatus === 'submitted') throw new DomainError('scoring.errors.locked', undefined, 'CONFLICT');
    await tx.delete(assignments).where(eq(assignments.id, assignment.id));
    await tx.insert(declaredConflicts).values({ entryId: entry.id, scorerId: scorer.id, reason: reason.trim(), declaredAt: now }).onConflictDoNothing();
    await recordAudit(tx, { action: 'conflict_declared', actorId: scorer.id, ip, subjectType: 'assignment', subjectId: assignment.id, reason: reason.trim() || undefined, details: { entryId: entry.id }, at: now });
    const coordinators = await tx.select({ id: users.id }).from(users).where(and(eq(users.role, 'coordinator'), eq(users.active, true)));
    await notify(tx, coordinators.map((c) => c.id), 'scoring.notices.conflict', { title: entry.title }, '/app/scoring');
  });
}

/** The coordinator moves an unsubmitted assignment to another panel scorer; conflicts are still refused. */
export async function reassign(db: Database, coordinator: SessionUser, assignmentId: number, scorerId: number, { now = new Date(), ip }: Context = {}) {
  requireRoleFor(coordinator, 'scoring.reassign');
  await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ assignment: assignments, entry: entries })
      .from(assignments)
      .innerJoin(entries, eq(entries.id, assignments.entryId))
      .where(eq(assignments.id, assignmentId))
      .for('update');
    if (!row) throw DomainError.notFound();
    if (row.assignment.scoreStatus === 'submitted') throw new DomainError('scoring.errors.locked', undefined, 'CONFLICT');
    const [candidate] = await tx
      .select({ id: users.id, organisationId: users.organisationId })
      .from(panelMembers)
      .innerJoin(users, eq(users.id, panelMembers.userId))
      .where(and(eq(panelMembers.campaignId, row.entry.campaignId), eq(users.id, scorerId), eq(users.active, true)));
    if (!candidate) throw new DomainError('scoring.errors.notOnPanel', 'scorerId');
    const [authors, assigned, declined] = await Promise.all([
      tx.select({ id: entryAuthors.userId }).from(entryAuthors).where(eq(entryAuthors.entryId, row.entry.id)),
      tx.select({ id: assignments.scorerId }).from(assignments).where(eq(assignments.entryId, row.entry.id)),
      tx.select({ id: declaredConflicts.scorerId }).from(declaredConflicts).where(eq(declaredConflicts.entryId, row.entry.id)),
    ]);
    const facts = {
      id: row.entry.id,
      organisationId: row.entry.organisationId,
      authorUserIds: authors.flatMap((a) => (a.id ? [a.id] : [])),
      assignedScorerIds: assigned.map((a) => a.id),
      declinedScorerIds: declined.map((d) => d.id),
    };
    if (!isEligible(candidate, facts)) throw new DomainError('scoring.errors.conflict', 'scorerId');
    await tx.delete(scoreItems).where(eq(scoreItems.assignmentId, assignmentId));
    await tx
      .update(assignments)
      .set({ scorerId, assignedAt: now, scoreStatus: null, total: null, comment: '', submittedAt: null })
      .where(eq(assignments.id, assignmentId));
    await recordAudit(tx, {
      action: 'assignment_moved',
      actorId: coordinator.id,
      ip,
      subjectType: 'assignment',
      subjectId: assignmentId,
      details: { from: row.assignment.scorerId, to: scorerId, entryId: row.entry.id },
      at: now,
    });
    await notify(tx, [scorerId], 'scoring.notices.assigned', { count: 1 }, '/app/scoring');
  });
}
