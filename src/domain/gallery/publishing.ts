import { and, eq, inArray, like, or } from 'drizzle-orm';
import type { Database, Queryable } from '@db/client';
import { campaigns, entries, evidenceFiles, galleryItems, organisations, parAreas, pressTypes, type GalleryItem, type ParArea, type PressType } from '@db/schema';
import type { SessionUser } from '@/auth/session';
import { recordAudit } from '@/domain/audit/record';
import { sanitizeRichText } from '@/domain/entries/rich-text';
import type { Context } from '@/domain/context';
import { DomainError, type Problem } from '@/domain/errors';
import { oncePerFormKey } from '@/domain/form-keys';
import { requireRoleFor } from '@/domain/permissions';
import { awardLineOfEntry } from '@/domain/nominations/outcomes';
import { isUniqueViolation } from '@/domain/postgres-errors';
import { galleryChanged } from './changes';
import { isPublishable } from './eligibility';
import { isGalleryImageType } from './images';
import { firstFreeSlug, isValidSlug, slugFromTitle } from './slug';
import { escapeLike } from './search';
import { searchColumns } from './text';

export const galleryLimits = {
  title: 300,
  summary: 20_000,
  authors: 500,
  url: 2_000,
  images: 24,
};

/** What a curator writes; the kind, the year and the entry come from the entry itself. */
export interface GalleryItemInput {
  title: string;
  /** Empty: made from the title. */
  slug: string;
  /** Rich text as typed; sanitised here. */
  summary: string;
  organisationId: number;
  authors: string;
  parAreas: ParArea[];
  pressType: PressType | null;
  /** Empty: none. */
  originalUrl: string;
  coverFileId: number | null;
  imageFileIds: number[];
  featured: boolean;
}

const notFound = () => DomainError.notFound();
const oneLine = (value: string) => value.normalize('NFC').replace(/\s+/g, ' ').trim();

/** An absolute http(s) address: the public page links to it, so nothing else (javascript:, data:) may pass. */
function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && Boolean(url.hostname);
  } catch {
    return false;
  }
}

/**
 * The columns an input becomes, or every problem with it at once. Images must be image evidence of
 * this very entry: the public image route serves exactly what is chosen here.
 */
async function resolveInput(db: Queryable, entryId: number, input: GalleryItemInput, slug: string) {
  const problems: Problem[] = [];
  const title = oneLine(input.title);
  if (!title) problems.push({ key: 'gallery.errors.titleRequired', field: 'title' });
  else if (title.length > galleryLimits.title) problems.push({ key: 'gallery.errors.titleTooLong', field: 'title', params: { max: galleryLimits.title } });
  if (!isValidSlug(slug)) problems.push({ key: 'gallery.errors.slugInvalid', field: 'slug' });
  const summaryHtml = sanitizeRichText(input.summary);
  if (summaryHtml.length > galleryLimits.summary) problems.push({ key: 'gallery.errors.summaryTooLong', field: 'summary' });
  const authors = oneLine(input.authors);
  if (authors.length > galleryLimits.authors) problems.push({ key: 'gallery.errors.authorsTooLong', field: 'authors' });
  const originalUrl = input.originalUrl.trim();
  if (originalUrl && (originalUrl.length > galleryLimits.url || !isHttpUrl(originalUrl))) problems.push({ key: 'gallery.errors.urlInvalid', field: 'originalUrl' });
  if (!input.parAreas.every((a) => (parAreas as readonly string[]).includes(a))) problems.push({ key: 'gallery.errors.parAreaUnknown', field: 'parAreas' });
  if (input.pressType !== null && !(pressTypes as readonly string[]).includes(input.pressType)) problems.push({ key: 'gallery.errors.pressTypeUnknown', field: 'pressType' });

  const [organisation] = await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, input.organisationId));
  if (!organisation) problems.push({ key: 'gallery.errors.organisationRequired', field: 'organisationId' });

  const imageFileIds = [...new Set(input.imageFileIds)];
  if (imageFileIds.length > galleryLimits.images) problems.push({ key: 'gallery.errors.tooManyImages', field: 'imageFileIds', params: { max: galleryLimits.images } });
  const wanted = [...new Set([...imageFileIds, ...(input.coverFileId ? [input.coverFileId] : [])])];
  const files = wanted.length
    ? await db
        .select({ id: evidenceFiles.id, fileType: evidenceFiles.fileType })
        .from(evidenceFiles)
        .where(and(inArray(evidenceFiles.id, wanted), eq(evidenceFiles.entryId, entryId)))
    : [];
  const images = new Set(files.filter((f) => isGalleryImageType(f.fileType)).map((f) => f.id));
  if (input.coverFileId !== null && !images.has(input.coverFileId)) problems.push({ key: 'gallery.errors.coverNotAnImage', field: 'coverFileId' });
  if (!imageFileIds.every((id) => images.has(id))) problems.push({ key: 'gallery.errors.imageNotAnImage', field: 'imageFileIds' });

  if (problems.length) throw DomainError.of(problems);
  const values = {
    slug,
    title,
    summaryHtml,
    organisationId: input.organisationId,
    authors,
    parAreas: parAreas.filter((a) => input.parAreas.includes(a)),
    pressType: input.pressType,
    originalUrl: originalUrl || null,
    // The decision's award line, never the curator's (DESIGN.md: the only source of award lines).
    award: await awardLineOfEntry(db, entryId),
    coverFileId: input.coverFileId,
    imageFileIds,
    featured: input.featured,
    ...searchColumns({ title, summaryHtml, organisationName: organisation!.name, authors }),
  };
  return values;
}

