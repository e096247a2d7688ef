import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { sql, type SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import * as schema from './schema';

/** The same drizzle API over PostgreSQL (postgres.js) and the embedded PGlite. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Transaction = PgTransaction<PgQueryResultHKT, typeof schema>;
/** Domain functions accept either, so a caller can fold them into its own transaction. */
export type Queryable = Database | Transaction;

export interface DatabaseHandle {
  db: Database;
  kind: 'postgres' | 'pglite';
  /** The embedded instance itself, for the job queue (pg-boss runs on it in-process). */
  pglite?: PGlite;
  close(): Promise<void>;
}

export const migrationsFolder = path.resolve(process.env.MIGRATIONS_DIR ?? 'db/migrations');

/** PGlite needs its contrib extensions at construction; the migrations then CREATE EXTENSION them. */
export const pgliteExtensions = { unaccent, pg_trgm };

export async function openPostgres(url: string, options: { max?: number } = {}): Promise<DatabaseHandle> {
  await migrateWithLock(url);
  const client = postgres(url, { max: options.max ?? 10, onnotice: () => {} });
  const db = drizzlePostgres(client, { schema }) as unknown as Database;
  return { db, kind: 'postgres', close: () => client.end({ timeout: 5 }) };
}

/**
 * `dataDir` undefined means in memory. `template` is a dump made by `dumpDataDir`, used by tests,
 * as is `onQuery` (tests count the queries a page makes, to catch N+1).
 */
export async function openPglite(
  options: { dataDir?: string; template?: Blob; onQuery?: (sql: string) => void } = {},
): Promise<DatabaseHandle> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const client = await PGlite.create({
    dataDir: options.dataDir,
    loadDataDir: options.template,
    extensions: pgliteExtensions,
  });
  const logger = options.onQuery ? { logQuery: options.onQuery } : undefined;
  const db = drizzlePglite(client, { schema, logger }) as unknown as Database;
  await migratePglite(db as never, { migrationsFolder });
  return { db, kind: 'pglite', pglite: client, close: () => client.close() };
}

/**
 * Several app instances may start at once on one PostgreSQL: one migrates while the others
 * wait on an advisory lock held by a dedicated connection.
 */
async function migrateWithLock(url: string) {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(4024)`;
    await migratePostgres(drizzlePostgres(client, { schema }), { migrationsFolder });
    await client`select pg_advisory_unlock(4024)`;
  } finally {
    await client.end({ timeout: 5 });
  }
}

/** The rows of a raw query on either driver: postgres.js returns them as an array, PGlite inside `rows`. */
export async function rowsOf<T>(db: Queryable, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

export async function ping(db: Database): Promise<boolean> {
  try {
    await db.execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}
