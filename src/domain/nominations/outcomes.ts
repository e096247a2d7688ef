import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Database, Queryable } from '@db/client';
import { awardDecisions, campaigns, galleryItems, nominationBatches, nominationEntries, nominations, type AwardForm, type Nomination } from '@db/schema';
import type { SessionUser } from '@/auth/session';
import { vietnamDay } from '@/domain/campaigns/campaigns';
import { DomainError, type Problem } from '@/domain/errors';
import { isCalendarDay } from '@/domain/fields';
import { cacheTags, invalidatePublicPages } from '@/domain/gallery/cache';
import { galleryChannel } from '@/domain/gallery/changes';
import { changeEntryStatus } from '@/domain/entries/transitions';
import { translate } from '@/i18n';
import { decisionNumberPattern, inHouseDecisionNumberPattern } from './status';

export interface DecisionInput {
  number: string;
  date: string;
}

/**
 * The decision's own fields checked, every problem at once: the number in its form (…/QĐ-UBND for
 * the Chairman's, …/QĐ-<symbol> for the department's), a day that exists, not after today in the
 * province's calendar and, for what was sent to Home Affairs, not before the day it was sent.
 */
export function decisionProblems(awardForm: AwardForm, decision: DecisionInput, { now, sentAt }: { now: Date; sentAt?: Date | null }): Problem[] {
  const problems: Problem[] = [];
  const number = decision.number.trim();
  const pattern = awardForm === 'provincial_certificate' ? decisionNumberPattern : inHouseDecisionNumberPattern;
  if (!pattern.test(number)) {
    problems.push({ field: 'decisionNumber', key: awardForm === 'provincial_certificate' ? 'nominations.errors.decisionNumber' : 'nominations.errors.inHouseDecisionNumber' });
  }
  if (!isCalendarDay(decision.date)) {
    problems.push({ field: 'decisionDate', key: 'nominations.errors.decisionDate' });
  } else if (decision.date > vietnamDay(now)) {
    problems.push({ field: 'decisionDate', key: 'nominations.errors.decisionInFuture' });
  } else if (sentAt && decision.date < vietnamDay(sentAt)) {
    problems.push({ field: 'decisionDate', key: 'nominations.errors.decisionBeforeSending', params: { date: vietnamDay(sentAt).split('-').reverse().join('/') } });
  }
  return problems;
}

/** Whose decision it is: the campaign's awarding authority for a Bằng khen, its presiding department for a Giấy khen. */
async function authorityOf(tx: Queryable, nomination: Pick<Nomination, 'campaignId' | 'awardForm'>): Promise<number> {
  const [campaign] = await tx
    .select({ awarding: campaigns.awardingOrganisationId, presiding: campaigns.presidingOrganisationId })
    .from(campaigns)
    .where(eq(campaigns.id, nomination.campaignId));
  const authority = nomination.awardForm === 'provincial_certificate' ? campaign?.awarding : campaign?.presiding;
  if (!authority) throw new DomainError('nominations.errors.noAuthority', 'decisionNumber', 'CONFLICT');
  return authority;
}

/** When the nomination's batch was sent to Home Affairs (none for the department's own award). */
export async function sentAtOf(tx: Queryable, nomination: Pick<Nomination, 'batchId'>): Promise<Date | null> {
  if (nomination.batchId === null) return null;
  const [batch] = await tx.select({ sentAt: nominationBatches.sentAt }).from(nominationBatches).where(eq(nominationBatches.id, nomination.batchId));
  return batch?.sentAt ?? null;
}

/**
 * The decision with this number of the nomination's authority and year: the one already recorded
 * when its date is the same (a decision awards several nominees), a new one otherwise. The same
 * number with another date is refused, naming the decision it would contradict. The unique index
 * settles two recorders racing: the loser reads the winner's row.
 */
