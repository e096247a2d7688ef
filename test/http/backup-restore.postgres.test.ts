import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as fixture from '../domain/evidence/fixtures';
import { createPostgresDatabase, dropPostgresDatabase, postgresUrlFor } from '../support/database';
import { createEntry } from '../support/entries';
import { signedIn, textOf } from '../support/http';
import { type RunningServer, startServer } from '../support/server';

/**
 * The README's backup and restore, run as written: db/backup.sh on a running site with an
 * uploaded file, db/restore.sh into a new database and a new data folder, and a server started on
 * the restored copy serves the entry and the very same bytes.
 */
const run = promisify(execFile);

/** The newest PostgreSQL client tools, where Debian puts them (as .ci/run finds them); else PATH. */
function postgresBin(): Record<string, string> {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(path.join(root, v, 'bin', 'pg_dump'))) : [];
  const newest = versions.sort((a, b) => Number(a) - Number(b)).at(-1);
  return newest ? { PGBIN: path.join(root, newest, 'bin') } : {};
}

const title = 'Sao lưu và phục hồi: hồ sơ một cửa điện tử';
const bytes = fixture.pdf('Tệp minh chứng phải còn nguyên sau khi phục hồi');
let original: RunningServer;
let restored: RunningServer | undefined;
let entryId = 0;
const backupDir = mkdtempSync(path.join(tmpdir(), 'press-par-backup-'));
const restoredDataDir = mkdtempSync(path.join(tmpdir(), 'press-par-restored-'));
let restoredName = '';

beforeAll(async () => {
  original = await startServer({}, { prepare: async (db) => void (entryId = (await createEntry(db, 'journalist@demo.vn', { title })).id) });
});
afterAll(async () => {
  await Promise.all([original?.stop(), restored?.stop()]);
  if (restoredName) await dropPostgresDatabase(restoredName);
  rmSync(backupDir, { recursive: true, force: true });
  rmSync(restoredDataDir, { recursive: true, force: true });
});

describe('backup and restore', () => {
  it('brings back the entry and its file byte for byte', async () => {
    const journalist = await signedIn(original.origin, 'journalist@demo.vn');
    const form = new FormData();
    form.set('file', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), 'bien-ban.pdf');
    const uploaded = await journalist.request(`/app/entries/${entryId}/evidence`, { method: 'POST', body: form, headers: { origin: original.origin, accept: 'application/json' } });
    expect(uploaded.status).toBe(201);
    const { file } = (await uploaded.json()) as { file: { url: string } };

    const env = { ...process.env, ...postgresBin() };
    await run('bash', ['db/backup.sh', backupDir], { env: { ...env, DATABASE_URL: original.databaseUrl!, DATA_DIR: original.dataDir } });
    expect(readdirSync(backupDir).sort()).toEqual(['SHA256SUMS', 'database.dump', 'uploads.tar.gz']);

    restoredName = await createPostgresDatabase();
    const restoredUrl = postgresUrlFor(restoredName);
    await run('bash', ['db/restore.sh', backupDir], { env: { ...env, DATABASE_URL: restoredUrl, DATA_DIR: restoredDataDir } });
    // A second restore into the same data folder is refused rather than mixing files.
    await expect(run('bash', ['db/restore.sh', backupDir], { env: { ...env, DATABASE_URL: restoredUrl, DATA_DIR: restoredDataDir } })).rejects.toMatchObject({
      stderr: expect.stringContaining('is not empty'),
    });

    await original.stop();
    restored = await startServer({ DATABASE_URL: restoredUrl, DATA_DIR: restoredDataDir, SEED_DEMO: '0' });
    const again = await signedIn(restored.origin, 'journalist@demo.vn');
    expect(await textOf(await again.get(`/app/entries/${entryId}`))).toContain(title);
    const download = await again.get(file.url);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);
  });
});
