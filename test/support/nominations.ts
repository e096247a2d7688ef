import type { Database, Queryable } from '../../db/client';
import type { SessionUser } from '../../src/auth/session';
import type { CouncilMeeting } from '../../src/domain/nominations/council';
import { updateBatchDetails } from '../../src/domain/nominations/decisions';
import type { NominationInput } from '../../src/domain/nominations/nominations';
import { actorFor } from './accounts';
import { createEntry } from './entries';

/**
 * What the coordinator's form sends to nominate the author `email` for a new shortlisted entry of
 * theirs (in the demo campaign), with `overrides` on top.
 */
export async function individualNomination(db: Queryable, email: string, overrides: Partial<NominationInput> = {}): Promise<NominationInput> {
  const author = await actorFor(db, email);
  const entry = await createEntry(db, email, { status: 'shortlisted' });
  return {
    campaignId: entry.campaignId,
    nominee: { type: 'individual', userId: author.id },
    awardForm: 'provincial_certificate',
    entryIds: [entry.id],
    achievementSummary: 'Có loạt bài tuyên truyền CCHC hiệu quả.',
    eligibilityDeclared: true,
    ...overrides,
  };
}

/**
 * A complete council meeting (council.ts) for the nominations `ids`, each carried 9 for of 9
 * present in a council of 11; `overrides` on top. Dated in 2024, before any test's "now".
 */
export function completeMeeting(ids: number[], overrides: Partial<CouncilMeeting> = {}): CouncilMeeting {
  return {
    proposalNumber: '125/TTr-STTTT',
    proposalDate: '2024-12-06',
    meetingDate: '2024-12-05',
    meetingPlace: 'Phòng họp Sở Thông tin và Truyền thông',
    meetingChair: 'Bùi Thanh Hương',
    meetingSecretary: 'Đỗ Quang Huy',
    councilMembership: 11,
    membersPresentCount: 9,
    membersPresent: 'Bùi Thanh Hương\nHoàng Minh Tuấn',
    quorumRule: 'two_thirds',
    approvalPercent: 70,
    approvalBase: 'membership',
    votingMethod: 'secret_ballot',
    votes: Object.fromEntries(ids.map((id) => [id, { for: 9, against: 0, abstaining: 0 }])),
    ...overrides,
  };
}

/** Records a complete meeting for the batch's nominations `ids`, so the batch can be sent. */
export async function recordMeeting(db: Database, coordinator: SessionUser, batchId: number, ids: number[], overrides: Partial<CouncilMeeting> = {}) {
  await updateBatchDetails(db, coordinator, batchId, completeMeeting(ids, overrides));
}

/** The same meeting as the batch page's form fields (votesFor.<id> …), for HTTP tests. */
export function meetingForm(batchId: number | string, ids: (number | string)[], overrides: Record<string, string> = {}): Record<string, string> {
  const { votes: _none, ...meeting } = completeMeeting([]);
  const fields = Object.fromEntries(Object.entries(meeting).map(([name, value]) => [name, String(value ?? '')]));
  const votes = Object.fromEntries(ids.flatMap((id) => [[`votesFor.${id}`, '9'], [`votesAgainst.${id}`, '0'], [`votesAbstaining.${id}`, '0']]));
  return { batchId: String(batchId), ...fields, ...votes, ...overrides };
}
