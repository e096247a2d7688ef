import { and, asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, entries, galleryItems, type EntryStatus } from '../../../db/schema';
import { DomainError } from '../../../src/domain/errors';
import {
  createGalleryItem,
  publishGalleryItem,
  suggestSlug,
  unpublishGalleryItem,
  updateGalleryItem,
} from '../../../src/domain/gallery/publishing';
import { publicItemBySlug } from '../../../src/domain/gallery/queries';
import { actorFor } from '../../support/accounts';
import { useTestDatabase } from '../../support/database';
import { createEntry } from '../../support/entries';
import { evidenceRow, itemInput, organisationId } from './fixtures';

const handle = useTestDatabase();

const db = () => handle.db;
const coordinator = () => actorFor(db(), 'coordinator@demo.vn');

async function refusal(work: Promise<unknown>): Promise<DomainError> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return error;
}

async function entryWithFiles(status: EntryStatus = 'confirmed', title = 'Một cửa liên thông Hạ Long') {
  const entry = await createEntry(db(), 'journalist@demo.vn', { status, title, url: `https://baohalong.vn/${crypto.randomUUID()}.html` });
  const journalist = await actorFor(db(), 'journalist@demo.vn');
  const [jpeg, png, webp, pdf] = await Promise.all([
    evidenceRow(db(), entry.id, journalist.id, 'jpeg', 'Ảnh bộ phận một cửa.jpg'),
    evidenceRow(db(), entry.id, journalist.id, 'png', 'so-do.png'),
    evidenceRow(db(), entry.id, journalist.id, 'webp', 'anh-3.webp'),
    evidenceRow(db(), entry.id, journalist.id, 'pdf', 'Bài báo.pdf'),
  ]);
  return { entry, jpeg, png, webp, pdf };
}

async function input(values: Parameters<typeof itemInput>[0] extends infer T ? Partial<T> : never = {}) {
  return itemInput({ organisationId: await organisationId(db(), 'baoHaLong'), title: 'Một cửa liên thông Hạ Long', ...values });
}

