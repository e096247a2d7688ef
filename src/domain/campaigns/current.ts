import { desc, lte } from 'drizzle-orm';
import type { Queryable } from '@db/client';
import { campaigns, type Campaign } from '@db/schema';

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
