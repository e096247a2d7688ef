import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '@db/client';
import {
  awardDecisions,
  campaigns,
  entries,
  entryKinds,
  galleryItems,
  nominationEntries,
  nominations,
  organisations,
  parAreas,
  pressTypes,
  type AwardForm,
  type Campaign,
  type EntryKind,
  type EntryStatus,
  type ParArea,
  type PressType,
} from '@db/schema';
import { currentCampaign } from '@/domain/campaigns/current';
import { nomineeColumns, nomineeUnit, withNominee } from '@/domain/nominations/joins';
import { visibleToPublic } from './eligibility';
import { latestPublicItems } from './queries';

/**
 * The read side of the public pages other than the gallery's own list and item pages: the home
 * page, the yearly results, the feed and the sitemap. Gallery items are shown only when
 * `visibleToPublic()` (published, and the entry still publishable); entries only as counts.
 */

export const homeFeaturedLimit = 6;
export const homeLatestLimit = 6;
export const feedLimit = 20;

/**
 * The home page: featured models, the newest items not already shown as featured (issue 16), and
 * the campaign now running. Three queries, run at once: the newest are read with room for the
 * featured ones they skip.
 */
export async function homeContent(db: Queryable, now = new Date()) {
  const [featured, newest, campaign] = await Promise.all([
    latestPublicItems(db, { featured: true, limit: homeFeaturedLimit }),
    latestPublicItems(db, { limit: homeLatestLimit + homeFeaturedLimit }),
    currentCampaign(db, now),
  ]);
  const shown = new Set(featured.map((item) => item.id));
  const latest = newest.filter((item) => !shown.has(item.id)).slice(0, homeLatestLimit);
  return { featured, latest, campaign };
}

/** The newest public items for the RSS feed. One query. */
export function feedItems(db: Queryable) {
  return latestPublicItems(db, { limit: feedLimit });
}

/** Every public item's address and last change, and every campaign year, for the sitemap. Two queries. */
export async function sitemapContent(db: Queryable) {
  const [items, years] = await Promise.all([
    db
      .select({ slug: galleryItems.slug, updatedAt: galleryItems.updatedAt })
      .from(galleryItems)
      .innerJoin(entries, eq(entries.id, galleryItems.entryId))
      .where(visibleToPublic())
      .orderBy(desc(galleryItems.publishedAt), desc(galleryItems.id)),
    db.select({ year: campaigns.year }).from(campaigns).orderBy(desc(campaigns.year)),
  ]);
  return { items, years: years.map((y) => y.year) };
}

/**
 * Entries counted in the public figures: those their outlet has confirmed (collective entries are
 * confirmed on submission) and everything after — in review, scored, shortlisted. A draft is
 * private, a submitted entry may still be returned by its outlet, a returned one is being
 * reworked, and a withdrawn one was taken back by its authors: none of these is counted.
 */
export const countedStatuses = ['confirmed', 'in_review', 'scored', 'shortlisted', 'awarded', 'not_awarded'] as const satisfies readonly EntryStatus[];

export interface Count<T> {
  key: T;
  count: number;
}

/** One award decided for the year: a nominee, the award and the decision, with the works shown in the gallery. */
export interface AwardedItem {
  nominationId: number;
  nomineeType: 'individual' | 'collective';
  /** The person, or the organisation for a collective award. */
  nominee: string;
  /** The person's organisation; for a collective award, none. */
  unit: string | null;
  awardForm: AwardForm;
  decisionNumber: string;
  decisionDate: string;
  /** The works the award rests on that the public may see (published gallery items), by title. */
  /** The works it rests on; `slug` where the gallery publishes one. */
  works: { slug: string | null; title: string }[];
}

export interface PublicResults {
  campaign: Pick<Campaign, 'id' | 'year' | 'title'>;
  total: number;
  byKind: Count<EntryKind>[];
  /** Every area, zeros included; an entry in two areas counts in both. */
  byParArea: Count<ParArea>[];
  /** Articles only: an initiative has no press type. Every type, zeros included. */
  byPressType: Count<PressType>[];
  /** Organisations with at least one counted entry, most first. */
  byOrganisation: Count<string>[];
  /**
   * The awards decided for the year's campaign, from the nominations approved with their decision
   * (DESIGN.md: the only source of public award lines), collective awards first, then by name.
   * Never the gallery's own text.
   */
  awarded: AwardedItem[];
}

const vietnamese = new Intl.Collator('vi');

