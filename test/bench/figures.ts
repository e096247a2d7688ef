import { randomBytes } from 'node:crypto';
import { availableParallelism, loadavg } from 'node:os';
import postgres from 'postgres';

/** What the benches share: how they print, their percentiles, and a throwaway PostgreSQL database. */

export function print(line: string) {
  process.stdout.write(`[bench] ${line}\n`);
}

export function ms(value: number): string {
  return `${value.toFixed(1)} ms`;
}

/** Wall-clock figures grow with the load of a busy machine, so every bench says what it was. */
export function printMachine() {
  print(`machine: ${availableParallelism()} CPUs, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}, Node ${process.version}`);
}

/** The value below which `fraction` of the values lie (nearest rank). */
export function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))];
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return (sorted[(sorted.length - 1) >> 1] + sorted[sorted.length >> 1]) / 2;
}

/** BENCH_DATABASE_URL, else TEST_DATABASE_URL: a server where a throwaway database may be created. */
export function benchServerUrl(): string | undefined {
  return process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
}

export const noServerNote =
  'Set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to a server where a throwaway database may be created, e.g. postgres://postgres@127.0.0.1:55432/postgres.';

/** Creates an empty database on the server, hands its URL to `run`, and drops it afterwards. */
export async function withThrowawayDatabase<T>(serverUrl: string, run: (url: string) => Promise<T>): Promise<T> {
  const name = `press_par_bench_${randomBytes(5).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  try {
    await admin.unsafe(`CREATE DATABASE ${name}`);
    return await run(url.href);
  } finally {
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}
