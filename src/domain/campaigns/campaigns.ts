import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Database, Queryable } from '@db/client';
import { type Campaign, campaignScoringPartners, campaigns, organisations } from '@db/schema';
import type { SessionUser } from '@/auth/session';
import { recordAudit } from '@/domain/audit/record';
import { DomainError } from '@/domain/errors';
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
} as const;

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
  /** The campaign's bodies (DESIGN.md: organisations are data); null or absent = not chosen yet. */
  presidingOrganisationId?: number | null;
  proposalSymbol?: string;
  scoringPartnerIds?: readonly number[];
  appraisingOrganisationId?: number | null;
  awardingOrganisationId?: number | null;
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

function instantOf(day: string, edge: 'start' | 'end', field: keyof CampaignInput, key: MessageKey): Date {
  const instant = vietnamDay(day, edge);
  if (Number.isNaN(instant.getTime())) refuse(key, field);
  return instant;
}

function refuse(key: MessageKey, field: keyof CampaignInput): never {
  throw new DomainError(key, field);
}

/** Every rule of a campaign's settings, in form order, so the first problem named is the first the reader meets. */
function validCampaign(input: CampaignInput): CampaignValues {
  const { year, entryLimitPerAuthor, maxFileMb, maxEntryMb, scorersPerEntry, spreadThreshold } = input;
  const limits = campaignLimits;
  if (!whole(year, limits.year.min, limits.year.max)) refuse('campaigns.errors.yearRange', 'year');
  const title = input.title.trim();
  if (!title) refuse('campaigns.errors.titleRequired', 'title');
  if (title.length > limits.titleLength.max) refuse('campaigns.errors.titleTooLong', 'title');

  const submissionOpensAt = instantOf(input.submissionOpensOn, 'start', 'submissionOpensOn', 'campaigns.errors.opensDate');
  const submissionClosesAt = instantOf(input.submissionClosesOn, 'end', 'submissionClosesOn', 'campaigns.errors.closesDate');
  const scoringClosesAt = instantOf(input.scoringClosesOn, 'end', 'scoringClosesOn', 'campaigns.errors.scoringDate');
  const nominationsDueAt = instantOf(input.nominationsDueOn, 'end', 'nominationsDueOn', 'campaigns.errors.nominationsDate');
  // Compared as stored instants: a window opening and closing on the same day is one full day long.
  if (!(submissionOpensAt < submissionClosesAt)) refuse('campaigns.errors.closesBeforeOpens', 'submissionClosesOn');
  if (!(submissionClosesAt <= scoringClosesAt)) refuse('campaigns.errors.scoringBeforeCloses', 'scoringClosesOn');
  if (!(scoringClosesAt <= nominationsDueAt)) refuse('campaigns.errors.nominationsBeforeScoring', 'nominationsDueOn');

  if (!whole(entryLimitPerAuthor, limits.entryLimitPerAuthor.min, limits.entryLimitPerAuthor.max)) {
    refuse('campaigns.errors.entryLimitRange', 'entryLimitPerAuthor');
  }
  if (!whole(maxFileMb, limits.maxFileMb.min, limits.maxFileMb.max)) refuse('campaigns.errors.maxFileRange', 'maxFileMb');
  if (!whole(maxEntryMb, maxFileMb, limits.maxEntryMb.max)) refuse('campaigns.errors.maxEntryRange', 'maxEntryMb');
  if (input.allowedFileTypes.length === 0) refuse('campaigns.errors.fileTypesRequired', 'allowedFileTypes');
  if (!input.allowedFileTypes.every(isEvidenceType)) refuse('campaigns.errors.fileTypeUnknown', 'allowedFileTypes');
  if (!whole(scorersPerEntry, limits.scorersPerEntry.min, limits.scorersPerEntry.max)) {
    refuse('campaigns.errors.scorersRange', 'scorersPerEntry');
  }
  if (!whole(spreadThreshold, limits.spreadThreshold.min, limits.spreadThreshold.max)) {
    refuse('campaigns.errors.spreadRange', 'spreadThreshold');
  }

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
    presidingOrganisationId: input.presidingOrganisationId ?? null,
    proposalSymbol: validSymbol(input.proposalSymbol ?? ''),
    appraisingOrganisationId: input.appraisingOrganisationId ?? null,
    awardingOrganisationId: input.awardingOrganisationId ?? null,
  };
}

function validSymbol(raw: string): string {
  const symbol = raw.trim();
  if (symbol && (symbol.length > campaignLimits.proposalSymbolLength.max || !proposalSymbolPattern.test(symbol))) {
    refuse('campaigns.errors.proposalSymbolInvalid', 'proposalSymbol');
  }
  return symbol;
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
