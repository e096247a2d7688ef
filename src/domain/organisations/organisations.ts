import { asc, eq } from 'drizzle-orm';
import type { Database } from '@db/client';
import { organisations, type OrganisationKind } from '@db/schema';
import type { SessionUser } from '@/auth/session';
import { recordAudit } from '@/domain/audit/record';
import { DomainError } from '@/domain/errors';
import { isUniqueViolation } from '@/domain/postgres-errors';

export interface OrganisationInput {
  kind: OrganisationKind;
  name: string;
  shortName: string;
}

export function listOrganisations(db: Database) {
  return db.select().from(organisations).orderBy(asc(organisations.kind), asc(organisations.name));
}

export async function createOrganisation(db: Database, actor: SessionUser, input: OrganisationInput, ip?: string) {
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx.insert(organisations).values(input).returning();
      await recordAudit(tx, { action: 'organisation_created', actorId: actor.id, ip, subjectType: 'organisation', subjectId: row.id });
      return row;
    });
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
      const [row] = await tx.update(organisations).set(input).where(eq(organisations.id, id)).returning();
      if (!row) throw DomainError.notFound();
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
