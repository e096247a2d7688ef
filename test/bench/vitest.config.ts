import { getViteConfig } from 'astro/config';

/**
 * `npm run bench`: the benchmarks run in Vitest only because it resolves the app's `@/` and
 * `@db/` imports as the app does; they print figures and assert nothing. Not part of `npm test`.
 */
export default getViteConfig({
  test: {
    include: ['test/bench/ranking.ts', 'test/bench/public-pages.ts', 'test/bench/search.ts', 'test/bench/submissions.ts'],
    testTimeout: 900_000,
    hookTimeout: 900_000,
    fileParallelism: false,
  },
});