export async function decisionFor(tx: Queryable, actor: SessionUser, nomination: Pick<Nomination, 'campaignId' | 'awardForm'>, decision: DecisionInput, now: Date): Promise<number> {
  const authorityOrganisationId = await authorityOf(tx, nomination);
  const number = decision.number.trim();
  const year = Number(decision.date.slice(0, 4));
  await tx
    .insert(awardDecisions)
    .values({ authorityOrganisationId, year, number, decidedOn: decision.date, recordedById: actor.id, recordedAt: now })
    .onConflictDoNothing();
  const [row] = await tx
    .select()
    .from(awardDecisions)
    .where(and(eq(awardDecisions.authorityOrganisationId, authorityOrganisationId), eq(awardDecisions.year, year), eq(awardDecisions.number, number)))
    .for('update');
  if (row.decidedOn !== decision.date) {
    throw new DomainError('nominations.errors.decisionNumberTaken', 'decisionNumber', 'CONFLICT', { number, date: row.decidedOn.split('-').reverse().join('/') });
  }
  return row.id;
}

/** The gallery's award line of a decided nomination, as the decision says it (always in Vietnamese, the decision's language). */
export function awardLine(awardForm: AwardForm, decisionNumber: string): string {
  return translate('vi', 'nominations.awardLine', { award: translate('vi', `nominations.awardForms.${awardForm}`), number: decisionNumber });
}

/** The award line of an entry: from the decision on the nomination it backs, or none. */
export async function awardLineOfEntry(db: Queryable, entryId: number): Promise<string | null> {
  const [row] = await db
    .select({ awardForm: nominations.awardForm, number: nominations.decisionNumber })
    .from(nominationEntries)
    .innerJoin(nominations, eq(nominations.id, nominationEntries.nominationId))
    .where(and(eq(nominationEntries.entryId, entryId), eq(nominations.status, 'approved'), isNotNull(nominations.decisionId)))
    .limit(1);
  return row?.number ? awardLine(row.awardForm, row.number) : null;
}

/**
 * The outcome reaches the entries the nomination rests on: each shortlisted one moves to awarded
 * (or not_awarded) through `changeEntryStatus`, and a gallery item of an awarded entry takes the
 * decision's award line. Returns the gallery items changed, for the public pages to be dropped.
 */
export async function carryOutcome(tx: Queryable, actor: SessionUser, nominationId: number, outcome: 'award' | 'notAward', now: Date, ip?: string) {
  const [n] = await tx.select().from(nominations).where(eq(nominations.id, nominationId));
  const rows = await tx.select({ entryId: nominationEntries.entryId }).from(nominationEntries).where(eq(nominationEntries.nominationId, nominationId));
  const ids = rows.map((r) => r.entryId);
  // A step repeated by the seed or a retry finds the entries already there.
  for (const id of ids) await changeEntryStatus(tx, actor, id, outcome, { now, ip, done: (e) => e.status === (outcome === 'award' ? 'awarded' : 'not_awarded') });
  if (ids.length === 0) return { year: undefined, items: [] };
  const award = outcome === 'award' && n.decisionNumber ? awardLine(n.awardForm, n.decisionNumber) : null;
  const items = await tx.update(galleryItems).set({ award, updatedAt: now }).where(inArray(galleryItems.entryId, ids)).returning({ id: galleryItems.id, slug: galleryItems.slug, year: galleryItems.year });
  const [campaign] = await tx.select({ year: campaigns.year }).from(campaigns).where(eq(campaigns.id, n.campaignId));
  return { year: campaign?.year, items };
}

/**
 * After a decision: `/results/<year>` and the gallery items' pages are stale. Every instance on
 * the same PostgreSQL is told to drop its whole public cache (a decision is rare), this one drops
 * the pages concerned at once.
 */
export async function outcomeChanged(db: Database | Queryable, change: { year?: number; items: { id: number; slug: string }[] }) {
  await db.execute(sql`select pg_notify(${galleryChannel}, ${JSON.stringify({ outcome: change.year ?? null })})`);
  await invalidatePublicPages({
    tags: [cacheTags.galleryList, ...(change.year ? [cacheTags.results(change.year)] : []), ...change.items.map((i) => cacheTags.item(i.id))],
    paths: change.items.flatMap((i) => [`/gallery/${i.slug}`, `/en/gallery/${i.slug}`]),
  });
}
