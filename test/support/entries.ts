import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../db/client';
import { entries, entryAuthors, type Entry } from '../../db/schema';
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
