import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Database, Queryable } from '@db/client';
import { type Campaign, campaignScoringPartners, campaigns, type LengthLimits, organisations, priorAwardLevels, type PriorAwardLevel } from '@db/schema';
import type { SessionUser } from '@/auth/session';
import { recordAudit } from '@/domain/audit/record';
import { DomainError, type Problem } from '@/domain/errors';
import { oncePerFormKey } from '@/domain/form-keys';
import { requireRoleFor } from '@/domain/permissions';
import { evidenceTypes, isEvidenceType } from '@/domain/entries/evidence/types';
import { isUniqueViolation } from '@/domain/postgres-errors';
import { createDefaultRubric } from '@/domain/scoring/rubric';
import type { MessageKey } from '@/i18n';


/** Bounds of each setting; the form's schema reads them too, so both refuse the same values. */
export const campaignLimits = {
  year: { min: 2000, max: 2100 },
  titleLength: { max: 300 },
  entryLimitPerAuthor: { min: 1, max: 50 },
  maxFileMb: { min: 1, max: 1024 },
  maxEntryMb: { max: 5120 },
  scorersPerEntry: { min: 1, max: 9 },
  spreadThreshold: { min: 0, max: 100 },
  proposalSymbolLength: { max: 30 },
  maxAuthors: { min: 1, max: 20 },
  maxSeriesEpisodes: { min: 1, max: 50 },
  lengthWords: { min: 100, max: 100_000 },
  lengthMinutes: { min: 1, max: 600 },
  postingWindowDays: { min: 1, max: 60 },
} as const;

/** The press types whose length a campaign limits, with their unit (words or minutes). */
export const lengthLimitFields = {
  print: 'lengthWords',
  online: 'lengthWords',
  radio: 'lengthMinutes',
  television: 'lengthMinutes',
} as const;
export type LimitedPressType = keyof typeof lengthLimitFields;
export const limitedPressTypes = Object.keys(lengthLimitFields) as LimitedPressType[];

/** "TTr-SVHTTDL": letters (Vietnamese too), digits, joined by hyphens (Decree 30/2020 Appendix III). */
const proposalSymbolPattern = /^[\p{L}\d&]+(?:-[\p{L}\d&]+)*$/u;

/** What the new-campaign form starts with (DESIGN.md: 3 scorers; the table's defaults otherwise). */
export const newCampaignDefaults = {
  entryLimitPerAuthor: 5,
  maxFileMb: 200,
  maxEntryMb: 500,
  allowedFileTypes: evidenceTypes,
  scorersPerEntry: 3,
  spreadThreshold: 20,
  rankingBasis: 'raw',
  // The press-entry rules of the National Press Award (src/domain/entries/rules.ts cites them):
  // 5 authors, series of 5 episodes, 2,500 words or 60 minutes an episode, evidence per press
  // type, prizes already won declared.
  maxAuthors: 5,
  maxSeriesEpisodes: 5,
  lengthLimits: { print: 2500, online: 2500, radio: 60, television: 60 } satisfies LengthLimits,
  evidenceByPressType: true,
  priorAwardsDeclared: true,
  postingWindowDays: 10,
} as const;

/** Dates are calendar days (`YYYY-MM-DD`) as the coordinator enters them, in Vietnam time. */
export interface CampaignInput {
  year: number;
  title: string;
  submissionOpensOn: string;
  submissionClosesOn: string;
  scoringClosesOn: string;
  nominationsDueOn: string;
  entryLimitPerAuthor: number;
  maxFileMb: number;
  maxEntryMb: number;
  allowedFileTypes: readonly string[];
  scorersPerEntry: number;
  spreadThreshold: number;
  /** Which result ranks the entries; raw mean unless chosen. */
  rankingBasis?: 'raw' | 'normalised';
  /** Working days the nominees are posted before the council meets (nominations/posting.ts); 10 unless set. */
  postingWindowDays?: number;
  /** The campaign's bodies (DESIGN.md: organisations are data); null or absent = not chosen yet. */
  presidingOrganisationId?: number | null;
  proposalSymbol?: string;
  scoringPartnerIds?: readonly number[];
  appraisingOrganisationId?: number | null;
  awardingOrganisationId?: number | null;
  /** The press-entry rules; absent, the columns' defaults (no limit but 5 authors, 5 episodes). */
  maxAuthors?: number;
  maxSeriesEpisodes?: number;
  lengthLimits?: LengthLimits;
  evidenceByPressType?: boolean;
  /** Days (`YYYY-MM-DD`); empty or absent = the campaign's year. */
  publicationOpensOn?: string | null;
  publicationClosesOn?: string | null;
  priorAwardsDeclared?: boolean;
  priorAwardRefusedFrom?: Exclude<PriorAwardLevel, 'none'> | null;
  /** A batch leaves only with every signed scan (completeness.ts); absent = no. */
  requiresSignedScans?: boolean;
}

