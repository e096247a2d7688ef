import { getViteConfig } from 'astro/config';
import { configDefaults } from 'vitest/config';

/**
 * Integration tests run on PGlite in memory, and again on PostgreSQL when TEST_DATABASE_URL is
 * set (CI sets it). HTTP and browser tests start the server built by `astro build`.
 */
const integration = ['test/auth/**/*.test.ts', 'test/db/**/*.test.ts', 'test/domain/**/*.test.ts'];
const postgres = process.env.TEST_DATABASE_URL;
const excluded = [...configDefaults.exclude, 'test/.tmp/**'];
const alone = 'test/http/**/*.alone.test.ts';
/** One file at a time, after all the others (which run two at a time). */
const runAlone = { fileParallelism: false, sequence: { groupOrder: 1 } };

export default getViteConfig({
  test: {
    globalSetup: ['test/support/global-setup.ts'],
    exclude: excluded,
    testTimeout: 30_000,
    /*
     * The files of a project share one worker rather than each starting its own: on two cores the
     * module loading was a third of the integration tests' time. Nothing a file sets up is kept by
     * the modules in between: each file opens its own database and server, no test mocks a module
     * or changes process.env, and what src/ reads once per process (the settings, the second-factor
     * roles of a demo-seeded database) is the same for every file of a project.
     */
    isolate: false,
    /*
     * Two files at a time: vitest's default on two cores is one (cores − 1), yet an HTTP or browser
     * test spends most of its time waiting on the server process or Chromium it drives.
     */
    maxWorkers: 2,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'pglite', include: integration, env: { TEST_DB_KIND: 'pglite' } } },
      ...(postgres
        ? [{ extends: true, test: { name: 'postgres', include: integration, env: { TEST_DB_KIND: 'postgres' } } }]
        : []),
      // *.postgres.test.ts need several processes on one database server: PostgreSQL only.
      {
        extends: true,
        test: { name: 'http', include: ['test/http/**/*.test.ts'], exclude: [...excluded, alone, 'test/http/**/*.postgres.test.ts'], env: { TEST_DB_KIND: 'pglite' } },
      },
      ...(postgres
        ? [{ extends: true, test: { name: 'http-postgres', include: ['test/http/**/*.test.ts'], exclude: [...excluded, alone], env: { TEST_DB_KIND: 'postgres' } } }]
        : []),
      // *.alone.test.ts measure the server process itself (its memory): no other file runs beside them.
      { extends: true, test: { name: 'http-alone', include: [alone], ...runAlone, env: { TEST_DB_KIND: 'pglite' } } },
      ...(postgres ? [{ extends: true, test: { name: 'http-alone-postgres', include: [alone], ...runAlone, env: { TEST_DB_KIND: 'postgres' } } }] : []),
      // The CI's own scripts (.ci/), run as CI runs them.
      { extends: true, test: { name: 'tools', include: ['test/ci/**/*.test.ts'] } },
      // One browser at a time, after the rest: two Chromiums and two servers would crowd a 2-core machine.
      { extends: true, test: { name: 'browser', include: ['test/browser/**/*.test.ts'], ...runAlone } },
    ],
  },
});
