import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { test } from 'vitest';
import { openPostgres } from '../../db/client';
import { seedDemo } from '../../db/seed/demo';
import { checkInvariants, createLoadAccounts, percentile, signInAll, SubmissionFlow, submitConcurrently } from '../support/load';
import { type RunningServer, startServer } from '../support/server';

/**
 * 200 journalists of ten outlets, signed in beforehand, all at once draft an entry, upload one
 * small PDF and submit it, over HTTP against the built server on PostgreSQL (one process, as
 * `npm start` runs it). Prints the throughput, each request's latency (p50/p95/p99), the errors,
 * and what the database says afterwards: submissions lost or duplicated, files orphaned.
 * Asserts nothing (machines differ); test/http/load.postgres.test.ts asserts the same invariants
 * with 30 journalists.
 *
 * PostgreSQL: BENCH_DATABASE_URL or TEST_DATABASE_URL names a server where a throwaway database
 * is created and dropped.
 */
const journalistCount = 200;
const outletCount = 10;

test('submissions under load', async () => {
  const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    print('submissions: skipped. Set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to a PostgreSQL server where a throwaway database may be created.');
    return;
  }
  if (!existsSync('dist/server/entry.mjs')) {
    print('submissions: skipped, the site is not built. Run `npx astro build` first (`npm test` does).');
    return;
  }
  print(`machine: ${availableParallelism()} CPUs, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}, Node ${process.version}`);
  const name = `press_par_bench_${randomBytes(5).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  let server: RunningServer | undefined;
  try {
    await admin.unsafe(`CREATE DATABASE ${name}`);
    const setup = await openPostgres(url.href, { max: 2 });
    let journalists: string[];
    try {
      await seedDemo(setup.db, { withEntries: false });
      ({ journalists } = await createLoadAccounts(setup.db, journalistCount, outletCount));
    } finally {
      await setup.close();
    }
    server = await startServer({ DATABASE_URL: url.href, SEED_DEMO: '0' });
    const visitors = await signInAll(server.origin, journalists);
    const flows = visitors.map((v, i) => new SubmissionFlow(v, i + 1));
    const { errors, wallMs } = await submitConcurrently(flows);
    const acknowledged = flows.filter((f) => f.acknowledged);

    print(`submissions: ${journalistCount} journalists of ${outletCount} outlets at once, each: draft, upload a ${flows[0].file.length}-byte PDF, submit`);
    print(`  acknowledged ${acknowledged.length}/${journalistCount} in ${(wallMs / 1000).toFixed(1)} s: ${(acknowledged.length / (wallMs / 1000)).toFixed(1)} submissions/s, ${((flows.flatMap((f) => f.latencies).length / wallMs) * 1000).toFixed(1)} requests/s`);
    for (const step of ['draft', 'upload', 'submit'] as const) {
      const times = flows.flatMap((f) => f.latencies.filter((l) => l.step === step).map((l) => l.ms)).sort((a, b) => a - b);
      print(`  ${step.padEnd(6)} p50 ${fixed(percentile(times, 50))} ms   p95 ${fixed(percentile(times, 95))} ms   p99 ${fixed(percentile(times, 99))} ms   (${times.length} requests)`);
    }
    print(`  errors: ${errors.length}${errors.length ? ` (first: ${String(errors[0]).slice(0, 300)})` : ''}`);

    const check = await openPostgres(url.href, { max: 2 });
    try {
      const found = await checkInvariants(check.db, path.join(server.dataDir, 'uploads'), acknowledged);
      print(`  submissions lost: ${found.lost.length}, duplicated: ${found.duplicated.length}, inconsistent: ${found.inconsistent.length}, without their file: ${found.withoutEvidence.length}`);
      print(`  uploads folder: ${found.orphanFiles.length} orphaned files, ${found.missingFiles.length} rows without their file`);
    } finally {
      await check.close();
    }
  } finally {
    await server?.stop();
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
});

const fixed = (ms: number) => ms.toFixed(0).padStart(5);

function print(line: string) {
  process.stdout.write(`[bench] ${line}\n`);
}
