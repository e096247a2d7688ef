import { and, eq, exists, ne, not, sql, type SQL } from 'drizzle-orm';
import { entries, entryAuthors, users, type Campaign, type Entry, type EntryStatus, type PressType, type PriorAwardLevel, priorAwardLevels, timedPressTypes, writtenPressTypes } from '@db/schema';
import type { Problem } from '@/domain/errors';
import { evidenceKindOf, requiredEvidenceTypes } from './evidence/required';
import { type EvidenceType, typeLabels } from './evidence/types';
import type { SessionUser } from '@/auth/session';
import { roleMay } from '@/domain/permissions';
import { canTransition, type EntryTransition } from './status';

/** What the access rules need to know about an entry. */
export interface EntryAccessFacts {
  status: EntryStatus;
  organisationId: number;
  createdById: number;
  authorUserIds: readonly number[];
  /** Scorers assigned to it (loaded for scorers only). */
  assignedScorerIds?: readonly number[];
  /** An outlet's own entry, with no author of its own (it skips the confirm step). */
  collective: boolean;
  /** It backs a nomination sent to Home Affairs (loaded for appraisers only). */
  sentForAppraisal?: boolean;
  /** An admin of the entry's outlet is among its authors (then the coordinator may confirm it). */
  authoredByOutletAdmin?: boolean;
}

export const editableStatuses: readonly EntryStatus[] = ['draft', 'returned'];

function isAuthor(user: SessionUser, entry: EntryAccessFacts): boolean {
  return entry.createdById === user.id || entry.authorUserIds.includes(user.id);
}

const isJournalistAuthor = (user: SessionUser, entry: EntryAccessFacts) => user.role === 'journalist' && isAuthor(user, entry);
const isOutletAdminOf = (user: SessionUser, entry: EntryAccessFacts) => user.role === 'outlet_admin' && user.organisationId === entry.organisationId;

/**
 * Who may see an entry at all. Anyone else gets 404, so the existence of other people's work is
 * not given away. Scorers and appraisers gain access through assignment and nomination.
 */
export function mayReadEntry(user: SessionUser, entry: EntryAccessFacts): boolean {
  switch (user.role) {
    case 'journalist':
      return isAuthor(user, entry);
    case 'outlet_admin':
      return entry.organisationId === user.organisationId;
    case 'coordinator':
      return entry.status !== 'draft';
    case 'scorer':
      return entry.assignedScorerIds?.includes(user.id) ?? false;
    case 'appraiser':
      return entry.sentForAppraisal ?? false;
    default:
      return false;
  }
}

/** Its authors (journalists) and its outlet: the people who write it. */
const isWriterOf = (user: SessionUser, entry: EntryAccessFacts) => isJournalistAuthor(user, entry) || isOutletAdminOf(user, entry);

/** Content changes only in draft or returned, and only by its authors or its outlet. */
export function mayEditEntry(user: SessionUser, entry: EntryAccessFacts): boolean {
  return editableStatuses.includes(entry.status) && isWriterOf(user, entry);
}

/**
 * Locked for this person: one of its writers, who could change it in draft or returned, but its
 * status no longer allows it (submitted, and after). Their pages say so and why (issue 16),
 * rather than refusing access.
 */
export function isLockedFor(user: SessionUser, entry: EntryAccessFacts): boolean {
  return !editableStatuses.includes(entry.status) && isWriterOf(user, entry);
}

/**
 * Nobody confirms their own work (issue #13): an outlet admin confirms his members' entries but
 * not one he authored or co-authored; that one goes to another admin of the outlet, or to the
 * coordinator, who confirms only such entries. Collective entries skip confirmation (DESIGN.md).
 * The domain step, the entry page and the dashboard queue (`confirmableBy` in SQL) all ask this.
 */
export function confirmsEntry(user: SessionUser, entry: EntryAccessFacts): boolean {
  if (entry.collective) return false;
  if (user.role === 'coordinator') return entry.authoredByOutletAdmin === true;
  return isOutletAdminOf(user, entry) && !isAuthor(user, entry);
}

/**
 * `confirmsEntry` as a condition on the entries table, for the dashboard queue: the submitted
 * entries this person may confirm.
 */
export function confirmableBy(user: SessionUser): SQL {
  const authored = (condition: SQL) =>
    exists(sql`(select 1 from ${entryAuthors} join ${users} on ${users.id} = ${entryAuthors.userId} where ${entryAuthors.entryId} = ${entries.id} and ${condition})`);
  const base = and(eq(entries.status, 'submitted'), eq(entries.collective, false))!;
  if (user.role === 'coordinator') return and(base, authored(sql`${users.role} = 'outlet_admin' and ${users.organisationId} = ${entries.organisationId}`))!;
  if (user.role !== 'outlet_admin') return sql`false`;
  return and(base, eq(entries.organisationId, user.organisationId), ne(entries.createdById, user.id), not(authored(sql`${users.id} = ${user.id}`)))!;
}

