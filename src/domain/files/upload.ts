import type { Readable } from 'node:stream';
import type { Database, Queryable } from '@db/client';
import { discardTemp, promote, type ReceiveOptions, type ReceivedFile, receiveToTemp, removeStored } from './storage';

/** What one kind of upload (evidence, a signed scan, …) adds to the common pipeline. */
export interface UploadSteps<T, R> {
  /** The folder the file lands in; its temporary file is written beside it, so the rename is atomic. */
  dir: string;
  /** Checks before a byte is stored (who, which record); a refusal still drains the upload. */
  before?: () => Promise<void>;
  /** The limits and the check of the first bytes, asked once `before` has passed. */
  receive: () => ReceiveOptions<T>;
  /** Checks on the whole file once received (the first bytes can pass while the whole does not). */
  verify?: (received: ReceivedFile<T>) => Promise<void>;
  /** The final name (newStoredName). */
  storedName: (received: ReceivedFile<T>) => string;
  /**
   * Records the file in the transaction: its row and audit row. `kept: false` (the same bytes
   * already there) leaves the temporary file to be discarded instead of promoted.
   */
  record: (tx: Queryable, received: ReceivedFile<T>, storedName: string) => Promise<{ result: R; kept: boolean }>;
  /** After the commit: e.g. the file a new one replaced. */
  after?: (result: R) => Promise<void>;
}

/**
 * The one way an upload becomes a stored file: streamed to a temporary file (refused as soon as
 * its first bytes or its size say so), checked whole, recorded in one transaction, and given its
 * final name as the transaction's last step, so a file is in place before its row commits; on
 * any failure the temporary file, or the promoted one if the commit failed, is removed. What a
 * crash leaves behind is swept at start-up (./sweep.ts).
 */
export async function storeUpload<T, R>(db: Database, source: Readable, steps: UploadSteps<T, R>): Promise<R> {
  // A failure of the stream (the client gone) is seen by receiveToTemp; until it starts reading,
  // this keeps one from being an uncaught 'error' event that would stop the server.
  source.on('error', () => {});
  try {
    await steps.before?.();
  } catch (error) {
    source.resume(); // a refused upload is still read to its end, or the multipart parser waits
    throw error;
  }
  const received = await receiveToTemp(source, steps.dir, steps.receive());
  const storedName = steps.storedName(received);
  let promoted = false;
  let result: R;
  try {
    await steps.verify?.(received);
    let kept: boolean;
    ({ result, kept } = await db.transaction(async (tx) => {
      const recorded = await steps.record(tx, received, storedName);
      if (recorded.kept) {
        // Last step inside the transaction: if the commit fails after it, the catch removes the file.
        await promote(received.tempPath, steps.dir, storedName);
        promoted = true;
      }
      return recorded;
    }));
    if (!kept) await discardTemp(received.tempPath);
  } catch (error) {
    await discardTemp(received.tempPath);
    if (promoted) await removeStored(steps.dir, storedName);
    throw error;
  }
  // Committed: from here on the file stays whatever happens.
  await steps.after?.(result);
  return result;
}

/** A file received to its temporary file (receiveToTemp), with the name it takes once recorded. */
export interface PendingFile {
  tempPath: string;
  storedName: string;
}

/**
 * Files received before their record exists (the entry form's first step): `run` records them in
 * its transaction and calls `promote` with those it keeps as the transaction's last step, as
 * storeUpload does for one file. Whatever happens, no temporary file is left; if the transaction
 * fails after the promotion, the promoted files are removed.
 */
export async function commitPending<R>(dir: string, pending: readonly PendingFile[], run: (promote: (kept: readonly PendingFile[]) => Promise<void>) => Promise<R>): Promise<R> {
  const promoted: PendingFile[] = [];
  try {
    return await run(async (kept) => {
      for (const file of kept) {
        await promote(file.tempPath, dir, file.storedName);
        promoted.push(file);
      }
    });
  } catch (error) {
    for (const file of promoted) await removeStored(dir, file.storedName);
    throw error;
  } finally {
    for (const file of pending) if (!promoted.includes(file)) await discardTemp(file.tempPath);
  }
}

/** Removes files received for a form that was refused. */
export async function discardPending(pending: readonly PendingFile[]): Promise<void> {
  for (const file of pending) await discardTemp(file.tempPath);
}
