import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { assignments, auditLog, entries, notifications, type Campaign } from '../../../db/schema';
import { assignEntries } from '../../../src/domain/scoring/assign';
import { setPanel } from '../../../src/domain/scoring/panel';
import { defaultRubric, isRubricFrozen, rubricFor, updateRubric } from '../../../src/domain/scoring/rubric';
import { assignmentForScoring, declareConflict, reassign, reopenScore, saveScore } from '../../../src/domain/scoring/scores';
import { pickFromRanking, shortlistEntries, unshortlistEntry } from '../../../src/domain/scoring/shortlist';
import { actorFor } from '../../support/accounts';
import { demoCampaign } from '../../support/campaigns';
import { useTestDatabase } from '../../support/database';
import { createEntry } from '../../support/entries';
import { refusal } from '../../support/refusal';

const handle = useTestDatabase();
let campaign: Campaign;
beforeAll(async () => {
  campaign = await demoCampaign(handle.db);
});


async function statusOf(entryId: number) {
  const [row] = await handle.db.select({ status: entries.status }).from(entries).where(eq(entries.id, entryId));
  return row.status;
}

async function scorers() {
  return Promise.all(['scorer1@demo.vn', 'scorer2@demo.vn', 'scorer3@demo.vn'].map((e) => actorFor(handle.db, e)));
}

/** Full marks minus `off` on the first criterion. */
async function fullScore(assignmentId: number, scorerEmail: string, off = 0) {
  const scorer = await actorFor(handle.db, scorerEmail);
  const { criteria } = await assignmentForScoring(handle.db, scorer, assignmentId);
  const points = Object.fromEntries(criteria.map((c, i) => [c.id, i === 0 ? c.maxPoints - off : c.maxPoints]));
  return saveScore(handle.db, scorer, assignmentId, { points, comment: 'Tác phẩm tốt.' }, 'submit');
}

describe('the rubric', () => {
  it('starts as the default, maxima adding up to 100', async () => {
    const rubric = await rubricFor(handle.db, campaign.id);
    expect(rubric.map((c) => c.maxPoints)).toEqual([30, 25, 20, 15, 10]);
    expect(rubric.map((c) => c.name)).toEqual(defaultRubric.map((c) => c.name));
  });

  it('refuses maxima that do not add up to 100, and edits by a non-coordinator', async () => {
    const coordinator = await actorFor(handle.db, 'coordinator@demo.vn');
    const error = await refusal(updateRubric(handle.db, coordinator, campaign.id, [{ name: 'Một', guidance: '', maxPoints: 60 }, { name: 'Hai', guidance: '', maxPoints: 30 }]));
    expect(error.problems).toEqual([{ key: 'scoring.errors.rubricSum', params: { sum: 90, total: 100 } }]);
    const scorer = await actorFor(handle.db, 'scorer1@demo.vn');
    expect((await refusal(updateRubric(handle.db, scorer, campaign.id, defaultRubric))).code).toBe('FORBIDDEN');
    // a valid edit goes through while nothing is scored
    await updateRubric(handle.db, coordinator, campaign.id, defaultRubric.map((c, i) => (i === 0 ? { ...c, guidance: 'Hướng dẫn mới' } : c)));
    expect((await rubricFor(handle.db, campaign.id))[0].guidance).toBe('Hướng dẫn mới');
  });
});