describe('creating an item', () => {
  it('a coordinator makes one from a confirmed entry: curated fields, sanitised summary, search text, one audit row', async () => {
    const { entry, jpeg, png } = await entryWithFiles();
    const actor = await coordinator();
    const item = await createGalleryItem(
      db(),
      actor,
      entry.id,
      await input({
        title: '  Một cửa   liên thông Hạ Long  ',
        summary: '<p onclick="x()">Rút ngắn <strong>thủ tục</strong></p><script>alert(1)</script>',
        authors: 'Trần Thị Thu Hà',
        parAreas: ['digital_government', 'procedures'],
        coverFileId: jpeg.id,
        imageFileIds: [png.id, jpeg.id],
        originalUrl: entry.url!,
        featured: true,
      }),
      { ip: '203.0.113.9' },
    );
    expect(item).toMatchObject({
      slug: 'mot-cua-lien-thong-ha-long',
      title: 'Một cửa liên thông Hạ Long',
      summaryHtml: '<p>Rút ngắn <strong>thủ tục</strong></p>',
      kind: 'article',
      year: 2024,
      parAreas: ['procedures', 'digital_government'],
      coverFileId: jpeg.id,
      imageFileIds: [png.id, jpeg.id],
      originalUrl: entry.url,
      // No decision on a nomination the entry backs: no award line.
      award: null,
      featured: true,
      published: false,
      publishedAt: null,
      searchText: 'mot cua lien thong ha long | rut ngan thu tuc | bao ha long dien tu | tran thi thu ha',
      createdById: actor.id,
    });
    const audit = await db().select().from(auditLog).where(and(eq(auditLog.subjectType, 'gallery_item'), eq(auditLog.subjectId, String(item.id))));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'gallery_updated', actorId: actor.id, ip: '203.0.113.9', toStatus: 'unpublished' });
    expect(await publicItemBySlug(db(), item.slug)).toBeUndefined();
  });

  it('an appraiser may too, and every publishable status is accepted', async () => {
    const appraiser = await actorFor(db(), 'appraiser@demo.vn');
    for (const status of ['confirmed', 'in_review', 'scored', 'shortlisted'] as const) {
      const { entry } = await entryWithFiles(status, `Mô hình ${status}`);
      const item = await createGalleryItem(db(), appraiser, entry.id, await input({ title: `Mô hình ${status}` }), { publish: true });
      expect(item.published).toBe(true);
    }
  });

  it('slugs: made from the title without diacritics, -2 and -3 when taken, editable, validated, unique', async () => {
    const actor = await coordinator();
    const title = 'Đường dây nóng Đông Triều';
    const made = [];
    for (let i = 0; i < 3; i++) {
      const { entry } = await entryWithFiles('confirmed', title);
      made.push((await createGalleryItem(db(), actor, entry.id, await input({ title }))).slug);
    }
    expect(made).toEqual(['duong-day-nong-dong-trieu', 'duong-day-nong-dong-trieu-2', 'duong-day-nong-dong-trieu-3']);
    expect(await suggestSlug(db(), title)).toBe('duong-day-nong-dong-trieu-4');

    const { entry } = await entryWithFiles('confirmed', title);
    const taken = await refusal(createGalleryItem(db(), actor, entry.id, await input({ title, slug: 'duong-day-nong-dong-trieu-2' })));
    expect(taken.code).toBe('CONFLICT');
    expect(taken.problems).toEqual([{ key: 'gallery.errors.slugTaken', field: 'slug' }]);
    for (const slug of ['đường-dây', 'duong day', 'duong--day', '-duong', 'x'.repeat(81)]) {
      const invalid = await refusal(createGalleryItem(db(), actor, entry.id, await input({ title, slug })));
      expect(invalid.problems).toContainEqual({ key: 'gallery.errors.slugInvalid', field: 'slug' });
    }
    const own = await createGalleryItem(db(), actor, entry.id, await input({ title, slug: 'Duong-Day-Nong-1022' }));
    expect(own.slug).toBe('duong-day-nong-1022');
  });

  it('refuses other roles', async () => {
    const { entry } = await entryWithFiles();
    for (const email of ['journalist@demo.vn', 'outlet@demo.vn', 'scorer1@demo.vn', 'admin@demo.vn']) {
      const error = await refusal(createGalleryItem(db(), await actorFor(db(), email), entry.id, await input()));
      expect(error.code).toBe('FORBIDDEN');
    }
    expect(await db().select().from(galleryItems).where(eq(galleryItems.entryId, entry.id))).toEqual([]);
  });

  it.each(['draft', 'submitted', 'returned', 'withdrawn'] as const)('refuses a %s entry', async (status) => {
    const { entry } = await entryWithFiles(status);
    const error = await refusal(createGalleryItem(db(), await coordinator(), entry.id, await input()));
    expect(error.code).toBe('CONFLICT');
    expect(error.problems).toEqual([{ key: 'gallery.errors.entryNotPublishable', field: undefined, params: { status: `entries.statuses.${status}` } }]);
  });

  it('refuses an unknown entry, and a second item for the same entry', async () => {
    expect((await refusal(createGalleryItem(db(), await coordinator(), 2_000_000, await input()))).code).toBe('NOT_FOUND');
    const { entry } = await entryWithFiles();
    await createGalleryItem(db(), await coordinator(), entry.id, await input());
    const again = await refusal(createGalleryItem(db(), await coordinator(), entry.id, await input({ slug: 'khac' })));
    expect(again.problems[0].key).toBe('gallery.errors.entryHasItem');
  });

  it('images only among the entry’s own JPEG, PNG and WebP files', async () => {
    const { entry, jpeg, webp, pdf } = await entryWithFiles();
    const other = await entryWithFiles();
    const actor = await coordinator();
    const cases = [
      { values: { imageFileIds: [jpeg.id, pdf.id] }, problem: { key: 'gallery.errors.imageNotAnImage', field: 'imageFileIds' } },
      { values: { imageFileIds: [other.png.id] }, problem: { key: 'gallery.errors.imageNotAnImage', field: 'imageFileIds' } },
      { values: { coverFileId: pdf.id }, problem: { key: 'gallery.errors.coverNotAnImage', field: 'coverFileId' } },
      { values: { coverFileId: other.jpeg.id }, problem: { key: 'gallery.errors.coverNotAnImage', field: 'coverFileId' } },
      { values: { imageFileIds: [999_999] }, problem: { key: 'gallery.errors.imageNotAnImage', field: 'imageFileIds' } },
    ];
    for (const { values, problem } of cases) {
      const error = await refusal(createGalleryItem(db(), actor, entry.id, await input(values)));
      expect(error.problems).toContainEqual(problem);
    }
    const item = await createGalleryItem(db(), actor, entry.id, await input({ coverFileId: webp.id, imageFileIds: [jpeg.id, jpeg.id, webp.id] }));
    expect(item.imageFileIds).toEqual([jpeg.id, webp.id]);
  });

  it('lists every problem of a form at once', async () => {
    const { entry } = await entryWithFiles();
    const error = await refusal(
      createGalleryItem(db(), await coordinator(), entry.id, await input({ title: ' ', slug: 'Sai slug', originalUrl: 'javascript:alert(1)', organisationId: 999_999 })),
    );
    expect(error.problems.map((p) => p.field)).toEqual(['title', 'slug', 'originalUrl', 'organisationId']);
  });
});