type CampaignValues = Omit<Campaign, 'id' | 'createdAt'>;

const timeZone = 'Asia/Ho_Chi_Minh';
const dayPattern = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The one conversion between the days a coordinator enters and the instants stored. Vietnam keeps
 * UTC+7 all year (no daylight saving), so a window opens at 00:00:00 of its day there and a
 * deadline falls at 23:59:59 of its day there, wherever the server runs. Given a day and an edge it
 * returns that instant (an invalid Date for a day that does not exist); given an instant, the day it
 * falls on in Vietnam, as the form shows it.
 */
export function vietnamDay(day: string, edge: 'start' | 'end'): Date;
export function vietnamDay(instant: Date): string;
export function vietnamDay(value: string | Date, edge: 'start' | 'end' = 'start'): Date | string {
  if (value instanceof Date) {
    const parts = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(value);
    const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value;
    return `${part('year')}-${part('month')}-${part('day')}`;
  }
  if (!dayPattern.test(value)) return new Date(Number.NaN);
  const instant = new Date(`${value}T${edge === 'start' ? '00:00:00' : '23:59:59'}+07:00`);
  // Date rolls 31 April over into 1 May; a day that does not come back unchanged did not exist.
  return Number.isNaN(instant.getTime()) || vietnamDay(instant) !== value ? new Date(Number.NaN) : instant;
}

function whole(value: number, min: number, max: number): boolean {
  return Number.isInteger(value) && value >= min && value <= max;
}

function refuse(key: MessageKey, field: keyof CampaignInput): never {
  throw new DomainError(key, field);
}

/**
 * Every rule of a campaign's settings, in form order, so the first problem named is the first the
 * reader meets; all of them at once (issue 16). A field left out (the form refused it already) is
 * not judged, nor the rules relating it to others.
 */
