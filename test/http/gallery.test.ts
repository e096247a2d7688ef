import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { entries, type PressType, type ParArea, type EntryKind } from '../../db/schema';
import { createGalleryItem } from '../../src/domain/gallery/publishing';
import { evidenceRow, itemInput, organisationId } from '../domain/gallery/fixtures';
import { actorFor } from '../support/accounts';
import { createEntry } from '../support/entries';
import { decidedNomination } from '../support/nominations';
import { expectServedAs, readPage, signedIn, slugsOn, textOf, Visitor } from '../support/http';
import { type RunningServer, startServer } from '../support/server';

/**
 * The public gallery and its curation against the built server. What must never show (an
 * unpublished item, an item whose entry was withdrawn, files not chosen, a PDF) is made first.
 */

const main = {
  title: 'Một cửa liên thông Hạ Long: hồ sơ đất đai trong ba ngày',
  slug: 'mot-cua-lien-thong-ha-long',
  summary: 'Bộ phận một cửa rút ngắn thời gian giải quyết thủ tục hành chính về đất đai.\n\nNgười dân nhận kết quả tại nhà.',
  authors: 'Trần Thị Thu Hà, Lê Văn Đông',
  url: 'https://baohalong.vn/cai-cach-hanh-chinh/mot-cua-lien-thong.html',
  /** The decision's award line (the entry backs a decided nomination); the form never types it. */
  award: 'Bằng khen của Chủ tịch UBND tỉnh (Quyết định số 3456/QĐ-UBND)',
};
const hidden = { unpublished: 'Mục chưa công bố về thuế điện tử', withdrawn: 'Tác phẩm đã rút sau khi công bố' };

interface Made {
  mainId: number;
  mainEntryId: number;
  cover: number;
  second: number;
  notChosen: number;
  pdf: number;
  unpublishedImage: number;
  unpublishedSlug: string;
  withdrawnImage: number;
  withdrawnSlug: string;
  candidateEntryId: number;
  candidateImage: number;
  otherEntryImage: number;
  organisations: Record<string, number>;
}
const made = {} as Made;
/** Stored name → the bytes the server will find under DATA_DIR/uploads. */
const files = new Map<string, Buffer>();

async function image(width: number, height: number, format: 'png' | 'jpeg' | 'webp') {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 16, b: 46 } } })[format]().toBuffer();
}

