import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { and, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { auditLog, entries, evidenceFiles, type Campaign } from '../../../db/schema';
import {
  addEvidence,
  evidenceForDownload,
  evidenceLimitsFor,
  listEvidence,
  removeEvidence,
} from '../../../src/domain/entries/evidence/evidence';
import { bytesPerMb, EvidenceRefused } from '../../../src/domain/entries/evidence/limits';
import { DomainError } from '../../../src/domain/errors';
import { actorFor } from '../../support/accounts';
import { useTestDatabase } from '../../support/database';
import { createCampaignWithLimits, createEntry } from '../../support/entries';
import * as fixture from './fixtures';

const handle = useTestDatabase();
const uploadsDir = mkdtempSync(path.join(tmpdir(), 'press-par-uploads-'));
const storage = { uploadsDir, ip: '203.0.113.9' };
afterAll(async () => {
  rmSync(uploadsDir, { recursive: true, force: true });
});

/** A stream as the multipart parser hands it over: chunk by chunk, with a flag once it is read to the end. */
function upload(bytes: Buffer, filename = 'minh-chung.pdf', chunkSize = 16 * 1024) {
  const chunks = [];
  for (let i = 0; i < bytes.length; i += chunkSize) chunks.push(bytes.subarray(i, i + chunkSize));
  const stream = Readable.from(chunks, { objectMode: false });
  const drained = new Promise<boolean>((resolve) => stream.once('end', () => resolve(true)));
  return { stream, filename, drained };
}

/** Every name in the uploads folder, temporary ones included. */
const onDisk = () => readdirSync(uploadsDir).sort();

let year = 2030;
function campaignWith(limits: Partial<Pick<Campaign, 'maxFileMb' | 'maxEntryMb' | 'allowedFileTypes'>>): Promise<Campaign> {
  return createCampaignWithLimits(handle.db, year++, limits);
}

const refusedFor = (reason: string, params?: Record<string, unknown>) =>
  expect.objectContaining({ reason, ...(params ? { params } : {}) }) as unknown as EvidenceRefused;

describe('adding a file', () => {
  it('stores the bytes under a generated name, records the detected type, size and hash, and audits it', async () => {
    const journalist = await actorFor(handle.db, 'journalist@demo.vn');
    const entry = await createEntry(handle.db, 'journalist@demo.vn');
    const bytes = fixture.pdf();
    const before = onDisk();
    const file = await addEvidence(handle.db, journalist, entry.id, upload(bytes, 'Bài báo số 12.pdf'), storage);

    expect(file).toMatchObject({
      entryId: entry.id,
      originalName: 'Bài báo số 12.pdf',
      fileType: 'pdf',
      mediaType: 'application/pdf',
      sizeBytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      uploadedById: journalist.id,
    });
    expect(file.storedName).toMatch(/^[0-9a-f]{32}\.pdf$/);
    expect(onDisk()).toEqual([...before, file.storedName].sort());
    expect(readFileSync(path.join(uploadsDir, file.storedName)).equals(bytes)).toBe(true);

    const audit = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'evidence_added'), eq(auditLog.subjectId, String(entry.id))));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: journalist.id, ip: '203.0.113.9', subjectType: 'entry' });
    expect(audit[0].details).toMatchObject({ fileId: file.id, type: 'pdf', sizeBytes: bytes.length });
  });

  it.each([
    ['jpeg', fixture.jpeg(), 'anh.jpg', 'image/jpeg'],
    ['png', fixture.png(), 'anh.png', 'image/png'],
    ['webp', fixture.webp(), 'anh.webp', 'image/webp'],
    ['mp3', fixture.mp3(), 'phong-su.mp3', 'audio/mpeg'],
    ['m4a', fixture.m4a(), 'phong-van.m4a', 'audio/mp4'],
    ['mp4', fixture.mp4(), 'phong-su.mp4', 'video/mp4'],
  ])('takes %s', async (type, bytes, name, mediaType) => {
    const journalist = await actorFor(handle.db, 'journalist@demo.vn');
    const entry = await createEntry(handle.db, 'journalist@demo.vn');
    const file = await addEvidence(handle.db, journalist, entry.id, upload(bytes, name), storage);
    expect(file).toMatchObject({ fileType: type, mediaType, originalName: name });
  });

  it('stores a name with path parts and control characters sanitised', async () => {
    const journalist = await actorFor(handle.db, 'journalist@demo.vn');
    const entry = await createEntry(handle.db, 'journalist@demo.vn');
    const file = await addEvidence(handle.db, journalist, entry.id, upload(fixture.png(), '../../uploads/\u0007ảnh\r\nhiện trường.png'), storage);
    const [row] = await handle.db.select().from(evidenceFiles).where(eq(evidenceFiles.id, file.id));
    expect(row.originalName).toBe('ảnhhiện trường.png');
    expect(row.storedName).not.toContain('ảnh');
  });
});

