import { Readable } from 'node:stream';
import type { APIRoute } from 'astro';
import { notFound, requireUser } from '@/auth/guards';
import { parseId } from '@/domain/fields';
import { appDatabase } from '@/database';
import { attachmentDisposition } from '@/domain/entries/evidence/disposition';
import { evidenceForDownload } from '@/domain/entries/evidence/evidence';
import { openStored, uploadsDirectory } from '@/domain/files/storage';
import { DomainError } from '@/domain/errors';

/**
 * Sends an evidence file to whoever may read its entry (anyone else: 404), streamed from disk.
 * Uploaded content is never rendered by the browser as our page: always a download, with our own
 * type, no sniffing, and a sandbox with no rights should it be opened anyway.
 */
export const GET: APIRoute = async (context) => {
  const user = requireUser(context);
  const entryId = parseId(context.params.id);
  const fileId = parseId(context.params.fileId);
  if (!entryId || !fileId) return notFound();
  const { db } = await appDatabase();
  const file = await evidenceForDownload(db, user, entryId, fileId).catch((error: unknown) => {
    if (error instanceof DomainError && error.code === 'NOT_FOUND') return notFound();
    throw error;
  });
  const stored = await openStored(uploadsDirectory(), file.storedName);
  if (!stored) {
    console.error(`evidence file ${file.id} of entry ${entryId} is missing on disk (${file.storedName})`);
    return notFound();
  }
  return new Response(Readable.toWeb(stored.stream) as ReadableStream<Uint8Array>, {
    headers: {
      'Content-Type': file.mediaType,
      'Content-Length': String(stored.sizeBytes),
      'Content-Disposition': attachmentDisposition(file.originalName),
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'Cache-Control': 'private, no-store',
    },
  });
};
