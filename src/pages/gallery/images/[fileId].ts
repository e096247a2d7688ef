import { parseId } from '@/domain/fields';
import { Readable } from 'node:stream';
import type { APIRoute } from 'astro';
import { appDatabase } from '@/database';
import { imageVariant, parseImageWidth, publicImageFile, readVariant } from '@/domain/gallery/images';

/**
 * A gallery image for anyone, only while it is the cover or one of the images of a published item
 * (anything else: 404, the same answer as for a file that does not exist). Served re-encoded as
 * WebP at one of the srcset widths, never the uploaded bytes themselves (see imageVariant).
 * Caches may keep it a few minutes: an unpublished item's images stop being served at once here,
 * and are gone from caches shortly after.
 */
export const GET: APIRoute = async ({ params, url, request }) => {
  const fileId = parseId(params.fileId);
  const width = parseImageWidth(url.searchParams.get('w'));
  if (!fileId || !width) return notFound();
  const { db } = await appDatabase();
  const file = await publicImageFile(db, fileId);
  if (!file) return notFound();
  const etag = `"${file.sha256.slice(0, 32)}-${width}"`;
  const headers = {
    'Cache-Control': 'public, max-age=300',
    ETag: etag,
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; sandbox",
  };
  if (request.headers.get('if-none-match')?.split(/\s*,\s*/).includes(etag)) return new Response(null, { status: 304, headers });
  const variant = await imageVariant(file, width);
  if (!variant) return notFound();
  return new Response(Readable.toWeb(readVariant(variant)) as ReadableStream<Uint8Array>, {
    headers: { ...headers, 'Content-Type': variant.mediaType, 'Content-Length': String(variant.sizeBytes) },
  });
};

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
}