describe('refusals leave nothing behind', () => {
  it.each([
    ['a Linux executable named .pdf', fixture.elf(), 'bao-cao.pdf', 'type_not_allowed'],
    ['a Windows executable named .pdf', fixture.windowsExe(), 'bao-cao.pdf', 'type_not_allowed'],
    ['an HTML page named .jpg', fixture.html(), 'anh.jpg', 'type_not_allowed'],
    ['an "MP3" that is an executable after its tag', fixture.fakeMp3(), 'bai-hat.mp3', 'type_not_allowed'],
    ['a zero-byte file', Buffer.alloc(0), 'trong.pdf', 'empty'],
  ])('%s', async (_, bytes, name, reason) => {
    const journalist = await actorFor(handle.db, 'journalist@demo.vn');
    const entry = await createEntry(handle.db, 'journalist@demo.vn');
    const before = onDisk();
    const sent = upload(bytes, name);
    await expect(addEvidence(handle.db, journalist, entry.id, sent, storage)).rejects.toEqual(refusedFor(reason));
    expect(await sent.drained).toBe(true);
    expect(onDisk()).toEqual(before);
    expect(await handle.db.select().from(evidenceFiles).where(eq(evidenceFiles.entryId, entry.id))).toEqual([]);
  });

  it('names the allowed types when the campaign allows fewer than all', async () => {
    const campaign = await campaignWith({ allowedFileTypes: ['pdf', 'jpeg'] });
    const journalist = await actorFor(handle.db, 'journalist@demo.vn');
    const entry = await createEntry(handle.db, 'journalist@demo.vn', { campaignId: campaign.id });
    await expect(addEvidence(handle.db, journalist, entry.id, upload(fixture.mp4(), 'clip.mp4'), storage)).rejects.toEqual(
      refusedFor('type_not_allowed', { types: 'PDF, JPEG' }),
    );
  });

  it('stops writing as soon as a file passes the per-file limit', async () => {
    const campaign = await campaignWith({ maxFileMb: 1, maxEntryMb: 10 });
    const journalist = await actorFor(handle.db, 'journalist@demo.vn');
    const entry = await createEntry(handle.db, 'journalist@demo.vn', { campaignId: campaign.id });
    const exactly = Buffer.concat([fixture.pdf(), Buffer.alloc(bytesPerMb - fixture.pdf().length, 0x20)]);
    expect((await addEvidence(handle.db, journalist, entry.id, upload(exactly), storage)).sizeBytes).toBe(bytesPerMb);

    const before = onDisk();
    const tooBig = Buffer.concat([exactly, Buffer.from(' ')]);
    const sent = upload(tooBig);
    await expect(addEvidence(handle.db, journalist, entry.id, sent, storage)).rejects.toEqual(refusedFor('too_large', { mb: 1 }));
    expect(await sent.drained).toBe(true);
    expect(onDisk()).toEqual(before);
  });

  it("refuses a file that would take the entry's files past the entry limit", async () => {
    const campaign = await campaignWith({ maxFileMb: 2, maxEntryMb: 2 });
    const journalist = await actorFor(handle.db, 'journalist@demo.vn');
    const entry = await createEntry(handle.db, 'journalist@demo.vn', { campaignId: campaign.id });
    const big = Buffer.concat([fixture.pdf(), Buffer.alloc(1.5 * bytesPerMb)]);
    await addEvidence(handle.db, journalist, entry.id, upload(big), storage);
    expect(await evidenceLimitsFor(handle.db, journalist, entry.id)).toMatchObject({ usedBytes: big.length, maxEntryMb: 2 });

    const before = onDisk();
    const another = Buffer.concat([fixture.pdf(), Buffer.alloc(0.6 * bytesPerMb)]);
    await expect(addEvidence(handle.db, journalist, entry.id, upload(another), storage)).rejects.toEqual(
      refusedFor('entry_too_large', { mb: 2 }),
    );
    expect(onDisk()).toEqual(before);
    expect(await listEvidence(handle.db, entry)).toHaveLength(1);
  });

  it('two uploads at once cannot both take the last megabytes', async () => {
    const campaign = await campaignWith({ maxFileMb: 2, maxEntryMb: 2 });
    const journalist = await actorFor(handle.db, 'journalist@demo.vn');
    const entry = await createEntry(handle.db, 'journalist@demo.vn', { campaignId: campaign.id });
    const file = () => upload(Buffer.concat([fixture.pdf(), Buffer.alloc(1.2 * bytesPerMb)]));
    const results = await Promise.allSettled([
      addEvidence(handle.db, journalist, entry.id, file(), storage),
      addEvidence(handle.db, journalist, entry.id, file(), storage),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { reason: 'entry_too_large' } });
    expect(await listEvidence(handle.db, entry)).toHaveLength(1);
    expect(onDisk().filter((n) => n.endsWith('.part'))).toEqual([]);
  });
});

