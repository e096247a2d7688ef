import { asc, eq, sql } from 'drizzle-orm';
import type { Queryable } from '@db/client';
import type { SessionUser } from '@/auth/session';
import {
  campaigns,
  dossierScans,
  entries,
  entryAuthors,
  nominationBatches,
  nominationEntries,
  nominations,
  organisations,
  users,
  type AwardForm,
  type CollectiveCriteria,
  type DossierDocument,
  type EntryKind,
  type NominationStatus,
  type PressType,
} from '@db/schema';
import { DomainError } from '@/domain/errors';
import { roleMay } from '@/domain/permissions';
import { campaignResults } from '@/domain/scoring/results';
import { vietnamDay } from '@/domain/campaigns/campaigns';
import { namesOn } from '@/domain/organisations/organisations';
import { dossierSettingsFor, regimeOfProposal, type DossierSettings } from './templates/registry';
import type { LegalRegime } from './templates/regimes/regime';
import { quorumMet, voteOf, voteOutcome, votesNeeded, type MeetingFacts, type NomineeVote, type VoteOutcome, type VotingMethod } from '../council';
import { nomineeColumns, nomineeUnit, withBackingEntries, withNominee } from '../joins';
import { postingOf, type PostingRecord } from '../posting';

/** An entry a nomination rests on, with its figures from the campaign's ranking. */
export interface DossierEntry {
  entryId: number;
  kind: EntryKind;
  title: string;
  pressType: PressType | null;
  programme: string | null;
  /** `YYYY-MM-DD`, as stored. */
  publishedOn: string | null;
  url: string | null;
  collective: boolean;
  organisationName: string;
  /** Author names in their order (people and named outsiders). */
  authors: string[];
  /** Null when the entry has no submitted score (it is then not ranked). */
  score: DossierScore | null;
}

export interface DossierScore {
  /** Submitted scores. */
  count: number;
  /** The result on the 0–100 scale: the mean, trimmed from five scores up (statistics.ts). */
  result: number;
  /** The rank in the whole campaign by its ranking basis, out of `rankedCount`. */
  rank: number;
  rankedCount: number;
}

export interface DossierNominee {
  nominationId: number;
  type: 'individual' | 'collective';
  /** The person, or the organisation for a collective. */
  name: string;
  /** An individual's position; null for a collective or when not recorded. */
  position: string | null;
  /** An individual's organisation; null for a collective. */
  unit: string | null;
  awardForm: AwardForm;
  status: NominationStatus;
  achievementSummary: string;
  /** The summary's first line, shortened: the line a list or a letter shows. */
  achievementLine: string;
  collectiveCriteria: CollectiveCriteria | null;
  /** The council's vote, or null while it is not recorded. */
  vote: NomineeVote | null;
  /** What the vote decided (council.ts `voteOutcome`): only a nominee proposed goes in the letter and the list. */
  outcome: VoteOutcome;
  entries: DossierEntry[];
}

export interface DossierScanInfo {
  id: number;
  document: DossierDocument;
  nominationId: number | null;
  originalName: string;
  sizeBytes: number;
  sha256: string;
  uploadedAt: Date;
}

/** Everything the three documents and the list for Home Affairs are drafted from. */
export interface Dossier {
  batch: {
    id: number;
    title: string;
    status: 'draft' | 'sent';
    proposalNumber: string | null;
    proposalDate: string | null;
    meetingDate: string | null;
    meetingPlace: string | null;
    meetingChair: string | null;
    meetingSecretary: string | null;
    /** One member per line of what the coordinator typed. */
    membersPresent: string[];
    sentAt: Date | null;
  };
  /** The council meeting's numbers and rule (council.ts). */
  meeting: MeetingFacts & { votingMethod: VotingMethod | null; quorumMet: boolean; votesNeeded: number | null };
  campaign: { id: number; year: number; title: string; postingWindowDays: number };
  /** The public posting of the nominees and the citizens' comments (../posting.ts); null if never posted. */
  posting: PostingRecord | null;
  /**
   * The campaign's presiding department, which proposes, as it was named on the proposal date
   * (organisation_names): names are data (DESIGN.md), and a dossier keeps the name it was signed under.
   */
  proposingBody: string | null;
  /** The campaign's appraising department, named the same way. */
  appraisingBody: string | null;
  /** Whose Chairman decides ("Ủy ban nhân dân tỉnh Quảng Ninh"), and its short name for the masthead. */
  awardingBody: { name: string; shortName: string } | null;
  /** The campaign's symbols and citations (templates/registry.ts). */
  settings: DossierSettings;
  /** The law the documents are drafted under: the one in force on the proposal date. */
  regime: LegalRegime;
  /** Collectives first, then individuals (the order of award lists), each in the order made: all the council voted on. */
  nominees: DossierNominee[];
  /** The nominees the proposal letter, the reports and the list carry: those the vote did not refuse. */
  proposed: DossierNominee[];
  /** The signed scans uploaded so far; a scan replaces the draft (scans.ts `servedVersion`). */
  scans: DossierScanInfo[];
}