export function campaignProblems(input: Partial<CampaignInput>): Problem[] {
  const problems: Problem[] = [];
  const limits = campaignLimits;
  const check = (ok: boolean, key: MessageKey, field: keyof CampaignInput) => {
    if (!ok) problems.push({ key, field });
    return ok;
  };
  const { year, entryLimitPerAuthor, maxFileMb, maxEntryMb, scorersPerEntry, spreadThreshold } = input;
  if (year !== undefined) check(whole(year, limits.year.min, limits.year.max), 'campaigns.errors.yearRange', 'year');
  if (input.title !== undefined) {
    const title = input.title.trim();
    if (check(Boolean(title), 'campaigns.errors.titleRequired', 'title')) check(title.length <= limits.titleLength.max, 'campaigns.errors.titleTooLong', 'title');
  }
  const instant = (field: 'submissionOpensOn' | 'submissionClosesOn' | 'scoringClosesOn' | 'nominationsDueOn', edge: 'start' | 'end', key: MessageKey) => {
    const day = input[field];
    if (day === undefined) return undefined;
    const at = vietnamDay(day, edge);
    return check(!Number.isNaN(at.getTime()), key, field) ? at : undefined;
  };
  const opens = instant('submissionOpensOn', 'start', 'campaigns.errors.opensDate');
  const closes = instant('submissionClosesOn', 'end', 'campaigns.errors.closesDate');
  const scoring = instant('scoringClosesOn', 'end', 'campaigns.errors.scoringDate');
  const due = instant('nominationsDueOn', 'end', 'campaigns.errors.nominationsDate');
  // Compared as stored instants: a window opening and closing on the same day is one full day long.
  if (opens && closes) check(opens < closes, 'campaigns.errors.closesBeforeOpens', 'submissionClosesOn');
  if (closes && scoring) check(closes <= scoring, 'campaigns.errors.scoringBeforeCloses', 'scoringClosesOn');
  if (scoring && due) check(scoring <= due, 'campaigns.errors.nominationsBeforeScoring', 'nominationsDueOn');
  if (entryLimitPerAuthor !== undefined) {
    check(whole(entryLimitPerAuthor, limits.entryLimitPerAuthor.min, limits.entryLimitPerAuthor.max), 'campaigns.errors.entryLimitRange', 'entryLimitPerAuthor');
  }
  if (maxFileMb !== undefined) check(whole(maxFileMb, limits.maxFileMb.min, limits.maxFileMb.max), 'campaigns.errors.maxFileRange', 'maxFileMb');
  if (maxEntryMb !== undefined) check(whole(maxEntryMb, maxFileMb ?? limits.maxFileMb.min, limits.maxEntryMb.max), 'campaigns.errors.maxEntryRange', 'maxEntryMb');
  if (input.allowedFileTypes !== undefined) {
    if (check(input.allowedFileTypes.length > 0, 'campaigns.errors.fileTypesRequired', 'allowedFileTypes')) {
      check(input.allowedFileTypes.every(isEvidenceType), 'campaigns.errors.fileTypeUnknown', 'allowedFileTypes');
    }
  }
  if (scorersPerEntry !== undefined) check(whole(scorersPerEntry, limits.scorersPerEntry.min, limits.scorersPerEntry.max), 'campaigns.errors.scorersRange', 'scorersPerEntry');
  if (spreadThreshold !== undefined) check(whole(spreadThreshold, limits.spreadThreshold.min, limits.spreadThreshold.max), 'campaigns.errors.spreadRange', 'spreadThreshold');
  const symbol = (input.proposalSymbol ?? '').trim();
  if (symbol) check(symbol.length <= limits.proposalSymbolLength.max && proposalSymbolPattern.test(symbol), 'campaigns.errors.proposalSymbolInvalid', 'proposalSymbol');
  if (input.postingWindowDays !== undefined) {
    check(whole(input.postingWindowDays, limits.postingWindowDays.min, limits.postingWindowDays.max), 'campaigns.errors.postingWindowRange', 'postingWindowDays');
  }
  return [...problems, ...pressRuleProblemsOf(input)];
}

/** The press-entry rules' settings (src/domain/entries/rules.ts applies them to entries). */
function pressRuleProblemsOf(input: Partial<CampaignInput>): Problem[] {
  const problems: Problem[] = [];
  const limits = campaignLimits;
  const check = (ok: boolean, key: MessageKey, field: keyof CampaignInput | `length_${string}`) => {
    if (!ok) problems.push({ key, field });
  };
  if (input.maxAuthors !== undefined) check(whole(input.maxAuthors, limits.maxAuthors.min, limits.maxAuthors.max), 'campaigns.errors.maxAuthorsRange', 'maxAuthors');
  if (input.maxSeriesEpisodes !== undefined) {
    check(whole(input.maxSeriesEpisodes, limits.maxSeriesEpisodes.min, limits.maxSeriesEpisodes.max), 'campaigns.errors.seriesRange', 'maxSeriesEpisodes');
  }
  for (const type of limitedPressTypes) {
    const value = input.lengthLimits?.[type];
    if (value === undefined) continue;
    const range = limits[lengthLimitFields[type]];
    check(whole(value, range.min, range.max), `campaigns.errors.${lengthLimitFields[type]}Range`, `length_${type}`);
  }
  const opens = input.publicationOpensOn || null;
  const closes = input.publicationClosesOn || null;
  const opensOk = !opens || !Number.isNaN(vietnamDay(opens, 'start').getTime());
  const closesOk = !closes || !Number.isNaN(vietnamDay(closes, 'start').getTime());
  check(opensOk, 'campaigns.errors.publicationDate', 'publicationOpensOn');
  check(closesOk, 'campaigns.errors.publicationDate', 'publicationClosesOn');
  if (opens && closes && opensOk && closesOk) check(closes >= opens, 'campaigns.errors.publicationOrder', 'publicationClosesOn');
  const refused = input.priorAwardRefusedFrom ?? null;
  if (refused !== null) check((refused as string) !== 'none' && priorAwardLevels.includes(refused), 'campaigns.errors.priorAwardLevel', 'priorAwardRefusedFrom');
  return problems;
}

