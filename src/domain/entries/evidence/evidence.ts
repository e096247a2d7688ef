import type { Readable } from 'node:stream';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Database, Queryable } from '@db/client';
import { campaigns, entries, evidenceFiles, type EvidenceFile } from '@db/schema';
import type { SessionUser } from '@/auth/session';
import { recordAudit } from '@/domain/audit/record';
import { DomainError } from '@/domain/errors';
import { mayEditEntry } from '../rules';
import { loadEntryFor, type LoadedEntry } from '../load';
import { detectEvidenceType, detectEvidenceTypeOfFile, detectionBytes } from './detect';
import { bytesPerMb, type EvidenceLimits, refusal, uploadAllowance } from './limits';
import { displayName } from './name';
import { newStoredName, removeStored } from '@/domain/files/storage';
import { commitPending, discardPending, type PendingFile, storeUpload } from '@/domain/files/upload';
import { type ReceiveOptions, receiveToTemp } from '@/domain/files/storage';
import { currentCampaign } from '@/domain/campaigns/current';
import { saveDraft } from '../draft';
import type { EntryDraftInput } from '../form';
import { allowedTypesOf, type EvidenceType, mediaTypes } from './types';

export interface StorageOptions {
  /** DATA_DIR/uploads in the app (uploadsDirectory()); a temporary folder in tests. */
  uploadsDir: string;
  ip?: string;
}

export interface Upload {
  stream: Readable;
  /** What the browser called the file: a label only. */
  filename: string;
}

/** `evidence-file` is the id of the upload input (EvidenceUpload.astro), where the message belongs. */
const notEditable = () => new DomainError('evidence.errors.not_editable', 'evidence-file', 'FORBIDDEN');

async function limitsOf(db: Queryable, entry: Pick<LoadedEntry, 'id' | 'campaignId'>): Promise<EvidenceLimits> {
  const [campaign] = await db.select().from(campaigns).where(eq(campaigns.id, entry.campaignId));
  const [{ used }] = await db
    .select({ used: sql<string>`coalesce(sum(${evidenceFiles.sizeBytes}), 0)` })
    .from(evidenceFiles)
    .where(eq(evidenceFiles.entryId, entry.id));
  return {
    allowedTypes: allowedTypesOf(campaign.allowedFileTypes),
    maxFileMb: campaign.maxFileMb,
    maxEntryMb: campaign.maxEntryMb,
    usedBytes: Number(used),
  };
}

/**
 * The limits for one more file, if the user may add files to the entry: NOT_FOUND when they may
 * not see it, FORBIDDEN when they see it but it is not editable (submitted, or not theirs).
 */
export async function evidenceLimitsFor(db: Queryable, user: SessionUser, entryId: number): Promise<EvidenceLimits> {
  const entry = await loadEntryFor(db, user, entryId);
  if (!mayEditEntry(user, entry)) throw notEditable();
  return limitsOf(db, entry);
}

/** How an evidence file is received: its size against the limits, its type from its first bytes. */
function receiveOptions(limits: EvidenceLimits): ReceiveOptions<EvidenceType> {
  const allowance = uploadAllowance(limits);
  return {
    maxBytes: allowance.maxBytes,
    tooLarge: () => refusal(allowance.reason, limits),
    headBytes: detectionBytes,
    inspectHead: async (head: Buffer): Promise<EvidenceType> => {
      if (head.byteLength === 0) throw refusal('empty', limits);
      const type = await detectEvidenceType(head);
      if (!type || !limits.allowedTypes.includes(type)) throw refusal('type_not_allowed', limits);
      return type;
    },
  };
}

/**
 * Receives one file for an entry: streamed to a temporary file, refused as soon as its first
 * bytes show a type the campaign does not allow or its size passes the limit, checked again
 * whole, then recorded (row and audit in one transaction, under the entry's row lock so two
 * uploads at once cannot both take the last megabytes) and only then given its final name.
 */