async function prepare(db: Database) {
  const coordinator = await actorFor(db, 'coordinator@demo.vn');
  const journalist = await actorFor(db, 'journalist@demo.vn');
  const stored = async (entryId: number, type: 'png' | 'jpeg' | 'webp' | 'pdf', name: string, bytes: Buffer) => {
    const storedName = `${randomBytes(16).toString('hex')}.${type}`;
    files.set(storedName, bytes);
    return (await evidenceRow(db, entryId, journalist.id, type, name, storedName)).id;
  };
  const png = await image(2000, 1200, 'png');
  const jpeg = await image(800, 600, 'jpeg');
  made.organisations = {
    baoHaLong: await organisationId(db, 'baoHaLong'),
    uongBi: await organisationId(db, 'uongBi'),
    camPha: await organisationId(db, 'camPha'),
  };

  // Never to be shown: made first.
  const u = await createEntry(db, 'journalist@demo.vn', { status: 'scored', title: hidden.unpublished });
  made.unpublishedImage = await stored(u.id, 'png', 'an.png', png);
  const unpublished = await createGalleryItem(db, coordinator, u.id, itemInput({ title: hidden.unpublished, organisationId: made.organisations.uongBi, coverFileId: made.unpublishedImage, imageFileIds: [made.unpublishedImage] }));
  made.unpublishedSlug = unpublished.slug;
  const w = await createEntry(db, 'journalist@demo.vn', { status: 'confirmed', title: hidden.withdrawn });
  made.withdrawnImage = await stored(w.id, 'jpeg', 'rut.jpg', jpeg);
  const withdrawn = await createGalleryItem(db, coordinator, w.id, itemInput({ title: hidden.withdrawn, organisationId: made.organisations.uongBi, coverFileId: made.withdrawnImage }), { publish: true });
  await db.update(entries).set({ status: 'withdrawn' }).where(eq(entries.id, w.id));
  made.withdrawnSlug = withdrawn.slug;

  // Fourteen items to fill more than a page, in several press types, areas and kinds.
  const kinds: { pressType: PressType | null; parAreas: ParArea[]; kind: EntryKind; organisation: string }[] = [
    { pressType: 'radio', parAreas: ['civil_service'], kind: 'article', organisation: 'uongBi' },
    { pressType: 'television', parAreas: ['digital_government'], kind: 'article', organisation: 'camPha' },
    { pressType: null, parAreas: ['institutions'], kind: 'initiative', organisation: 'camPha' },
  ];
  for (let i = 0; i < 14; i++) {
    const k = kinds[i % kinds.length];
    const title = `Mô hình cải cách số ${i + 1}`;
    const entry = await createEntry(db, 'journalist@demo.vn', { status: 'confirmed', title, kind: k.kind });
    await createGalleryItem(db, coordinator, entry.id, itemInput({ title, organisationId: made.organisations[k.organisation], pressType: k.pressType, parAreas: k.parAreas }), {
      publish: true,
      now: new Date(Date.parse('2025-01-01T00:00:00Z') + i * 60_000),
    });
  }

  // The one to read closely, newest of all.
  const a = await createEntry(db, 'journalist@demo.vn', { status: 'shortlisted', title: main.title, url: main.url, pressType: 'online' });
  made.mainEntryId = a.id;
  await decidedNomination(db, a);
  made.cover = await stored(a.id, 'png', 'IMG_0001.png', png);
  made.second = await stored(a.id, 'jpeg', 'Bộ phận một cửa.jpg', jpeg);
  made.notChosen = await stored(a.id, 'webp', 'chua-chon.webp', await image(300, 200, 'webp'));
  made.pdf = await stored(a.id, 'pdf', 'Bài báo.pdf', Buffer.from('%PDF-1.7\n%%EOF\n'));
  const item = await createGalleryItem(
    db,
    coordinator,
    a.id,
    itemInput({
      title: main.title,
      slug: main.slug,
      summary: main.summary,
      authors: main.authors,
      organisationId: made.organisations.baoHaLong,
      parAreas: ['procedures', 'digital_government'],
      pressType: 'online',
      originalUrl: main.url,
      coverFileId: made.cover,
      imageFileIds: [made.cover, made.second],
      featured: true,
    }),
    { publish: true, now: new Date('2025-02-01T00:00:00Z') },
  );
  made.mainId = item.id;

  // For the curation tests: an entry not yet in the gallery, and an image of another entry.
  const candidate = await createEntry(db, 'journalist2@demo.vn', { status: 'scored', title: 'Đường dây nóng Đông Triều', url: 'https://example.vn/duong-day-nong.html', pressType: 'radio' });
  made.candidateEntryId = candidate.id;
  made.candidateImage = await stored(candidate.id, 'jpeg', 'duong-day-nong.jpg', jpeg);
  made.otherEntryImage = made.cover;
}

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({}, { prepare });
  const uploads = path.join(server.dataDir, 'uploads');
  mkdirSync(uploads, { recursive: true });
  for (const [name, bytes] of files) writeFileSync(path.join(uploads, name), bytes);
});
afterAll(async () => {
  if (process.env.SHOW_SERVER_LOG) console.log(server?.output());
  await server?.stop();
});

const anonymous = () => new Visitor(server.origin);
/** The address of the link whose text starts with `text`. */
const hrefOf = (html: string, text: string) =>
  [...html.matchAll(/<a href="([^"]*)"[^>]*>([^<]*)/g)].find((m) => m[2].replace(/&amp;/g, '&').startsWith(text))?.[1].replace(/&amp;/g, '&');
const metaContent = (html: string, property: string) => html.match(new RegExp(`<meta property="${property}" content="([^"]*)"`))?.[1];

