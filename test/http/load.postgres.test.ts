import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPostgres } from '../../db/client';
import { checkInvariants, createLoadAccounts, signInAll, SubmissionFlow, submitConcurrently } from '../support/load';
import { useServer } from '../support/server';

/**
 * The small version of `npm run bench`'s submission load: 30 journalists of several outlets
 * draft, upload and submit at once against the built server on PostgreSQL; every acknowledged
 * submission must then be in the database exactly once, whole, with its file, and the uploads
 * folder must hold no file without its row.
 */
const journalistCount = 30;
const server = useServer({}, { prepare: async (db) => void ({ journalists } = await createLoadAccounts(db, journalistCount, 4)) });
let journalists: string[] = [];

describe('concurrent submissions', () => {
  it('acknowledges every one and keeps each exactly once, with its file', async () => {
    const visitors = await signInAll(server.origin, journalists);
    const flows = visitors.map((v, i) => new SubmissionFlow(v, i + 1));
    const { errors } = await submitConcurrently(flows);
    expect(errors).toEqual([]);
    expect(flows.filter((f) => f.acknowledged)).toHaveLength(journalistCount);

    // The submit button pressed again changes nothing.
    flows[0].acknowledged = false;
    await flows[0].run();

    const handle = await openPostgres(server.databaseUrl!, { max: 2 });
    try {
      const found = await checkInvariants(handle.db, path.join(server.dataDir, 'uploads'), flows);
      expect(found).toEqual({ lost: [], duplicated: [], inconsistent: [], withoutEvidence: [], orphanFiles: [], missingFiles: [] });
    } finally {
      await handle.close();
    }
  });
});
