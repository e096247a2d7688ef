import { fileTypeFromBuffer, fileTypeFromFile, type FileTypeResult } from 'file-type';
import type { EvidenceType } from './types';

/**
 * file-type's own sample size for streams: enough for every signature we accept. The first
 * bytes are checked while the upload is still arriving, so a wrong file is refused early.
 */
export const detectionBytes = 4100;

/**
 * file-type's answer (from the magic numbers) to our code. M4A and MP4 share the ISO-BMFF
 * container; file-type tells them apart by the `ftyp` major brand ('M4A ' → m4a, isom/mp42/… →
 * mp4). Anything not listed here (executables, HTML, QuickTime, M4V, …) is refused.
 */
const fromDetected: Record<string, EvidenceType> = {
  pdf: 'pdf',
  jpg: 'jpeg',
  png: 'png',
  apng: 'png',
  webp: 'webp',
  mp3: 'mp3',
  m4a: 'm4a',
  mp4: 'mp4',
};

function toEvidenceType(result: FileTypeResult | undefined): EvidenceType | undefined {
  return result && Object.hasOwn(fromDetected, result.ext) ? fromDetected[result.ext] : undefined;
}

/** The type the bytes show, from the start of a file. */
export async function detectEvidenceType(head: Uint8Array): Promise<EvidenceType | undefined> {
  if (head.byteLength === 0) return undefined;
  return toEvidenceType(await fileTypeFromBuffer(head));
}

/**
 * The type of a complete file on disk, read with random access (never whole into memory). Unlike
 * the first bytes alone, it sees past a long ID3 tag to the MP3 frame that must follow it.
 */
export async function detectEvidenceTypeOfFile(filePath: string): Promise<EvidenceType | undefined> {
  return toEvidenceType(await fileTypeFromFile(filePath));
}