describe('the public list /gallery', () => {
  it('shows the published items, newest first, 12 to a page, with a page count', async () => {
    const response = await anonymous().get('/gallery');
    expect(response.status).toBe(200);
    const html = await response.text();
    const slugs = slugsOn(html);
    expect(slugs).toHaveLength(12);
    expect(slugs[0]).toBe(main.slug);
    expect(slugs[1]).toBe('mo-hinh-cai-cach-so-14');
    const text = await textOf(new Response(html));
    expect(text).toContain('Có 15 mô hình.');
    expect(text).toContain('Trang 1 / 2');
    expect(hrefOf(html, 'Trang sau')).toBe('/gallery?page=2');
    for (const title of Object.values(hidden)) expect(text).not.toContain(title);

    const second = await (await anonymous().get('/gallery?page=2')).text();
    expect(slugsOn(second)).toEqual(['mo-hinh-cai-cach-so-3', 'mo-hinh-cai-cach-so-2', 'mo-hinh-cai-cach-so-1']);
    expect(hrefOf(second, 'Trang trước')).toBe('/gallery');
    expect((await anonymous().get('/gallery?page=3')).status).toBe(404);
    expect((await anonymous().get('/gallery?page=abc')).status).toBe(200);
  });

  it('filters by press type, PAR area, kind, organisation and year, keeping them in the query string', async () => {
    const get = async (query: string) => slugsOn(await (await anonymous().get(`/gallery?${query}`)).text());
    expect(await get('pressType=radio')).toEqual(['mo-hinh-cai-cach-so-13', 'mo-hinh-cai-cach-so-10', 'mo-hinh-cai-cach-so-7', 'mo-hinh-cai-cach-so-4', 'mo-hinh-cai-cach-so-1']);
    expect(await get('parArea=digital_government')).toEqual([main.slug, 'mo-hinh-cai-cach-so-14', 'mo-hinh-cai-cach-so-11', 'mo-hinh-cai-cach-so-8', 'mo-hinh-cai-cach-so-5', 'mo-hinh-cai-cach-so-2']);
    expect(await get('kind=initiative')).toEqual(['mo-hinh-cai-cach-so-12', 'mo-hinh-cai-cach-so-9', 'mo-hinh-cai-cach-so-6', 'mo-hinh-cai-cach-so-3']);
    expect(await get(`organisation=${made.organisations.baoHaLong}`)).toEqual([main.slug]);
    expect(await get(`organisation=${made.organisations.camPha}&pressType=television&year=2024`)).toEqual(['mo-hinh-cai-cach-so-14', 'mo-hinh-cai-cach-so-11', 'mo-hinh-cai-cach-so-8', 'mo-hinh-cai-cach-so-5', 'mo-hinh-cai-cach-so-2']);
    expect(await get('year=2023')).toEqual([]);
    // Unknown values are ignored rather than refused.
    expect(await get('pressType=<script>&kind=x')).toHaveLength(12);

    const html = await (await anonymous().get('/gallery?pressType=radio&q=cai+cach')).text();
    expect(html).toMatch(/<option value="radio" selected[ >]/);
    expect(html).toContain('name="q" value="cai cach"');
    // The organisation filter offers only organisations with something public.
    const select = html.match(/<select id="organisation" name="organisation"[^>]*>([\s\S]*?)<\/select>/)![1];
    const offered = [...select.matchAll(/<option value="(\d+)"/g)].map((m) => Number(m[1]));
    expect(offered).toEqual([made.organisations.baoHaLong, made.organisations.camPha, made.organisations.uongBi]);
  });

  it('searches without diacritics, and says so when nothing matches, offering to remove each filter', async () => {
    expect(slugsOn(await (await anonymous().get('/gallery?q=mot+cua+lien+thong')).text())).toEqual([main.slug]);
    expect(slugsOn(await (await anonymous().get(`/gallery?q=${encodeURIComponent('HẠ LONG')}`)).text())).toEqual([main.slug]);
    // The unpublished item is the one about e-tax: a near miss may be offered, never it.
    expect(slugsOn(await (await anonymous().get('/gallery?q=thue+dien+tu')).text())).not.toContain(made.unpublishedSlug);

    const response = await anonymous().get('/gallery?q=xe+buyt&pressType=radio');
    const { html, text } = await readPage(response);
    expect(text).toContain('Không tìm thấy mô hình nào phù hợp.');
    expect(text).toContain('Hãy thử bỏ bớt bộ lọc');
    expect(hrefOf(html, 'Bỏ lọc “Tìm kiếm: xe buyt”')).toBe('/gallery?pressType=radio');
    expect(hrefOf(html, 'Bỏ lọc “Loại hình báo chí: Phát thanh”')).toBe('/gallery?q=xe+buyt');
    expect(hrefOf(html, 'Xem tất cả mô hình')).toBe('/gallery');
  });

  it('is the same page signed in or not, in English under /en/', async () => {
    const coordinator = await signedIn(server.origin, 'coordinator@demo.vn');
    const mainOf = (html: string) => html.match(/<main[\s\S]*<\/main>/)?.[0];
    const [asAnonymous, asCoordinator] = await Promise.all([anonymous().get('/gallery?q=cai+cach'), coordinator.get('/gallery?q=cai+cach')]);
    expect(mainOf(await asCoordinator.text())).toBe(mainOf(await asAnonymous.text()));
    const english = await textOf(await anonymous().get('/en/gallery?pressType=radio'));
    expect(english).toContain('Exemplary models');
    expect(english).toContain('Models: 5.');
  });
});

