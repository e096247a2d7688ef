import { and, count, eq, inArray } from 'drizzle-orm';
import type { Database } from '@db/client';
import { assignments, campaigns, declaredConflicts, entries, entryAuthors, panelMembers, users } from '@db/schema';
import type { SessionUser } from '@/auth/session';
import { recordAudit } from '@/domain/audit/record';
import { DomainError } from '@/domain/errors';
import { requireRoleFor } from '@/domain/permissions';
import { changeEntryStatus } from '@/domain/entries/transitions';
import { notify } from '@/domain/notifications/notifications';
import { type EntryToAssign, planAssignments } from './assignment';

export interface AssignmentRun {
  added: number;
  /** Entries left with fewer scorers than the campaign asks for. */
  short: { entryId: number; title: string; missing: number }[];
}

/**
 * Gives every confirmed (and every under-staffed in-review) entry of the campaign its scorers, in
 * one transaction; confirmed entries that got scorers move to in_review.
 */
export async function assignEntries(db: Database, actor: SessionUser, campaignId: number, now = new Date(), ip?: string): Promise<AssignmentRun> {
  requireRoleFor(actor, 'scoring.assign');
  return db.transaction(async (tx) => {
    const [campaign] = await tx.select().from(campaigns).where(eq(campaigns.id, campaignId)).for('update');
    if (!campaign) throw DomainError.notFound();
    const panel = await tx
      .select({ id: users.id, organisationId: users.organisationId })
      .from(panelMembers)
      .innerJoin(users, eq(users.id, panelMembers.userId))
      .where(and(eq(panelMembers.campaignId, campaignId), eq(users.active, true)));
    if (panel.length === 0) throw new DomainError('scoring.errors.noPanel', undefined, 'CONFLICT');

    const candidates = await tx
      .select({ id: entries.id, title: entries.title, status: entries.status, organisationId: entries.organisationId })
      .from(entries)
      .where(and(eq(entries.campaignId, campaignId), inArray(entries.status, ['confirmed', 'in_review'])))
      .for('update');
    const ids = candidates.map((e) => e.id);
    const [authorRows, assignedRows, declinedRows, loadRows] = ids.length
      ? await Promise.all([
          tx.select({ entryId: entryAuthors.entryId, userId: entryAuthors.userId }).from(entryAuthors).where(inArray(entryAuthors.entryId, ids)),
          tx.select({ entryId: assignments.entryId, scorerId: assignments.scorerId }).from(assignments).where(inArray(assignments.entryId, ids)),
          tx.select({ entryId: declaredConflicts.entryId, scorerId: declaredConflicts.scorerId }).from(declaredConflicts).where(inArray(declaredConflicts.entryId, ids)),
          tx
            .select({ scorerId: assignments.scorerId, n: count() })
            .from(assignments)
            .innerJoin(entries, eq(entries.id, assignments.entryId))
            .where(eq(entries.campaignId, campaignId))
            .groupBy(assignments.scorerId),
        ])
      : [[], [], [], []];
    const group = (rows: { entryId: number; id: number | null }[]) => {
      const map = new Map<number, number[]>();
      for (const r of rows) if (r.id !== null) map.set(r.entryId, [...(map.get(r.entryId) ?? []), r.id]);
      return map;
    };
    const authorsOf = group(authorRows.map((r) => ({ entryId: r.entryId, id: r.userId })));
    const assignedTo = group(assignedRows.map((r) => ({ entryId: r.entryId, id: r.scorerId })));
    const declinedBy = group(declinedRows.map((r) => ({ entryId: r.entryId, id: r.scorerId })));
    const loads = new Map(loadRows.map((r) => [r.scorerId, r.n]));

    const toAssign: EntryToAssign[] = candidates.map((e) => ({
      id: e.id,
      organisationId: e.organisationId,
      authorUserIds: authorsOf.get(e.id) ?? [],
      assignedScorerIds: assignedTo.get(e.id) ?? [],
      declinedScorerIds: declinedBy.get(e.id) ?? [],
    }));
    const plan = planAssignments(
      toAssign,
      panel.map((s) => ({ ...s, load: loads.get(s.id) ?? 0 })),
      campaign.scorersPerEntry,
    );

    const rows = [...plan.added].flatMap(([entryId, scorerIds]) => scorerIds.map((scorerId) => ({ entryId, scorerId, assignedAt: now })));
    if (rows.length) await tx.insert(assignments).values(rows);
    for (const entry of candidates) {
      if (entry.status !== 'confirmed' || !plan.added.has(entry.id)) continue;
      await changeEntryStatus(tx, actor, entry.id, 'assign', { now, ip });
    }
    const perScorer = new Map<number, number>();
    for (const r of rows) perScorer.set(r.scorerId, (perScorer.get(r.scorerId) ?? 0) + 1);
    for (const [scorerId, n] of perScorer) await notify(tx, [scorerId], 'scoring.notices.assigned', { count: n }, '/app/scoring');
    await recordAudit(tx, {
      action: 'assignments_made',
      actorId: actor.id,
      ip,
      subjectType: 'campaign',
      subjectId: campaignId,
      details: { added: rows.length, short: plan.short.size },
      at: now,
    });
    const titles = new Map(candidates.map((e) => [e.id, e.title]));
    return {
      added: rows.length,
      short: [...plan.short].map(([entryId, missing]) => ({ entryId, title: titles.get(entryId) ?? '', missing })),
    };
  });
}