describe('publishing, unpublishing and editing', () => {
  it('publish shows the item at once, unpublish hides it at once; each with its audit row; the first date is kept', async () => {
    const { entry } = await entryWithFiles('scored', 'Chính phủ điện tử về đến thôn bản');
    const actor = await coordinator();
    const item = await createGalleryItem(db(), actor, entry.id, await input({ title: 'Chính phủ điện tử về đến thôn bản' }));
    const first = new Date('2025-04-01T02:00:00Z');
    await publishGalleryItem(db(), actor, item.id, { now: first });
    expect((await publicItemBySlug(db(), item.slug))?.publishedAt).toEqual(first);
    expect((await refusal(publishGalleryItem(db(), actor, item.id))).problems[0].key).toBe('gallery.errors.alreadyPublished');

    await unpublishGalleryItem(db(), actor, item.id);
    expect(await publicItemBySlug(db(), item.slug)).toBeUndefined();
    expect((await refusal(unpublishGalleryItem(db(), actor, item.id))).problems[0].key).toBe('gallery.errors.notPublished');

    const again = await publishGalleryItem(db(), actor, item.id, { now: new Date('2025-05-01T02:00:00Z') });
    expect(again.publishedAt).toEqual(first);

    const audit = await db()
      .select({ action: auditLog.action, fromStatus: auditLog.fromStatus, toStatus: auditLog.toStatus })
      .from(auditLog)
      .where(and(eq(auditLog.subjectType, 'gallery_item'), eq(auditLog.subjectId, String(item.id))))
      .orderBy(asc(auditLog.id));
    expect(audit).toEqual([
      { action: 'gallery_updated', fromStatus: null, toStatus: 'unpublished' },
      { action: 'gallery_published', fromStatus: 'unpublished', toStatus: 'published' },
      { action: 'gallery_unpublished', fromStatus: 'published', toStatus: 'unpublished' },
      { action: 'gallery_published', fromStatus: 'unpublished', toStatus: 'published' },
    ]);
  });

  it('an item whose entry was withdrawn after it was made is hidden, and cannot be published', async () => {
    const { entry } = await entryWithFiles('confirmed', 'Rút sau khi đăng');
    const actor = await coordinator();
    const item = await createGalleryItem(db(), actor, entry.id, await input({ title: 'Rút sau khi đăng' }), { publish: true });
    expect(await publicItemBySlug(db(), item.slug)).toBeDefined();
    await db().update(entries).set({ status: 'withdrawn' }).where(eq(entries.id, entry.id));
    expect(await publicItemBySlug(db(), item.slug)).toBeUndefined();
    await unpublishGalleryItem(db(), actor, item.id);
    const error = await refusal(publishGalleryItem(db(), actor, item.id));
    expect(error.problems[0]).toMatchObject({ key: 'gallery.errors.entryNotPublishable', params: { status: 'entries.statuses.withdrawn' } });
  });

  it('editing keeps the item’s own copy: new slug, search text recomputed, the changed fields audited', async () => {
    const { entry } = await entryWithFiles('confirmed', 'Cải cách thủ tục');
    const actor = await actorFor(db(), 'appraiser@demo.vn');
    const item = await createGalleryItem(db(), actor, entry.id, await input({ title: 'Cải cách thủ tục' }), { publish: true });
    const edited = await updateGalleryItem(db(), actor, item.id, await input({ title: 'Cải cách thủ tục đất đai', slug: 'cai-cach-dat-dai' }));
    expect(edited).toMatchObject({ slug: 'cai-cach-dat-dai', award: null, published: true, searchText: 'cai cach thu tuc dat dai | bao ha long dien tu' });
    expect(await publicItemBySlug(db(), item.slug)).toBeUndefined();
    expect((await publicItemBySlug(db(), 'cai-cach-dat-dai'))?.title).toBe('Cải cách thủ tục đất đai');
    const [audit] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectType, 'gallery_item'), eq(auditLog.subjectId, String(item.id)), eq(auditLog.action, 'gallery_updated')))
      .orderBy(asc(auditLog.id))
      .offset(1);
    expect(audit.details).toEqual({ changed: ['slug', 'title'], slug: 'cai-cach-dat-dai' });

    // Keeping its own slug is not "taken by another item".
    await updateGalleryItem(db(), actor, item.id, await input({ title: 'Cải cách thủ tục đất đai', slug: 'cai-cach-dat-dai' }));
    const journalist = await actorFor(db(), 'journalist@demo.vn');
    expect((await refusal(updateGalleryItem(db(), journalist, item.id, await input()))).code).toBe('FORBIDDEN');
    expect((await refusal(publishGalleryItem(db(), journalist, item.id))).code).toBe('FORBIDDEN');
    expect((await refusal(unpublishGalleryItem(db(), journalist, item.id))).code).toBe('FORBIDDEN');
  });
});