describe('panel, assignment, scoring, shortlist', () => {
  it('runs from confirmed entries to a shortlisted one', async () => {
    const coordinator = await actorFor(handle.db, 'coordinator@demo.vn');
    const [s1, s2, s3] = await scorers();
    await setPanel(handle.db, coordinator, campaign.id, [s1.id, s2.id, s3.id]);
    const journalist = await createEntry(handle.db, 'journalist@demo.vn', { status: 'confirmed', title: 'Phóng sự được chấm' });
    const draft = await createEntry(handle.db, 'journalist@demo.vn', { status: 'draft' });

    const run = await assignEntries(handle.db, coordinator, campaign.id);
    expect(run.added).toBe(3);
    expect(run.short).toEqual([]);
    expect(await statusOf(journalist.id)).toBe('in_review');
    expect(await statusOf(draft.id)).toBe('draft');
    const rows = await handle.db.select().from(assignments).where(eq(assignments.entryId, journalist.id));
    expect(rows.map((r) => r.scorerId).sort()).toEqual([s1.id, s2.id, s3.id].sort());
    const notices = await handle.db.select().from(notifications).where(and(eq(notifications.userId, s1.id), eq(notifications.messageKey, 'scoring.notices.assigned')));
    expect(notices.length).toBeGreaterThan(0);
    // running it again adds nothing
    expect((await assignEntries(handle.db, coordinator, campaign.id)).added).toBe(0);

    const own = (email: string) => rows.find((r) => r.scorerId === [s1, s2, s3].find((s) => s.email === email)!.id)!.id;
    // a scorer cannot touch someone else's assignment, and it looks as if it did not exist
    expect((await refusal(assignmentForScoring(handle.db, s1, own('scorer2@demo.vn')))).code).toBe('NOT_FOUND');

    // points above a criterion's maximum are refused, naming the criterion
    const { criteria } = await assignmentForScoring(handle.db, s1, own('scorer1@demo.vn'));
    const tooMuch = await refusal(saveScore(handle.db, s1, own('scorer1@demo.vn'), { points: { [criteria[0].id]: 31 }, comment: '' }, 'draft'));
    expect(tooMuch.problems[0]).toMatchObject({ key: 'scoring.errors.pointsRange', field: `points.${criteria[0].id}`, params: { max: 30 } });
    // submitting needs every criterion
    const missing = await refusal(saveScore(handle.db, s1, own('scorer1@demo.vn'), { points: { [criteria[0].id]: 20 }, comment: '' }, 'submit'));
    expect(missing.problems.map((p) => p.key)).toEqual(Array(4).fill('scoring.errors.pointsRequired'));
    // a draft saves and can change
    expect(await saveScore(handle.db, s1, own('scorer1@demo.vn'), { points: { [criteria[0].id]: 20 }, comment: 'nháp' }, 'draft')).toEqual({ total: 20, status: 'draft' });

    await fullScore(own('scorer1@demo.vn'), 'scorer1@demo.vn', 5);
    expect(await isRubricFrozen(handle.db, campaign.id)).toBe(true);
    expect((await refusal(updateRubric(handle.db, coordinator, campaign.id, defaultRubric))).key).toBe('scoring.errors.rubricFrozen');
    // submitted means locked
    expect((await refusal(fullScore(own('scorer1@demo.vn'), 'scorer1@demo.vn'))).key).toBe('scoring.errors.locked');
    // the same submission sent again (its answer lost to a crash) is not a second score
    expect(await fullScore(own('scorer1@demo.vn'), 'scorer1@demo.vn', 5)).toEqual({ total: 95, status: 'submitted' });
    const submittedRows = await handle.db.select().from(auditLog).where(and(eq(auditLog.action, 'score_submitted'), eq(auditLog.subjectId, String(own('scorer1@demo.vn')))));
    expect(submittedRows).toHaveLength(1);
    await fullScore(own('scorer2@demo.vn'), 'scorer2@demo.vn', 10);
    expect(await statusOf(journalist.id)).toBe('in_review');
    await fullScore(own('scorer3@demo.vn'), 'scorer3@demo.vn');
    expect(await statusOf(journalist.id)).toBe('scored');
    const [complete] = await handle.db.select().from(auditLog).where(and(eq(auditLog.action, 'entry_scored'), eq(auditLog.subjectId, String(journalist.id))));
    expect(complete).toMatchObject({ fromStatus: 'in_review', toStatus: 'scored', actorId: null });

    // reopening needs a reason, sends the entry back to in_review, and unlocks the score
    expect((await refusal(reopenScore(handle.db, coordinator, own('scorer2@demo.vn'), ''))).key).toBe('scoring.errors.reasonRequired');
    await reopenScore(handle.db, coordinator, own('scorer2@demo.vn'), 'Điểm tiêu chí 1 chưa khớp nhận xét.');
    expect(await statusOf(journalist.id)).toBe('in_review');
    await fullScore(own('scorer2@demo.vn'), 'scorer2@demo.vn', 2);
    expect(await statusOf(journalist.id)).toBe('scored');

    await shortlistEntries(handle.db, coordinator, campaign.id, [journalist.id, draft.id]).then((r) => expect(r).toEqual({ shortlisted: [journalist.id], skipped: [draft.id] }));
    expect(await statusOf(journalist.id)).toBe('shortlisted');
    expect((await refusal(reopenScore(handle.db, coordinator, own('scorer3@demo.vn'), 'Muốn chấm lại'))).key).toBe('scoring.errors.shortlisted');
    await unshortlistEntry(handle.db, coordinator, journalist.id);
    expect(await statusOf(journalist.id)).toBe('scored');
    // once a decision rests on them, the scores stay as they are
    await handle.db.update(entries).set({ status: 'awarded' }).where(eq(entries.id, journalist.id));
    expect((await refusal(reopenScore(handle.db, coordinator, own('scorer3@demo.vn'), 'Muốn chấm lại'))).key).toBe('scoring.errors.decided');
    await handle.db.update(entries).set({ status: 'scored' }).where(eq(entries.id, journalist.id));
  });

  it('frees an assignment on a declared conflict and never gives it back to that scorer', async () => {
    const coordinator = await actorFor(handle.db, 'coordinator@demo.vn');
    const [s1, s2, s3] = await scorers();
    const entry = await createEntry(handle.db, 'journalist2@demo.vn', { status: 'confirmed' });
    await assignEntries(handle.db, coordinator, campaign.id);
    const [mine] = await handle.db.select().from(assignments).where(and(eq(assignments.entryId, entry.id), eq(assignments.scorerId, s1.id)));
    await declareConflict(handle.db, s1, mine.id, 'Tác giả là người thân');
    expect(await handle.db.select().from(assignments).where(and(eq(assignments.entryId, entry.id), eq(assignments.scorerId, s1.id)))).toEqual([]);
    // with only three on the panel, nobody eligible is left for the third place
    const rerun = await assignEntries(handle.db, coordinator, campaign.id);
    expect(rerun.short).toEqual([{ entryId: entry.id, title: entry.title, missing: 1 }]);
    // reassigning to the declared scorer is refused; to someone already on it too
    const [other] = await handle.db.select().from(assignments).where(and(eq(assignments.entryId, entry.id), eq(assignments.scorerId, s2.id)));
    expect((await refusal(reassign(handle.db, coordinator, other.id, s1.id))).key).toBe('scoring.errors.conflict');
    expect((await refusal(reassign(handle.db, coordinator, other.id, s3.id))).key).toBe('scoring.errors.conflict');
  });

  it('never assigns a scorer of the entry’s own organisation', async () => {
    const coordinator = await actorFor(handle.db, 'coordinator@demo.vn');
    const s2 = await actorFor(handle.db, 'scorer2@demo.vn'); // Media Centre
    // an entry by the Media Centre's own newsroom
    const entry = await createEntry(handle.db, 'journalist@demo.vn', { status: 'confirmed', organisationId: s2.organisationId });
    await assignEntries(handle.db, coordinator, campaign.id);
    const rows = await handle.db.select().from(assignments).where(eq(assignments.entryId, entry.id));
    expect(rows.map((r) => r.scorerId)).not.toContain(s2.id);
    expect(rows).toHaveLength(2);
  });
});

describe('picking from a ranking', () => {
  const ranking = [
    { entryId: 1, score: 91, status: 'shortlisted' },
    { entryId: 2, score: 88, status: 'scored' },
    { entryId: 3, score: 80, status: 'scored' },
    { entryId: 4, score: 70, status: 'in_review' },
    { entryId: 5, score: 65, status: 'scored' },
  ];
  it('takes the scored ones among the top N, or at or above a score', () => {
    expect(pickFromRanking(ranking, { top: 3 })).toEqual([2, 3]);
    expect(pickFromRanking(ranking, { atLeast: 80 })).toEqual([2, 3]);
    expect(pickFromRanking(ranking, { atLeast: 65 })).toEqual([2, 3, 5]);
    expect(pickFromRanking(ranking, { top: 0 })).toEqual([]);
  });
});
