import path from 'node:path';
import { Readable } from 'node:stream';
import { and, eq, isNull, type SQL } from 'drizzle-orm';
import type { Database, Queryable } from '@db/client';
import { dossierDocuments, dossierScans, nominationBatches, nominations, type DossierDocument, type DossierScan, type NominationStatus } from '@db/schema';
import type { SessionUser } from '@/auth/session';
import { config } from '@/config';
import { recordAudit } from '@/domain/audit/record';
import { detectEvidenceType, detectEvidenceTypeOfFile, detectionBytes } from '@/domain/entries/evidence/detect';
import { displayName } from '@/domain/entries/evidence/name';
import { newStoredName, openStored, removeStored, uploadsDirectory } from '@/domain/files/storage';
import { storeUpload } from '@/domain/files/upload';
import { DomainError } from '@/domain/errors';
import { requireRoleFor } from '@/domain/permissions';
import { scanRefusals } from './scan-refusals';
import { requireDossierReader, type Dossier, type DossierScanInfo } from './data';

/** A signed dossier scan of many pages stays well under this; evidence has its own limits. */
export const maxScanMb = 50;
const bytesPerMb = 1024 * 1024;

/** Beside the evidence files, outside public/: served only through a page that checks access. */
export function dossierScansDirectory(dataDir = config().dataDir): string {
  return path.join(uploadsDirectory(dataDir), 'dossier');
}

/** Which document a scan is of: the proposal or the minutes of a batch, or one nominee's report. */
export interface ScanSlot {
  batchId: number;
  document: DossierDocument;
  /** The nomination a report is about; absent for the proposal and the minutes. */
  nominationId?: number | null;
}

export interface ScanOptions {
  /** DATA_DIR/uploads/dossier in the app (the default); a temporary folder in tests. */
  scansDir?: string;
  ip?: string;
  now?: Date;
}

/** `dossier-scan` is the id a page gives the upload input, where the message belongs. */
const scanField = 'dossier-scan';

/** The slot checked for shape: a report names its nominee, the other two documents do not. */
function slotOf(slot: ScanSlot): { batchId: number; document: DossierDocument; nominationId: number | null } {
  if (!dossierDocuments.includes(slot.document)) throw new DomainError('nominations.dossier.errors.unknownDocument', 'document');
  const nominationId = slot.nominationId ?? null;
  if (slot.document === 'report' && nominationId === null) throw new DomainError('nominations.dossier.errors.nomineeRequired', 'nominationId');
  if (slot.document !== 'report' && nominationId !== null) throw new DomainError('nominations.dossier.errors.nomineeNotAllowed', 'nominationId');
  return { batchId: slot.batchId, document: slot.document, nominationId };
}

function whereSlot(slot: ReturnType<typeof slotOf>): SQL {
  return and(
    eq(dossierScans.batchId, slot.batchId),
    eq(dossierScans.document, slot.document),
    slot.nominationId === null ? isNull(dossierScans.nominationId) : eq(dossierScans.nominationId, slot.nominationId),
  )!;
}

/**
 * The batch of a slot, still open to the coordinator for that slot: NOT_FOUND without it (or when
 * the nominee is not in it), CONFLICT once sent — a sent batch is read-only (decisions.ts
 * `sendBatch`) — except for a supplement: the report of a nomination Home Affairs returned is
 * its own document and takes a new scan until it is resent; the proposal, the minutes and the
 * other nominees' reports stay as sent. Inside a transaction, `lock` holds the batch row (and the
 * nomination's) so a scan cannot land as the batch is sent or the nomination resent.
 */
async function openBatchOf(db: Queryable, slot: ReturnType<typeof slotOf>, { lock = false } = {}) {
  const query = db.select().from(nominationBatches).where(eq(nominationBatches.id, slot.batchId));
  const [batch] = lock ? await query.for('update') : await query;
  if (!batch) throw DomainError.notFound();
  let memberStatus: NominationStatus | undefined;
  if (slot.nominationId !== null) {
    const memberQuery = db
      .select({ id: nominations.id, status: nominations.status })
      .from(nominations)
      .where(and(eq(nominations.id, slot.nominationId), eq(nominations.batchId, slot.batchId)));
    const [member] = lock ? await memberQuery.for('update') : await memberQuery;
    if (!member) throw new DomainError('nominations.dossier.errors.notInBatch', 'nominationId', 'NOT_FOUND');
    memberStatus = member.status;
  }
  if (batch.status === 'sent' && !(slot.document === 'report' && memberStatus === 'returned')) {
    throw new DomainError('nominations.errors.batchSent', scanField, 'CONFLICT');
  }
  return batch;
}

/** A refusal for what the file is, with the upload input as its field. */
function refused(code: 'empty' | 'type_not_allowed' | 'too_large') {
  return new DomainError(scanRefusals[code].key, scanField, 'BAD_REQUEST', code === 'too_large' ? { mb: maxScanMb } : undefined);
}

/**
 * Keeps the signed scan of one dossier document, replacing an earlier scan of it: checked to be
 * a PDF from its bytes (never its name), streamed to disk with its hash, recorded and audited in
 * one transaction under the batch's row lock, then given its final name; the replaced file is
 * deleted after the commit. Refused once the batch has been sent, but for the report of a
 * nomination returned for supplement.
 */
