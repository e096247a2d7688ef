import { readFileSync } from 'node:fs';
import { and, asc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openPglite, openPostgres } from '../../db/client';
import { awardDecisions, campaigns, galleryItems, nominations } from '../../db/schema';
import { seedDemo } from '../../db/seed/demo';
import { createPostgresDatabase, dropPostgresDatabase, postgresUrlFor, testDbKind } from '../support/database';

async function emptyDatabase() {
  if (testDbKind === 'pglite') return openPglite();
  const name = await createPostgresDatabase();
  const handle = await openPostgres(postgresUrlFor(name), { max: 2 });
  return { ...handle, close: async () => { await handle.close(); await dropPostgresDatabase(name); } };
}

/** Migration 0018's data statements (what it does to rows already there), read from the file itself. */
const dataStatements = readFileSync(new URL('../../db/migrations/0018_outcomes.sql', import.meta.url), 'utf8')
  .split('--> statement-breakpoint')
  .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
  .filter((s) => /^(INSERT|UPDATE)/.test(s));

describe('migration 0018 on a database with decisions already recorded', () => {
  it('makes one decision per authority, year and number, points the nominations to it, and derives the gallery’s award lines', async () => {
    const handle = await emptyDatabase();
    try {
      await seedDemo(handle.db);
      // The database as it was before: numbers on the nominations only, award lines typed freely.
      await handle.db.update(nominations).set({ decisionId: null });
      await handle.db.delete(awardDecisions);
      await handle.db.update(galleryItems).set({ award: 'Bằng khen của Thủ tướng Chính phủ' });
      expect(dataStatements).toHaveLength(3);
      for (const statement of dataStatements) await handle.db.execute(sql.raw(statement));

      const [province] = await handle.db.select({ id: campaigns.awardingOrganisationId }).from(campaigns).where(eq(campaigns.year, 2024));
      const decisions = await handle.db.select().from(awardDecisions).orderBy(asc(awardDecisions.year));
      expect(decisions.map((d) => [d.authorityOrganisationId, d.year, d.number, d.decidedOn])).toEqual([
        [province.id, 2024, '3125/QĐ-UBND', '2024-12-20'],
        [province.id, 2025, '2987/QĐ-UBND', '2025-12-22'],
      ]);
      expect(await handle.db.select().from(nominations).where(and(eq(nominations.status, 'approved'), isNull(nominations.decisionId)))).toEqual([]);
      const awarded = await handle.db.select({ year: galleryItems.year, award: galleryItems.award }).from(galleryItems).where(isNotNull(galleryItems.award));
      expect(awarded.map((i) => i.award).sort()).toEqual([
        ...Array(5).fill('Bằng khen của Chủ tịch UBND tỉnh (Quyết định số 2987/QĐ-UBND)'),
        ...Array(5).fill('Bằng khen của Chủ tịch UBND tỉnh (Quyết định số 3125/QĐ-UBND)'),
      ]);
    } finally {
      await handle.close();
    }
  });
});
