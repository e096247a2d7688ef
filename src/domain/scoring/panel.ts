import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Database, Queryable } from '@db/client';
import { organisations, panelMembers, users } from '@db/schema';
import type { SessionUser } from '@/auth/session';
import { recordAudit } from '@/domain/audit/record';
import { requireCampaign } from '@/domain/campaigns/current';
import { DomainError } from '@/domain/errors';
import { requireRoleFor } from '@/domain/permissions';

/** Plan 40 III.3.2: the Department of Information and Communications scores with the Media Centre. */
const scoringOrganisationKinds = ['info_comms', 'media_centre'] as const;

/** Scorer accounts a coordinator may put on the panel. */
export function eligiblePanel(db: Queryable) {
  return db
    .select({ id: users.id, name: users.name, organisationId: users.organisationId, organisationName: organisations.name })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(and(eq(users.role, 'scorer'), eq(users.active, true), inArray(organisations.kind, [...scoringOrganisationKinds])))
    .orderBy(asc(organisations.name), asc(users.name));
}

export async function panelOf(db: Queryable, campaignId: number) {
  return db
    .select({ id: users.id, name: users.name, organisationId: users.organisationId, active: users.active })
    .from(panelMembers)
    .innerJoin(users, eq(users.id, panelMembers.userId))
    .where(eq(panelMembers.campaignId, campaignId))
    .orderBy(asc(users.name));
}

/** Replaces the panel. Scorers already assigned keep their assignments (reassign them by hand). */
export async function setPanel(db: Database, actor: SessionUser, campaignId: number, scorerIds: number[], ip?: string) {
  requireRoleFor(actor, 'scoring.setPanel');
  const wanted = [...new Set(scorerIds)];
  await db.transaction(async (tx) => {
    await requireCampaign(tx, campaignId);
    const allowed = new Set((await eligiblePanel(tx)).map((s) => s.id));
    if (wanted.some((id) => !allowed.has(id))) throw new DomainError('scoring.errors.notEligibleScorer', 'scorerIds');
    await tx.delete(panelMembers).where(eq(panelMembers.campaignId, campaignId));
    if (wanted.length) await tx.insert(panelMembers).values(wanted.map((userId) => ({ campaignId, userId })));
    await recordAudit(tx, { action: 'panel_updated', actorId: actor.id, ip, subjectType: 'campaign', subjectId: campaignId, details: { scorerIds: wanted } });
  });
}
