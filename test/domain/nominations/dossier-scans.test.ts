import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, dossierScans, type Campaign } from '../../../db/schema';
import { addToBatch, createBatch, sendBatch } from '../../../src/domain/nominations/decisions';
import { dossierOf } from '../../../src/domain/nominations/dossier/data';
import { attachSignedScan, dossierParts, openSignedScan, removeSignedScan, servedVersion, signedScanFor } from '../../../src/domain/nominations/dossier/scans';
import { createNomination } from '../../../src/domain/nominations/nominations';
import { actorFor } from '../../support/accounts';
import { demoCampaign } from '../../support/campaigns';
import { useTestDatabase } from '../../support/database';
import { individualNomination, recordMeeting } from '../../support/nominations';
import { pdf, png } from '../evidence/fixtures';
import { refusal } from '../../support/refusal';

const handle = useTestDatabase();
let campaign: Campaign;
const scansDir = mkdtempSync(path.join(tmpdir(), 'press-par-dossier-'));
const options = { scansDir, ip: '203.0.113.7' };
beforeAll(async () => {
  campaign = await demoCampaign(handle.db);
});
afterAll(async () => {
  rmSync(scansDir, { recursive: true, force: true });
});

const onDisk = () => readdirSync(scansDir).sort();
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A draft batch with one individual nomination, and a nomination outside it. */
async function openBatch() {
  const coordinator = await actorFor(handle.db, 'coordinator@demo.vn');
  const nominate = async () => createNomination(handle.db, coordinator, await individualNomination(handle.db, 'journalist@demo.vn'));
  const inside = await nominate();
  const outside = await nominate();
  const batch = await createBatch(handle.db, coordinator, campaign.id, 'Đợt trình tháng 12/2024');
  await addToBatch(handle.db, coordinator, batch.id, [inside.id]);
  await recordMeeting(handle.db, coordinator, batch.id, [inside.id]);
  return { coordinator, batchId: batch.id, nominationId: inside.id, outsideId: outside.id };
}