/**
 * Who takes each step of the entry's flow, whatever its status (the status is ./status.ts's
 * table). `changeEntryStatus` asks this before it looks at the status, so that a step repeated
 * after it went through is still answered as a success; pages ask `may…` below, which adds the
 * status.
 */
export const entryStepRules: Record<EntryTransition, (user: SessionUser, entry: EntryAccessFacts) => boolean> = {
  // A journalist submits to their outlet; the outlet submits its own collective entry.
  submit: (user, entry) => !entry.collective && isJournalistAuthor(user, entry),
  submitCollective: (user, entry) => entry.collective && isOutletAdminOf(user, entry),
  confirm: confirmsEntry,
  return: (user, entry) => !entry.collective && isOutletAdminOf(user, entry),
  withdraw: (user, entry) => isOutletAdminOf(user, entry) || isJournalistAuthor(user, entry),
  assign: (user) => roleMay(user, 'scoring.assign'),
  // The last assigned scorer's submission completes it.
  complete: (user, entry) => user.role === 'scorer' && (entry.assignedScorerIds?.includes(user.id) ?? false),
  reopen: (user) => roleMay(user, 'scoring.reopen'),
  shortlist: (user) => roleMay(user, 'scoring.shortlist'),
  unshortlist: (user) => roleMay(user, 'scoring.unshortlist'),
  // The outcome follows whoever records the decision: Home Affairs, or the department for its own award.
  award: (user) => roleMay(user, 'nominations.approve') || roleMay(user, 'nominations.decideInHouse'),
  notAward: (user) => roleMay(user, 'nominations.reject'),
};

/** Whether the step is open to this person on the entry as it is now. */
export function mayTakeStep(step: EntryTransition, user: SessionUser, entry: EntryAccessFacts): boolean {
  return entryStepRules[step](user, entry) && canTransition(step, entry.status);
}

export const mayConfirm = (user: SessionUser, entry: EntryAccessFacts) => mayTakeStep('confirm', user, entry);
export const mayReturn = (user: SessionUser, entry: EntryAccessFacts) => mayTakeStep('return', user, entry);
export const mayWithdraw = (user: SessionUser, entry: EntryAccessFacts) => mayTakeStep('withdraw', user, entry);

/*
 * The press-entry rules of a campaign (issue 12 item 3), the limits of real press awards:
 * - at most 5 authors named on one work: Điều lệ Giải Báo chí quốc gia (sửa đổi), applied from the
 *   13th award, 2018 ("số tác giả đứng tên cùng tác phẩm với một nhóm tối đa là 5 người");
 * - a series (loạt bài) of at most 5 episodes is one work: Hướng dẫn Giải Báo chí quốc gia 2012
 *   ("một loạt bài (không quá năm kỳ)"), kept by later calls;
 * - length per episode: at most 2,500 words for print and online, 60 minutes for radio and
 *   television (Thể lệ Giải báo chí toàn quốc về phòng, chống HIV/AIDS lần thứ V, 2016);
 * - published inside the award's window (the National Press Award: 1/1 to 31/12 of its year);
 * - prizes already won are declared with their level, organiser and year (Thể lệ Giải thưởng toàn
 *   quốc về thông tin đối ngoại 2019), and a campaign may refuse works awarded at a given level.
 * Each problem names its rule and its limit; the form shows the same limits before the work.
 */
export type PressRules = Pick<
  Campaign,
  | 'year'
  | 'maxAuthors'
  | 'maxSeriesEpisodes'
  | 'lengthLimits'
  | 'evidenceByPressType'
  | 'publicationOpensOn'
  | 'publicationClosesOn'
  | 'priorAwardsDeclared'
  | 'priorAwardRefusedFrom'
>;

/** What the rules look at: the entry's fields, its number of authors, and (on submission) its files. */
export interface PressRuleFacts
  extends Pick<Entry, 'kind' | 'pressType' | 'publishedOn' | 'lastPublishedOn' | 'seriesEpisodes' | 'lengthValue' | 'lengthUnit' | 'priorAwardLevel' | 'priorAwardDetails'> {
  authorCount: number;
  /** The types of the entry's files; absent when saving a draft (files come later). */
  evidenceTypes?: readonly EvidenceType[];
}

const unitOf = (pressType: PressType): 'words' | 'minutes' | undefined =>
  (writtenPressTypes as readonly string[]).includes(pressType) ? 'words' : (timedPressTypes as readonly string[]).includes(pressType) ? 'minutes' : undefined;

