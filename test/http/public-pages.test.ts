import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import type { Entry } from '../../db/schema';
import { createEntry } from '../support/entries';
import { addGalleryItem, type GalleryItemValues } from '../support/gallery-fixture';
import { decidedNomination } from '../support/nominations';
import { expectServedAs, readPage, signedIn, textOf, Visitor } from '../support/http';
import { type RunningServer, startServer } from '../support/server';

/**
 * The home page, the yearly results, the feed, the sitemap and robots.txt, against the built
 * server. The data that must never show (an unpublished item, a published item whose entry was
 * withdrawn, drafts, entries not yet confirmed) is made first; every page is then read for it.
 */

/** A gallery item that also carries its entry's PAR areas and press type. */
function addItem(db: Database, entry: Entry, values: GalleryItemValues) {
  return addGalleryItem(db, entry, { parAreas: entry.parAreas, pressType: entry.pressType, ...values });
}

const published = (day: number) => ({ published: true, publishedAt: new Date(`2024-11-${String(day).padStart(2, '0')}T08:00:00+07:00`) });

const shown = {
  featured: 'Một cửa điện tử ở Hạ Long',
  initiative: 'Tổ công nghệ số cộng đồng',
  hostile: 'Hạ Long & <thủ tục> “một cửa”',
};
/** Titles and slugs that no public page may carry. */
const hidden = {
  unpublishedItem: 'Mục chưa công bố về thuế',
  unpublishedSlug: 'muc-chua-cong-bo',
  unpublishedEntry: 'Bài gốc của mục chưa công bố',
  withdrawnItem: 'Tác phẩm đã rút sau khi công bố',
  withdrawnSlug: 'tac-pham-da-rut',
  draft: 'Bản nháp riêng tư về tài chính công',
  submitted: 'Đang chờ cơ quan xác nhận',
  returned: 'Bị trả lại để sửa',
};

let server: RunningServer;
beforeAll(async () => {
  server = await startServer(
    {},
    {
      prepare: async (db) => {
        // Counted: shortlisted, confirmed, scored, in review.
        const a = await createEntry(db, 'journalist@demo.vn', { title: shown.featured, status: 'shortlisted', pressType: 'television', parAreas: ['procedures', 'digital_government'] });
        const b = await createEntry(db, 'journalist2@demo.vn', { title: shown.initiative, kind: 'initiative', status: 'confirmed', pressType: null, parAreas: ['institutions'] });
        const c = await createEntry(db, 'journalist@demo.vn', { title: hidden.unpublishedEntry, status: 'scored', pressType: 'online', parAreas: ['procedures'] });
        const h = await createEntry(db, 'journalist@demo.vn', { title: shown.hostile, status: 'in_review', pressType: 'online', parAreas: ['procedures'] });
        // Not counted.
        await createEntry(db, 'journalist@demo.vn', { title: hidden.draft, status: 'draft', pressType: 'print', parAreas: ['public_finance'] });
        await createEntry(db, 'journalist@demo.vn', { title: hidden.submitted, status: 'submitted', pressType: 'print', parAreas: ['apparatus'] });
        await createEntry(db, 'journalist2@demo.vn', { title: hidden.returned, status: 'returned', pressType: 'radio', parAreas: ['apparatus'] });
        const w = await createEntry(db, 'journalist2@demo.vn', { title: hidden.withdrawnItem, status: 'withdrawn', pressType: 'radio', parAreas: ['civil_service'] });

        // a backs a nomination approved by a decision; h's item only has an award typed on it.
        await decidedNomination(db, a);
        await addItem(db, a, { slug: 'mot-cua-dien-tu-ha-long', featured: true, award: 'Bằng khen của Chủ tịch UBND tỉnh', summaryHtml: '<p>Người dân làm thủ tục tại nhà.</p>', ...published(1) });
        await addItem(db, b, { slug: 'to-cong-nghe-so-cong-dong', authors: 'Phạm Đức Long', ...published(2) });
        await addItem(db, h, { slug: 'ha-long-mot-cua', award: 'Giấy khen của Giám đốc Sở', summaryHtml: '<p>Giảm thời gian &amp; chi phí</p>', ...published(3) });
        await addItem(db, c, { slug: hidden.unpublishedSlug, title: hidden.unpublishedItem, featured: true, award: 'Bằng khen của Chủ tịch UBND tỉnh' });
        await addItem(db, w, { slug: hidden.withdrawnSlug, featured: true, award: 'Giấy khen của Giám đốc Sở', ...published(4) });
      },
    },
  );
});
afterAll(async () => {
  if (process.env.SHOW_SERVER_LOG) console.log(server?.output());
  await server?.stop();
});

