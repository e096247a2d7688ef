import { describe, expect, it } from 'vitest';
import type { Campaign, Nomination, NominationBatch } from '../../../db/schema';
import { batchProblemsOf, type BatchFacts } from '../../../src/domain/nominations/completeness';
import { councilMeetingForm, quorumMet, voteOutcome, votesNeeded } from '../../../src/domain/nominations/council';

const meeting = (over: Partial<NominationBatch> = {}) =>
  ({ councilMembership: 9, membersPresentCount: 6, quorumRule: 'two_thirds', approvalPercent: 70, approvalBase: 'membership', ...over }) as NominationBatch;

describe('the rule of the council meeting', () => {
  it('counts the quorum in whole members: 6 of 9 is 2/3, 5 of 9 is not; more than half is 5 of 9', () => {
    expect(quorumMet(meeting())).toBe(true);
    expect(quorumMet(meeting({ membersPresentCount: 5 }))).toBe(false);
    expect(quorumMet(meeting({ membersPresentCount: 5, quorumRule: 'more_than_half' }))).toBe(true);
    expect(quorumMet(meeting({ councilMembership: 8, membersPresentCount: 4, quorumRule: 'more_than_half' }))).toBe(false);
    expect(quorumMet(meeting({ membersPresentCount: 10 }))).toBe(false);
  });

  it('needs the share of votes for, rounded up, on the base the council counts on', () => {
    expect(votesNeeded(meeting())).toBe(7);
    expect(votesNeeded(meeting({ approvalBase: 'present' }))).toBe(5);
    expect(voteOutcome(meeting(), { for: 6, against: 0, abstaining: 0 })).toBe('notProposed');
    expect(voteOutcome(meeting({ approvalBase: 'present' }), { for: 5, against: 1, abstaining: 0 })).toBe('proposed');
    expect(voteOutcome(meeting({ membersPresentCount: 5 }), { for: 5, against: 0, abstaining: 0 })).toBe('notProposed');
    expect(voteOutcome(meeting(), null)).toBe('pending');
    expect(voteOutcome(meeting({ councilMembership: null }), { for: 9, against: 0, abstaining: 0 })).toBe('pending');
  });

  it('reads the form: votes from their fields, blanks as not given, digits only', () => {
    const parsed = councilMeetingForm.parse({
      proposalNumber: '12',
      councilMembership: '9',
      membersPresentCount: '',
      'votesFor.4': '7',
      'votesAgainst.4': '1',
      'votesAbstaining.4': '1',
      'votesFor.5': '',
      'votesAgainst.5': '',
      'votesAbstaining.5': '',
      'votesFor.6': '1e1',
      'votesAgainst.6': '0',
    });
    expect(parsed).toMatchObject({ councilMembership: 9, membersPresentCount: null, quorumRule: 'two_thirds', approvalPercent: 70, approvalBase: 'membership', votingMethod: null });
    expect(parsed.votes).toEqual({ 4: { for: 7, against: 1, abstaining: 1 }, 6: { for: Number.NaN, against: 0, abstaining: Number.NaN } });
  });
});

describe('the completeness of a batch', () => {
  const complete = (over: Partial<BatchFacts> = {}): BatchFacts => ({
    batch: meeting({
      proposalNumber: '12/TTr-STTTT',
      proposalDate: '2024-12-06',
      meetingDate: '2024-12-05',
      meetingPlace: 'Hạ Long',
      meetingChair: 'Bùi Thanh Hương',
      meetingSecretary: 'Đỗ Quang Huy',
      votingMethod: 'show_of_hands',
    }),
    campaign: { nominationsDueAt: new Date('2099-12-31T00:00:00Z'), requiresSignedScans: true } as Campaign,
    nominations: [{ id: 1, votesAgree: 6, votesAgainst: 0, votesAbstaining: 0 } as Nomination, { id: 2, votesAgree: 3, votesAgainst: 3, votesAbstaining: 0 } as Nomination],
    scans: [
      { document: 'proposal', nominationId: null },
      { document: 'minutes', nominationId: null },
      { document: 'report', nominationId: 1 },
    ],
    now: new Date('2024-12-07T03:00:00Z'),
    ...over,
  });

  it('finds nothing wrong with a complete batch (the report of a nominee not proposed is not asked for)', () => {
    expect(batchProblemsOf(complete({ batch: meeting({ ...complete().batch, approvalBase: 'present', approvalPercent: 100 }) }))).toEqual([]);
  });

  it('asks for the report of each nominee proposed, where the campaign requires the scans', () => {
    const facts = complete({ batch: { ...complete().batch, approvalBase: 'present', approvalPercent: 50 } });
    expect(batchProblemsOf(facts)).toEqual([{ key: 'nominations.completeness.scanMissing.report', params: { nomination: 2 } }]);
    expect(batchProblemsOf({ ...facts, campaign: { ...facts.campaign, requiresSignedScans: false } })).toEqual([]);
  });

  it('refuses the day of sending before the proposal, counted in the province’s calendar', () => {
    // 2024-12-05 23:30 UTC is already 06/12 in Vietnam: the proposal of 06/12 is not in the future.
    expect(batchProblemsOf(complete({ now: new Date('2024-12-05T23:30:00Z'), batch: { ...complete().batch, approvalBase: 'present', approvalPercent: 100 } }))).toEqual([]);
    expect(batchProblemsOf(complete({ now: new Date('2024-12-05T16:00:00Z'), batch: { ...complete().batch, approvalBase: 'present', approvalPercent: 100 } }))).toEqual([
      { key: 'nominations.completeness.future', field: 'proposalDate', params: { date: '06/12/2024' } },
    ]);
  });
});