/** The publication window: the campaign's own, or its calendar year. */
export function publicationWindow(rules: Pick<PressRules, 'year' | 'publicationOpensOn' | 'publicationClosesOn'>): { from: string; to: string; own: boolean } {
  const own = Boolean(rules.publicationOpensOn || rules.publicationClosesOn);
  return { from: rules.publicationOpensOn ?? `${rules.year}-01-01`, to: rules.publicationClosesOn ?? `${rules.year}-12-31`, own };
}

/** The length limit of a press type, with its unit; undefined when the campaign sets none. */
export function lengthLimitOf(rules: Pick<PressRules, 'lengthLimits'>, pressType: PressType): { max: number; unit: 'words' | 'minutes' } | undefined {
  const unit = unitOf(pressType);
  const max = unit ? rules.lengthLimits[pressType as keyof PressRules['lengthLimits']] : undefined;
  return unit && max ? { max, unit } : undefined;
}

const dayLabel = (day: string) => day.split('-').reverse().join('/');
const awardRank = (level: PriorAwardLevel) => priorAwardLevels.indexOf(level);

/**
 * Every press rule the entry breaks. `submitting` adds what only a submission needs (the
 * declaration, the evidence); the author limit is checked on every save, before the work is done.
 */
export function pressRuleProblems(facts: PressRuleFacts, rules: PressRules, { submitting }: { submitting: boolean }): Problem[] {
  const problems: Problem[] = [];
  if (facts.authorCount > rules.maxAuthors) {
    problems.push({ field: 'coAuthorIds', key: 'entries.rules.authors', params: { limit: rules.maxAuthors, count: facts.authorCount } });
  }
  if (facts.kind !== 'article') return problems;
  const series = facts.seriesEpisodes ?? 1;
  if (series > rules.maxSeriesEpisodes) {
    problems.push({ field: 'seriesEpisodes', key: 'entries.rules.series', params: { limit: rules.maxSeriesEpisodes, count: series } });
  }
  if (!submitting) return problems;

  const window = publicationWindow(rules);
  if (window.own) {
    for (const [field, day] of [['publishedOn', facts.publishedOn], ['lastPublishedOn', series > 1 ? facts.lastPublishedOn : null]] as const) {
      if (day && (day < window.from || day > window.to)) {
        problems.push({ field, key: 'entries.rules.publication', params: { from: dayLabel(window.from), to: dayLabel(window.to) } });
      }
    }
  } else if (series > 1 && facts.lastPublishedOn && Number(facts.lastPublishedOn.slice(0, 4)) !== rules.year) {
    problems.push({ field: 'lastPublishedOn', key: 'entries.errors.publishedYear', params: { year: rules.year } });
  }
  if (series > 1) {
    if (!facts.lastPublishedOn) problems.push({ field: 'lastPublishedOn', key: 'entries.rules.seriesLast' });
    else if (facts.publishedOn && facts.lastPublishedOn < facts.publishedOn) problems.push({ field: 'lastPublishedOn', key: 'entries.rules.seriesOrder' });
  }

  if (facts.pressType) {
    const limit = lengthLimitOf(rules, facts.pressType);
    const type = `entries.pressTypes.${facts.pressType}`;
    if (limit && facts.lengthValue) {
      const unit = `entries.lengthUnits.${limit.unit}`;
      if (facts.lengthUnit !== limit.unit) problems.push({ field: 'lengthValue', key: 'entries.rules.lengthUnit', params: { type, unit } });
      else if (facts.lengthValue > limit.max) {
        problems.push({ field: 'lengthValue', key: 'entries.rules.length', params: { type, limit: limit.max, unit, value: facts.lengthValue } });
      }
    }
    if (rules.evidenceByPressType && facts.evidenceTypes) {
      const needed = requiredEvidenceTypes(facts.pressType);
      if (!facts.evidenceTypes.some((t) => needed.includes(t))) {
        problems.push({
          field: 'evidence-file',
          key: 'entries.rules.evidence',
          params: { type, kind: `entries.evidenceKinds.${evidenceKindOf[facts.pressType]}`, types: needed.map((t) => typeLabels[t]).join(', ') },
        });
      }
    }
  }

  if (rules.priorAwardsDeclared || rules.priorAwardRefusedFrom) {
    if (!facts.priorAwardLevel) problems.push({ field: 'priorAwardLevel', key: 'entries.rules.declaration' });
    else if (facts.priorAwardLevel !== 'none' && !facts.priorAwardDetails?.trim()) {
      problems.push({ field: 'priorAwardDetails', key: 'entries.rules.declarationDetails' });
    }
  }
  if (rules.priorAwardRefusedFrom && facts.priorAwardLevel && awardRank(facts.priorAwardLevel) >= awardRank(rules.priorAwardRefusedFrom)) {
    problems.push({ field: 'priorAwardLevel', key: 'entries.rules.priorAward', params: { level: `entries.priorAwardLevels.${rules.priorAwardRefusedFrom}` } });
  }
  return problems;
}