describe('the item page /gallery/<slug>', () => {
  it('shows every curated field, the images with alt text and widths, the link to the original', async () => {
    const response = await anonymous().get(`/gallery/${main.slug}`);
    const { html, text } = await readPage(response);
    for (const expected of [
      main.title,
      'Báo Hạ Long điện tử',
      main.authors,
      '2024',
      'Cải cách thủ tục hành chính; Xây dựng và phát triển Chính phủ điện tử, Chính phủ số',
      'Báo điện tử',
      'Tác phẩm báo chí',
      main.award,
      'Bộ phận một cửa rút ngắn thời gian giải quyết thủ tục hành chính về đất đai.',
      'Người dân nhận kết quả tại nhà.',
    ]) {
      expect(text).toContain(expected);
    }
    expect(html).toContain(`href="${main.url}" rel="noopener noreferrer"`);
    const images = [...html.matchAll(/<img [^>]*>/g)].map((m) => m[0]);
    expect(images).toHaveLength(2);
    expect(images[0]).toContain(`src="/gallery/images/${made.cover}?w=960"`);
    expect(images[0]).toContain(`/gallery/images/${made.cover}?w=480 480w, /gallery/images/${made.cover}?w=960 960w, /gallery/images/${made.cover}?w=1600 1600w`);
    expect(images[0]).toContain(`alt="${main.title} – ảnh 1"`);
    expect(images[1]).toContain(`alt="${main.title} – ảnh 2"`);
    expect(images[1]).toContain('loading="lazy"');
    expect(html).not.toContain(`/gallery/images/${made.notChosen}`);
  });

  it('has Open Graph data with absolute addresses and schema.org JSON-LD', async () => {
    const html = await (await anonymous().get(`/gallery/${main.slug}`)).text();
    expect(metaContent(html, 'og:type')).toBe('article');
    expect(metaContent(html, 'og:title')).toBe(main.title);
    expect(metaContent(html, 'og:description')).toBe('Bộ phận một cửa rút ngắn thời gian giải quyết thủ tục hành chính về đất đai. Người dân nhận kết quả tại nhà.');
    expect(metaContent(html, 'og:url')).toBe(`${server.origin}/gallery/${main.slug}`);
    expect(metaContent(html, 'og:image')).toBe(`${server.origin}/gallery/images/${made.cover}?w=1600`);
    const json = html.match(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/)?.[1];
    expect(JSON.parse(json!)).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Article',
      headline: main.title,
      url: `${server.origin}/gallery/${main.slug}`,
      image: `${server.origin}/gallery/images/${made.cover}?w=1600`,
      author: [{ name: 'Trần Thị Thu Hà' }, { name: 'Lê Văn Đông' }],
      isBasedOn: main.url,
      award: main.award,
    });
    const english = await (await anonymous().get(`/en/gallery/${main.slug}`)).text();
    expect(metaContent(english, 'og:url')).toBe(`${server.origin}/en/gallery/${main.slug}`);
    const englishText = await textOf(new Response(english));
    expect(englishText).toContain('Press type');
    expect(englishText).toContain('Read the original');
    expect(english).toContain(`alt="${main.title} – image 1"`);
  });

  it('is 404 for an unknown, unpublished or withdrawn item, and for a malformed slug', async () => {
    for (const slug of ['khong-co', made.unpublishedSlug, made.withdrawnSlug, 'ABC', 'a_b', '%27']) {
      const response = await anonymous().get(`/gallery/${slug}`);
      expect(response.status, slug).toBe(404);
      const html = await response.text();
      expect(html).not.toContain('og:title');
      for (const title of Object.values(hidden)) expect(html).not.toContain(title);
    }
    const coordinator = await signedIn(server.origin, 'coordinator@demo.vn');
    expect((await coordinator.get(`/gallery/${made.unpublishedSlug}`)).status).toBe(404);
  });
});

