/**
 * Who scores what: a pure function, so its promises (N distinct eligible scorers, no conflict,
 * balanced load, same answer for the same input) can be tested on generated data.
 */

export interface EntryToAssign {
  id: number;
  organisationId: number;
  authorUserIds: readonly number[];
  /** Scorers already on it (kept), and scorers who declared a conflict on it (never again). */
  assignedScorerIds: readonly number[];
  declinedScorerIds: readonly number[];
}

export interface PanelScorer {
  id: number;
  organisationId: number;
  /** Assignments they already carry in this campaign, counted in the balance. */
  load: number;
}

export interface AssignmentPlan {
  /** New scorer ids per entry id. */
  added: Map<number, number[]>;
  /** Entries that could not get enough eligible scorers, with how many are missing. */
  short: Map<number, number>;
  load: Map<number, number>;
}

/** Conflict of interest (DESIGN.md): never a scorer of the entry's own organisation or one of its authors. */
export function isEligible(scorer: Pick<PanelScorer, 'id' | 'organisationId'>, entry: EntryToAssign): boolean {
  return (
    scorer.organisationId !== entry.organisationId &&
    !entry.authorUserIds.includes(scorer.id) &&
    !entry.declinedScorerIds.includes(scorer.id) &&
    !entry.assignedScorerIds.includes(scorer.id)
  );
}

export function planAssignments(entries: readonly EntryToAssign[], scorers: readonly PanelScorer[], perEntry: number): AssignmentPlan {
  const panel = [...scorers].sort((a, b) => a.id - b.id);
  const load = new Map(panel.map((s) => [s.id, s.load]));
  const chosen = new Map<number, number[]>();
  const short = new Map<number, number>();

  const eligibleFor = (entry: EntryToAssign) => panel.filter((s) => isEligible(s, entry));
  // The most constrained entries first, so the scorers they can have are still free for them.
  const order = entries
    .map((entry) => ({ entry, eligible: eligibleFor(entry) }))
    .sort((a, b) => a.eligible.length - b.eligible.length || a.entry.id - b.entry.id);

  for (const { entry, eligible } of order) {
    const needed = Math.max(0, perEntry - entry.assignedScorerIds.length);
    if (needed === 0) continue;
    const picks = [...eligible]
      .sort((a, b) => load.get(a.id)! - load.get(b.id)! || a.id - b.id)
      .slice(0, needed)
      .map((s) => s.id);
    for (const id of picks) load.set(id, load.get(id)! + 1);
    chosen.set(entry.id, picks);
    if (picks.length < needed) short.set(entry.id, needed - picks.length);
  }

  rebalance(order.map((o) => o.entry), panel, chosen, load);
  const added = new Map([...chosen].filter(([, ids]) => ids.length > 0).map(([id, ids]) => [id, ids.sort((a, b) => a - b)]));
  return { added, short, load };
}

/**
 * Greedy picks can leave the busiest and the idlest scorer more than one apart when conflicts
 * narrow the choice; moving single new assignments from the busiest to the idlest eligible
 * scorer closes the gap wherever a move exists.
 */
function rebalance(entries: EntryToAssign[], panel: PanelScorer[], chosen: Map<number, number[]>, load: Map<number, number>) {
  const byId = new Map(entries.map((e) => [e.id, e]));
  for (let guard = 0; guard < 100_000; guard++) {
    const sorted = [...panel].sort((a, b) => load.get(a.id)! - load.get(b.id)! || a.id - b.id);
    const idlest = sorted[0];
    const busiest = sorted[sorted.length - 1];
    if (!idlest || load.get(busiest.id)! - load.get(idlest.id)! <= 1) return;
    let moved = false;
    for (const [entryId, ids] of [...chosen].sort(([a], [b]) => a - b)) {
      const entry = byId.get(entryId)!;
      if (!ids.includes(busiest.id) || ids.includes(idlest.id) || !isEligible(idlest, entry)) continue;
      ids[ids.indexOf(busiest.id)] = idlest.id;
      load.set(busiest.id, load.get(busiest.id)! - 1);
      load.set(idlest.id, load.get(idlest.id)! + 1);
      moved = true;
      break;
    }
    if (!moved) return;
  }
}