/** The campaign's stored values, once every rule holds (all refusals at once otherwise). */
function validCampaign(input: CampaignInput): CampaignValues {
  const problems = campaignProblems(input);
  if (problems.length) throw DomainError.of(problems);
  const { year, entryLimitPerAuthor, maxFileMb, maxEntryMb, scorersPerEntry, spreadThreshold } = input;
  const title = input.title.trim();
  const submissionOpensAt = vietnamDay(input.submissionOpensOn, 'start');
  const submissionClosesAt = vietnamDay(input.submissionClosesOn, 'end');
  const scoringClosesAt = vietnamDay(input.scoringClosesOn, 'end');
  const nominationsDueAt = vietnamDay(input.nominationsDueOn, 'end');
  const postingWindowDays = input.postingWindowDays ?? newCampaignDefaults.postingWindowDays;

  return {
    year,
    title,
    submissionOpensAt,
    submissionClosesAt,
    scoringClosesAt,
    nominationsDueAt,
    entryLimitPerAuthor,
    maxFileMb,
    maxEntryMb,
    // One spelling and one order, however the form sent them.
    allowedFileTypes: evidenceTypes.filter((type) => input.allowedFileTypes.includes(type)),
    scorersPerEntry,
    spreadThreshold,
    rankingBasis: input.rankingBasis === 'normalised' ? 'normalised' : 'raw',
    postingWindowDays,
    presidingOrganisationId: input.presidingOrganisationId ?? null,
    proposalSymbol: (input.proposalSymbol ?? '').trim(),
    appraisingOrganisationId: input.appraisingOrganisationId ?? null,
    awardingOrganisationId: input.awardingOrganisationId ?? null,
    requiresSignedScans: input.requiresSignedScans ?? false,
    ...validPressRules(input),
  };
}

/** The press-entry rules of the campaign's settings, once campaignProblems found none. */
function validPressRules(input: CampaignInput): Pick<CampaignValues, 'maxAuthors' | 'maxSeriesEpisodes' | 'lengthLimits' | 'evidenceByPressType' | 'publicationOpensOn' | 'publicationClosesOn' | 'priorAwardsDeclared' | 'priorAwardRefusedFrom'> {
  const lengthLimits: LengthLimits = {};
  for (const type of limitedPressTypes) {
    const value = input.lengthLimits?.[type];
    if (value !== undefined) lengthLimits[type] = value;
  }
  return {
    maxAuthors: input.maxAuthors ?? 5,
    maxSeriesEpisodes: input.maxSeriesEpisodes ?? 5,
    lengthLimits,
    evidenceByPressType: input.evidenceByPressType ?? false,
    publicationOpensOn: input.publicationOpensOn || null,
    publicationClosesOn: input.publicationClosesOn || null,
    priorAwardsDeclared: input.priorAwardsDeclared ?? false,
    priorAwardRefusedFrom: input.priorAwardRefusedFrom ?? null,
  };
}

/**
 * The bodies must be organisations that exist and are active; then the scoring partners replace
 * the campaign's. Inside the caller's transaction.
 */
async function saveBodies(tx: Queryable, campaignId: number, values: CampaignValues, partnerIds: readonly number[]) {
  const chosen: [keyof CampaignInput, number | null][] = [
    ['presidingOrganisationId', values.presidingOrganisationId],
    ['appraisingOrganisationId', values.appraisingOrganisationId],
    ['awardingOrganisationId', values.awardingOrganisationId],
  ];
  const partners = [...new Set(partnerIds)];
  const ids = [...new Set([...chosen.flatMap(([, id]) => (id === null ? [] : [id])), ...partners])];
  const active = new Set(
    ids.length
      ? (await tx.select({ id: organisations.id }).from(organisations).where(and(inArray(organisations.id, ids), eq(organisations.active, true)))).map((o) => o.id)
      : [],
  );
  for (const [field, id] of chosen) if (id !== null && !active.has(id)) refuse('campaigns.errors.organisationUnknown', field);
  if (partners.some((id) => !active.has(id))) refuse('campaigns.errors.organisationUnknown', 'scoringPartnerIds');
  await tx.delete(campaignScoringPartners).where(eq(campaignScoringPartners.campaignId, campaignId));
  if (partners.length) await tx.insert(campaignScoringPartners).values(partners.map((organisationId) => ({ campaignId, organisationId })));
}

