import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Queryable } from '../../db/client';
import { campaigns, entries, entryAuthors, type Entry } from '../../db/schema';
import { actorFor } from './accounts';

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
  const [campaign] = await db.select().from(campaigns).where(eq(campaigns.year, 2024));
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
