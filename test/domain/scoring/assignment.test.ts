import { describe, expect, it } from 'vitest';
import { type EntryToAssign, isEligible, type PanelScorer, planAssignments } from '../../../src/domain/scoring/assignment';
import { seededRandom } from '../../support/random';

/**
 * A province-like campaign: scorers from the information department (org 1) and the media
 * centre (org 2, which also submits entries); entries from 12 outlets, some by scorers themselves.
 */
function generate(seed: number, entryCount = 500, scorerCount = 12) {
  const next = seededRandom(seed);
  const scorers: PanelScorer[] = Array.from({ length: scorerCount }, (_, i) => ({ id: 100 + i, organisationId: i % 3 === 0 ? 2 : 1, load: 0 }));
  const entries: EntryToAssign[] = Array.from({ length: entryCount }, (_, i) => {
    const organisationId = next() < 0.15 ? 2 : 10 + Math.floor(next() * 12);
    const authorUserIds = [1000 + i];
    if (next() < 0.05) authorUserIds.push(scorers[Math.floor(next() * scorers.length)].id);
    const declinedScorerIds = next() < 0.05 ? [scorers[Math.floor(next() * scorers.length)].id] : [];
    return { id: i + 1, organisationId, authorUserIds, assignedScorerIds: [], declinedScorerIds };
  });
  return { entries, scorers };
}

describe('assignment on generated campaigns of 500 entries and 12 scorers', () => {
  for (const seed of [1, 2, 3, 42, 2024]) {
    it(`gives every entry 3 distinct eligible scorers, balanced, deterministic (seed ${seed})`, () => {
      const { entries, scorers } = generate(seed);
      const plan = planAssignments(entries, scorers, 3);
      expect(plan.short.size).toBe(0);
      const byId = new Map(scorers.map((s) => [s.id, s]));
      const counted = new Map(scorers.map((s) => [s.id, 0]));
      for (const entry of entries) {
        const ids = plan.added.get(entry.id) ?? [];
        expect(ids, `entry ${entry.id}`).toHaveLength(3);
        expect(new Set(ids).size).toBe(3);
        for (const id of ids) {
          expect(isEligible(byId.get(id)!, entry), `scorer ${id} on entry ${entry.id}`).toBe(true);
          counted.set(id, counted.get(id)! + 1);
        }
      }
      const loads = [...counted.values()];
      expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
      expect(loads.reduce((a, b) => a + b, 0)).toBe(1500);
      expect([...plan.load]).toEqual([...counted]);
      // the same input, shuffled, gives the same plan
      const shuffled = planAssignments([...entries].reverse(), [...scorers].reverse(), 3);
      expect([...shuffled.added].sort(([a], [b]) => a - b)).toEqual([...plan.added].sort(([a], [b]) => a - b));
    });
  }

  it('keeps existing assignments and counts them in the balance', () => {
    const { entries, scorers } = generate(7, 60, 6);
    const first = planAssignments(entries.slice(0, 30), scorers, 3);
    const carried = scorers.map((s) => ({ ...s, load: first.load.get(s.id)! }));
    const withExisting = entries.map((e) => ({ ...e, assignedScorerIds: first.added.get(e.id) ?? [] }));
    const second = planAssignments(withExisting, carried, 3);
    for (const e of entries.slice(0, 30)) expect(second.added.has(e.id), `entry ${e.id}`).toBe(false);
    const loads = [...second.load.values()];
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
  });

  it('tops up an entry that lost a scorer to a declared conflict, never with that scorer', () => {
    const scorers: PanelScorer[] = [1, 2, 3, 4].map((id) => ({ id, organisationId: 1, load: 0 }));
    const entry: EntryToAssign = { id: 9, organisationId: 5, authorUserIds: [], assignedScorerIds: [1, 2], declinedScorerIds: [3] };
    expect(planAssignments([entry], scorers, 3).added.get(9)).toEqual([4]);
  });

  it('says which entries lack eligible scorers, and by how many', () => {
    const scorers: PanelScorer[] = [
      { id: 1, organisationId: 1, load: 0 },
      { id: 2, organisationId: 2, load: 0 },
      { id: 3, organisationId: 2, load: 0 },
    ];
    const fromMediaCentre: EntryToAssign = { id: 1, organisationId: 2, authorUserIds: [], assignedScorerIds: [], declinedScorerIds: [] };
    const byScorerOne: EntryToAssign = { id: 2, organisationId: 7, authorUserIds: [1], assignedScorerIds: [], declinedScorerIds: [] };
    const plan = planAssignments([fromMediaCentre, byScorerOne], scorers, 3);
    expect(plan.added.get(1)).toEqual([1]);
    expect(plan.short.get(1)).toBe(2);
    expect(plan.added.get(2)).toEqual([2, 3]);
    expect(plan.short.get(2)).toBe(1);
  });
});