/** The campaign's scoring partners (organisation ids), for its form and its pages. */
export async function scoringPartnersOf(db: Queryable, campaignId: number): Promise<number[]> {
  const rows = await db
    .select({ id: campaignScoringPartners.organisationId })
    .from(campaignScoringPartners)
    .where(eq(campaignScoringPartners.campaignId, campaignId))
    .orderBy(asc(campaignScoringPartners.organisationId));
  return rows.map((r) => r.id);
}

/** For the audit row: dates as ISO strings, so the JSON reads the same on PostgreSQL and PGlite. */
function auditable(values: CampaignValues): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]));
}

function yearTaken(error: unknown): never {
  if (isUniqueViolation(error)) throw new DomainError('campaigns.errors.yearTaken', 'year', 'CONFLICT');
  throw error;
}

/** Newest year first: the running movement is the one a coordinator looks for. */
export function listCampaigns(db: Database) {
  return db.select().from(campaigns).orderBy(desc(campaigns.year));
}

export async function getCampaign(db: Queryable, id: number): Promise<Campaign | undefined> {
  const [row] = await db.select().from(campaigns).where(eq(campaigns.id, id));
  return row;
}

/** The campaign a record belongs to: its foreign key guarantees one. */
export async function campaignOf(db: Queryable, record: { campaignId: number }): Promise<Campaign> {
  return (await getCampaign(db, record.campaignId)) ?? Promise.reject(DomainError.notFound());
}

export async function createCampaign(db: Database, actor: SessionUser, input: CampaignInput, ip?: string, formKey?: string): Promise<Campaign> {
  requireRoleFor(actor, 'campaigns.create');
  const values = validCampaign(input);
  try {
    return await db.transaction((tx) => oncePerFormKey(tx, actor, formKey, 'campaign', async () => {
      const [row] = await tx.insert(campaigns).values(values).returning();
      await saveBodies(tx, row.id, values, input.scoringPartnerIds ?? []);
      await createDefaultRubric(tx, row.id);
      await recordAudit(tx, {
        action: 'campaign_created',
        actorId: actor.id,
        ip,
        subjectType: 'campaign',
        subjectId: row.id,
        details: { ...auditable(values), scoringPartnerIds: [...new Set(input.scoringPartnerIds ?? [])] },
      });
      return row;
    }, { again: (id) => getCampaign(tx, id) }));
  } catch (error) {
    return yearTaken(error);
  }
}

/** The audit row keeps what each changed setting was and became: moved deadlines must be traceable. */
export async function updateCampaign(
  db: Database,
  actor: SessionUser,
  id: number,
  input: CampaignInput,
  ip?: string,
): Promise<Campaign> {
  requireRoleFor(actor, 'campaigns.update');
  const values = validCampaign(input);
  try {
    return await db.transaction(async (tx) => {
      const [before] = await tx.select().from(campaigns).where(eq(campaigns.id, id)).for('update');
      if (!before) throw DomainError.notFound();
      const partnersBefore = await scoringPartnersOf(tx, id);
      const [row] = await tx.update(campaigns).set(values).where(eq(campaigns.id, id)).returning();
      await saveBodies(tx, id, values, input.scoringPartnerIds ?? []);
      const was: Record<string, unknown> = { ...auditable(before), scoringPartnerIds: partnersBefore };
      const now: Record<string, unknown> = { ...auditable(values), scoringPartnerIds: await scoringPartnersOf(tx, id) };
      const changes = Object.fromEntries(
        Object.keys(now)
          .filter((k) => JSON.stringify(was[k]) !== JSON.stringify(now[k]))
          .map((k) => [k, { from: was[k], to: now[k] }]),
      );
      await recordAudit(tx, {
        action: 'campaign_updated',
        actorId: actor.id,
        ip,
        subjectType: 'campaign',
        subjectId: id,
        details: { changes },
      });
      return row;
    });
  } catch (error) {
    return yearTaken(error);
  }
}
