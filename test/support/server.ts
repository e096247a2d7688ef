import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { type Database, openPglite, openPostgres } from '../../db/client';
import { openForFile } from './for-file';
import { createPostgresDatabase, dropPostgresDatabase, postgresUrlFor, testDbKind } from './database';

export interface RunningServer {
  origin: string;
  dataDir: string;
  /** The PostgreSQL database the server uses; undefined on PGlite. */
  databaseUrl?: string;
  stop(): Promise<void>;
  /** What the server printed, for failure messages. */
  output(): string;
  /** The process id of the server now running. */
  readonly pid: number;
  /** Kills the process with SIGKILL, as a power cut or the OOM killer would: no clean-up runs. */
  crash(): Promise<void>;
  /** Starts the server again on the same port, database and data folder, and waits until healthy. */
  restart(): Promise<void>;
  /**
   * Stops the server, runs `work` on its database (as `prepare` does before the start), and starts
   * it again: for a test in which time passes (a window that ends), since the server owns its
   * database while it runs.
   */
  whileStopped(work: (db: Database) => Promise<void>): Promise<void>;
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
   * has one user at a time), so this is the moment a test can write to it directly. `dataDir` is
   * the server's DATA_DIR, for files (uploads) the rows point to.
   */
  prepare?: (db: Database, dataDir: string) => Promise<void>;
  /** The script node runs: src/start.mjs unless a benchmark starts the built server its own way. */
  script?: string;
  /**
   * Starts on an empty database, which the server migrates and seeds itself, as on a new install.
   * Otherwise a server without `prepare` starts on a copy of the whole demo as that seed makes it
   * (built once per run by test/support/global-setup.ts): the same data, without the minute of
   * migrating and seeding every such server would spend on this small machine.
   */
  emptyDatabase?: boolean;
}

/**
 * Starts the built server (`astro build` has run: `npm test` does it first) as a real process on
 * its own port, data folder and database, and waits until /healthz answers (with 200 unless
 * `expectHealthy` is false, for tests of a broken database).
 */
export async function startServer(
  /** Added to the server's environment; undefined removes a variable (spawn leaves it out). */
  env: Record<string, string | undefined> = {},
  { expectHealthy = true, prepare, script = 'src/start.mjs', emptyDatabase = false }: ServerOptions = {},
): Promise<RunningServer> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'press-par-'));
  // A DATABASE_URL given by the caller is a database they own (shared by several instances).
  const ownDatabase = testDbKind === 'postgres' && !env.DATABASE_URL;
  const template = prepare ? inject('postgresTemplateName') : emptyDatabase ? undefined : inject('postgresDemoName');
  const database = ownDatabase ? await createPostgresDatabase(template) : undefined;
  // The folder src/database.ts opens under DATA_DIR, when the server is on PGlite.
  const ownPglite = testDbKind === 'pglite' && !env.DATABASE_URL && !env.DATA_DIR;
  if (ownPglite && !prepare && !emptyDatabase) cpSync(inject('pgliteDemoDir'), path.join(dataDir, 'pglite'), { recursive: true });
  if (prepare) {
    await prepareDatabase(dataDir, database, prepare).catch(async (error: unknown) => {
      rmSync(dataDir, { recursive: true, force: true });
      if (database) await dropPostgresDatabase(database);
      throw error;
    });
  }
  const { DATABASE_URL: _, ...inherited } = process.env;
  const childEnv = {
    ...inherited,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    PUBLIC_ORIGIN: origin,
    SEED_DEMO: '1',
    ASTRO_NODE_LOGGING: 'disabled',
    ...(database ? { DATABASE_URL: postgresUrlFor(database) } : {}),
    ...env,
  };

  let log = '';
  let child: ChildProcess;
  let exited: Promise<void>;
  const spawnChild = () => {
    child = spawn(process.execPath, [script], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (chunk) => (log += chunk));
    child.stderr?.on('data', (chunk) => (log += chunk));
    exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  };
  const running = () => child.exitCode === null && child.signalCode === null;
  const halt = async (signal: NodeJS.Signals) => {
    if (running()) {
      child.kill(signal);
      await exited;
    }
  };
  const stop = async () => {
    await halt('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
    if (database) await dropPostgresDatabase(database);
  };
  const waitHealthy = async () => {
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (!running()) throw new Error(`server exited early:\n${log}`);
      const healthy = await fetch(`${origin}/healthz`)
        .then((r) => r.ok || !expectHealthy)
        .catch(() => false);
      if (healthy) return;
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`server did not become healthy:\n${log}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  };

  spawnChild();
  await waitHealthy();
  return {
    origin,
    dataDir,
    databaseUrl: childEnv.DATABASE_URL,
    stop,
    output: () => log,
    get pid() {
      return child.pid!;
    },
    crash: () => halt('SIGKILL'),
    async restart() {
      await halt('SIGTERM');
      spawnChild();
      await waitHealthy();
    },
    async whileStopped(work) {
      await halt('SIGTERM');
      const handle = childEnv.DATABASE_URL ? await openPostgres(childEnv.DATABASE_URL, { max: 2 }) : await openPglite({ dataDir: path.join(dataDir, 'pglite') });
      try {
        await work(handle.db);
      } finally {
        await handle.close();
      }
      spawnChild();
      await waitHealthy();
    },
  };
}

export interface RunningInstances {
  servers: RunningServer[];
  /** The PostgreSQL database every instance uses. */
  databaseUrl: string;
  stop(): Promise<void>;
}

/**
 * Several app processes on one PostgreSQL database (a copy of the seeded template, `prepare`d
 * first), as behind a load balancer; each has its own port and data folder.
 */
export async function startInstances(count: number, { prepare, env = {} }: { prepare?: (db: Database) => Promise<void>; env?: Record<string, string> } = {}): Promise<RunningInstances> {
  const name = await createPostgresDatabase(inject('postgresTemplateName'));
  const databaseUrl = postgresUrlFor(name);
  const servers: RunningServer[] = [];
  const stop = async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await dropPostgresDatabase(name);
  };
  try {
    if (prepare) {
      const handle = await openPostgres(databaseUrl, { max: 2 });
      try {
        await prepare(handle.db);
      } finally {
        await handle.close();
      }
    }
    const started = await Promise.allSettled(Array.from({ length: count }, () => startServer({ DATABASE_URL: databaseUrl, SEED_DEMO: '0', ...env })));
    for (const s of started) if (s.status === 'fulfilled') servers.push(s.value);
    const failed = started.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
  } catch (error) {
    await stop();
    throw error;
  }
  return { servers, databaseUrl, stop };
}

/** A copy of the seeded test template where the server will look for its database, then `prepare`. */
async function prepareDatabase(dataDir: string, postgresName: string | undefined, prepare: NonNullable<ServerOptions['prepare']>) {
  const handle = postgresName
    ? await openPostgres(postgresUrlFor(postgresName), { max: 2 })
    : // The folder src/database.ts opens under DATA_DIR.
      await openPglite({ dataDir: path.join(dataDir, 'pglite'), template: new Blob([readFileSync(inject('pgliteTemplatePath'))]) });
  try {
    await prepare(handle.db, dataDir);
  } finally {
    await handle.close();
  }
}

/** The built server (startServer) for the tests of one file, started before them and stopped after. */
export function useServer(env: Record<string, string | undefined> = {}, { timeout, ...options }: ServerOptions & { timeout?: number } = {}): RunningServer {
  return openForFile(() => startServer(env, options), (server) => server.stop(), timeout);
}
