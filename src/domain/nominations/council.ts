import { z } from 'astro/zod';
import { approvalBases, quorumRules, votingMethods, type ApprovalBase, type NominationBatch, type QuorumRule, type VotingMethod } from '@db/schema';
import type { Problem } from '@/domain/errors';
import { dayOrEmpty, optional, parseId, parseWholeNumber, text, wholeNumber } from '@/domain/fields';

/*
 * The review meeting of the department's emulation and commendation council (Hội đồng Thi đua –
 * Khen thưởng), whose minutes go in the dossier of a Bằng khen (plan 40 III.3.1).
 *
 * The rule of the meeting is the council's own regulation (quy chế hoạt động), not the law's:
 * - the Law on Emulation and Commendation 06/2022/QH15 and Decree 152/2025/NĐ-CP, as far as the
 *   stored sources show, set no quorum nor share of votes for a provincial Bằng khen (NOT
 *   VERIFIED against the decree's full text: no stored copy of its council articles was found);
 * - the one threshold the decrees set is for titles, not for this award: Decree 91/2017/NĐ-CP
 *   Art. 45(8), secret ballot and 90% of the whole council for "Chiến sĩ thi đua cấp tỉnh" and
 *   above (Central Emulation Board's answer, banthiduakhenthuongtw.gov.vn "Quy định về Bỏ phiếu
 *   kín trong các HĐ", 18/06/2017);
 * - councils' regulations set the rest: "các kết luận của Hội đồng chỉ có hiệu lực khi ít nhất có
 *   2/3 số thành viên Hội đồng dự họp" (Quyết định 2218/QĐ-BTNMT 2019 Art. 8, lawnet.vn), and
 *   70% of the whole council for the other awards (Quyết định 1338/QĐ-UBND 2018 of Lạng Sơn,
 *   thiduakhenthuong.langson.gov.vn).
 * Hence the meeting carries its rule: quorum (default 2/3 of the members), the share of votes for
 * (default 70%) and what it is counted on (default the whole council), editable per meeting.
 */

export { approvalBases, quorumRules, votingMethods };
export type { ApprovalBase, QuorumRule, VotingMethod };

/** A nominee's vote: for, against and abstaining, adding up to the members present. */
export interface NomineeVote {
  for: number;
  against: number;
  abstaining: number;
}

/** A council of more than this many members is a typing error. */
export const maxCouncilMembers = 200;

const count = (message: Problem['key']) => optional(wholeNumber(0, maxCouncilMembers, message));

/**
 * The council meeting form of a batch (the proposal letter's number and date with it). Votes come
 * as `votesFor.<nominationId>`, `votesAgainst.<id>`, `votesAbstaining.<id>`; a nominee with all
 * three empty has no vote yet. Cross-field rules are `meetingProblems`, which the domain runs.
 */
export const councilMeetingFields = {
  proposalNumber: text(100),
  proposalDate: dayOrEmpty('nominations.errors.decisionDate'),
  meetingDate: dayOrEmpty('nominations.errors.decisionDate'),
  meetingPlace: text(300),
  meetingChair: text(200),
  meetingSecretary: text(200),
  councilMembership: count('nominations.council.errors.count'),
  membersPresentCount: count('nominations.council.errors.count'),
  membersPresent: text(4000),
  quorumRule: z.enum(quorumRules).default('two_thirds'),
  approvalPercent: optional(wholeNumber(1, 100, 'nominations.council.errors.percent')).transform((v) => v ?? 70),
  approvalBase: z.enum(approvalBases).default('membership'),
  votingMethod: optional(z.enum(votingMethods)),
};

type MeetingFields = z.output<z.ZodObject<typeof councilMeetingFields>> & Record<string, unknown>;

/** The parsed fields as the domain takes them: the votes gathered from their `votesFor.<id>` … fields. */
export function meetingOf({ proposalNumber, proposalDate, meetingDate, meetingPlace, meetingChair, meetingSecretary, councilMembership, membersPresentCount, membersPresent, quorumRule, approvalPercent, approvalBase, votingMethod, ...rest }: MeetingFields) {
  const votes: Record<number, NomineeVote> = {};
  for (const name of Object.keys(rest)) {
    const nominationId = name.startsWith('votesFor.') ? parseId(name.slice('votesFor.'.length)) : undefined;
    if (nominationId === undefined) continue;
    const values = ['votesFor', 'votesAgainst', 'votesAbstaining'].map((f) => rest[`${f}.${nominationId}`] ?? '');
    if (values.every((v) => v === '')) continue;
    // Plain decimal digits only; anything else is NaN, which meetingProblems refuses on the field.
    const [agree, against, abstaining] = values.map((v) => parseWholeNumber(v) ?? Number.NaN);
    votes[nominationId] = { for: agree, against, abstaining };
  }
  return {
    proposalNumber,
    proposalDate,
    meetingDate,
    meetingPlace,
    meetingChair,
    meetingSecretary,
    councilMembership: councilMembership ?? null,
    membersPresentCount: membersPresentCount ?? null,
    membersPresent,
    quorumRule,
    approvalPercent,
    approvalBase,
    votingMethod: votingMethod ?? null,
    votes,
  };
}

