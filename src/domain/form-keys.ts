import { and, eq } from 'drizzle-orm';
import type { Queryable } from '@db/client';
import { formKeys, type FormKeyKind } from '@db/schema';
import { DomainError } from './errors';

/**
 * Runs one create form's work once per form key (issue #13 item 5): the same key twice makes one
 * record, however the second arrives (a double click, back and resubmit, two tabs, a retry).
 *
 * Called first in the transaction that creates the record: the key is claimed with INSERT … ON
 * CONFLICT DO NOTHING, so a second request with the same key waits on the first one's row until it
 * commits (PostgreSQL; PGlite runs one transaction at a time), then finds it and answers with the
 * record it names (`again`). A refused create rolls its claim back with it: the same form may be
 * corrected and sent again. The key is looked up for this person only and grants nothing: the
 * caller has checked the role before, and `again` reads what this person created.
 *
 * Without a key (the demo seed, domain tests calling directly) the work simply runs.
 */
export async function oncePerFormKey<T>(
  tx: Queryable,
  person: { id: number },
  formKey: string | undefined,
  kind: FormKeyKind,
  create: () => Promise<T>,
  { idOf = (record) => (record as { id: number }).id, again }: { idOf?: (record: T) => number; again: (id: number) => Promise<T | undefined> },
): Promise<T> {
  if (formKey === undefined) return create();
  const [claimed] = await tx.insert(formKeys).values({ userId: person.id, key: formKey, kind }).onConflictDoNothing().returning({ key: formKeys.key });
  if (!claimed) {
    const [earlier] = await tx
      .select({ kind: formKeys.kind, recordId: formKeys.recordId })
      .from(formKeys)
      .where(and(eq(formKeys.userId, person.id), eq(formKeys.key, formKey)));
    // A key sent with another form, or a record since removed: nothing to answer with.
    if (!earlier || earlier.kind !== kind || earlier.recordId === null) throw new DomainError('errors.formKeyUsed', undefined, 'CONFLICT');
    const record = await again(earlier.recordId);
    if (record === undefined) throw new DomainError('errors.formKeyUsed', undefined, 'CONFLICT');
    return record;
  }
  const record = await create();
  await tx
    .update(formKeys)
    .set({ recordId: idOf(record) })
    .where(and(eq(formKeys.userId, person.id), eq(formKeys.key, formKey)));
  return record;
}