/** Slugs already used that start like `base`, for suggesting base-2, base-3, … */
async function takenSlugs(db: Queryable, base: string, exceptItemId?: number): Promise<Set<string>> {
  const rows = await db
    .select({ id: galleryItems.id, slug: galleryItems.slug })
    .from(galleryItems)
    .where(or(eq(galleryItems.slug, base), like(galleryItems.slug, `${escapeLike(base)}-%`)));
  return new Set(rows.filter((r) => r.id !== exceptItemId).map((r) => r.slug));
}

/** The slug a title would get now: made from it, and unique. */
export async function suggestSlug(db: Queryable, title: string, exceptItemId?: number): Promise<string> {
  const base = slugFromTitle(title);
  return firstFreeSlug(base, await takenSlugs(db, base, exceptItemId));
}

/**
 * The slug to save: the curator's own (refused when another item has it), or, when left empty, one
 * made unique from the title.
 */
async function chooseSlug(db: Queryable, input: GalleryItemInput, exceptItemId?: number): Promise<string> {
  const own = input.slug.trim().toLowerCase();
  if (!own) return suggestSlug(db, input.title, exceptItemId);
  if (!isValidSlug(own)) return own; // reported with the other problems
  const taken = await takenSlugs(db, own, exceptItemId);
  if (taken.has(own)) throw new DomainError('gallery.errors.slugTaken', 'slug', 'CONFLICT');
  return own;
}

/** The constraint a unique violation names (postgres.js: constraint_name; PGlite: constraint), through drizzle's wrapping. */
function violatedConstraint(error: unknown): string {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const name = (e as { constraint_name?: unknown; constraint?: unknown }).constraint_name ?? (e as { constraint?: unknown }).constraint;
    if (typeof name === 'string') return name;
  }
  return '';
}

/** Another request made an item for the entry, or took the slug, between our check and our write. */
function raced(error: unknown): never {
  if (!isUniqueViolation(error)) throw error;
  if (violatedConstraint(error) === 'gallery_items_entry_id_unique') throw new DomainError('gallery.errors.entryHasItem', undefined, 'CONFLICT');
  throw new DomainError('gallery.errors.slugTaken', 'slug', 'CONFLICT');
}

const change = (item: Pick<GalleryItem, 'id' | 'slug' | 'year'>) => ({ itemId: item.id, slug: item.slug, year: item.year });

/**
 * Makes an item from an entry the gallery may take (see eligibility.ts), unpublished unless
 * `publish`; both steps in one transaction, each with its audit row.
 */
