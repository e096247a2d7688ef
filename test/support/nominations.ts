import { and, eq } from 'drizzle-orm';
import type { Queryable } from '../../db/client';
import { awardDecisions, campaigns, entries, nominationEntries, nominations, type AwardForm, type Entry } from '../../db/schema';
import { awardLine } from '../../src/domain/nominations/outcomes';
import type { NominationInput } from '../../src/domain/nominations/nominations';
import { actorFor } from './accounts';
import { createEntry } from './entries';

/**
 * What the coordinator's form sends to nominate the author `email` for a new shortlisted entry of
 * theirs (in the demo campaign), with `overrides` on top.
 */
export async function individualNomination(db: Queryable, email: string, overrides: Partial<NominationInput> = {}): Promise<NominationInput> {
  const author = await actorFor(db, email);
  const entry = await createEntry(db, email, { status: 'shortlisted' });
  return {
    campaignId: entry.campaignId,
    nominee: { type: 'individual', userId: author.id },
    awardForm: 'provincial_certificate',
    entryIds: [entry.id],
    achievementSummary: 'Có loạt bài tuyên truyền CCHC hiệu quả.',
    eligibilityDeclared: true,
    ...overrides,
  };
}

/**
 * A nomination of the entry's first author (or its organisation, `collective`) approved by a
 * decision, written as recording the decision leaves it (src/domain/nominations/outcomes.ts): the
 * decision row of the campaign's authority, the nomination pointing to it, the entry awarded.
 * For data no page can make before the server starts (a gallery item made afterwards takes the
 * decision's award line).
 */
export async function decidedNomination(
  db: Queryable,
  entry: Pick<Entry, 'id' | 'campaignId' | 'createdById' | 'organisationId'>,
  { number = '3456/QĐ-UBND', date = '2024-12-20', awardForm = 'provincial_certificate', collective = false }: { number?: string; date?: string; awardForm?: AwardForm; collective?: boolean } = {},
) {
  const [campaign] = await db.select().from(campaigns).where(eq(campaigns.id, entry.campaignId));
  const authority = awardForm === 'provincial_certificate' ? campaign.awardingOrganisationId! : campaign.presidingOrganisationId!;
  const year = Number(date.slice(0, 4));
  await db.insert(awardDecisions).values({ authorityOrganisationId: authority, year, number, decidedOn: date }).onConflictDoNothing();
  const [decision] = await db
    .select()
    .from(awardDecisions)
    .where(and(eq(awardDecisions.authorityOrganisationId, authority), eq(awardDecisions.year, year), eq(awardDecisions.number, number)));
  const coordinator = await actorFor(db, 'coordinator@demo.vn');
  const [nomination] = await db
    .insert(nominations)
    .values({
      campaignId: entry.campaignId,
      nomineeType: collective ? 'collective' : 'individual',
      nomineeUserId: collective ? null : entry.createdById,
      nomineeOrganisationId: collective ? entry.organisationId : null,
      awardForm,
      achievementSummary: 'Có tác phẩm tuyên truyền cải cách hành chính hiệu quả.',
      eligibilityDeclared: true,
      status: 'approved',
      decisionId: decision.id,
      decisionNumber: number,
      decisionDate: decision.decidedOn,
      createdById: coordinator.id,
    })
    .returning();
  await db.insert(nominationEntries).values({ nominationId: nomination.id, entryId: entry.id, campaignId: entry.campaignId });
  await db.update(entries).set({ status: 'awarded' }).where(eq(entries.id, entry.id));
  return { nominationId: nomination.id, awardLine: awardLine(awardForm, number) };
}