describe('signed scans of the dossier', () => {
  it('refuses what is not a PDF, from its bytes, and keeps nothing', async () => {
    const { coordinator, batchId } = await openBatch();
    const before = onDisk();
    const notPdf = await refusal(attachSignedScan(handle.db, coordinator, { batchId, document: 'proposal' }, png(), 'to-trinh.pdf', options));
    expect([notPdf.key, notPdf.field, notPdf.code]).toEqual(['nominations.dossier.errors.notPdf', 'dossier-scan', 'BAD_REQUEST']);
    expect((await refusal(attachSignedScan(handle.db, coordinator, { batchId, document: 'proposal' }, Buffer.alloc(0), 'rong.pdf', options))).key).toBe('nominations.dossier.errors.empty');
    expect(onDisk()).toEqual(before);
    expect(await handle.db.select().from(dossierScans).where(eq(dossierScans.batchId, batchId))).toEqual([]);
  });

  it('keeps a signed PDF, which then replaces the draft; a new scan replaces the old one', async () => {
    const { coordinator, batchId, nominationId } = await openBatch();
    const first = pdf('Tờ trình đã ký');
    const scan = await attachSignedScan(handle.db, coordinator, { batchId, document: 'proposal' }, Readable.from([first]), 'Tờ trình số 125.pdf', { ...options, now: new Date('2024-12-06T02:00:00Z') });
    expect(scan).toMatchObject({ batchId, nominationId: null, document: 'proposal', originalName: 'Tờ trình số 125.pdf', sizeBytes: first.length, sha256: sha256(first), uploadedById: coordinator.id });
    expect(scan.storedName).toMatch(/^[0-9a-f]{32}\.pdf$/);
    expect(readFileSync(path.join(scansDir, scan.storedName)).equals(first)).toBe(true);

    let dossier = await dossierOf(handle.db, batchId);
    expect(servedVersion(dossier, 'proposal')).toEqual({
      source: 'scan',
      scan: { id: scan.id, document: 'proposal', nominationId: null, originalName: 'Tờ trình số 125.pdf', sizeBytes: first.length, sha256: sha256(first), uploadedAt: new Date('2024-12-06T02:00:00Z') },
    });
    expect(servedVersion(dossier, 'minutes')).toEqual({ source: 'draft' });
    expect(servedVersion(dossier, 'report', nominationId)).toEqual({ source: 'draft' });

    const report = pdf('Báo cáo thành tích đã ký');
    await attachSignedScan(handle.db, coordinator, { batchId, document: 'report', nominationId }, report, 'bao-cao.pdf', options);
    const second = pdf('Tờ trình ký lại');
    const again = await attachSignedScan(handle.db, coordinator, { batchId, document: 'proposal' }, second, 'to-trinh-ky-lai', options);
    expect(again.originalName).toBe('to-trinh-ky-lai.pdf');
    // the replaced file is gone from the disk, the new one is there
    expect(onDisk()).not.toContain(scan.storedName);
    expect(onDisk()).toContain(again.storedName);

    dossier = await dossierOf(handle.db, batchId);
    expect(dossierParts(dossier).map((part) => [part.document, part.nominationId, part.served.source === 'scan' ? part.served.scan.sha256 : 'draft'])).toEqual([
      ['proposal', null, sha256(second)],
      ['minutes', null, 'draft'],
      ['report', nominationId, sha256(report)],
    ]);
    const steps = await handle.db.select({ details: auditLog.details }).from(auditLog).where(and(eq(auditLog.action, 'dossier_scan_attached'), eq(auditLog.subjectId, String(batchId))));
    expect(steps.map((s) => (s.details as { replacedScanId: number | null }).replacedScanId)).toEqual([null, null, scan.id]);

    const opened = await openSignedScan(again, scansDir);
    const chunks: Buffer[] = [];
    for await (const chunk of opened!.stream) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(second)).toBe(true);

    await removeSignedScan(handle.db, coordinator, { batchId, document: 'proposal' }, options);
    expect(servedVersion(await dossierOf(handle.db, batchId), 'proposal')).toEqual({ source: 'draft' });
    expect(onDisk()).not.toContain(again.storedName);
  });

  it('checks which document and whose: a report names a nominee of the batch, the letter does not', async () => {
    const { coordinator, batchId, nominationId, outsideId } = await openBatch();
    const scan = pdf();
    expect((await refusal(attachSignedScan(handle.db, coordinator, { batchId, document: 'report' }, scan, 'a.pdf', options))).key).toBe('nominations.dossier.errors.nomineeRequired');
    expect((await refusal(attachSignedScan(handle.db, coordinator, { batchId, document: 'minutes', nominationId }, scan, 'a.pdf', options))).key).toBe(
      'nominations.dossier.errors.nomineeNotAllowed',
    );
    const outside = await refusal(attachSignedScan(handle.db, coordinator, { batchId, document: 'report', nominationId: outsideId }, scan, 'a.pdf', options));
    expect([outside.key, outside.code]).toEqual(['nominations.dossier.errors.notInBatch', 'NOT_FOUND']);
    expect((await refusal(attachSignedScan(handle.db, coordinator, { batchId: 999_999, document: 'proposal' }, scan, 'a.pdf', options))).code).toBe('NOT_FOUND');
    const journalist = await actorFor(handle.db, 'journalist@demo.vn');
    expect((await refusal(attachSignedScan(handle.db, journalist, { batchId, document: 'proposal' }, scan, 'a.pdf', options))).code).toBe('FORBIDDEN');
  });

  it('is read-only once the batch is sent; Home Affairs then reads the scans', async () => {
    const { coordinator, batchId } = await openBatch();
    const appraiser = await actorFor(handle.db, 'appraiser@demo.vn');
    const minutes = await attachSignedScan(handle.db, coordinator, { batchId, document: 'minutes' }, pdf('Biên bản'), 'bien-ban.pdf', options);
    expect((await refusal(signedScanFor(handle.db, appraiser, { batchId, document: 'minutes' }))).code).toBe('NOT_FOUND');

    await sendBatch(handle.db, coordinator, batchId);
    const before = onDisk();
    const late = await refusal(attachSignedScan(handle.db, coordinator, { batchId, document: 'proposal' }, pdf(), 'to-trinh.pdf', options));
    expect([late.key, late.code]).toEqual(['nominations.errors.batchSent', 'CONFLICT']);
    expect((await refusal(removeSignedScan(handle.db, coordinator, { batchId, document: 'minutes' }, options))).key).toBe('nominations.errors.batchSent');
    expect(onDisk()).toEqual(before);

    expect((await signedScanFor(handle.db, appraiser, { batchId, document: 'minutes' }))?.id).toBe(minutes.id);
    expect(await signedScanFor(handle.db, appraiser, { batchId, document: 'proposal' })).toBeUndefined();
    const journalist = await actorFor(handle.db, 'journalist@demo.vn');
    expect((await refusal(signedScanFor(handle.db, journalist, { batchId, document: 'minutes' }))).code).toBe('FORBIDDEN');
  });
});