const achievementLineMax = 240;

/** The first non-empty line of a summary, whitespace folded, cut at a word near 240 characters. */
export function oneLineAchievement(summary: string): string {
  const line = summary
    .split(/\r?\n/)
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .find(Boolean);
  if (!line) return '';
  const chars = Array.from(line);
  if (chars.length <= achievementLineMax) return line;
  const cut = chars.slice(0, achievementLineMax).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space > achievementLineMax / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

/**
 * The dossier of a batch in a fixed number of queries whatever the number of nominees and
 * entries: the batch with its campaign; then together the nominees, their entries, the authors,
 * the departments, the scans and the campaign's ranking (results.ts resultRows). The ranking
 * is the whole campaign's, so a rank here is the rank on the results page.
 */
export async function dossierOf(db: Queryable, batchId: number): Promise<Dossier> {
  const [head] = await db
    .select({ batch: nominationBatches, campaign: { id: campaigns.id, year: campaigns.year, title: campaigns.title, postingWindowDays: campaigns.postingWindowDays, rankingBasis: campaigns.rankingBasis, spreadThreshold: campaigns.spreadThreshold, proposalSymbol: campaigns.proposalSymbol, presidingOrganisationId: campaigns.presidingOrganisationId, appraisingOrganisationId: campaigns.appraisingOrganisationId, awardingOrganisationId: campaigns.awardingOrganisationId } })
    .from(nominationBatches)
    .innerJoin(campaigns, eq(campaigns.id, nominationBatches.campaignId))
    .where(eq(nominationBatches.id, batchId));
  if (!head) throw DomainError.notFound();
  const { batch, campaign } = head;

  const inBatch = eq(nominations.batchId, batchId);
  const regime = regimeOfProposal(batch.proposalDate);
  // Named as on the proposal date, or today while it is not filled in.
  const regimeDay = batch.proposalDate ?? vietnamDay(new Date());
  const [nomineeRows, entryRows, authorRows, bodies, scans, ranking, posting] = await Promise.all([
    withNominee(db.select({ nomination: nominations, ...nomineeColumns, userPosition: users.position, unit: nomineeUnit.name }).from(nominations).$dynamic())
      .where(inBatch)
      .orderBy(asc(nominations.id)),
    withBackingEntries(
      db
        .select({
          nominationId: nominationEntries.nominationId,
          entryId: entries.id,
          kind: entries.kind,
          title: entries.title,
          pressType: entries.pressType,
          programme: entries.programme,
          publishedOn: entries.publishedOn,
          url: entries.url,
          collective: entries.collective,
          organisationName: organisations.name,
        })
        .from(nominationEntries)
        .$dynamic(),
    )
      .where(inBatch)
      .orderBy(asc(entries.publishedOn), asc(entries.id)),
    db
      .select({ entryId: entryAuthors.entryId, name: sql<string>`coalesce(${users.name}, ${entryAuthors.externalName})` })
      .from(entryAuthors)
      .innerJoin(nominationEntries, eq(nominationEntries.entryId, entryAuthors.entryId))
      .innerJoin(nominations, eq(nominations.id, nominationEntries.nominationId))
      .leftJoin(users, eq(users.id, entryAuthors.userId))
      .where(inBatch)
      .orderBy(asc(entryAuthors.entryId), asc(entryAuthors.position)),
    namesOn(
      db,
      [campaign.presidingOrganisationId, campaign.appraisingOrganisationId, campaign.awardingOrganisationId].filter((id): id is number => id !== null),
      regimeDay,
    ),
    db
      .select({
        id: dossierScans.id,
        document: dossierScans.document,
        nominationId: dossierScans.nominationId,
        originalName: dossierScans.originalName,
        sizeBytes: dossierScans.sizeBytes,
        sha256: dossierScans.sha256,
        uploadedAt: dossierScans.uploadedAt,
      })
      .from(dossierScans)
      .where(eq(dossierScans.batchId, batchId))
      .orderBy(asc(dossierScans.id)),
    campaignResults(db, campaign),
    postingOf(db, batch),
  ]);

  const bodyName = (id: number | null) => (id ? (bodies.get(id)?.name ?? null) : null);
  const scoreOf = new Map(ranking.rows.map((r) => [r.entryId, { count: r.count, result: r.result, rank: r.overallRank, rankedCount: ranking.rankedCount }]));
  const authorsOf = new Map<number, string[]>();
  for (const a of authorRows) {
    const list = authorsOf.get(a.entryId) ?? [];
    list.push(a.name);
    authorsOf.set(a.entryId, list);
  }
  const entriesOf = new Map<number, DossierEntry[]>();
  for (const { nominationId, ...e } of entryRows) {
    const list = entriesOf.get(nominationId) ?? [];
    list.push({ ...e, authors: authorsOf.get(e.entryId) ?? [], score: scoreOf.get(e.entryId) ?? null });
    entriesOf.set(nominationId, list);
  }

  const nominees = nomineeRows.map(({ nomination: n, ...who }): DossierNominee => {
    const individual = n.nomineeType === 'individual';
    return {
      nominationId: n.id,
      type: n.nomineeType,
      name: (individual ? who.userName : who.organisationName) ?? '',
      position: individual ? who.userPosition?.trim() || null : null,
      unit: individual ? who.unit : null,
      awardForm: n.awardForm,
      status: n.status,
      achievementSummary: n.achievementSummary,
      achievementLine: oneLineAchievement(n.achievementSummary),
      collectiveCriteria: n.collectiveCriteria,
      vote: voteOf(n),
      outcome: voteOutcome(batch, voteOf(n)),
      entries: entriesOf.get(n.id) ?? [],
    };
  });
  // A stable sort: the query's order (the order they were made) holds within each group.
  nominees.sort((a, b) => Number(a.type === 'individual') - Number(b.type === 'individual'));

  return {
    batch: {
      id: batch.id,
      title: batch.title,
      status: batch.status,
      proposalNumber: batch.proposalNumber?.trim() || null,
      proposalDate: batch.proposalDate,
      meetingDate: batch.meetingDate,
      meetingPlace: batch.meetingPlace?.trim() || null,
      meetingChair: batch.meetingChair?.trim() || null,
      meetingSecretary: batch.meetingSecretary?.trim() || null,
      membersPresent: (batch.membersPresent ?? '')
        .split(/\r?\n/)
        .map((m) => m.trim())
        .filter(Boolean),
      sentAt: batch.sentAt,
    },
    meeting: {
      councilMembership: batch.councilMembership,
      membersPresentCount: batch.membersPresentCount,
      quorumRule: batch.quorumRule,
      approvalPercent: batch.approvalPercent,
      approvalBase: batch.approvalBase,
      votingMethod: batch.votingMethod,
      quorumMet: quorumMet(batch),
      votesNeeded: votesNeeded(batch),
    },
    campaign: { id: campaign.id, year: campaign.year, title: campaign.title, postingWindowDays: campaign.postingWindowDays },
    posting,
    proposingBody: bodyName(campaign.presidingOrganisationId),
    appraisingBody: bodyName(campaign.appraisingOrganisationId),
    awardingBody: campaign.awardingOrganisationId ? (bodies.get(campaign.awardingOrganisationId) ?? null) : null,
    settings: dossierSettingsFor(campaign),
    regime,
    nominees,
    proposed: nominees.filter((n) => n.outcome !== 'notProposed'),
    scans,
  };
}

/** The nominee of a report, or NOT_FOUND when the nomination is not in the batch. */
export function nomineeOf(dossier: Dossier, nominationId: number): DossierNominee {
  const nominee = dossier.nominees.find((n) => n.nominationId === nominationId);
  if (!nominee) throw new DomainError('nominations.dossier.errors.notInBatch', 'nominationId', 'NOT_FOUND');
  return nominee;
}

/**
 * Who reads a dossier: the coordinator, who makes it; Home Affairs once the batch is sent to
 * it (DESIGN.md "Nominations and the dossier"), before which it does not exist for them
 * (NOT_FOUND, as a nomination not sent). FORBIDDEN for anyone else.
 */
export function requireDossierReader(user: SessionUser, batch: { status: 'draft' | 'sent' }): void {
  if (!roleMay(user, '/app/dossiers/[batchId]')) throw DomainError.forbidden();
  if (user.role === 'appraiser' && batch.status !== 'sent') throw DomainError.notFound();
}

/** `dossierOf` for a page: the user must be one who reads the batch's dossier. */
export async function dossierFor(db: Queryable, user: SessionUser, batchId: number): Promise<Dossier> {
  const dossier = await dossierOf(db, batchId);
  requireDossierReader(user, dossier.batch);
  return dossier;
}
