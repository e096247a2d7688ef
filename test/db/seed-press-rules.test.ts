import { count, eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { campaigns, entries, entryAuthors } from '../../db/schema';
import { seedDemo } from '../../db/seed/demo';
import { missingForSubmission } from '../../src/domain/entries/completeness';
import { pressRuleProblems } from '../../src/domain/entries/rules';
import { enteredStatuses } from '../../src/domain/entries/status';
import { emptyDatabase } from '../support/database';

describe('the demo seed and the press-entry rules (issue 12 item 3)', () => {
  it('the 2026 movement takes the National Press Award rules, and every entry sent obeys them', async () => {
    const handle = await emptyDatabase();
    try {
      await seedDemo(handle.db);
      const [c2026] = await handle.db.select().from(campaigns).where(eq(campaigns.year, 2026));
      expect([c2026.maxAuthors, c2026.maxSeriesEpisodes, c2026.lengthLimits, c2026.priorAwardsDeclared]).toEqual([
        5,
        5,
        { print: 2500, online: 2500, radio: 60, television: 60 },
        true,
      ]);
      const sent = await handle.db
        .select()
        .from(entries)
        .where(inArray(entries.status, [...enteredStatuses]));
      const authorRows = await handle.db.select({ entryId: entryAuthors.entryId, n: count() }).from(entryAuthors).groupBy(entryAuthors.entryId);
      const authorsOf = new Map(authorRows.map((r) => [r.entryId, r.n]));
      const current = sent.filter((e) => e.campaignId === c2026.id);
      expect(current.length).toBeGreaterThan(150);
      expect(current.some((e) => e.seriesEpisodes)).toBe(true);
      const broken = current.flatMap((e) => {
        const problems = [...missingForSubmission(e, c2026), ...pressRuleProblems({ ...e, authorCount: e.collective ? 0 : (authorsOf.get(e.id) ?? 0) }, c2026, { submitting: true })];
        return problems.length ? [{ id: e.id, title: e.title, problems: problems.map((p) => p.key) }] : [];
      });
      expect(broken).toEqual([]);
    } finally {
      await handle.close();
    }
  });
});