export async function attachSignedScan(
  db: Database,
  coordinator: SessionUser,
  slot: ScanSlot,
  file: Readable | Buffer | Uint8Array,
  name: string,
  { scansDir = dossierScansDirectory(), ip, now = new Date() }: ScanOptions = {},
): Promise<DossierScan> {
  let target: ReturnType<typeof slotOf>;
  return storeUpload(db, file instanceof Readable ? file : Readable.from([Buffer.from(file)]), {
    dir: scansDir,
    before: async () => {
      requireRoleFor(coordinator, '/app/dossiers/[batchId]/scan');
      target = slotOf(slot);
      await openBatchOf(db, target);
    },
    receive: () => ({
      maxBytes: maxScanMb * bytesPerMb,
      tooLarge: () => refused('too_large'),
      headBytes: detectionBytes,
      inspectHead: async (head) => {
        if (head.byteLength === 0) throw refused('empty');
        if ((await detectEvidenceType(head)) !== 'pdf') throw refused('type_not_allowed');
      },
    }),
    verify: async (received) => {
      if ((await detectEvidenceTypeOfFile(received.tempPath)) !== 'pdf') throw refused('type_not_allowed');
    },
    storedName: () => newStoredName('pdf'),
    record: async (tx, received, storedName) => {
      await openBatchOf(tx, target, { lock: true });
      const [old] = await tx.delete(dossierScans).where(whereSlot(target)).returning();
      const [row] = await tx
        .insert(dossierScans)
        .values({
          batchId: target.batchId,
          nominationId: target.nominationId,
          document: target.document,
          storedName,
          originalName: displayName(name, 'pdf'),
          sizeBytes: received.sizeBytes,
          sha256: received.sha256,
          uploadedById: coordinator.id,
          uploadedAt: now,
        })
        .returning();
      await recordAudit(tx, {
        action: 'dossier_scan_attached',
        actorId: coordinator.id,
        ip,
        subjectType: 'batch',
        subjectId: target.batchId,
        details: {
          document: target.document,
          nominationId: target.nominationId,
          scanId: row.id,
          name: row.originalName,
          sizeBytes: row.sizeBytes,
          sha256: row.sha256,
          replacedScanId: old?.id ?? null,
        },
        at: now,
      });
      return { result: { scan: row, replaced: old }, kept: true };
    },
    // The replaced file goes once its row is gone for good.
    after: async ({ replaced }) => {
      if (replaced) await removeStored(scansDir, replaced.storedName);
    },
  }).then(({ scan }) => scan);
}

/** Takes a scan back while the batch is open (the draft is served again): the row, then the file. */
export async function removeSignedScan(db: Database, coordinator: SessionUser, slot: ScanSlot, { scansDir = dossierScansDirectory(), ip, now = new Date() }: ScanOptions = {}): Promise<DossierScan> {
  requireRoleFor(coordinator, 'nominations.removeSignedScan');
  const target = slotOf(slot);
  const removed = await db.transaction(async (tx) => {
    await openBatchOf(tx, target, { lock: true });
    const [row] = await tx.delete(dossierScans).where(whereSlot(target)).returning();
    if (!row) throw DomainError.notFound();
    await recordAudit(tx, {
      action: 'dossier_scan_removed',
      actorId: coordinator.id,
      ip,
      subjectType: 'batch',
      subjectId: target.batchId,
      details: { document: target.document, nominationId: target.nominationId, scanId: row.id, name: row.originalName, sha256: row.sha256 },
      at: now,
    });
    return row;
  });
  await removeStored(scansDir, removed.storedName);
  return removed;
}

/** The scan of one document, if one was uploaded and the user may read the batch's dossier. */
export async function signedScanFor(db: Queryable, user: SessionUser, slot: ScanSlot): Promise<DossierScan | undefined> {
  const target = slotOf(slot);
  const [batch] = await db.select({ status: nominationBatches.status }).from(nominationBatches).where(eq(nominationBatches.id, target.batchId));
  if (!batch) throw DomainError.notFound();
  requireDossierReader(user, batch);
  const [scan] = await db.select().from(dossierScans).where(whereSlot(target));
  return scan;
}

/** The stored bytes of a scan, as a stream, or undefined when the file is missing from disk. */
export function openSignedScan(scan: Pick<DossierScan, 'storedName'>, scansDir = dossierScansDirectory()) {
  return openStored(scansDir, scan.storedName);
}

export type ServedVersion = { source: 'scan'; scan: DossierScanInfo } | { source: 'draft' };

/** A signed scan replaces the draft: what to serve for one document of the dossier. */
export function servedVersion(dossier: Pick<Dossier, 'scans'>, document: DossierDocument, nominationId?: number | null): ServedVersion {
  const id = document === 'report' ? (nominationId ?? null) : null;
  const scan = dossier.scans.find((s) => s.document === document && s.nominationId === id);
  return scan ? { source: 'scan', scan } : { source: 'draft' };
}

export interface DossierPart {
  document: DossierDocument;
  nominationId: number | null;
  /** The nominee of a report. */
  nomineeName: string | null;
  served: ServedVersion;
}

/**
 * Whether the slot takes a new scan now, as `attachSignedScan` decides: any document of a draft
 * batch; of a sent one, only the report of a nomination returned for supplement.
 */
export function scanSlotOpen(dossier: Pick<Dossier, 'batch' | 'nominees'>, part: Pick<DossierPart, 'document' | 'nominationId'>): boolean {
  if (dossier.batch.status === 'draft') return true;
  return part.document === 'report' && dossier.nominees.some((n) => n.nominationId === part.nominationId && n.status === 'returned');
}

/** Every document of the batch's dossier in order (proposal, minutes, a report per nominee), each with what to serve. */
export function dossierParts(dossier: Dossier): DossierPart[] {
  return [
    { document: 'proposal', nominationId: null, nomineeName: null, served: servedVersion(dossier, 'proposal') },
    { document: 'minutes', nominationId: null, nomineeName: null, served: servedVersion(dossier, 'minutes') },
    ...dossier.proposed.map((n): DossierPart => ({ document: 'report', nominationId: n.nominationId, nomineeName: n.name, served: servedVersion(dossier, 'report', n.nominationId) })),
  ];
}
