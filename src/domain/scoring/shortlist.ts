import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '@db/client';
import { entries } from '@db/schema';
import type { SessionUser } from '@/auth/session';
import type { Context } from '@/domain/context';
import { changeEntryStatus } from '@/domain/entries/transitions';
import { canTransition } from '@/domain/entries/status';
import { requireCampaign } from '@/domain/campaigns/current';
import { DomainError } from '@/domain/errors';
import { requireRoleFor } from '@/domain/permissions';
import { isNominated } from '@/domain/nominations/nominations';
import { campaignForResults, campaignResults } from './results';

/**
 * Puts scored entries of a campaign on the shortlist; entries not (or no longer) scored are left
 * as they are and reported, so a stale ranking page cannot shortlist the wrong thing.
 */
export async function shortlistEntries(db: Database, coordinator: SessionUser, campaignId: number, entryIds: number[], { now = new Date(), ip }: Context = {}) {
  requireRoleFor(coordinator, 'scoring.shortlist');
  await requireCampaign(db, campaignId);
  if (entryIds.length === 0) return { shortlisted: [] as number[], skipped: [] as number[] };
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({ id: entries.id, status: entries.status })
      .from(entries)
      .where(and(eq(entries.campaignId, campaignId), inArray(entries.id, entryIds)))
      .for('update');
    const shortlisted = rows.filter((r) => canTransition('shortlist', r.status)).map((r) => r.id);
    for (const id of shortlisted) await changeEntryStatus(tx, coordinator, id, 'shortlist', { now, ip });
    const skipped = entryIds.filter((id) => !shortlisted.includes(id));
    return { shortlisted, skipped };
  });
}

/** Takes an entry off the shortlist; refused once a nomination rests on it. */
export async function unshortlistEntry(db: Database, coordinator: SessionUser, entryId: number, { now = new Date(), ip }: Context = {}) {
  requireRoleFor(coordinator, 'scoring.unshortlist');
  await db.transaction((tx) =>
    changeEntryStatus(tx, coordinator, entryId, 'unshortlist', {
      now,
      ip,
      check: async () => {
        if (await isNominated(tx, entryId)) throw new DomainError('nominations.errors.entryNominated', undefined, 'CONFLICT');
      },
    }),
  );
}

/**
 * The scored entries that "the top N" (of the whole ranking, shortlisted ones included) or "at or
 * above a score" picks from a ranking ordered best first.
 */
export function pickFromRanking(
  ranking: readonly { entryId: number; score: number | null; status: string }[],
  rule: { top: number } | { atLeast: number },
): number[] {
  const picked = 'top' in rule ? ranking.slice(0, Math.max(0, rule.top)) : ranking.filter((r) => r.score !== null && r.score >= rule.atLeast);
  return picked.filter((r) => r.status === 'scored').map((r) => r.entryId);
}

/** Shortlists by a rule over the campaign's current ranking (the campaign's own ranking basis). */
export async function shortlistByRanking(
  db: Database,
  coordinator: SessionUser,
  campaignId: number,
  rule: { top: number } | { atLeast: number },
  context: Context = {},
) {
  const campaign = await campaignForResults(db, campaignId);
  if (!campaign) throw DomainError.notFound();
  const { rows } = await campaignResults(db, campaign);
  const picked = pickFromRanking(rows.map((r) => ({ entryId: r.entryId, score: r.basis, status: r.status })), rule);
  return shortlistEntries(db, coordinator, campaignId, picked, context);
}