export async function addEvidence(
  db: Database,
  user: SessionUser,
  entryId: number,
  upload: Upload,
  options: StorageOptions,
): Promise<EvidenceFile> {
  let limits: EvidenceLimits;
  return storeUpload(db, upload.stream, {
    dir: options.uploadsDir,
    before: async () => {
      limits = await evidenceLimitsFor(db, user, entryId);
    },
    receive: () => receiveOptions(limits),
    // The first bytes can pass while the whole does not (a long ID3 tag with no MP3 after it).
    verify: async (received) => {
      if ((await detectEvidenceTypeOfFile(received.tempPath)) !== received.inspected) throw refusal('type_not_allowed', limits);
    },
    storedName: (received) => newStoredName(received.inspected),
    record: async (tx, received, storedName) => {
      const type = received.inspected;
      const entry = await loadEntryFor(tx, user, entryId, { forUpdate: true });
      if (!mayEditEntry(user, entry)) throw notEditable();
      const now = await limitsOf(tx, entry);
      if (received.sizeBytes > now.maxFileMb * bytesPerMb) throw refusal('too_large', now);
      if (now.usedBytes + received.sizeBytes > now.maxEntryMb * bytesPerMb) throw refusal('entry_too_large', now);
      // The same bytes sent again to the entry (a retry after an answer lost to a crash or a
      // dropped connection) are the file already there, not a second copy.
      const [same] = await tx
        .select()
        .from(evidenceFiles)
        .where(and(eq(evidenceFiles.entryId, entryId), eq(evidenceFiles.sha256, received.sha256)));
      if (same) return { result: same, kept: false };
      const file = await recordEvidence(tx, user, entryId, { storedName, originalName: upload.filename, type, sizeBytes: received.sizeBytes, sha256: received.sha256 }, options.ip);
      return { result: file, kept: true };
    },
  });
}

/** One evidence file's row and audit row, in the caller's transaction (under the entry's lock). */
async function recordEvidence(
  tx: Queryable,
  user: SessionUser,
  entryId: number,
  received: { storedName: string; originalName: string; type: EvidenceType; sizeBytes: number; sha256: string },
  ip?: string,
): Promise<EvidenceFile> {
  const { type } = received;
  const [file] = await tx
    .insert(evidenceFiles)
    .values({
      entryId,
      storedName: received.storedName,
      originalName: displayName(received.originalName, type),
      fileType: type,
      mediaType: mediaTypes[type],
      sizeBytes: received.sizeBytes,
      sha256: received.sha256,
      uploadedById: user.id,
    })
    .returning();
  await tx.update(entries).set({ updatedAt: new Date() }).where(eq(entries.id, entryId));
  await recordAudit(tx, {
    action: 'evidence_added',
    actorId: user.id,
    ip,
    subjectType: 'entry',
    subjectId: entryId,
    details: { fileId: file.id, name: file.originalName, type, sizeBytes: file.sizeBytes, sha256: file.sha256 },
  });
  return file;
}

/** A file of the entry form's first step, received to its temporary file before the entry is saved. */
export interface PendingEvidence extends PendingFile {
  originalName: string;
  type: EvidenceType;
  sizeBytes: number;
  sha256: string;
}

/** The limits for files sent with the entry form: the entry's campaign, or the current one for a new entry. */
export async function firstStepLimits(db: Queryable, user: SessionUser, entryId: number | undefined, now = new Date()): Promise<EvidenceLimits> {
  if (entryId !== undefined) return evidenceLimitsFor(db, user, entryId);
  const campaign = await currentCampaign(db, now);
  if (!campaign) throw new DomainError('entries.errors.noCampaign');
  return { allowedTypes: allowedTypesOf(campaign.allowedFileTypes), maxFileMb: campaign.maxFileMb, maxEntryMb: campaign.maxEntryMb, usedBytes: 0 };
}

/**
 * Receives one file of the entry form to a temporary file, with the same checks as addEvidence
 * (the type from the bytes, the size against the file's and the entry's limit, counting the files
 * before it in the same form); it is recorded with the entry by saveDraftWithEvidence.
 */
export async function receiveFirstStepFile(stream: Readable, filename: string, limits: EvidenceLimits, dir: string): Promise<PendingEvidence> {
  const received = await receiveToTemp(stream, dir, receiveOptions(limits));
  if ((await detectEvidenceTypeOfFile(received.tempPath)) !== received.inspected) {
    await discardPending([{ tempPath: received.tempPath, storedName: '' }]);
    throw refusal('type_not_allowed', limits);
  }
  limits.usedBytes += received.sizeBytes;
  return {
    tempPath: received.tempPath,
    storedName: newStoredName(received.inspected),
    originalName: filename,
    type: received.inspected,
    sizeBytes: received.sizeBytes,
    sha256: received.sha256,
  };
}