export const councilMeetingForm = z.looseObject(councilMeetingFields).transform(meetingOf);

/** What the coordinator records of the meeting: `updateBatchDetails` takes it. */
export type CouncilMeeting = z.output<typeof councilMeetingForm>;

/** The meeting as the batch stores it. */
export type MeetingFacts = Pick<NominationBatch, 'councilMembership' | 'membersPresentCount' | 'quorumRule' | 'approvalPercent' | 'approvalBase'>;

/** The quorum: 2/3 of the members, or more than half of them (integers, no rounding). */
export function quorumMet(m: MeetingFacts): boolean {
  if (m.councilMembership === null || m.membersPresentCount === null || m.councilMembership < 1) return false;
  if (m.membersPresentCount > m.councilMembership) return false;
  return m.quorumRule === 'two_thirds' ? m.membersPresentCount * 3 >= m.councilMembership * 2 : m.membersPresentCount * 2 > m.councilMembership;
}

/** The fewest votes for that carry a nominee: `approvalPercent` of the base, rounded up. */
export function votesNeeded(m: MeetingFacts): number | null {
  const base = m.approvalBase === 'membership' ? m.councilMembership : m.membersPresentCount;
  if (base === null) return null;
  return Math.ceil((base * m.approvalPercent) / 100);
}

export type VoteOutcome = 'proposed' | 'notProposed' | 'pending';

/**
 * What the vote decided for one nominee: proposed when the meeting had its quorum and the votes
 * for reach the threshold; not proposed when the meeting lacked a quorum or the votes fell short;
 * pending while the meeting or the vote is not recorded (the documents are still drafts).
 */
export function voteOutcome(m: MeetingFacts, vote: NomineeVote | null): VoteOutcome {
  if (m.councilMembership === null || m.membersPresentCount === null) return 'pending';
  if (!quorumMet(m)) return 'notProposed';
  if (!vote) return 'pending';
  const needed = votesNeeded(m);
  return needed !== null && vote.for >= needed ? 'proposed' : 'notProposed';
}

/** The stored three counts of a nomination, or null when none was recorded. */
export function voteOf(n: { votesAgree: number | null; votesAgainst: number | null; votesAbstaining: number | null }): NomineeVote | null {
  if (n.votesAgree === null || n.votesAgainst === null || n.votesAbstaining === null) return null;
  return { for: n.votesAgree, against: n.votesAgainst, abstaining: n.votesAbstaining };
}

const valid = (n: number) => Number.isInteger(n) && n >= 0;

/** A vote that does not fit the meeting: counts not whole, or not adding up to the members present. */
export function voteProblem(present: number | null, vote: NomineeVote): boolean {
  return ![vote.for, vote.against, vote.abstaining].every(valid) || present === null || vote.for + vote.against + vote.abstaining !== present;
}

/**
 * What cannot be true of any meeting, checked when it is saved (the completeness of the dossier
 * is checked on sending, completeness.ts): more present than members, a vote whose counts do not
 * add up to the members present (3 present and 9 for is refused), a meeting after the proposal.
 */
export function meetingProblems(meeting: Pick<CouncilMeeting, 'councilMembership' | 'membersPresentCount' | 'meetingDate' | 'proposalDate' | 'votes'>): Problem[] {
  const problems: Problem[] = [];
  const { councilMembership: members, membersPresentCount: present } = meeting;
  if (members !== null && members < 1) problems.push({ key: 'nominations.council.errors.membershipZero', field: 'councilMembership' });
  if (members !== null && present !== null && present > members) {
    problems.push({ key: 'nominations.council.errors.presentOverMembership', field: 'membersPresentCount', params: { present, members } });
  }
  if (meeting.meetingDate && meeting.proposalDate && meeting.meetingDate > meeting.proposalDate) {
    problems.push({ key: 'nominations.council.errors.meetingAfterProposal', field: 'meetingDate' });
  }
  for (const [id, vote] of Object.entries(meeting.votes)) {
    if (voteProblem(present, vote)) problems.push({ key: 'nominations.council.errors.votes', field: `votes.${id}`, params: { present: present ?? '…' } });
  }
  return problems;
}
