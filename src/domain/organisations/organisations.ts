import { and, asc, eq, gte, inArray } from 'drizzle-orm';
import type { Database, Queryable } from '@db/client';
import { organisationNames, organisations, type OrganisationKind } from '@db/schema';
import { vietnamDay } from '@/domain/campaigns/campaigns';
import type { SessionUser } from '@/auth/session';
import { recordAudit } from '@/domain/audit/record';
import { DomainError } from '@/domain/errors';
import { oncePerFormKey } from '@/domain/form-keys';
import { isUniqueViolation } from '@/domain/postgres-errors';

export interface OrganisationInput {
  kind: OrganisationKind;
  name: string;
  shortName: string;
}

export function listOrganisations(db: Database) {
  return db.select().from(organisations).orderBy(asc(organisations.kind), asc(organisations.name));
}

/** The organisations a campaign may name as its bodies: active ones, by name. */
export function activeOrganisations(db: Queryable) {
  return db
    .select({ id: organisations.id, name: organisations.name, kind: organisations.kind })
    .from(organisations)
    .where(eq(organisations.active, true))
    .orderBy(asc(organisations.name));
}

export async function createOrganisation(db: Database, actor: SessionUser, input: OrganisationInput, ip?: string, formKey?: string) {
  try {
    return await db.transaction((tx) =>
      oncePerFormKey(
        tx,
        actor,
        formKey,
        'organisation',
        async () => {
          const [row] = await tx.insert(organisations).values(input).returning();
          await recordAudit(tx, { action: 'organisation_created', actorId: actor.id, ip, subjectType: 'organisation', subjectId: row.id });
          return row;
        },
        { again: async (id) => (await tx.select().from(organisations).where(eq(organisations.id, id)))[0] },
      ),
    );
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError('admin.nameTaken', 'name', 'CONFLICT');
    throw error;
  }
}

export async function updateOrganisation(
  db: Database,
  actor: SessionUser,
  id: number,
  input: OrganisationInput & { active: boolean },
  ip?: string,
) {
  try {
    return await db.transaction(async (tx) => {
      const [before] = await tx.select().from(organisations).where(eq(organisations.id, id)).for('update');
      if (!before) throw DomainError.notFound();
      const [row] = await tx.update(organisations).set(input).where(eq(organisations.id, id)).returning();
      if (!row) throw DomainError.notFound();
      // A rename keeps the old name for the documents signed under it (DESIGN.md: old records keep the name they had).
      if (before.name !== row.name || before.shortName !== row.shortName) {
        await tx.insert(organisationNames).values({ organisationId: id, name: before.name, shortName: before.shortName, usedUntil: vietnamDay(new Date()) });
      }
      await recordAudit(tx, {
        action: 'organisation_updated',
        actorId: actor.id,
        ip,
        subjectType: 'organisation',
        subjectId: id,
        details: { ...input },
      });
      return row;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError('admin.nameTaken', 'name', 'CONFLICT');
    throw error;
  }
}

/**
 * Merges `id` into `intoId` (as the Department of Information and Communications went into the
 * Department of Science and Technology on 01/03/2025): the old organisation becomes inactive and
 * points at its successor; its people, entries and dossiers stay its own, under its own name.
 */
export async function mergeOrganisation(db: Database, actor: SessionUser, id: number, intoId: number, ip?: string) {
  if (id === intoId) throw new DomainError('admin.mergeIntoItself', 'intoId');
  return db.transaction(async (tx) => {
    const rows = await tx.select({ id: organisations.id }).from(organisations).where(inArray(organisations.id, [id, intoId])).for('update');
    if (rows.length !== 2) throw DomainError.notFound();
    await tx.update(organisations).set({ active: false, mergedIntoId: intoId }).where(eq(organisations.id, id));
    await recordAudit(tx, { action: 'organisation_updated', actorId: actor.id, ip, subjectType: 'organisation', subjectId: id, details: { mergedIntoId: intoId } });
  });
}

export interface NamedOrganisation {
  id: number;
  name: string;
  shortName: string;
}

/**
 * Each organisation as it was named on `day` (`YYYY-MM-DD`): the earliest former name still in use
 * then, or the current name. One query whatever the number of organisations.
 */
export async function namesOn(db: Queryable, ids: readonly number[], day: string): Promise<Map<number, NamedOrganisation>> {
  const wanted = [...new Set(ids)];
  if (!wanted.length) return new Map();
  const [current, former] = await Promise.all([
    db.select({ id: organisations.id, name: organisations.name, shortName: organisations.shortName }).from(organisations).where(inArray(organisations.id, wanted)),
    db
      .select({ id: organisationNames.organisationId, name: organisationNames.name, shortName: organisationNames.shortName })
      .from(organisationNames)
      .where(and(inArray(organisationNames.organisationId, wanted), gte(organisationNames.usedUntil, day)))
      .orderBy(asc(organisationNames.usedUntil), asc(organisationNames.id)),
  ]);
  const named = new Map(current.map((o) => [o.id, o]));
  const seen = new Set<number>();
  for (const f of former) {
    if (seen.has(f.id)) continue;
    seen.add(f.id);
    named.set(f.id, f);
  }
  return named;
}