const get = (path: string) => new Visitor(server.origin).get(path);

function expectNothingHidden(body: string, where: string) {
  for (const [what, text] of Object.entries(hidden)) {
    expect(body, `${what} on ${where}`).not.toContain(text);
    expect(body, `${what} on ${where}`).not.toContain(text.replace(/&/g, '&amp;'));
  }
}

/** The items of a feed: title, link and description, as a reader would take them. */
function feedItems(xml: string) {
  return [...xml.matchAll(/<item>([\s\S]*?)<\/item>/g)].map(([, item]) => ({
    title: item.match(/<title>([^<]*)<\/title>/)?.[1],
    link: item.match(/<link>([^<]*)<\/link>/)?.[1],
    description: item.match(/<description>([^<]*)<\/description>/)?.[1],
  }));
}

describe('the home page', () => {
  it('says what the movement is, shows featured and latest models and the campaign dates in vi-VN format', async () => {
    const { html, text } = await readPage(await get('/'));
    expect(text).toContain('Phong trào thi đua “Đẩy mạnh cải cách hành chính” trên báo chí');
    expect(text).toContain('Kế hoạch số 40/KH-UBND ngày 19/02/2024');
    // The demo campaign: 2024, submissions until 30 June 2027 (src: db/seed/demo.ts).
    expect(text).toContain('Đợt thi đua năm 2024');
    expect(text).toMatch(/Hạn nộp tác phẩm 30\/06\/2027 Hạn hoàn thành chấm điểm 30\/09\/2027 Hạn gửi hồ sơ đề nghị khen thưởng 31\/10\/2027/);
    expect(html).toContain('href="/results/2024"');

    const featured = html.match(/<h2 id="featured-heading"[\s\S]*?<\/section>/)?.[0] ?? '';
    expect(featured).toContain('href="/gallery/mot-cua-dien-tu-ha-long"');
    expect(featured).not.toContain('to-cong-nghe-so-cong-dong');
    const latest = html.match(/<h2 id="latest-heading"[\s\S]*?<\/section>/)?.[0] ?? '';
    // Newest first, without the featured ones shown above (issue 16).
    expect(latest).not.toContain('href="/gallery/mot-cua-dien-tu-ha-long"');
    const order = ['ha-long-mot-cua', 'to-cong-nghe-so-cong-dong'].map((slug) => latest.indexOf(`href="/gallery/${slug}"`));
    expect(order.every((i) => i > 0)).toBe(true);
    expect(order).toEqual([...order].sort((x, y) => x - y));
    expect(latest).toContain('Hạ Long &amp; &lt;thủ tục&gt; “một cửa”');
    expect(latest).toContain('href="/gallery"');
    expectNothingHidden(html, '/');
  });

  it('is shareable: Open Graph, canonical address, language alternates and the feed', async () => {
    const html = await (await get('/')).text();
    expect(html).toContain('<meta property="og:type" content="website">');
    expect(html).toContain('<meta property="og:title" content="Phong trào thi đua “Đẩy mạnh cải cách hành chính” trên báo chí">');
    expect(html).toMatch(/<meta property="og:description" content="[^"]+">/);
    expect(html).toContain(`<meta property="og:url" content="${server.origin}/">`);
    expect(html).toContain('<meta property="og:site_name" content="Giải báo chí CCHC Quảng Ninh">');
    expect(html).toContain('<meta property="og:locale" content="vi_VN">');
    expect(html).toContain(`<link rel="canonical" href="${server.origin}/">`);
    expect(html).toContain(`<link rel="alternate" hreflang="en" href="${server.origin}/en/">`);
    expect(html).toContain('<link rel="alternate" type="application/rss+xml" title="Mô hình tiêu biểu – Giải báo chí CCHC Quảng Ninh" href="/gallery/rss.xml">');
  });

  it('is in English under /en/, with English links', async () => {
    const { html, text } = await readPage(await get('/en/'));
    expect(text).toContain('The “Accelerating public administrative reform” movement in the press');
    expect(text).toContain('The 2024 campaign');
    expect(text).toContain('Submission deadline 30/06/2027');
    expect(html).toContain('href="/en/gallery/mot-cua-dien-tu-ha-long"');
    expect(html).toContain('href="/en/results/2024"');
    expect(html).toContain('<meta property="og:locale" content="en_GB">');
    expect(html).toContain(`<meta property="og:url" content="${server.origin}/en/">`);
    expectNothingHidden(html, '/en/');
  });

  it('shows a signed-in visitor the same models and their own way in, never cached for the others', async () => {
    const coordinator = await signedIn(server.origin, 'coordinator@demo.vn');
    const mine = await coordinator.get('/');
    expect(mine.headers.get('cache-control')).toBe('no-store');
    const { html, text } = await readPage(mine);
    expect(text).toContain('Bùi Thanh Hương');
    expect(text).toContain(shown.featured);
    expect(html).toMatch(/<a class="button" href="\/app"[^>]*>Bảng điều khiển<\/a>/);
    const anonymous = await textOf(await get('/'));
    expect(anonymous).not.toContain('Bùi Thanh Hương');
    expect(anonymous).not.toContain('Bảng điều khiển');
    expect(anonymous).toContain('Đăng nhập');
  });
});

