import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fromPglite, PgBoss } from 'pg-boss';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { type DatabaseHandle, openPglite, openPostgres } from '../../db/client';
import { seedDemo } from '../../db/seed/demo';

export const tmpDir = path.resolve('test/.tmp');
/** Not compressed: each test database and server loads it, and unpacking is a third of PGlite's start. */
export const pgliteTemplatePath = path.join(tmpDir, 'pglite-template.tar');
/** A closed PGlite data folder holding the whole demo, copied to a server's DATA_DIR as it starts. */
export const pgliteDemoDir = path.join(tmpDir, 'pglite-demo');

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplatePath: string;
    postgresTemplateName: string;
    pgliteDemoDir: string;
    postgresDemoName: string;
  }
}

interface Templates {
  postgresTemplateName: string;
  postgresDemoName: string;
  teardown?: () => Promise<void>;
}

/**
 * Migrates and seeds the templates once per run; every test file then starts from a copy (a
 * PGlite data-dir dump or folder, or a PostgreSQL CREATE DATABASE … TEMPLATE), which is much
 * faster than migrating and hashing the demo passwords again in every file:
 * - the test template: the accounts, the organisations and one open 2024 campaign, which tests
 *   fill as they need (`testDatabase`, and a server given `prepare`);
 * - the demo template: the whole demo, as a server seeds it on an empty database (SEED_DEMO),
 *   for a server started without `prepare`.
 * Both carry the job queue's schema, which pg-boss otherwise installs at every server's start.
 */
export default async function setup(project: TestProject) {
  const templates = await makeTemplates();
  project.provide('pgliteTemplatePath', pgliteTemplatePath);
  project.provide('pgliteDemoDir', pgliteDemoDir);
  project.provide('postgresTemplateName', templates.postgresTemplateName);
  project.provide('postgresDemoName', templates.postgresDemoName);
  return templates.teardown;
}

async function makeTemplates(): Promise<Templates> {
  mkdirSync(tmpDir, { recursive: true });
  // At once: the PGlite work keeps this process busy while the PostgreSQL server does most of its own.
  const [, postgresTemplates] = await Promise.all([makePgliteTemplates(), makePostgresTemplates()]);
  return postgresTemplates;
}

async function makePgliteTemplates() {
  // Migrated once; both PGlite templates start from this dump.
  const migrated = await openPglite();
  const migratedDump = await dumpOf(migrated);
  await migrated.close();

  const pglite = await openPglite({ template: migratedDump });
  // Tests make the entries they need; the demo's own entries would only get in their way.
  await seedDemo(pglite.db, { withEntries: false });
  await installJobQueue(pglite);
  writeFileSync(pgliteTemplatePath, Buffer.from(await (await dumpOf(pglite)).arrayBuffer()));
  await pglite.close();

  rmSync(pgliteDemoDir, { recursive: true, force: true });
  const demo = await openPglite({ dataDir: pgliteDemoDir, template: migratedDump });
  await seedDemo(demo.db);
  await installJobQueue(demo);
  await demo.close();
}

async function makePostgresTemplates(): Promise<Templates> {
  // Named per run, so two test runs on one PostgreSQL server do not drop each other's templates.
  const postgresTemplateName = `press_par_template_${process.pid}`;
  const postgresDemoName = `press_par_demo_${process.pid}`;
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return { postgresTemplateName, postgresDemoName };
  const names = [postgresTemplateName, postgresDemoName];
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  for (const name of names) {
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.unsafe(`CREATE DATABASE ${name}`);
  }
  await admin.end();
  await Promise.all(
    names.map(async (name) => {
      const template = await openPostgres(databaseUrl(url, name), { max: 2 });
      await seedDemo(template.db, { withEntries: name === postgresDemoName });
      await template.close();
      await installJobQueue(template, databaseUrl(url, name));
    }),
  );
  return {
    postgresTemplateName,
    postgresDemoName,
    teardown: async () => {
      const admin = postgres(url, { max: 1, onnotice: () => {} });
      for (const name of names) await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

async function dumpOf(handle: DatabaseHandle): Promise<Blob> {
  return handle.pglite!.dumpDataDir('none') as Promise<Blob>;
}

/** pg-boss's schema as its first start installs it (src/domain/mail/worker.ts starts it the same way). */
async function installJobQueue(handle: DatabaseHandle, postgresUrl?: string) {
  const boss = postgresUrl ? new PgBoss({ connectionString: postgresUrl, max: 1 }) : new PgBoss({ db: fromPglite(handle.pglite!), backend: 'pglite' });
  await boss.start();
  await boss.stop({ graceful: false });
}

export function databaseUrl(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.href;
}
