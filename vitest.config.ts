import { getViteConfig } from 'astro/config';
import { configDefaults } from 'vitest/config';

/**
 * Integration tests run on PGlite in memory, and again on PostgreSQL when TEST_DATABASE_URL is
 * set (CI sets it). HTTP and browser tests start the server built by `astro build`.
 */
const integration = ['test/auth/**/*.test.ts', 'test/db/**/*.test.ts', 'test/domain/**/*.test.ts'];
const postgres = process.env.TEST_DATABASE_URL;
/*
 * The HTTP, browser and CI tests drive a server process, a browser or a script; the test process
 * only holds clients, so their files share one worker without isolation (saves about half a
 * second of start-up per file). The integration tests keep theirs: they call the domain in-process,
 * whose module state (memoised settings, caches) must start fresh with each file's database.
 */
const shared = { isolate: false };

export default getViteConfig({
  test: {
    globalSetup: ['test/support/global-setup.ts'],
    exclude: [...configDefaults.exclude, 'test/.tmp/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'pglite', include: integration, env: { TEST_DB_KIND: 'pglite' } } },
      ...(postgres
        ? [{ extends: true, test: { name: 'postgres', include: integration, env: { TEST_DB_KIND: 'postgres' } } }]
        : []),
      // *.postgres.test.ts need several processes on one database server: PostgreSQL only.
      {
        extends: true,
        test: { name: 'http', ...shared, include: ['test/http/**/*.test.ts'], exclude: [...configDefaults.exclude, 'test/.tmp/**', 'test/http/**/*.postgres.test.ts'], env: { TEST_DB_KIND: 'pglite' } },
      },
      ...(postgres
        ? [{ extends: true, test: { name: 'http-postgres', ...shared, include: ['test/http/**/*.test.ts'], env: { TEST_DB_KIND: 'postgres' } } }]
        : []),
      // The CI's own scripts (.ci/), run as CI runs them.
      { extends: true, test: { name: 'tools', ...shared, include: ['test/ci/**/*.test.ts'] } },
      // One browser at a time: two Chromiums and two servers would crowd a 2-core machine.
      { extends: true, test: { name: 'browser', ...shared, include: ['test/browser/**/*.test.ts'], fileParallelism: false } },
    ],
  },
});
