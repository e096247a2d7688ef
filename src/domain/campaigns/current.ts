import { desc, eq, lte } from 'drizzle-orm';
import type { Queryable } from '@db/client';
import { campaigns, type Campaign } from '@db/schema';
import { DomainError } from '@/domain/errors';

/** The campaign new entries belong to: the latest one whose submission window has opened. */
export async function currentCampaign(db: Queryable, now = new Date()): Promise<Campaign | undefined> {
  const [campaign] = await db
    .select()
    .from(campaigns)
    .where(lte(campaigns.submissionOpensAt, now))
    .orderBy(desc(campaigns.submissionOpensAt))
    .limit(1);
  return campaign;
}

/**
 * The campaign a coordinator's form names, or a 404: an id that names no campaign is refused here,
 * in the domain's words, rather than by the foreign key of the row it would have been written into.
 */
export async function requireCampaign(db: Queryable, id: number): Promise<Campaign> {
  // Locked: two coordinators replacing the same campaign's panel or rubric at once take turns
  // (each deletes the rows, then inserts its own: in parallel the second insert would collide).
  const [campaign] = await db.select().from(campaigns).where(eq(campaigns.id, id)).for('update');
  if (!campaign) throw new DomainError('errors.notFoundTitle', 'campaignId', 'NOT_FOUND');
  return campaign;
}
