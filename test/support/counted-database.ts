import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import { type DatabaseHandle, openPglite } from '../../db/client';
import { openForFile } from './for-file';

/** A test database that counts the queries sent to it, for tests that a page's cost does not grow with its data (no N+1). */
export interface CountedDatabase extends DatabaseHandle {
  /** How many queries `work` sends. */
  countQueries(work: () => Promise<unknown>): Promise<number>;
}

/**
 * A fresh PGlite from the test template (the migrated schema and the demo province), counting
 * each query its driver reports. On PGlite whatever the kind under test: the count does not
 * depend on the driver.
 */
export async function countedDatabase(): Promise<CountedDatabase> {
  let queries = 0;
  const handle = await openPglite({ template: new Blob([readFileSync(inject('pgliteTemplatePath'))]), onQuery: () => (queries += 1) });
  return {
    ...handle,
    async countQueries(work) {
      queries = 0;
      await work();
      return queries;
    },
  };
}

/** A counted database for the tests of one file (or describe block), opened before them and closed after. */
export function useCountedDatabase(): CountedDatabase {
  return openForFile(countedDatabase, (handle) => handle.close());
}