describe('the results page', () => {
  it('counts confirmed entries and beyond by PAR area, press type and organisation, with server-drawn charts', async () => {
    const { html, text } = await readPage(await get('/results/2024'));
    expect(text).toContain('Kết quả phong trào thi đua năm 2024');
    expect(text).toContain('Có 4 tác phẩm, sáng kiến được tính: 3 tác phẩm báo chí và 1 sáng kiến, cách làm hay.');
    // The charts' tables (for screen readers) hold the exact figures; zeros are shown.
    expect(text).toContain(
      'Số tác phẩm theo lĩnh vực cải cách hành chính Lĩnh vực Số tác phẩm Cải cách thể chế 1 Cải cách thủ tục hành chính 3 Cải cách tổ chức bộ máy hành chính nhà nước 0 Cải cách chế độ công vụ 0 Cải cách tài chính công 0 Xây dựng và phát triển Chính phủ điện tử, Chính phủ số 1',
    );
    expect(text).toContain('Số tác phẩm báo chí theo loại hình Loại hình báo chí Số tác phẩm Báo in 0 Báo điện tử 2 Phát thanh 0 Truyền hình 1 Ảnh báo chí 0 Podcast, đa phương tiện 0');
    expect(text).toContain('Số tác phẩm theo cơ quan, đơn vị Cơ quan, đơn vị Số tác phẩm Báo Hạ Long điện tử 3 Trung tâm Truyền thông và Văn hóa thành phố Cẩm Phả 1');
    for (const id of ['par-area-chart', 'press-type-chart', 'organisation-chart']) {
      expect(html).toContain(`<svg role="img" aria-labelledby="${id}-title ${id}-desc"`);
    }
    expect(html).not.toMatch(/<script/);
  });

  it('lists the decided awards of the year with their published works, never an award typed on a gallery item', async () => {
    const html = await (await get('/results/2024')).text();
    const awarded = html.match(/<table class="awarded-table[\s\S]*?<\/table>/)?.[0] ?? '';
    const rows = [...awarded.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].slice(1).map(([, row]) => textOf(new Response(row)));
    expect(rows).toHaveLength(1);
    const row = await rows[0];
    for (const part of ['Trần Thị Thu Hà', 'Báo Hạ Long điện tử', 'Bằng khen của Chủ tịch UBND tỉnh', 'Số 3456/QĐ-UBND ngày 20/12/2024', shown.featured]) expect(row).toContain(part);
    expect(awarded).toContain('<a href="/gallery/mot-cua-dien-tu-ha-long">');
    // The item whose award was only typed is no award.
    expect(awarded).not.toContain('ha-long-mot-cua');
    expect(awarded).not.toContain('Giấy khen của Giám đốc Sở');
    expect(html).not.toContain(shown.initiative);
    expectNothingHidden(html, '/results/2024');
  });

  it('is in English under /en/', async () => {
    const text = await textOf(await get('/en/results/2024'));
    expect(text).toContain('Results of the 2024 emulation campaign');
    expect(text).toContain('4 entries are counted (press works: 3; initiatives and good practices: 1).');
    expect(text).toContain('Entries by PAR area');
  });

  it('answers 404 for a year without a campaign and for anything that is not a year', async () => {
    for (const path of ['/results/1999', '/results/2024x', '/results/abcd', '/en/results/2030']) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      expect(response.headers.get('etag'), path).toBeNull();
    }
  });
});

