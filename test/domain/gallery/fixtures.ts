import { eq } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { evidenceFiles, organisations, type EntryStatus, type GalleryItem } from '../../../db/schema';
import type { SessionUser } from '../../../src/auth/session';
import { createGalleryItem, type GalleryItemInput } from '../../../src/domain/gallery/publishing';
import { createEntry } from '../../support/entries';

/** The demo organisations by a short key, as the gallery tests name them. */
export const organisationNames = {
  baoHaLong: 'Báo Hạ Long điện tử',
  uongBi: 'Trung tâm Truyền thông và Văn hóa thành phố Uông Bí',
  camPha: 'Trung tâm Truyền thông và Văn hóa thành phố Cẩm Phả',
  nhanDan: 'Văn phòng đại diện Báo Nhân Dân tại Quảng Ninh',
  tapChi: 'Tạp chí Thông tin và Truyền thông Quảng Ninh',
} as const;
export type OrganisationKey = keyof typeof organisationNames;

export async function organisationId(db: Database, key: OrganisationKey): Promise<number> {
  const [row] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.name, organisationNames[key]));
  return row.id;
}

export function itemInput(values: Partial<GalleryItemInput> & { organisationId: number }): GalleryItemInput {
  return {
    title: 'Mô hình thử',
    slug: '',
    summary: '',
    authors: '',
    parAreas: ['procedures'],
    pressType: 'online',
    originalUrl: '',
    coverFileId: null,
    imageFileIds: [],
    featured: false,
    ...values,
  };
}

export interface ItemSpec {
  title: string;
  summary?: string;
  organisation?: OrganisationKey;
  authors?: string;
  status?: EntryStatus;
  publish?: boolean;
  values?: Partial<GalleryItemInput>;
  entry?: Parameters<typeof createEntry>[2];
  at?: Date;
}

/** An entry in a status the gallery takes, and its item made through the domain (published unless told). */
export async function makeItem(db: Database, curator: SessionUser, spec: ItemSpec): Promise<GalleryItem> {
  const entry = await createEntry(db, 'journalist@demo.vn', { status: spec.status ?? 'confirmed', title: spec.title, ...spec.entry });
  return createGalleryItem(
    db,
    curator,
    entry.id,
    itemInput({
      title: spec.title,
      summary: spec.summary ?? '',
      authors: spec.authors ?? '',
      organisationId: await organisationId(db, spec.organisation ?? 'tapChi'),
      ...spec.values,
    }),
    { publish: spec.publish ?? true, now: spec.at },
  );
}

/** An evidence row (no bytes on disk) of the given type for an entry. */
export async function evidenceRow(db: Database, entryId: number, uploadedById: number, type: 'jpeg' | 'png' | 'webp' | 'pdf' | 'mp4', name: string, storedName?: string) {
  const mediaType = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', pdf: 'application/pdf', mp4: 'video/mp4' }[type];
  const [file] = await db
    .insert(evidenceFiles)
    .values({
      entryId,
      storedName: storedName ?? `${crypto.randomUUID().replace(/-/g, '')}.${type === 'jpeg' ? 'jpg' : type}`,
      originalName: name,
      fileType: type,
      mediaType,
      sizeBytes: 1000,
      sha256: 'a'.repeat(64),
      uploadedById,
    })
    .returning();
  return file;
}
