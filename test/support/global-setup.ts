import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { openPglite, openPostgres } from '../../db/client';
import { seedDemo } from '../../db/seed/demo';

export const tmpDir = path.resolve('test/.tmp');
export const pgliteTemplatePath = path.join(tmpDir, 'pglite-template.tar.gz');


declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplatePath: string;
    postgresTemplateName: string;
  }
}

/**
 * Migrates and seeds one template per run; every test file then starts from a copy of it
 * (a PGlite data-dir dump, or a PostgreSQL CREATE DATABASE … TEMPLATE), which is much faster than
 * migrating and hashing the demo passwords again in every file.
 */
export default async function setup(project: TestProject) {
  mkdirSync(tmpDir, { recursive: true });
  const pglite = await openPglite();
  // Tests make the entries they need; the demo's own entries would only get in their way.
  await seedDemo(pglite.db, { withEntries: false });
  const client = (pglite.db as unknown as { $client: { dumpDataDir(c: 'gzip'): Promise<Blob> } }).$client;
  const dump = await client.dumpDataDir('gzip');
  writeFileSync(pgliteTemplatePath, Buffer.from(await dump.arrayBuffer()));
  await pglite.close();
  project.provide('pgliteTemplatePath', pgliteTemplatePath);

  // Named per run, so two test runs on one PostgreSQL server do not drop each other's template.
  const postgresTemplateName = `press_par_template_${process.pid}`;
  project.provide('postgresTemplateName', postgresTemplateName);
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`DROP DATABASE IF EXISTS ${postgresTemplateName} WITH (FORCE)`);
    await admin.unsafe(`CREATE DATABASE ${postgresTemplateName}`);
    await admin.end();
    const template = await openPostgres(databaseUrl(url, postgresTemplateName), { max: 2 });
    await seedDemo(template.db, { withEntries: false });
    await template.close();
    return async () => {
      const admin = postgres(url, { max: 1, onnotice: () => {} });
      await admin.unsafe(`DROP DATABASE IF EXISTS ${postgresTemplateName} WITH (FORCE)`);
      await admin.end();
    };
  }
}

export function databaseUrl(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.href;
}