describe('the feed', () => {
  it('is RSS 2.0 of the published items, newest first, with absolute links and escaped text', async () => {
    const response = await get('/gallery/rss.xml');
    expectServedAs(response, 'application/rss+xml; charset=utf-8');
    const xml = await response.text();
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"')).toBe(true);
    expect(xml).toContain(`<link>${server.origin}/gallery</link>`);
    expect(xml).toContain(`<atom:link href="${server.origin}/gallery/rss.xml" rel="self" type="application/rss+xml"/>`);
    expect(xml).toContain('<language>vi</language>');
    expect(feedItems(xml)).toEqual([
      { title: 'Hạ Long &amp;amp; &amp;lt;thủ tục&amp;gt; “một cửa”', link: `${server.origin}/gallery/ha-long-mot-cua`, description: 'Giảm thời gian &amp;amp; chi phí' },
      { title: shown.initiative, link: `${server.origin}/gallery/to-cong-nghe-so-cong-dong`, description: '' },
      { title: shown.featured, link: `${server.origin}/gallery/mot-cua-dien-tu-ha-long`, description: 'Người dân làm thủ tục tại nhà.' },
    ]);
    expect(xml).toContain('<pubDate>Sun, 03 Nov 2024 01:00:00 GMT</pubDate>');
    expectNothingHidden(xml, 'the feed');
  });

  it('links to the English pages under /en/', async () => {
    const xml = await (await get('/en/gallery/rss.xml')).text();
    expect(xml).toContain('<language>en</language>');
    expect(xml).toContain(`<link>${server.origin}/en/gallery/ha-long-mot-cua</link>`);
  });
});

describe('the sitemap and robots.txt', () => {
  it('lists home, the gallery, each public item and each year’s results, in both languages with alternates', async () => {
    const response = await get('/sitemap.xml');
    expectServedAs(response, 'application/xml; charset=utf-8');
    const xml = await response.text();
    const locs = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1].replace(server.origin, ''));
    expect(locs).toEqual([
      '/',
      '/en/',
      '/gallery',
      '/en/gallery',
      '/gallery/ha-long-mot-cua',
      '/en/gallery/ha-long-mot-cua',
      '/gallery/to-cong-nghe-so-cong-dong',
      '/en/gallery/to-cong-nghe-so-cong-dong',
      '/gallery/mot-cua-dien-tu-ha-long',
      '/en/gallery/mot-cua-dien-tu-ha-long',
      '/results/2024',
      '/en/results/2024',
    ]);
    expect(xml).toContain(
      `<url><loc>${server.origin}/results/2024</loc><xhtml:link rel="alternate" hreflang="vi" href="${server.origin}/results/2024"/><xhtml:link rel="alternate" hreflang="en" href="${server.origin}/en/results/2024"/></url>`,
    );
    expect(xml).toMatch(/<loc>[^<]+\/gallery\/ha-long-mot-cua<\/loc><lastmod>\d{4}-\d\d-\d\dT[\d:.]+Z<\/lastmod>/);
    expectNothingHidden(xml, 'the sitemap');
  });

  it('robots.txt lets crawlers read the public pages, not the signed-in area or the login, and names the sitemap', async () => {
    const response = await get('/robots.txt');
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    const lines = (await response.text()).split('\n');
    expect(lines).toContain('User-agent: *');
    expect(lines).toContain('Allow: /');
    for (const path of ['/app', '/en/app', '/login', '/en/login']) expect(lines).toContain(`Disallow: ${path}`);
    expect(lines).not.toContain('Disallow: /gallery');
    expect(lines).toContain(`Sitemap: ${server.origin}/sitemap.xml`);
  });
});
