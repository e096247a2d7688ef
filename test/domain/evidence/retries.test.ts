import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { and, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../../db/schema';
import { addEvidence, listEvidence } from '../../../src/domain/entries/evidence/evidence';
import { newStoredName, temporaryName } from '../../../src/domain/files/storage';
import { sweepUploads } from '../../../src/domain/files/sweep';
import { actorFor } from '../../support/accounts';
import { useTestDatabase } from '../../support/database';
import { createEntry } from '../../support/entries';
import * as fixture from './fixtures';

/** What a crash leaves, and what a client sends again after one. */
const handle = useTestDatabase();
const uploadsDir = mkdtempSync(path.join(tmpdir(), 'press-par-sweep-'));
const storage = { uploadsDir };
afterAll(async () => {
  rmSync(uploadsDir, { recursive: true, force: true });
});

const upload = (bytes: Buffer, filename: string) => ({ stream: Readable.from([bytes]), filename });
const onDisk = (dir = uploadsDir) => readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name).sort();

describe('an upload sent again', () => {
  it('is the file already there: one row, one file, one audit row', async () => {
    const journalist = await actorFor(handle.db, 'journalist@demo.vn');
    const entry = await createEntry(handle.db, 'journalist@demo.vn');
    const bytes = fixture.pdf('Bản gửi lại sau khi mất kết nối');
    const first = await addEvidence(handle.db, journalist, entry.id, upload(bytes, 'minh-chung.pdf'), storage);
    const again = await addEvidence(handle.db, journalist, entry.id, upload(bytes, 'minh-chung.pdf'), storage);
    expect(again.id).toBe(first.id);
    expect(await listEvidence(handle.db, entry)).toHaveLength(1);
    expect(onDisk().filter((n) => n.endsWith('.part'))).toEqual([]);
    expect(onDisk()).toContain(first.storedName);
    const audit = await handle.db.select().from(auditLog).where(and(eq(auditLog.action, 'evidence_added'), eq(auditLog.subjectId, String(entry.id))));
    expect(audit).toHaveLength(1);
    // other bytes are another file
    await addEvidence(handle.db, journalist, entry.id, upload(fixture.png(), 'anh.png'), storage);
    expect(await listEvidence(handle.db, entry)).toHaveLength(2);
  });
});

describe('the start-up sweep', () => {
  it('removes stale temporary files and files without a row; keeps named, young and foreign ones', async () => {
    const journalist = await actorFor(handle.db, 'journalist@demo.vn');
    const entry = await createEntry(handle.db, 'journalist@demo.vn');
    const kept = await addEvidence(handle.db, journalist, entry.id, upload(fixture.jpeg(), 'giu.jpg'), storage);
    const dossier = path.join(uploadsDir, 'dossier');
    mkdirSync(dossier, { recursive: true });
    const old = (file: string) => {
      writeFileSync(file, 'x');
      utimesSync(file, new Date('2024-01-01'), new Date('2024-01-01'));
      return path.basename(file);
    };
    const staleTemp = old(path.join(uploadsDir, `.${'a'.repeat(32)}.part`));
    const orphan = old(path.join(uploadsDir, newStoredName('pdf')));
    const orphanScan = old(path.join(dossier, newStoredName('pdf')));
    const foreign = old(path.join(uploadsDir, 'README.txt'));
    utimesSync(path.join(uploadsDir, kept.storedName), new Date('2024-01-01'), new Date('2024-01-01'));
    const youngTemp = `.${'b'.repeat(32)}.part`;
    writeFileSync(path.join(uploadsDir, youngTemp), 'x');
    // The image cache: a resizing cut short, and a variant, which has no row and stays.
    const imageCacheDir = mkdtempSync(path.join(tmpdir(), 'press-par-sweep-cache-'));
    const staleResizing = old(path.join(imageCacheDir, temporaryName()));
    const variant = old(path.join(imageCacheDir, `${'c'.repeat(32)}-480.webp`));

    const removed = await sweepUploads(handle.db, { uploadsDir, imageCacheDir, graceMs: 60 * 60_000 });
    expect(removed.sort()).toEqual(
      [path.join(uploadsDir, staleTemp), path.join(uploadsDir, orphan), path.join(dossier, orphanScan), path.join(imageCacheDir, staleResizing)].sort(),
    );
    expect(onDisk(imageCacheDir)).toEqual([variant]);
    rmSync(imageCacheDir, { recursive: true });
    const left = onDisk();
    expect(left).toContain(kept.storedName);
    expect(left).toContain(foreign);
    expect(left).toContain(youngTemp);
    expect(left).not.toContain(orphan);
    expect(onDisk(dossier)).toEqual([]);
  });
});