/**
 * Saves the entry form with the files sent in its first step (issue 16): the new or updated entry,
 * its evidence rows and their audit rows in one transaction, the files given their names as its
 * last step. The entry's total is checked again under its lock.
 */
export async function saveDraftWithEvidence(
  db: Database,
  user: SessionUser,
  input: EntryDraftInput,
  files: readonly PendingEvidence[],
  options: StorageOptions & { submitting?: boolean },
): Promise<{ id: number }> {
  return commitPending(options.uploadsDir, files, (promote) =>
    saveDraft(db, user, input, {
      submitting: options.submitting,
      within: async (tx, entryId) => {
        if (files.length === 0) return;
        const limits = await limitsOf(tx, { id: entryId, campaignId: (await loadEntryFor(tx, user, entryId)).campaignId });
        const kept: PendingEvidence[] = [];
        let used = limits.usedBytes;
        for (const file of files) {
          if (!limits.allowedTypes.includes(file.type)) throw refusal('type_not_allowed', limits);
          if (file.sizeBytes > limits.maxFileMb * bytesPerMb) throw refusal('too_large', limits);
          const [same] = await tx.select({ id: evidenceFiles.id }).from(evidenceFiles).where(and(eq(evidenceFiles.entryId, entryId), eq(evidenceFiles.sha256, file.sha256)));
          if (same || kept.some((k) => k.sha256 === file.sha256)) continue;
          used += file.sizeBytes;
          if (used > limits.maxEntryMb * bytesPerMb) throw refusal('entry_too_large', limits);
          await recordEvidence(tx, user, entryId, file, options.ip);
          kept.push(file);
        }
        await promote(kept);
      },
    }),
  );
}

/** Removes a file while the entry is editable: the row (audited) first, the bytes after the commit. */
export async function removeEvidence(
  db: Database,
  user: SessionUser,
  entryId: number,
  fileId: number,
  options: StorageOptions,
): Promise<EvidenceFile> {
  const removed = await db.transaction(async (tx) => {
    const entry = await loadEntryFor(tx, user, entryId, { forUpdate: true });
    if (!mayEditEntry(user, entry)) throw notEditable();
    const [file] = await tx
      .delete(evidenceFiles)
      .where(and(eq(evidenceFiles.id, fileId), eq(evidenceFiles.entryId, entryId)))
      .returning();
    if (!file) throw DomainError.notFound();
    await tx.update(entries).set({ updatedAt: new Date() }).where(eq(entries.id, entryId));
    await recordAudit(tx, {
      action: 'evidence_removed',
      actorId: user.id,
      ip: options.ip,
      subjectType: 'entry',
      subjectId: entryId,
      details: { fileId: file.id, name: file.originalName, type: file.fileType, sizeBytes: file.sizeBytes, sha256: file.sha256 },
    });
    return file;
  });
  // After the commit: a failed transaction must leave the file its row still names.
  await removeStored(options.uploadsDir, removed.storedName);
  return removed;
}

/** The entry's files, oldest first. Takes a LoadedEntry: the caller has checked read access. */
export function listEvidence(db: Queryable, entry: Pick<LoadedEntry, 'id'>): Promise<EvidenceFile[]> {
  return db
    .select()
    .from(evidenceFiles)
    .where(eq(evidenceFiles.entryId, entry.id))
    .orderBy(asc(evidenceFiles.createdAt), asc(evidenceFiles.id));
}

/** One file for download, if the user may read its entry; NOT_FOUND otherwise. */
export async function evidenceForDownload(db: Queryable, user: SessionUser, entryId: number, fileId: number): Promise<EvidenceFile> {
  await loadEntryFor(db, user, entryId);
  const [file] = await db
    .select()
    .from(evidenceFiles)
    .where(and(eq(evidenceFiles.id, fileId), eq(evidenceFiles.entryId, entryId)));
  if (!file) throw DomainError.notFound();
  return file;
}
