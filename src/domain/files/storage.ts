import { createHash, randomBytes } from 'node:crypto';
import type { ReadStream } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { config } from '@/config';

/** Outside public/: a file is reachable only through the download route, which checks access. */
export function uploadsDirectory(dataDir = config().dataDir): string {
  return path.join(dataDir, 'uploads');
}

/** Random, with no part of the person's file name: nothing they type reaches the file system. */
export function newStoredName(extension: string): string {
  return `${randomBytes(16).toString('hex')}.${extension}`;
}

const storedNamePattern = /^[0-9a-f]{32}\.[a-z0-9]{2,5}$/;
const tempNamePattern = /^\.[0-9a-f]{32}\.part$/;

/** A name newStoredName made. */
export const isStoredName = (name: string) => storedNamePattern.test(name);
/** A file being written, renamed when complete: what the start-up sweep removes after a crash (sweep.ts). */
export const temporaryName = () => `.${randomBytes(16).toString('hex')}.part`;
/** A name temporaryName made. */
export const isTempName = (name: string) => tempNamePattern.test(name);

/** Only names we made: a row changed by hand cannot point the server at another file. */
function storedPath(dir: string, storedName: string): string {
  if (!storedNamePattern.test(storedName)) throw new Error(`not a stored evidence name: ${storedName}`);
  return path.join(dir, storedName);
}

export interface ReceiveOptions<T> {
  /** The upload is refused as soon as one byte more arrives. */
  maxBytes: number;
  tooLarge: () => Error;
  headBytes: number;
  /** Sees the first `headBytes` (all of a shorter file, possibly none) once; throws to refuse. */
  inspectHead: (head: Buffer) => Promise<T>;
}

export interface ReceivedFile<T> {
  tempPath: string;
  sizeBytes: number;
  sha256: string;
  inspected: T;
}

/**
 * Streams an upload into a temporary file in `dir` (the same folder, so the final rename is
 * atomic), hashing and counting as it goes; memory holds a chunk at a time, never the file. On
 * any refusal or error the temporary file is deleted and the rest of the source is drained:
 * the source belongs to the multipart parser, which stalls if its file stream is destroyed,
 * and a browser shows a network error instead of our answer when its upload is cut off.
 */
export async function receiveToTemp<T>(source: Readable, dir: string, options: ReceiveOptions<T>): Promise<ReceivedFile<T>> {
  await mkdir(dir, { recursive: true });
  const tempPath = path.join(dir, temporaryName());
  const handle = await open(tempPath, 'wx', 0o600);
  const input = new PassThrough();
  source.pipe(input);
  // `pipe` passes on data and the end, not a failure: a client gone mid-upload ends our copy here.
  const cutShort = () => {
    if (!source.readableEnded) input.destroy(source.errored ?? new Error('the upload ended before the file did'));
  };
  if (source.closed) cutShort();
  else source.once('close', cutShort);
  source.on('error', ignore); // seen through `errored` above; unhandled, it would stop the server

  const hash = createHash('sha256');
  let sizeBytes = 0;
  let head: Buffer[] = [];
  let headSize = 0;
  let inspected: { value: T } | undefined;
  async function* meter(chunks: AsyncIterable<Buffer>) {
    for await (const chunk of chunks) {
      sizeBytes += chunk.length;
      if (sizeBytes > options.maxBytes) throw options.tooLarge();
      hash.update(chunk);
      if (!inspected) {
        head.push(chunk);
        headSize += chunk.length;
        if (headSize >= options.headBytes) {
          inspected = { value: await options.inspectHead(Buffer.concat(head)) };
          head = [];
        }
      }
      yield chunk;
    }
    inspected ??= { value: await options.inspectHead(Buffer.concat(head)) };
  }

  try {
    await pipeline(input, meter, handle.createWriteStream());
  } catch (error) {
    source.unpipe(input);
    source.resume();
    await handle.close().catch(() => {});
    await rm(tempPath, { force: true });
    throw error;
  } finally {
    source.off('close', cutShort);
  }
  return { tempPath, sizeBytes, sha256: hash.digest('hex'), inspected: inspected!.value };
}

function ignore() {}

export async function discardTemp(tempPath: string): Promise<void> {
  await rm(tempPath, { force: true });
}

export async function promote(tempPath: string, dir: string, storedName: string): Promise<void> {
  await rename(tempPath, storedPath(dir, storedName));
}

export async function removeStored(dir: string, storedName: string): Promise<void> {
  await rm(storedPath(dir, storedName), { force: true });
}

/** A stream of the stored file (read as it is sent), or undefined when it is not on disk. */
export async function openStored(dir: string, storedName: string): Promise<{ stream: ReadStream; sizeBytes: number } | undefined> {
  const handle = await open(storedPath(dir, storedName), 'r').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (!handle) return undefined;
  try {
    const { size } = await handle.stat();
    return { stream: handle.createReadStream(), sizeBytes: size };
  } catch (error) {
    await handle.close();
    throw error;
  }
}
