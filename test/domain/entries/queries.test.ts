import { describe, expect, it } from 'vitest';
import { entriesPerPage, listEntries } from '../../../src/domain/entries/queries';
import { actorFor } from '../../support/accounts';
import { useCountedDatabase } from '../../support/counted-database';
import { createEntry } from '../../support/entries';

/** Counted, so a list's cost is seen not to grow with its rows; the other tests share it. */
const handle = useCountedDatabase();

describe('entry lists', () => {
  it('run the same number of queries for 2 entries as for a full page', async () => {
    const journalist = await actorFor(handle.db, 'journalist@demo.vn');
    const outlet = await actorFor(handle.db, 'outlet@demo.vn');
    for (let i = 0; i < 2; i++) await createEntry(handle.db, 'journalist@demo.vn', { title: `Bài ${i}` });
    const few = await handle.countQueries(() => listEntries(handle.db, journalist));
    const fewOutlet = await handle.countQueries(() => listEntries(handle.db, outlet));
    for (let i = 2; i < entriesPerPage + 5; i++) await createEntry(handle.db, 'journalist@demo.vn', { title: `Bài ${i}` });
    const list = await listEntries(handle.db, journalist);
    expect(list.rows).toHaveLength(entriesPerPage);
    expect(list.total).toBe(entriesPerPage + 5);
    expect(list.pages).toBe(2);
    expect(await handle.countQueries(() => listEntries(handle.db, journalist))).toBe(few);
    expect(await handle.countQueries(() => listEntries(handle.db, outlet))).toBe(fewOutlet);
    expect(few).toBe(3);
  });

  it('show a journalist only what they author, and the outlet all of its own', async () => {
    const other = await actorFor(handle.db, 'journalist2@demo.vn');
    const own = await createEntry(handle.db, 'journalist2@demo.vn', { title: 'Của Cẩm Phả' });
    const list = await listEntries(handle.db, other);
    expect(list.rows.map((r) => r.id)).toEqual([own.id]);
    const outlet = await actorFor(handle.db, 'outlet@demo.vn');
    expect((await listEntries(handle.db, outlet, { page: 1 })).rows.some((r) => r.id === own.id)).toBe(false);
  });
});
