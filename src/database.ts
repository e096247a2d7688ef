import path from 'node:path';
import { type DatabaseHandle, openPglite, openPostgres } from '@db/client';
import { seedDemo } from '@db/seed/demo';
import { config } from './config';
import { sweepUploads } from './domain/files/sweep';
import { uploadsDirectory } from './domain/files/storage';
import { listenForGalleryChanges } from './domain/gallery/changes';
import { imageCacheDirectory } from './domain/gallery/images';
import { startBackgroundWork } from './domain/mail/worker';

let opening: Promise<DatabaseHandle> | undefined;

/**
 * The app's one database: PostgreSQL when DATABASE_URL is set, otherwise PGlite on disk under
 * DATA_DIR. Opening migrates, and seeds the demo when SEED_DEMO says so.
 */
export function appDatabase(): Promise<DatabaseHandle> {
  opening ??= open().catch((error) => {
    opening = undefined;
    throw error;
  });
  return opening;
}

async function open(): Promise<DatabaseHandle> {
  const c = config();
  const handle = c.databaseUrl
    ? await openPostgres(c.databaseUrl)
    : await openPglite({ dataDir: path.join(c.dataDir, 'pglite') });
  if (c.seedDemo) await seedDemo(handle.db);
  // Other instances on the same PostgreSQL announce gallery changes; their pages must leave our cache.
  await listenForGalleryChanges(handle);
  // A crash mid-upload leaves a temporary file, or a file whose row was never committed.
  const folders = { uploadsDir: uploadsDirectory(c.dataDir), imageCacheDir: imageCacheDirectory(c.dataDir) };
  await sweepUploads(handle.db, { ...folders, graceMs: c.uploadSweepGraceMs }).then(
    (removed) => removed.length && console.info(`uploads: removed ${removed.length} file(s) left by an interrupted upload`),
    (error: unknown) => console.error('uploads: the start-up sweep failed', error),
  );
  // E-mail, reminders and session clean-up (src/domain/mail/worker.ts); the site works without them.
  await startBackgroundWork(handle).catch((error: unknown) => console.error('background work did not start', error));
  return handle;
}