describe('the image route /gallery/images/<fileId>', () => {
  it('serves a chosen image of a published item as WebP at the asked width, cacheable, not sniffable', async () => {
    for (const width of [480, 960, 1600]) {
      const response = await anonymous().get(`/gallery/images/${made.cover}?w=${width}`);
      expectServedAs(response, 'image/webp');
      expect(response.headers.get('cache-control')).toBe('public, max-age=300');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      const bytes = Buffer.from(await response.arrayBuffer());
      expect(response.headers.get('content-length')).toBe(String(bytes.length));
      const metadata = await sharp(bytes).metadata();
      expect([metadata.format, metadata.width]).toEqual(['webp', width]);
    }
    // Never enlarged: the 800-pixel photo stays 800 wide at 1600.
    const second = await anonymous().get(`/gallery/images/${made.second}?w=1600`);
    expect((await sharp(Buffer.from(await second.arrayBuffer())).metadata()).width).toBe(800);
    // Without a width: the middle one.
    const plain = await anonymous().get(`/gallery/images/${made.cover}`);
    expect((await sharp(Buffer.from(await plain.arrayBuffer())).metadata()).width).toBe(960);
  });

  it('answers a repeated request with 304 when the ETag matches', async () => {
    const first = await anonymous().get(`/gallery/images/${made.cover}?w=480`);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[0-9a-f]{32}-480"$/);
    const again = await anonymous().get(`/gallery/images/${made.cover}?w=480`, { 'if-none-match': etag });
    expect(again.status).toBe(304);
  });

  it('refuses (404) files not chosen, PDFs, images of unpublished or withdrawn items, unknown ids and widths', async () => {
    const cases = {
      notChosen: `/gallery/images/${made.notChosen}?w=480`,
      pdf: `/gallery/images/${made.pdf}?w=480`,
      unpublished: `/gallery/images/${made.unpublishedImage}?w=480`,
      withdrawn: `/gallery/images/${made.withdrawnImage}?w=480`,
      candidate: `/gallery/images/${made.candidateImage}?w=480`,
      unknown: '/gallery/images/999999?w=480',
      notAnId: '/gallery/images/abc?w=480',
      tooBig: '/gallery/images/99999999999?w=480',
      width: `/gallery/images/${made.cover}?w=1234`,
    };
    for (const [name, url] of Object.entries(cases)) {
      const response = await anonymous().get(url);
      expect(response.status, name).toBe(404);
      expect(response.headers.get('content-type'), name).not.toMatch(/^image\//);
    }
  });
});

describe('curation /app/gallery', () => {
  it('is for coordinators and appraisers: a journalist gets 403, an anonymous visitor the login', async () => {
    const journalist = await signedIn(server.origin, 'journalist@demo.vn');
    expect((await journalist.get('/app/gallery')).status).toBe(403);
    expect((await journalist.get(`/app/gallery/${made.mainId}`)).status).toBe(403);
    expect((await journalist.get(`/app/gallery/new?entry=${made.candidateEntryId}`)).status).toBe(403);
    const posted = await journalist.post(`/app/gallery?_action=gallery.unpublish`, { itemId: String(made.mainId) });
    expect(posted.status).toBe(403);
    expect((await anonymous().get(`/gallery/${main.slug}`)).status).toBe(200);
    const login = await anonymous().get('/app/gallery');
    expect(login.status).toBe(302);
    expect(login.headers.get('location')).toBe('/login?redirect=%2Fapp%2Fgallery');
    for (const email of ['coordinator@demo.vn', 'appraiser@demo.vn']) {
      const page = await (await signedIn(server.origin, email)).get('/app/gallery');
      expect(page.status).toBe(200);
      const text = await textOf(page);
      expect(text).toContain(main.title);
      expect(text).toContain(hidden.unpublished);
      expect(text).toContain('Đường dây nóng Đông Triều');
    }
  });

  it('makes an item from an entry, refuses an image of another entry, publishes and unpublishes it at once', async () => {
    const appraiser = await signedIn(server.origin, 'appraiser@demo.vn');
    const form = await (await appraiser.get(`/app/gallery/new?entry=${made.candidateEntryId}`)).text();
    expect(form).toContain('value="duong-day-nong-dong-trieu"');
    expect(form).toContain('value="https://example.vn/duong-day-nong.html"');
    expect(form).toContain('<label for="image-');

    const fields = (extra: [string, string][]): [string, string][] => [
      ['entryId', String(made.candidateEntryId)],
      ['title', 'Đường dây nóng Đông Triều'],
      ['slug', ''],
      ['summary', 'Tiếp nhận phản ánh 24/7.'],
      ['organisationId', String(made.organisations.camPha)],
      ['authors', 'Phạm Đức Long'],
      ['parAreas', 'procedures'],
      ['pressType', 'radio'],
      ['originalUrl', 'https://example.vn/duong-day-nong.html'],
      ['coverFileId', String(made.candidateImage)],
      ...extra,
    ];
    const post = (body: [string, string][]) => appraiser.post(`/app/gallery/new?entry=${made.candidateEntryId}&_action=gallery.create`, body);

    const refused = await post(fields([['imageFileIds', String(made.otherEntryImage)], ['intent', 'publish']]));
    expect(refused.status).toBe(400);
    const refusedText = await textOf(refused);
    expect(refusedText).toContain('Chỉ chọn được các tệp ảnh của tác phẩm này.');
    expect(refusedText).toContain('Tiếp nhận phản ánh 24/7.');

    const created = await post(fields([['imageFileIds', String(made.candidateImage)], ['intent', 'publish'], ['featured', 'on']]));
    expect(created.status).toBe(302);
    const location = created.headers.get('location')!;
    expect(location).toMatch(/^\/app\/gallery\/\d+\?flash=createdPublished$/);
    const itemId = location.match(/\/app\/gallery\/(\d+)/)![1];
    expect((await anonymous().get('/gallery/duong-day-nong-dong-trieu')).status).toBe(200);
    expect(slugsOn(await (await anonymous().get('/gallery?q=duong+day+nong')).text())).toEqual(['duong-day-nong-dong-trieu']);

    const unpublished = await appraiser.post(`/app/gallery/${itemId}?_action=gallery.unpublish`, { itemId });
    expect(unpublished.status).toBe(302);
    expect(unpublished.headers.get('location')).toBe(`/app/gallery/${itemId}?flash=unpublished`);
    expect((await anonymous().get('/gallery/duong-day-nong-dong-trieu')).status).toBe(404);
    expect(slugsOn(await (await anonymous().get('/gallery?q=duong+day+nong')).text())).toEqual([]);
    expect((await anonymous().get(`/gallery/images/${made.candidateImage}?w=480`)).status).toBe(404);

    const republished = await appraiser.post(`/app/gallery?_action=gallery.publish`, { itemId });
    expect(republished.headers.get('location')).toBe('/app/gallery?flash=published');
    expect((await anonymous().get('/gallery/duong-day-nong-dong-trieu')).status).toBe(200);
  });

  it('edits an item, refusing a slug another item has', async () => {
    const coordinator = await signedIn(server.origin, 'coordinator@demo.vn');
    const edit = await (await coordinator.get(`/app/gallery/${made.mainId}`)).text();
    expect(edit).toContain(`value="${main.slug}"`);
    const body = (slug: string): [string, string][] => [
      ['itemId', String(made.mainId)],
      ['title', main.title],
      ['slug', slug],
      ['summary', main.summary],
      ['organisationId', String(made.organisations.baoHaLong)],
      ['authors', main.authors],
      ['parAreas', 'procedures'],
      ['pressType', 'online'],
      ['originalUrl', main.url],
      ['coverFileId', String(made.cover)],
      ['imageFileIds', String(made.cover)],
      ['featured', 'on'],
    ];
    const send = (slug: string) =>
      coordinator.request(`/en/app/gallery/${made.mainId}?_action=gallery.update`, {
        method: 'POST',
        body: new URLSearchParams(body(slug)),
        headers: { origin: server.origin, 'content-type': 'application/x-www-form-urlencoded' },
      });
    const taken = await send('mo-hinh-cai-cach-so-1');
    expect(taken.status).toBe(409);
    expect(await textOf(taken)).toContain('Another item already uses this address.');
    const saved = await send(main.slug);
    expect(saved.status).toBe(302);
    expect(saved.headers.get('location')).toBe(`/en/app/gallery/${made.mainId}?flash=saved`);
    const html = await (await anonymous().get(`/gallery/${main.slug}`)).text();
    expect([...html.matchAll(/<img [^>]*>/g)]).toHaveLength(1);
  });
});
