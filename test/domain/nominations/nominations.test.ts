import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog, awardDecisions, entries, nominationBatches, nominationEntries, nominations, notifications, type Campaign } from '../../../db/schema';
import {
  addToBatch,
  approveNomination,
  createBatch,
  decideInHouse,
  rejectNomination,
  resendNomination,
  returnForSupplement,
  sendBatch,
  startAppraisal,
  updateBatchDetails,
} from '../../../src/domain/nominations/decisions';
import { createNomination, type NominationInput, updateNomination } from '../../../src/domain/nominations/nominations';
import { vietnamDay } from '../../../src/domain/campaigns/campaigns';
import { unshortlistEntry } from '../../../src/domain/scoring/shortlist';
import { actorFor } from '../../support/accounts';
import { demoCampaign } from '../../support/campaigns';
import { useTestDatabase } from '../../support/database';
import { createEntry } from '../../support/entries';
import { collectiveNomination, completeMeeting, individualNomination, recordMeeting } from '../../support/nominations';
import { refusal } from '../../support/refusal';

/** A decision is dated today at the latest, and not before its batch was sent (now). */
const today = vietnamDay(new Date());
const handle = useTestDatabase();
let campaign: Campaign;
beforeAll(async () => {
  campaign = await demoCampaign(handle.db);
});


const statusOf = async (id: number) => (await handle.db.select().from(nominations).where(eq(nominations.id, id)))[0].status;

describe('creating nominations', () => {
  it('refuses what the plan does not allow, all reasons at once', async () => {
    const coordinator = await actorFor(handle.db, 'coordinator@demo.vn');
    const draft = await createEntry(handle.db, 'journalist@demo.vn', { status: 'scored' });
    const other = await actorFor(handle.db, 'journalist2@demo.vn');
    const error = await refusal(
      createNomination(handle.db, coordinator, {
        campaignId: campaign.id,
        nominee: { type: 'individual', userId: other.id },
        awardForm: 'provincial_certificate',
        entryIds: [draft.id],
        achievementSummary: ' ',
        eligibilityDeclared: false,
      }),
    );
    expect(error.problems.map((p) => p.key)).toEqual([
      'nominations.errors.notShortlisted',
      'nominations.errors.notAuthor',
      'nominations.errors.missing',
      'nominations.errors.eligibility',
    ]);
    const scorer = await actorFor(handle.db, 'scorer1@demo.vn');
    expect((await refusal(createNomination(handle.db, scorer, await individualNomination(handle.db, 'journalist@demo.vn')))).code).toBe('FORBIDDEN');
  });

  it('one achievement, one award: the refusal names the nomination that already uses the entry', async () => {
    const coordinator = await actorFor(handle.db, 'coordinator@demo.vn');
    const input = await individualNomination(handle.db, 'journalist@demo.vn');
    const { id } = await createNomination(handle.db, coordinator, input);
    const again = await refusal(createNomination(handle.db, coordinator, { ...input, awardForm: 'department_certificate' }));
    expect(again.problems[0]).toEqual({ key: 'nominations.errors.alreadyNominated', field: 'entryIds', params: { nomination: id, nominee: 'Trần Thị Thu Hà' } });
    // and the entry can no longer leave the shortlist
    expect((await refusal(unshortlistEntry(handle.db, coordinator, input.entryIds[0]))).key).toBe('nominations.errors.entryNominated');
  });

  it('holds a collective nominee for a Bằng khen to the plan’s criteria', async () => {
    const coordinator = await actorFor(handle.db, 'coordinator@demo.vn');
    const met = await collectiveNomination(handle.db, 'outlet@demo.vn');
    const rated = (parIndexRating: 'average' | 'fair'): NominationInput => ({ ...met, collectiveCriteria: { ...met.collectiveCriteria!, parIndexRating } });
    expect((await refusal(createNomination(handle.db, coordinator, rated('average')))).key).toBe('nominations.errors.criteria');
    const ok = await createNomination(handle.db, coordinator, rated('fair'));
    expect(await statusOf(ok.id)).toBe('draft');
  });
});

