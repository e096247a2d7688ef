import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import postgres from 'postgres';
import { inject } from 'vitest';
import { type DatabaseHandle, openPglite, openPostgres } from '../../db/client';
import { openForFile } from './for-file';
import { databaseUrl } from './global-setup';

export const testDbKind = process.env.TEST_DB_KIND === 'postgres' ? 'postgres' : 'pglite';

/** A fresh database holding the migrated schema and the demo province, private to the caller. */
export async function testDatabase(): Promise<DatabaseHandle> {
  if (testDbKind === 'pglite') {
    const template = new Blob([readFileSync(inject('pgliteTemplatePath'))]);
    return openPglite({ template });
  }
  const name = await createPostgresDatabase(inject('postgresTemplateName'));
  const handle = await openPostgres(databaseUrl(serverUrl(), name), { max: 4 });
  return { ...handle, close: async () => { await handle.close(); await dropPostgresDatabase(name); } };
}

/** A fresh test database (testDatabase) for the tests of one file, opened before them and closed after. */
export function useTestDatabase(): DatabaseHandle {
  return openForFile(testDatabase, (handle) => handle.close());
}

function serverUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  return url;
}

/** An empty database (template0) unless a template is named; returns its name. */
export async function createPostgresDatabase(template = 'template0'): Promise<string> {
  const name = `press_par_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(serverUrl(), { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  } finally {
    await admin.end();
  }
  return name;
}

export async function dropPostgresDatabase(name: string): Promise<void> {
  const admin = postgres(serverUrl(), { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

export function postgresUrlFor(name: string): string {
  return databaseUrl(serverUrl(), name);
}

/** An empty database of the kind under test, not seeded (the seed's own tests); a PostgreSQL one is dropped on close. */
export async function emptyDatabase() {
  if (testDbKind === 'pglite') return openPglite();
  const name = await createPostgresDatabase();
  const handle = await openPostgres(postgresUrlFor(name), { max: 2 });
  return { ...handle, close: async () => { await handle.close(); await dropPostgresDatabase(name); } };
}
