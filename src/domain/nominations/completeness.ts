import { eq } from 'drizzle-orm';
import type { Queryable } from '@db/client';
import { campaigns, dossierScans, nominationBatches, nominations, type Campaign, type DossierDocument, type Nomination, type NominationBatch } from '@db/schema';
import { vietnamDay } from '@/domain/campaigns/campaigns';
import { areNominationsOpen } from '@/domain/campaigns/deadlines';
import { DomainError, type Problem } from '@/domain/errors';
import { formatDate } from '@/i18n';
import { quorumMet, voteOf, voteOutcome, voteProblem, votesNeeded } from './council';
import { postingProblems } from './posting';

/**
 * Is a batch's dossier complete enough to leave for Home Affairs (issue 13 item 1)? Every check
 * below looks at the same facts and says all it finds, so `sendBatch` refuses with the whole list
 * at once and the batch page shows the same list as a checklist before anyone clicks send.
 *
 * To add a check (the public posting of nominees, say), write a `BatchCheck` and append it to
 * `batchChecks`; if it needs more facts, add them to `BatchFacts` and to `batchFacts`.
 */
export interface BatchFacts {
  batch: NominationBatch;
  campaign: Campaign;
  /** The batch's nominations, in the order made. */
  nominations: Nomination[];
  /** The signed scans uploaded for the batch. */
  scans: { document: DossierDocument; nominationId: number | null }[];
  now: Date;
}

export type BatchProblem = Problem;
export type BatchCheck = (facts: BatchFacts) => BatchProblem[];

/** The nominations the vote carried (or, before the vote is recorded, not refused yet). */
export function carriedNominations(facts: Pick<BatchFacts, 'batch' | 'nominations'>): Nomination[] {
  return facts.nominations.filter((n) => voteOutcome(facts.batch, voteOf(n)) === 'proposed');
}

/** Each field of the letter and of the minutes that must be filled in. */
const requiredFields: BatchCheck = ({ batch }) => {
  const missing: [keyof NominationBatch, string][] = [
    ['proposalNumber', 'proposalNumber'],
    ['proposalDate', 'proposalDate'],
    ['meetingDate', 'meetingDate'],
    ['meetingPlace', 'meetingPlace'],
    ['meetingChair', 'meetingChair'],
    ['meetingSecretary', 'meetingSecretary'],
    ['councilMembership', 'councilMembership'],
    ['membersPresentCount', 'membersPresentCount'],
    ['votingMethod', 'votingMethod'],
  ];
  return missing
    .filter(([column]) => {
      const value = batch[column];
      return value === null || (typeof value === 'string' && !value.trim());
    })
    .map(([, field]) => ({ key: `nominations.completeness.missing.${field}` as BatchProblem['key'], field }));
};

/** At least one nomination; each with its three counts, adding up to the members present. */
const votes: BatchCheck = ({ batch, nominations: members }) => {
  if (members.length === 0) return [{ key: 'nominations.errors.batchEmpty' }];
  const problems: BatchProblem[] = [];
  for (const n of members) {
    const vote = voteOf(n);
    if (!vote) problems.push({ key: 'nominations.completeness.voteMissing', field: `votes.${n.id}`, params: { nomination: n.id } });
    else if (voteProblem(batch.membersPresentCount, vote)) {
      problems.push({ key: 'nominations.council.errors.votes', field: `votes.${n.id}`, params: { present: batch.membersPresentCount ?? '…' } });
    }
  }
  return problems;
};

/** Meeting ≤ proposal ≤ the sending day, none in the future (the province's calendar). */
const datesInOrder: BatchCheck = ({ batch, now }) => {
  const today = vietnamDay(now);
  const problems: BatchProblem[] = [];
  for (const field of ['meetingDate', 'proposalDate'] as const) {
    const day = batch[field];
    if (day && day > today) problems.push({ key: 'nominations.completeness.future', field, params: { date: formatDate(vietnamDay(day, 'start')) } });
  }
  if (batch.meetingDate && batch.proposalDate && batch.meetingDate > batch.proposalDate) {
    problems.push({ key: 'nominations.council.errors.meetingAfterProposal', field: 'meetingDate' });
  }
  return problems;
};