/**
 * A campaign's public figures, or undefined when the year has no campaign. Three queries; the
 * counts are made here from one row per counted entry (a campaign has hundreds, not millions),
 * so PostgreSQL and PGlite give the same figures without array functions in SQL.
 */
export async function publicResults(db: Queryable, year: number): Promise<PublicResults | undefined> {
  const [campaign] = await db
    .select({ id: campaigns.id, year: campaigns.year, title: campaigns.title })
    .from(campaigns)
    .where(eq(campaigns.year, year));
  if (!campaign) return undefined;

  const [rows, awarded] = await Promise.all([
    db
      .select({ kind: entries.kind, pressType: entries.pressType, parAreas: entries.parAreas, organisationName: organisations.name })
      .from(entries)
      .innerJoin(organisations, eq(organisations.id, entries.organisationId))
      .where(and(eq(entries.campaignId, campaign.id), inArray(entries.status, [...countedStatuses]))),
    awardsOf(db, campaign.id),
  ]);

  const tally = <T>(keys: readonly T[]) => new Map<T, number>(keys.map((k) => [k, 0]));
  const kinds = tally(entryKinds);
  const areas = tally(parAreas);
  const types = tally(pressTypes);
  const organisationCounts = new Map<string, number>();
  for (const row of rows) {
    kinds.set(row.kind, (kinds.get(row.kind) ?? 0) + 1);
    for (const area of new Set(row.parAreas)) if (areas.has(area)) areas.set(area, areas.get(area)! + 1);
    if (row.kind === 'article' && row.pressType && types.has(row.pressType)) types.set(row.pressType, types.get(row.pressType)! + 1);
    organisationCounts.set(row.organisationName, (organisationCounts.get(row.organisationName) ?? 0) + 1);
  }
  const counts = <T>(map: Map<T, number>): Count<T>[] => [...map].map(([key, count]) => ({ key, count }));

  return {
    campaign,
    total: rows.length,
    byKind: counts(kinds),
    byParArea: counts(areas),
    byPressType: counts(types),
    byOrganisation: counts(organisationCounts).sort((a, b) => b.count - a.count || vietnamese.compare(a.key, b.key)),
    awarded,
  };
}

/** The campaign's decided awards (two queries), as `PublicResults.awarded` orders them. */
async function awardsOf(db: Queryable, campaignId: number): Promise<AwardedItem[]> {
  const rows = await withNominee(
    db
      .select({
        nominationId: nominations.id,
        nomineeType: nominations.nomineeType,
        ...nomineeColumns,
        unit: nomineeUnit.name,
        awardForm: nominations.awardForm,
        decisionNumber: awardDecisions.number,
        decisionDate: awardDecisions.decidedOn,
      })
      .from(nominations)
      .innerJoin(awardDecisions, eq(awardDecisions.id, nominations.decisionId))
      .$dynamic(),
  ).where(and(eq(nominations.campaignId, campaignId), eq(nominations.status, 'approved')));
  if (rows.length === 0) return [];
  // Every awarded work is named (a decision is public); it links to the gallery where published there.
  const works = await db
    .select({ nominationId: nominationEntries.nominationId, slug: galleryItems.slug, title: sql<string>`coalesce(${galleryItems.title}, ${entries.title})` })
    .from(nominationEntries)
    .innerJoin(entries, eq(entries.id, nominationEntries.entryId))
    .leftJoin(galleryItems, and(eq(galleryItems.entryId, entries.id), visibleToPublic()))
    .where(inArray(nominationEntries.nominationId, rows.map((r) => r.nominationId)))
    .orderBy(asc(entries.title));
  return rows
    .map((r) => ({
      nominationId: r.nominationId,
      nomineeType: r.nomineeType,
      nominee: (r.nomineeType === 'individual' ? r.userName : r.organisationName) ?? '',
      unit: r.nomineeType === 'individual' ? r.unit : null,
      awardForm: r.awardForm,
      decisionNumber: r.decisionNumber,
      decisionDate: r.decisionDate,
      works: works.filter((w) => w.nominationId === r.nominationId).map(({ slug, title }) => ({ slug, title })),
    }))
    .sort((a, b) => Number(a.nomineeType === 'individual') - Number(b.nomineeType === 'individual') || vietnamese.compare(a.nominee, b.nominee));
}

/** `/results/<year>`: a four-digit year, else nothing (the page answers 404). */
export function parseYear(value: string | undefined): number | undefined {
  return value && /^[12][0-9]{3}$/.test(value) ? Number(value) : undefined;
}
