import { and, eq } from 'drizzle-orm';
import type { Database, Queryable } from '../../db/client';
import { awardDecisions, campaigns, entries, nominationEntries, nominations, type AwardForm, type Entry } from '../../db/schema';
import { awardLine } from '../../src/domain/nominations/outcomes';
import type { SessionUser } from '../../src/auth/session';
import type { CouncilMeeting } from '../../src/domain/nominations/council';
import { updateBatchDetails } from '../../src/domain/nominations/decisions';
import type { NominationInput } from '../../src/domain/nominations/nominations';
import { actorFor } from './accounts';
import { createEntry } from './entries';

/** What the coordinator's form sends for `nominee` backed by `entry`, with `overrides` on top. */
function nominationOf(entry: Entry, nominee: NominationInput['nominee'], overrides: Partial<NominationInput> & Pick<NominationInput, 'achievementSummary'>): NominationInput {
  return { campaignId: entry.campaignId, nominee, awardForm: 'provincial_certificate', entryIds: [entry.id], eligibilityDeclared: true, ...overrides };
}

/**
 * What the coordinator's form sends to nominate the author `email` for a new shortlisted entry of
 * theirs (in the demo campaign), with `overrides` on top.
 */
export async function individualNomination(db: Queryable, email: string, overrides: Partial<NominationInput> = {}): Promise<NominationInput> {
  const author = await actorFor(db, email);
  const entry = await createEntry(db, email, { status: 'shortlisted' });
  return nominationOf(entry, { type: 'individual', userId: author.id }, { achievementSummary: 'Có loạt bài tuyên truyền CCHC hiệu quả.', ...overrides });
}

/** The outlet of the admin `email` as a collective nominee backed by its `entry`, the collective criteria met. */
export async function collectiveNominationOf(db: Queryable, email: string, entry: Entry, overrides: Partial<NominationInput> = {}): Promise<NominationInput> {
  const outlet = await actorFor(db, email);
  return nominationOf(entry, { type: 'collective', organisationId: outlet.organisationId }, {
    achievementSummary: 'Cơ quan hoàn thành xuất sắc nhiệm vụ tuyên truyền CCHC năm 2024.',
    collectiveCriteria: { completedParTasks: true, metEmulationContent: true, parIndexRating: 'good', evidence: '' },
    ...overrides,
  });
}

/** The same with a new shortlisted collective entry of that outlet. */
export async function collectiveNomination(db: Queryable, email: string, overrides: Partial<NominationInput> = {}): Promise<NominationInput> {
  return collectiveNominationOf(db, email, await createEntry(db, email, { status: 'shortlisted', collective: true }), overrides);
}

/**
 * A nomination of the entry's first author (or its organisation, `collective`) approved by a
 * decision, written as recording the decision leaves it (src/domain/nominations/outcomes.ts): the
 * decision row of the campaign's authority, the nomination pointing to it, the entry awarded.
 * For data no page can make before the server starts (a gallery item made afterwards takes the
 * decision's award line).
 */
export async function decidedNomination(
  db: Queryable,
  entry: Pick<Entry, 'id' | 'campaignId' | 'createdById' | 'organisationId'>,
  { number = '3456/QĐ-UBND', date = '2024-12-20', awardForm = 'provincial_certificate', collective = false }: { number?: string; date?: string; awardForm?: AwardForm; collective?: boolean } = {},
) {
  const [campaign] = await db.select().from(campaigns).where(eq(campaigns.id, entry.campaignId));
  const authority = awardForm === 'provincial_certificate' ? campaign.awardingOrganisationId! : campaign.presidingOrganisationId!;
  const year = Number(date.slice(0, 4));
  await db.insert(awardDecisions).values({ authorityOrganisationId: authority, year, number, decidedOn: date }).onConflictDoNothing();
  const [decision] = await db
    .select()
    .from(awardDecisions)
    .where(and(eq(awardDecisions.authorityOrganisationId, authority), eq(awardDecisions.year, year), eq(awardDecisions.number, number)));
  const coordinator = await actorFor(db, 'coordinator@demo.vn');
  const [nomination] = await db
    .insert(nominations)
    .values({
      campaignId: entry.campaignId,
      nomineeType: collective ? 'collective' : 'individual',
      nomineeUserId: collective ? null : entry.createdById,
      nomineeOrganisationId: collective ? entry.organisationId : null,
      awardForm,
      achievementSummary: 'Có tác phẩm tuyên truyền cải cách hành chính hiệu quả.',
      eligibilityDeclared: true,
      status: 'approved',
      decisionId: decision.id,
      decisionNumber: number,
      decisionDate: decision.decidedOn,
      createdById: coordinator.id,
    })
    .returning();
  await db.insert(nominationEntries).values({ nominationId: nomination.id, entryId: entry.id, campaignId: entry.campaignId });
  await db.update(entries).set({ status: 'awarded' }).where(eq(entries.id, entry.id));
  return { nominationId: nomination.id, awardLine: awardLine(awardForm, number) };
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
