import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { type Database, openPglite, openPostgres } from '../../db/client';
import { createPostgresDatabase, dropPostgresDatabase, postgresUrlFor, testDbKind } from './database';

export interface RunningServer {
  origin: string;
  dataDir: string;
  /** The server's process id, for what only the system can tell (its memory in /proc). */
  pid: number;
  stop(): Promise<void>;
  /** What the server printed, for failure messages. */
  output(): string;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export interface ServerOptions {
  expectHealthy?: boolean;
  /**
   * Runs on the server's database (migrated, the demo seeded) before the server starts, for data
   * no page can make yet. The server process owns its database once running (an embedded PGlite
   * has one user at a time), so this is the moment a test can write to it directly.
   */
  prepare?: (db: Database) => Promise<void>;
}

/**
 * Starts the built server (`astro build` has run: `npm test` does it first) as a real process on
 * its own port, data folder and database, and waits until /healthz answers (with 200 unless
 * `expectHealthy` is false, for tests of a broken database).
 */
export async function startServer(
  env: Record<string, string> = {},
  { expectHealthy = true, prepare }: ServerOptions = {},
): Promise<RunningServer> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'press-par-'));
  const database = testDbKind === 'postgres' ? await createPostgresDatabase(prepare ? inject('postgresTemplateName') : undefined) : undefined;
  if (prepare) {
    await prepareDatabase(dataDir, database, prepare).catch(async (error: unknown) => {
      rmSync(dataDir, { recursive: true, force: true });
      if (database) await dropPostgresDatabase(database);
      throw error;
    });
  }
  const { DATABASE_URL: _, ...inherited } = process.env;
  const child: ChildProcess = spawn(process.execPath, ['src/start.mjs'], {
    env: {
      ...inherited,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      PUBLIC_ORIGIN: origin,
      SEED_DEMO: '1',
      ASTRO_NODE_LOGGING: 'disabled',
      ...(database ? { DATABASE_URL: postgresUrlFor(database) } : {}),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout?.on('data', (chunk) => (log += chunk));
  child.stderr?.on('data', (chunk) => (log += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
    if (database) await dropPostgresDatabase(database);
  };

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${log}`);
    const healthy = await fetch(`${origin}/healthz`)
      .then((r) => r.ok || !expectHealthy)
      .catch(() => false);
    if (healthy) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`server did not become healthy:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { origin, dataDir, pid: child.pid!, stop, output: () => log };
}

/** A copy of the seeded test template where the server will look for its database, then `prepare`. */
async function prepareDatabase(dataDir: string, postgresName: string | undefined, prepare: (db: Database) => Promise<void>) {
  const handle = postgresName
    ? await openPostgres(postgresUrlFor(postgresName), { max: 2 })
    : // The folder src/database.ts opens under DATA_DIR.
      await openPglite({ dataDir: path.join(dataDir, 'pglite'), template: new Blob([readFileSync(inject('pgliteTemplatePath'))]) });
  try {
    await prepare(handle.db);
  } finally {
    await handle.close();
  }
}