describe('the hand-over to Home Affairs', () => {
  it('send, return for supplement, edit, resend, approve; outlet and authors are told', async () => {
    const coordinator = await actorFor(handle.db, 'coordinator@demo.vn');
    const appraiser = await actorFor(handle.db, 'appraiser@demo.vn');
    const journalist = await actorFor(handle.db, 'journalist@demo.vn');
    const input = await individualNomination(handle.db, 'journalist@demo.vn');
    const { id } = await createNomination(handle.db, coordinator, input);
    const batch = await createBatch(handle.db, coordinator, campaign.id, 'Đợt trình tháng 11/2024');
    expect((await refusal(sendBatch(handle.db, coordinator, batch.id))).problems.map((p) => p.key)).toContain('nominations.errors.batchEmpty');
    await addToBatch(handle.db, coordinator, batch.id, [id]);
    await recordMeeting(handle.db, coordinator, batch.id, [id]);
    // a second after the campaign's nominations deadline, the batch is refused and stays a draft
    const late = await refusal(sendBatch(handle.db, coordinator, batch.id, { now: new Date(campaign.nominationsDueAt.getTime() + 1000) }));
    expect(late.problems).toEqual([{ key: 'nominations.errors.nominationsClosed', params: { date: '31/10/2027' } }]);
    expect(await statusOf(id)).toBe('draft');
    await sendBatch(handle.db, coordinator, batch.id);
    expect(await statusOf(id)).toBe('sent');
    const [sent] = await handle.db.select().from(nominationBatches).where(eq(nominationBatches.id, batch.id));
    expect(sent.status).toBe('sent');
    // read-only for the coordinator once sent
    expect((await refusal(sendBatch(handle.db, coordinator, batch.id))).key).toBe('nominations.errors.batchSent');
    expect((await refusal(addToBatch(handle.db, coordinator, batch.id, [id]))).key).toBe('nominations.errors.batchSent');
    expect((await refusal(updateNomination(handle.db, coordinator, id, input))).key).toBe('nominations.errors.notEditable');
    // only Home Affairs appraises
    expect((await refusal(startAppraisal(handle.db, coordinator, id))).code).toBe('FORBIDDEN');

    await startAppraisal(handle.db, appraiser, id);
    expect((await refusal(returnForSupplement(handle.db, appraiser, id, 'x'))).key).toBe('nominations.errors.reasonRequired');
    await returnForSupplement(handle.db, appraiser, id, 'Bổ sung báo cáo thành tích có xác nhận.');
    expect(await statusOf(id)).toBe('returned');
    await updateNomination(handle.db, coordinator, id, { ...input, achievementSummary: 'Báo cáo thành tích đã bổ sung xác nhận.' });
    await resendNomination(handle.db, coordinator, id);
    expect(await statusOf(id)).toBe('sent');

    expect((await refusal(approveNomination(handle.db, appraiser, id, { number: '', date: today }))).key).toBe('nominations.errors.decisionNumber');
    expect((await refusal(approveNomination(handle.db, appraiser, id, { number: '1234/QĐ-SNV', date: today }))).key).toBe('nominations.errors.decisionNumber');
    await approveNomination(handle.db, appraiser, id, { number: '3456/QĐ-UBND', date: today });
    const [approved] = await handle.db.select().from(nominations).where(eq(nominations.id, id));
    expect(approved).toMatchObject({ status: 'approved', decisionNumber: '3456/QĐ-UBND', decisionDate: today });
    const told = await handle.db.select().from(notifications).where(and(eq(notifications.userId, journalist.id), eq(notifications.messageKey, 'nominations.notices.approved')));
    expect(told).toHaveLength(1);
    const steps = await handle.db.select({ action: auditLog.action }).from(auditLog).where(and(eq(auditLog.subjectType, 'nomination'), eq(auditLog.subjectId, String(id))));
    expect(steps.map((s) => s.action)).toEqual([
      'nomination_created',
      'nomination_sent',
      'nomination_appraisal_started',
      'nomination_returned',
      'nomination_updated',
      'nomination_sent',
      'nomination_approved',
    ]);
    // a decided nomination is final
    expect((await refusal(rejectNomination(handle.db, appraiser, id, 'Đổi ý kiến'))).key).toBe('nominations.errors.wrongStatus');
  });

  it('a rejection needs a reason; Giấy khen never goes to Home Affairs and is decided in-house', async () => {
    const coordinator = await actorFor(handle.db, 'coordinator@demo.vn');
    const appraiser = await actorFor(handle.db, 'appraiser@demo.vn');
    const bk = await createNomination(handle.db, coordinator, await individualNomination(handle.db, 'journalist@demo.vn'));
    const gk = await createNomination(handle.db, coordinator, await individualNomination(handle.db, 'journalist@demo.vn', { awardForm: 'department_certificate' }));
    const batch = await createBatch(handle.db, coordinator, campaign.id, 'Đợt trình bổ sung');
    expect((await refusal(addToBatch(handle.db, coordinator, batch.id, [gk.id]))).key).toBe('nominations.errors.notForBatch');
    await addToBatch(handle.db, coordinator, batch.id, [bk.id]);
    await recordMeeting(handle.db, coordinator, batch.id, [bk.id]);
    await sendBatch(handle.db, coordinator, batch.id);
    await rejectNomination(handle.db, appraiser, bk.id, 'Thành tích chưa tiêu biểu ở cấp tỉnh.');
    expect(await statusOf(bk.id)).toBe('rejected');
    expect((await refusal(decideInHouse(handle.db, coordinator, bk.id, { number: '12/QĐ-STTTT', date: '2024-12-01' }))).key).toBe('nominations.errors.notInHouse');
    const tomorrow = vietnamDay(new Date(Date.now() + 86_400_000));
    const future = await refusal(decideInHouse(handle.db, coordinator, gk.id, { number: '12/QĐ-STTTT', date: tomorrow }));
    expect(future.problems).toEqual([{ field: 'decisionDate', key: 'nominations.errors.decisionInFuture' }]);
    expect((await refusal(decideInHouse(handle.db, coordinator, gk.id, { number: '12/2024', date: '2024-12-01' }))).key).toBe('nominations.errors.inHouseDecisionNumber');
    await decideInHouse(handle.db, coordinator, gk.id, { number: '12/QĐ-STTTT', date: '2024-12-01' });
    expect(await statusOf(gk.id)).toBe('approved');
    // The outcome reached the entries: awarded for the decided one, not awarded for the rejected one.
    const entryStatus = async (nominationId: number) =>
      (await handle.db.select({ status: entries.status }).from(entries).innerJoin(nominationEntries, eq(nominationEntries.entryId, entries.id)).where(eq(nominationEntries.nominationId, nominationId)))[0].status;
    expect(await entryStatus(gk.id)).toBe('awarded');
    expect(await entryStatus(bk.id)).toBe('not_awarded');
    const [decided] = await handle.db.select().from(nominations).where(eq(nominations.id, gk.id));
    const [decision] = await handle.db.select().from(awardDecisions).where(eq(awardDecisions.id, decided.decisionId!));
    expect(decision).toMatchObject({ authorityOrganisationId: campaign.presidingOrganisationId, year: 2024, number: '12/QĐ-STTTT', decidedOn: '2024-12-01' });
  });
});

