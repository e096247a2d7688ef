import { asc, eq } from 'drizzle-orm';
import type { Queryable } from '@db/client';
import { campaignScoringPartners, organisations, type Campaign } from '@db/schema';
import { currentCampaign } from './current';

export interface CampaignBodies {
  presiding: string | null;
  partners: string[];
}

/** The names of a campaign's presiding department and scoring partners, as they are now. */
export async function campaignBodies(db: Queryable, campaign: Pick<Campaign, 'id' | 'presidingOrganisationId'>): Promise<CampaignBodies> {
  const [presiding, partners] = await Promise.all([
    campaign.presidingOrganisationId
      ? db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, campaign.presidingOrganisationId))
      : Promise.resolve([]),
    db
      .select({ name: organisations.name })
      .from(campaignScoringPartners)
      .innerJoin(organisations, eq(organisations.id, campaignScoringPartners.organisationId))
      .where(eq(campaignScoringPartners.campaignId, campaign.id))
      .orderBy(asc(organisations.name)),
  ]);
  return { presiding: presiding[0]?.name ?? null, partners: partners.map((p) => p.name) };
}

/** The current campaign's bodies (the site's footer names them); none before the first campaign. */
export async function currentBodies(db: Queryable): Promise<CampaignBodies> {
  const campaign = await currentCampaign(db);
  return campaign ? campaignBodies(db, campaign) : { presiding: null, partners: [] };
}
