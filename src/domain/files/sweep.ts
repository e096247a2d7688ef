import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { inArray } from 'drizzle-orm';
import type { Queryable } from '@db/client';
import { dossierScans, evidenceFiles } from '@db/schema';
import { isStoredName, isTempName } from './storage';

export interface SweepOptions {
  /** DATA_DIR/uploads: evidence files, and the dossier scans in its `dossier/` folder. */
  uploadsDir: string;
  /** DATA_DIR/cache/gallery: resized gallery images (src/domain/gallery/images.ts), made again when asked for. */
  imageCacheDir?: string;
  /**
   * Only files untouched this long are removed: with several instances on one shared folder,
   * another one may be receiving an upload (its temporary file grows) or committing one (its
   * file has its final name a moment before its row is committed) right now.
   */
  graceMs: number;
  now?: number;
}

/**
 * What a crash (SIGKILL, a power cut) leaves in the uploads folder, removed at start-up: the
 * temporary `.part` file of an upload cut short, and a stored file whose row was never committed
 * (a file gets its final name inside the transaction, just before the commit). A file is never
 * removed while a row names it; names the server did not make are left alone. In the image cache
 * only the temporary files of a resizing cut short are removed. Returns the paths removed.
 */
export async function sweepUploads(db: Queryable, { uploadsDir, imageCacheDir, graceMs, now = Date.now() }: SweepOptions): Promise<string[]> {
  const folders = [
    { dir: uploadsDir, table: evidenceFiles },
    { dir: path.join(uploadsDir, 'dossier'), table: dossierScans },
    ...(imageCacheDir ? [{ dir: imageCacheDir, table: undefined }] : []),
  ];
  const removed: string[] = [];
  for (const { dir, table } of folders) {
    const stale = await staleFiles(dir, now - graceMs);
    const unnamed = table ? await withoutRow(db, table, stale.filter(isStoredName)) : [];
    for (const name of [...stale.filter(isTempName), ...unnamed]) {
      await rm(path.join(dir, name), { force: true });
      removed.push(path.join(dir, name));
    }
  }
  return removed;
}

/** The stored names no row of `table` names. */
async function withoutRow(db: Queryable, table: typeof evidenceFiles | typeof dossierScans, stored: string[]): Promise<string[]> {
  const named = new Set<string>();
  // In slices, so a folder of many thousand files does not become one enormous query.
  for (let i = 0; i < stored.length; i += 1000) {
    const slice = stored.slice(i, i + 1000);
    for (const row of await db.select({ name: table.storedName }).from(table).where(inArray(table.storedName, slice))) named.add(row.name);
  }
  return stored.filter((name) => !named.has(name));
}

async function staleFiles(dir: string, before: number): Promise<string[]> {
  const names = await readdir(dir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  const stale: string[] = [];
  for (const entry of names) {
    if (!entry.isFile()) continue;
    const info = await stat(path.join(dir, entry.name)).catch(() => undefined);
    if (info && info.mtimeMs <= before) stale.push(entry.name);
  }
  return stale;
}
