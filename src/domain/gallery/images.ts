import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { and, eq, exists, inArray, or, sql } from 'drizzle-orm';
import pLimit from 'p-limit';
import type { Queryable } from '@db/client';
import { entries, evidenceFiles, galleryItems } from '@db/schema';
import { config } from '@/config';
import { openStored, temporaryName, uploadsDirectory } from '@/domain/files/storage';
import type { EvidenceType } from '@/domain/entries/evidence/types';
import { visibleToPublic } from './eligibility';

/** The evidence types the gallery shows as pictures; PDFs, audio and video never. */
export const galleryImageTypes = ['jpeg', 'png', 'webp'] as const satisfies readonly EvidenceType[];

export function isGalleryImageType(type: string): boolean {
  return (galleryImageTypes as readonly string[]).includes(type);
}

/** The widths served (srcset): a phone takes 480, a laptop 960, a large screen or a share card 1600. */
export const imageWidths = [480, 960, 1600] as const;
export type ImageWidth = (typeof imageWidths)[number];
export const defaultImageWidth: ImageWidth = 960;

export function parseImageWidth(value: string | null): ImageWidth | undefined {
  if (value === null) return defaultImageWidth;
  return imageWidths.find((w) => String(w) === value);
}

/**
 * An evidence file the public may see: an image that is the cover or one of the images of a
 * published item of its own entry. Anything else — another file of the same entry, a PDF, an
 * image of an unpublished item — is not found.
 */
export async function publicImageFile(db: Queryable, fileId: number) {
  const [file] = await db
    .select({ id: evidenceFiles.id, storedName: evidenceFiles.storedName, fileType: evidenceFiles.fileType, sha256: evidenceFiles.sha256 })
    .from(evidenceFiles)
    .where(
      and(
        eq(evidenceFiles.id, fileId),
        inArray(evidenceFiles.fileType, [...galleryImageTypes]),
        exists(
          db
            .select({ one: sql`1` })
            .from(galleryItems)
            .innerJoin(entries, eq(entries.id, galleryItems.entryId))
            .where(
              and(
                visibleToPublic(),
                eq(galleryItems.entryId, evidenceFiles.entryId),
                or(eq(galleryItems.coverFileId, evidenceFiles.id), sql`${evidenceFiles.id} = any(${galleryItems.imageFileIds})`),
              ),
            ),
        ),
      ),
    );
  return file;
}

export function imageCacheDirectory(dataDir = config().dataDir): string {
  return path.join(dataDir, 'cache', 'gallery');
}

// Resizing is CPU work: two at a time, and one job per variant however many ask for it at once.
const resizing = pLimit(2);
const inFlight = new Map<string, Promise<string | undefined>>();

export interface ImageVariant {
  path: string;
  sizeBytes: number;
  mediaType: 'image/webp';
}

/**
 * The file at `width` pixels wide (never enlarged) as WebP, made once and kept under
 * DATA_DIR/cache/gallery. Stored evidence never changes under its name, so the name is the cache
 * key. Re-encoding also drops the photo's metadata (EXIF: camera position, owner), which the
 * public has no business reading. Undefined when the original is missing or not decodable.
 */
export async function imageVariant(
  file: { storedName: string },
  width: ImageWidth,
  { uploadsDir = uploadsDirectory(), cacheDir = imageCacheDirectory() } = {},
): Promise<ImageVariant | undefined> {
  const name = `${file.storedName.replace(/\.[a-z0-9]+$/, '')}-${width}.webp`;
  const target = path.join(cacheDir, name);
  const existing = await stat(target).catch(() => undefined);
  if (existing) return { path: target, sizeBytes: existing.size, mediaType: 'image/webp' };

  let job = inFlight.get(target);
  if (!job) {
    job = resizing(() => makeVariant(file.storedName, width, uploadsDir, cacheDir, target)).finally(() => inFlight.delete(target));
    inFlight.set(target, job);
  }
  const made = await job;
  if (!made) return undefined;
  const info = await stat(made);
  return { path: made, sizeBytes: info.size, mediaType: 'image/webp' };
}

async function makeVariant(storedName: string, width: number, uploadsDir: string, cacheDir: string, target: string): Promise<string | undefined> {
  const source = await openStored(uploadsDir, storedName);
  if (!source) return undefined;
  await mkdir(cacheDir, { recursive: true });
  const temp = path.join(cacheDir, temporaryName());
  try {
    // Loaded on first use: the native library is needed only by this route, not by every page.
    const { default: sharp } = await import('sharp');
    const transform = sharp({ failOn: 'error' })
      .rotate() // upright by its EXIF orientation, before that is dropped
      .resize({ width, withoutEnlargement: true })
      .webp({ quality: 78 });
    source.stream.on('error', (error) => transform.destroy(error));
    await source.stream.pipe(transform).toFile(temp);
    await rename(temp, target);
    return target;
  } catch (error) {
    source.stream.destroy();
    await rm(temp, { force: true });
    console.error(`gallery image ${storedName} could not be resized: ${(error as Error).message}`);
    return undefined;
  }
}

export function readVariant(variant: ImageVariant) {
  return createReadStream(variant.path);
}