export async function createGalleryItem(
  db: Database,
  actor: SessionUser,
  entryId: number,
  input: GalleryItemInput,
  { publish = false, ip, now = new Date(), formKey }: Context & { publish?: boolean } = {},
): Promise<GalleryItem> {
  requireRoleFor(actor, 'gallery.create');
  const item = await db
    .transaction((tx) => oncePerFormKey(tx, actor, formKey, 'gallery_item', async () => {
      const [entry] = await tx
        .select({ id: entries.id, status: entries.status, kind: entries.kind, year: campaigns.year })
        .from(entries)
        .innerJoin(campaigns, eq(campaigns.id, entries.campaignId))
        .where(eq(entries.id, entryId))
        .for('update', { of: entries });
      if (!entry) throw notFound();
      if (!isPublishable(entry.status)) throw new DomainError('gallery.errors.entryNotPublishable', undefined, 'CONFLICT', { status: `entries.statuses.${entry.status}` });
      const [existing] = await tx.select({ id: galleryItems.id }).from(galleryItems).where(eq(galleryItems.entryId, entryId));
      if (existing) throw new DomainError('gallery.errors.entryHasItem', undefined, 'CONFLICT');
      const values = await resolveInput(tx, entryId, input, await chooseSlug(tx, input));
      const [created] = await tx
        .insert(galleryItems)
        .values({
          ...values,
          entryId,
          kind: entry.kind,
          year: entry.year,
          published: publish,
          publishedAt: publish ? now : null,
          createdById: actor.id,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      await recordAudit(tx, {
        action: 'gallery_updated',
        actorId: actor.id,
        ip,
        subjectType: 'gallery_item',
        subjectId: created.id,
        toStatus: 'unpublished',
        details: { created: true, entryId, slug: created.slug },
        at: now,
      });
      if (publish) await auditPublication(tx, actor, created, 'gallery_published', ip, now);
      return created;
    }, { again: async (id) => (await tx.select().from(galleryItems).where(eq(galleryItems.id, id)))[0] }))
    .catch(raced);
  if (item.published) await galleryChanged(db, change(item));
  return item;
}

const derivedColumns = new Set<string>(['searchText', 'titleToned', 'summaryToned']);

/** Saves a curator's edits; a published item changes for the public at once. */
export async function updateGalleryItem(
  db: Database,
  actor: SessionUser,
  itemId: number,
  input: GalleryItemInput,
  { ip, now = new Date() }: Context = {},
): Promise<GalleryItem> {
  requireRoleFor(actor, 'gallery.update');
  const { before, after } = await db
    .transaction(async (tx) => {
      const [before] = await tx.select().from(galleryItems).where(eq(galleryItems.id, itemId)).for('update');
      if (!before) throw notFound();
      const values = await resolveInput(tx, before.entryId, input, await chooseSlug(tx, input, itemId));
      const [after] = await tx.update(galleryItems).set({ ...values, updatedAt: now }).where(eq(galleryItems.id, itemId)).returning();
      const changed = (Object.keys(values) as (keyof typeof values)[]).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
      await recordAudit(tx, {
        action: 'gallery_updated',
        actorId: actor.id,
        ip,
        subjectType: 'gallery_item',
        subjectId: itemId,
        // The search columns follow the fields they are made from: not changes of their own.
        details: { changed: changed.filter((key) => !derivedColumns.has(key)), slug: after.slug },
        at: now,
      });
      return { before, after };
    })
    .catch(raced);
  // A new slug moves the page: the old address must stop being served from any cache too.
  if (after.published) await galleryChanged(db, { ...change(after), ...(before.slug !== after.slug ? { previousSlug: before.slug } : {}) });
  return after;
}

async function auditPublication(tx: Queryable, actor: SessionUser, item: GalleryItem, action: 'gallery_published' | 'gallery_unpublished', ip: string | undefined, at: Date) {
  await recordAudit(tx, {
    action,
    actorId: actor.id,
    ip,
    subjectType: 'gallery_item',
    subjectId: item.id,
    fromStatus: action === 'gallery_published' ? 'unpublished' : 'published',
    toStatus: action === 'gallery_published' ? 'published' : 'unpublished',
    details: { slug: item.slug, entryId: item.entryId },
    at,
  });
}

/**
 * Shows an item to the public. Refused when its entry is no longer one the gallery may take (it
 * was withdrawn after the item was made). The first publication date is kept on a later
 * re-publication, so an item corrected and put back does not come back as news.
 */
export async function publishGalleryItem(db: Database, actor: SessionUser, itemId: number, { ip, now = new Date() }: Context = {}) {
  requireRoleFor(actor, 'gallery.publish');
  const item = await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ item: galleryItems, entryStatus: entries.status })
      .from(galleryItems)
      .innerJoin(entries, eq(entries.id, galleryItems.entryId))
      .where(eq(galleryItems.id, itemId))
      .for('update', { of: galleryItems });
    if (!row) throw notFound();
    if (row.item.published) throw new DomainError('gallery.errors.alreadyPublished', undefined, 'CONFLICT');
    if (!isPublishable(row.entryStatus)) throw new DomainError('gallery.errors.entryNotPublishable', undefined, 'CONFLICT', { status: `entries.statuses.${row.entryStatus}` });
    const [updated] = await tx
      .update(galleryItems)
      .set({ published: true, publishedAt: row.item.publishedAt ?? now, updatedAt: now })
      .where(eq(galleryItems.id, itemId))
      .returning();
    await auditPublication(tx, actor, updated, 'gallery_published', ip, now);
    return updated;
  });
  await galleryChanged(db, change(item));
  return item;
}

/** Hides an item from the public at once: every public query filters on `published`. */
export async function unpublishGalleryItem(db: Database, actor: SessionUser, itemId: number, { ip, now = new Date() }: Context = {}) {
  requireRoleFor(actor, 'gallery.unpublish');
  const item = await db.transaction(async (tx) => {
    const [row] = await tx.select().from(galleryItems).where(eq(galleryItems.id, itemId)).for('update');
    if (!row) throw notFound();
    if (!row.published) throw new DomainError('gallery.errors.notPublished', undefined, 'CONFLICT');
    const [updated] = await tx.update(galleryItems).set({ published: false, updatedAt: now }).where(eq(galleryItems.id, itemId)).returning();
    await auditPublication(tx, actor, updated, 'gallery_unpublished', ip, now);
    return updated;
  });
  await galleryChanged(db, change(item));
  return item;
}