describe('an upload cut short', () => {
  it('by the client mid-way leaves no temporary file and no row', async () => {
    const journalist = await actorFor(handle.db, 'journalist@demo.vn');
    const entry = await createEntry(handle.db, 'journalist@demo.vn');
    const before = onDisk();
    const stream = new Readable({ read() {} });
    stream.push(fixture.pdf());
    stream.push(Buffer.alloc(64 * 1024));
    const adding = addEvidence(handle.db, journalist, entry.id, { stream, filename: 'dut.pdf' }, storage);
    setTimeout(() => stream.destroy(new Error('Unexpected end of form')), 50);
    await expect(adding).rejects.toThrow('Unexpected end of form');
    expect(onDisk()).toEqual(before);
    expect(await listEvidence(handle.db, entry)).toEqual([]);
  });

  it('before the upload was even read does not stop the process', async () => {
    const journalist = await actorFor(handle.db, 'journalist@demo.vn');
    const entry = await createEntry(handle.db, 'journalist@demo.vn');
    const before = onDisk();
    const stream = new Readable({ read() {} });
    const adding = addEvidence(handle.db, journalist, entry.id, { stream, filename: 'dut.pdf' }, storage);
    stream.destroy(new Error('aborted'));
    await expect(adding).rejects.toThrow('aborted');
    expect(onDisk()).toEqual(before);
  });
});

describe('who may add', () => {
  it('another outlet gets not found, and a submitted entry takes no new files', async () => {
    const other = await actorFor(handle.db, 'journalist2@demo.vn');
    const author = await actorFor(handle.db, 'journalist@demo.vn');
    const draft = await createEntry(handle.db, 'journalist@demo.vn');
    const submitted = await createEntry(handle.db, 'journalist@demo.vn', { status: 'submitted' });
    const before = onDisk();
    const stranger = upload(fixture.pdf());
    await expect(addEvidence(handle.db, other, draft.id, stranger, storage)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await stranger.drained).toBe(true);
    await expect(addEvidence(handle.db, author, submitted.id, upload(fixture.pdf()), storage)).rejects.toMatchObject({
      code: 'FORBIDDEN',
      key: 'evidence.errors.not_editable',
    });
    expect(onDisk()).toEqual(before);
  });

  it("the outlet's admin may add to its journalist's returned entry", async () => {
    const outlet = await actorFor(handle.db, 'outlet@demo.vn');
    const entry = await createEntry(handle.db, 'journalist@demo.vn', { status: 'returned' });
    const file = await addEvidence(handle.db, outlet, entry.id, upload(fixture.jpeg(), 'anh.jpg'), storage);
    expect(file.uploadedById).toBe(outlet.id);
  });
});

describe('removing a file', () => {
  it('deletes the row and the file on disk, and audits it', async () => {
    const journalist = await actorFor(handle.db, 'journalist@demo.vn');
    const entry = await createEntry(handle.db, 'journalist@demo.vn');
    const kept = await addEvidence(handle.db, journalist, entry.id, upload(fixture.png(), 'giu.png'), storage);
    const file = await addEvidence(handle.db, journalist, entry.id, upload(fixture.pdf(), 'xoa.pdf'), storage);
    expect(existsSync(path.join(uploadsDir, file.storedName))).toBe(true);

    await removeEvidence(handle.db, journalist, entry.id, file.id, storage);
    expect(existsSync(path.join(uploadsDir, file.storedName))).toBe(false);
    expect(existsSync(path.join(uploadsDir, kept.storedName))).toBe(true);
    expect((await listEvidence(handle.db, entry)).map((f) => f.originalName)).toEqual(['giu.png']);
    const audit = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'evidence_removed'), eq(auditLog.subjectId, String(entry.id))));
    expect(audit).toHaveLength(1);
    expect(audit[0].details).toMatchObject({ fileId: file.id, name: 'xoa.pdf' });
  });

  it('is refused once the entry is submitted, and the file stays', async () => {
    const journalist = await actorFor(handle.db, 'journalist@demo.vn');
    const entry = await createEntry(handle.db, 'journalist@demo.vn');
    const file = await addEvidence(handle.db, journalist, entry.id, upload(fixture.pdf()), storage);
    await handle.db.update(entries).set({ status: 'submitted' }).where(eq(entries.id, entry.id));

    await expect(removeEvidence(handle.db, journalist, entry.id, file.id, storage)).rejects.toEqual(
      expect.objectContaining({ code: 'FORBIDDEN' }) as unknown as DomainError,
    );
    expect(existsSync(path.join(uploadsDir, file.storedName))).toBe(true);
    expect(await listEvidence(handle.db, entry)).toHaveLength(1);
  });

  it("cannot reach another entry's file through one's own entry", async () => {
    const journalist = await actorFor(handle.db, 'journalist@demo.vn');
    const other = await actorFor(handle.db, 'journalist2@demo.vn');
    const own = await createEntry(handle.db, 'journalist@demo.vn');
    const theirs = await createEntry(handle.db, 'journalist2@demo.vn');
    const file = await addEvidence(handle.db, other, theirs.id, upload(fixture.pdf()), storage);

    await expect(removeEvidence(handle.db, journalist, own.id, file.id, storage)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(removeEvidence(handle.db, journalist, theirs.id, file.id, storage)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(evidenceForDownload(handle.db, journalist, own.id, file.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(evidenceForDownload(handle.db, journalist, theirs.id, file.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(existsSync(path.join(uploadsDir, file.storedName))).toBe(true);
    expect((await evidenceForDownload(handle.db, other, theirs.id, file.id)).id).toBe(file.id);
  });
});
