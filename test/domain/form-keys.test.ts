import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { formKeys, nominationBatches } from '../../db/schema';
import { createBatch, deleteBatch } from '../../src/domain/nominations/decisions';
import { actorFor } from '../support/accounts';
import { demoCampaign } from '../support/campaigns';
import { testDatabase } from '../support/database';

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await testDatabase();
});
afterAll(() => handle?.close());

const batchesTitled = async (title: string) => (await handle.db.select().from(nominationBatches).where(eq(nominationBatches.title, title))).length;

describe('a form key makes one record of the same form sent twice', () => {
  it('the second create answers with the first record; a refused create claims nothing', async () => {
    const coordinator = await actorFor(handle.db, 'coordinator@demo.vn');
    const campaign = await demoCampaign(handle.db);
    const formKey = randomUUID();
    const [first, second] = await Promise.all([
      createBatch(handle.db, coordinator, campaign.id, 'Đợt trình một khoá', { formKey }),
      createBatch(handle.db, coordinator, campaign.id, 'Đợt trình một khoá', { formKey }),
    ]);
    expect(second.id).toBe(first.id);
    expect(await batchesTitled('Đợt trình một khoá')).toBe(1);
    const [claim] = await handle.db.select().from(formKeys).where(eq(formKeys.key, formKey));
    expect(claim).toMatchObject({ userId: coordinator.id, kind: 'batch', recordId: first.id });

    // Refused (an unknown campaign): the key stays free, and the corrected form goes through with it.
    const retried = randomUUID();
    await expect(createBatch(handle.db, coordinator, 2_000_000_000, 'Đợt trình sửa lại', { formKey: retried })).rejects.toThrow();
    expect(await handle.db.select().from(formKeys).where(eq(formKeys.key, retried))).toEqual([]);
    await createBatch(handle.db, coordinator, campaign.id, 'Đợt trình sửa lại', { formKey: retried });
    expect(await batchesTitled('Đợt trình sửa lại')).toBe(1);

    // The record deleted since, the same key names nothing: refused, not a new batch.
    await deleteBatch(handle.db, coordinator, first.id);
    await expect(createBatch(handle.db, coordinator, campaign.id, 'Đợt trình một khoá', { formKey })).rejects.toMatchObject({ key: 'errors.formKeyUsed' });
    expect(await batchesTitled('Đợt trình một khoá')).toBe(0);
  });
});