describe('the council meeting', () => {
  it('records the vote for its own nominations only, and refuses votes that do not fit the meeting and sent batches', async () => {
    const coordinator = await actorFor(handle.db, 'coordinator@demo.vn');
    const mine = await createNomination(handle.db, coordinator, await individualNomination(handle.db, 'journalist@demo.vn'));
    const other = await createNomination(handle.db, coordinator, await individualNomination(handle.db, 'journalist@demo.vn'));
    const batch = await createBatch(handle.db, coordinator, campaign.id, 'Đợt có biểu quyết');
    await addToBatch(handle.db, coordinator, batch.id, [mine.id]);
    // 3 members present cannot cast 9 votes for; more present than members; a meeting after the letter
    const bad = await refusal(
      updateBatchDetails(handle.db, coordinator, batch.id, completeMeeting([], { councilMembership: 2, membersPresentCount: 3, meetingDate: '2024-12-07', votes: { [mine.id]: { for: 9, against: 0, abstaining: 0 } } })),
    );
    expect(bad.problems).toEqual([
      { key: 'nominations.council.errors.presentOverMembership', field: 'membersPresentCount', params: { present: 3, members: 2 } },
      { key: 'nominations.council.errors.meetingAfterProposal', field: 'meetingDate' },
      { key: 'nominations.council.errors.votes', field: `votes.${mine.id}`, params: { present: 3 } },
    ]);
    await updateBatchDetails(handle.db, coordinator, batch.id, completeMeeting([], { membersPresent: '', votes: { [mine.id]: { for: 6, against: 2, abstaining: 1 }, [other.id]: { for: 1, against: 8, abstaining: 0 } } }));
    const rows = await handle.db.select().from(nominations).where(eq(nominations.campaignId, campaign.id));
    expect(rows.find((r) => r.id === mine.id)).toMatchObject({ votesAgree: 6, votesAgainst: 2, votesAbstaining: 1 });
    expect(rows.find((r) => r.id === other.id)).toMatchObject({ votesAgree: null, votesAgainst: null, votesAbstaining: null });
    const [saved] = await handle.db.select().from(nominationBatches).where(eq(nominationBatches.id, batch.id));
    expect(saved).toMatchObject({ proposalNumber: '125/TTr-STTTT', meetingChair: 'Bùi Thanh Hương', councilMembership: 11, membersPresentCount: 9, votingMethod: 'secret_ballot', membersPresent: null });
    // 6 of 11 is below 70% of the council: nothing carried, the batch cannot leave
    expect((await refusal(sendBatch(handle.db, coordinator, batch.id))).problems).toEqual([{ key: 'nominations.completeness.noneCarried', params: { needed: 8 } }]);
    await recordMeeting(handle.db, coordinator, batch.id, [mine.id]);
    await sendBatch(handle.db, coordinator, batch.id);
    expect((await refusal(updateBatchDetails(handle.db, coordinator, batch.id, completeMeeting([])))).key).toBe('nominations.errors.batchSent');
  });

  it('sends only the nominees the vote carried; the others stay drafts in the batch', async () => {
    const coordinator = await actorFor(handle.db, 'coordinator@demo.vn');
    const carried = await createNomination(handle.db, coordinator, await individualNomination(handle.db, 'journalist@demo.vn'));
    const below = await createNomination(handle.db, coordinator, await individualNomination(handle.db, 'journalist@demo.vn'));
    const batch = await createBatch(handle.db, coordinator, campaign.id, 'Đợt có đối tượng không đạt');
    await addToBatch(handle.db, coordinator, batch.id, [carried.id, below.id]);
    await recordMeeting(handle.db, coordinator, batch.id, [carried.id], { votes: { [carried.id]: { for: 8, against: 1, abstaining: 0 }, [below.id]: { for: 7, against: 1, abstaining: 1 } } });
    await sendBatch(handle.db, coordinator, batch.id);
    expect(await statusOf(carried.id)).toBe('sent');
    expect(await statusOf(below.id)).toBe('draft');
  });
});
