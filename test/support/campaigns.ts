import { eq } from 'drizzle-orm';
import type { Queryable } from '../../db/client';
import { type Campaign, campaigns } from '../../db/schema';

/** The demo seed's 2024 campaign, the one test entries and nominations belong to. */
export async function demoCampaign(db: Queryable): Promise<Campaign> {
  const [campaign] = await db.select().from(campaigns).where(eq(campaigns.year, 2024));
  if (!campaign) throw new Error('no 2024 campaign in the test database');
  return campaign;
}
