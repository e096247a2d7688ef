import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../db/client';
import { campaigns, entries, entryAuthors, type Entry } from '../../db/schema';
import { actorFor } from './accounts';
import { demoCampaign } from './campaigns';

/**
 * Puts an entry straight into the database in any status, for tests that need one to exist
 * (the rules that produce statuses are tested through the domain functions themselves).
 */
export async function createEntry(
  db: Queryable,
  authorEmail: string,
  values: Partial<typeof entries.$inferInsert> = {},
): Promise<Entry> {
  const author = await actorFor(db, authorEmail);
  const campaign = await demoCampaign(db);
  const [entry] = await db
    .insert(entries)
    .values({
      campaignId: campaign.id,
      kind: 'article',
      organisationId: author.organisationId,
      createdById: author.id,
      formKey: randomUUID(),
      title: 'Đơn giản hóa thủ tục hành chính ở Hạ Long',
      parAreas: ['procedures'],
      ...values,
    })
    .returning();
  await db.insert(entryAuthors).values({ entryId: entry.id, userId: author.id, position: 0 });
  return entry;
}

/** A campaign open until 2099 with its own file limits, for tests that must reach a limit with small files. */
export async function createCampaignWithLimits(db: Queryable, year: number, limits: Partial<Pick<typeof campaigns.$inferInsert, 'maxFileMb' | 'maxEntryMb' | 'allowedFileTypes'>>) {
  const [campaign] = await db
    .insert(campaigns)
    .values({
      year,
      title: 'Đợt thử giới hạn tệp',
      submissionOpensAt: new Date('2024-01-01T00:00:00+07:00'),
      submissionClosesAt: new Date('2099-12-31T23:59:59+07:00'),
      scoringClosesAt: new Date('2099-12-31T23:59:59+07:00'),
      nominationsDueAt: new Date('2099-12-31T23:59:59+07:00'),
      ...limits,
    })
    .returning();
  return campaign;
}