/** DESIGN.md: a batch is sent before the campaign's nominations deadline; late, it is refused. */
const deadline: BatchCheck = ({ campaign, now }) =>
  areNominationsOpen(campaign, now) ? [] : [{ key: 'nominations.errors.nominationsClosed', params: { date: formatDate(campaign.nominationsDueAt) } }];

/** The meeting had its quorum, and at least one nominee carried the vote. */
const quorumAndOutcome: BatchCheck = (facts) => {
  const { batch } = facts;
  if (batch.councilMembership === null || batch.membersPresentCount === null) return [];
  if (batch.membersPresentCount > batch.councilMembership) {
    return [{ key: 'nominations.council.errors.presentOverMembership', field: 'membersPresentCount', params: { present: batch.membersPresentCount, members: batch.councilMembership } }];
  }
  if (!quorumMet(batch)) {
    return [{ key: `nominations.completeness.noQuorum.${batch.quorumRule}`, field: 'membersPresentCount', params: { present: batch.membersPresentCount, members: batch.councilMembership } }];
  }
  const everyVote = facts.nominations.length > 0 && facts.nominations.every((n) => voteOf(n) && !voteProblem(batch.membersPresentCount, voteOf(n)!));
  if (everyVote && carriedNominations(facts).length === 0) return [{ key: 'nominations.completeness.noneCarried', params: { needed: votesNeeded(batch) ?? '…' } }];
  return [];
};

/** Where the campaign asks for them: the signed proposal, minutes and the report of each nominee proposed (no field: the page's error list keeps one message per field). */
const signedScans: BatchCheck = (facts) => {
  if (!facts.campaign.requiresSignedScans) return [];
  const has = (document: DossierDocument, nominationId: number | null = null) => facts.scans.some((s) => s.document === document && s.nominationId === nominationId);
  const problems: BatchProblem[] = [];
  if (!has('proposal')) problems.push({ key: 'nominations.completeness.scanMissing.proposal' });
  if (!has('minutes')) problems.push({ key: 'nominations.completeness.scanMissing.minutes' });
  for (const n of carriedNominations(facts)) {
    if (!has('report', n.id)) problems.push({ key: 'nominations.completeness.scanMissing.report', params: { nomination: n.id } });
  }
  return problems;
};

/** Every check, in the order the list shows them. Append new checks here. */
export const batchChecks: BatchCheck[] = [requiredFields, votes, datesInOrder, deadline, quorumAndOutcome, signedScans];

/** Everything wrong with the batch, in one list (empty: it can be sent). */
export function batchProblemsOf(facts: BatchFacts, checks: readonly BatchCheck[] = batchChecks): BatchProblem[] {
  return checks.flatMap((check) => check(facts));
}

/** The facts of a batch; in a transaction, after `lockOpenBatch`, they hold until the commit. */
export async function batchFacts(db: Queryable, batchId: number, now: Date): Promise<BatchFacts> {
  const [head] = await db
    .select({ batch: nominationBatches, campaign: campaigns })
    .from(nominationBatches)
    .innerJoin(campaigns, eq(campaigns.id, nominationBatches.campaignId))
    .where(eq(nominationBatches.id, batchId));
  if (!head) throw DomainError.notFound();
  const [members, scans] = await Promise.all([
    db.select().from(nominations).where(eq(nominations.batchId, batchId)).orderBy(nominations.id),
    db.select({ document: dossierScans.document, nominationId: dossierScans.nominationId }).from(dossierScans).where(eq(dossierScans.batchId, batchId)),
  ]);
  return { ...head, nominations: members, scans, now };
}

/**
 * Everything that keeps the batch from being sent: its own facts, then the public posting's window
 * and its comments (posting.ts). `sendBatch` refuses with this list and the batch page shows it
 * before sending, so nobody learns it by failing.
 */
export async function sendingProblems(db: Queryable, batchId: number, now = new Date()): Promise<{ facts: BatchFacts; problems: BatchProblem[] }> {
  const facts = await batchFacts(db, batchId, now);
  const posting = await postingProblems(db, facts.batch, { meetingDate: facts.batch.meetingDate, sending: true, now });
  return { facts, problems: [...batchProblemsOf(facts), ...posting] };
}

/** What the batch page lists before sending: the same problems `sendBatch` would refuse with. */
export async function batchChecklist(db: Queryable, batchId: number, now = new Date()): Promise<BatchProblem[]> {
  return (await sendingProblems(db, batchId, now)).problems;
}
