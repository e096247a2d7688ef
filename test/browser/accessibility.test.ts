import { randomBytes, createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { evidenceFiles, galleryItems } from '../../db/schema';
import { searchTextOf } from '../../src/domain/gallery/text';
import { actorFor } from '../support/accounts';
import { axeViolations } from '../support/axe';
import { newPage, screenshotPath, useBrowser } from '../support/browser';
import { createEntry } from '../support/entries';
import { decidedNomination } from '../support/nominations';
import { useServer } from '../support/server';

/**
 * Every public page, in both languages, in a real Chromium: no axe-core violation, a focus you can
 * see on every control reached by the keyboard, a text alternative on every image, and the pages
 * still work with JavaScript off.
 *
 * axe-core is evaluated through the DevTools protocol (test/support/axe.ts says why): the pages
 * are tested under their real CSP, which refuses an inline <script>, as the first test shows.
 */

const storedName = `${randomBytes(16).toString('hex')}.jpg`;
const slug = 'mot-cua-dien-tu-ha-long';
const title = 'Một cửa điện tử ở Hạ Long';

let picture: Buffer;
const server = useServer({}, {
  prepare: async (db) => {
    picture = await sharp({ create: { width: 1200, height: 800, channels: 3, background: { r: 29, g: 79, b: 145 } } }).jpeg().toBuffer();
    const journalist = await actorFor(db, 'journalist@demo.vn');
    const coordinator = await actorFor(db, 'coordinator@demo.vn');
    const entry = await createEntry(db, 'journalist@demo.vn', { title, status: 'shortlisted', pressType: 'television', parAreas: ['procedures', 'digital_government'] });
    // Decided, so that /results lists its award (the table is checked too).
    await decidedNomination(db, entry);
    const other = await createEntry(db, 'journalist2@demo.vn', { title: 'Tổ công nghệ số cộng đồng', kind: 'initiative', status: 'confirmed', pressType: null, parAreas: ['institutions'] });
    const [file] = await db
      .insert(evidenceFiles)
      .values({
        entryId: entry.id,
        storedName,
        originalName: 'quay-mot-cua.jpg',
        fileType: 'jpeg',
        mediaType: 'image/jpeg',
        sizeBytes: picture.length,
        sha256: createHash('sha256').update(picture).digest('hex'),
        uploadedById: journalist.id,
      })
      .returning();
    const common = { year: 2024, createdById: coordinator.id, published: true };
    await db.insert(galleryItems).values([
      {
        ...common,
        entryId: entry.id,
        slug,
        title,
        kind: entry.kind,
        organisationId: entry.organisationId,
        authors: 'Trần Thị Thu Hà',
        parAreas: entry.parAreas,
        pressType: entry.pressType,
        summaryHtml: '<p>Người dân làm thủ tục hành chính tại nhà, không phải đi lại.</p>',
        originalUrl: 'https://baohalong.vn/mot-cua',
        award: 'Bằng khen của Chủ tịch UBND tỉnh (Quyết định số 3456/QĐ-UBND)',
        featured: true,
        coverFileId: file.id,
        imageFileIds: [file.id],
        publishedAt: new Date('2024-11-01T08:00:00+07:00'),
      },
      {
        ...common,
        entryId: other.id,
        slug: 'to-cong-nghe-so-cong-dong',
        title: other.title,
        kind: other.kind,
        organisationId: other.organisationId,
        parAreas: other.parAreas,
        summaryHtml: '<p>Tổ công nghệ số hướng dẫn người dân dùng dịch vụ công trực tuyến.</p>',
        // What the gallery's own save keeps for its search (src/domain/gallery/text.ts).
        searchText: searchTextOf([other.title, 'Tổ công nghệ số hướng dẫn người dân dùng dịch vụ công trực tuyến.']),
        publishedAt: new Date('2024-11-02T08:00:00+07:00'),
      },
    ]);
  },
});
const browser = useBrowser();
beforeAll(() => {
  // The server keeps evidence under DATA_DIR/uploads; the row above names this file.
  mkdirSync(path.join(server.dataDir, 'uploads'), { recursive: true });
  writeFileSync(path.join(server.dataDir, 'uploads', storedName), picture);
});

const publicPages = ['/', '/gallery', `/gallery/${slug}`, '/results/2024', '/login'];
const everyPage = publicPages.flatMap((p) => [p, p === '/' ? '/en/' : `/en${p}`]);

async function open(path: string, { javaScript = true } = {}): Promise<Page> {
  const { page } = await newPage(browser, server.origin, { viewport: { width: 1280, height: 900 }, javaScriptEnabled: javaScript });
  const response = await page.goto(path, { waitUntil: 'load' });
  expect(response?.status(), path).toBe(200);
  return page;
}

describe('public pages in Chromium', () => {
  it('the CSP refuses an inline script, so axe is evaluated through the DevTools protocol', async () => {
    const page = await open('/');
    const refused = await page.addScriptTag({ content: 'window.__inline = true;' }).then(
      () => page.evaluate(() => (window as unknown as { __inline?: boolean }).__inline === true),
      () => false,
    );
    expect(refused).toBe(false);
    // And axe, so injected, does find a fault when there is one.
    await page.evaluate(() => document.querySelector('main')?.append(document.createElement('img')));
    expect((await axeViolations(page)).map((v) => v.split(':')[0])).toContain('image-alt');
    await page.context().close();
  });

  it('has no axe-core violation on any public page, in either language', async () => {
    const found: Record<string, string[]> = {};
    for (const path of everyPage) {
      const page = await open(path);
      const violations = await axeViolations(page);
      if (violations.length) found[path] = violations;
      if (path === '/' || path === '/results/2024') await page.screenshot({ path: screenshotPath(`public${path === '/' ? '-home' : path.replace(/\//g, '-')}`), fullPage: true });
      await page.context().close();
    }
    expect(found).toEqual({});
  });

  it('shows where the keyboard focus is on every control it reaches', async () => {
    for (const path of publicPages) {
      const page = await open(path);
      const unseen: string[] = [];
      for (let i = 0; i < 25; i++) {
        await page.keyboard.press('Tab');
        const focus = await page.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          if (!el || el === document.body) return null;
          const focused = getComputedStyle(el);
          const marks = { outline: focused.outlineStyle !== 'none' && focused.outlineWidth !== '0px', shadow: focused.boxShadow !== 'none' };
          return { name: `${el.tagName.toLowerCase()} ${(el.textContent ?? '').trim().slice(0, 40) || el.getAttribute('name') || ''}`, seen: marks.outline || marks.shadow };
        });
        if (!focus) break;
        if (!focus.seen) unseen.push(focus.name);
      }
      expect(unseen, path).toEqual([]);
      await page.context().close();
    }
  });

  it('gives every image a text alternative, and the item’s pictures a description', async () => {
    for (const path of ['/', '/gallery', `/gallery/${slug}`, `/en/gallery/${slug}`]) {
      const page = await open(path);
      const images = await page.$$eval('img', (all) => all.map((img) => ({ alt: img.getAttribute('alt'), src: img.getAttribute('src') })));
      expect(images.length, path).toBeGreaterThan(0);
      for (const image of images) expect(image.alt, `${path} ${image.src}`).not.toBeNull();
      if (path.includes(slug)) expect(images.some((i) => i.alt && i.alt.includes(title)), path).toBe(true);
      await page.context().close();
    }
  });

  it('works without JavaScript: reading, following links, searching', async () => {
    const page = await open('/', { javaScript: false });
    expect(await page.locator('h1').textContent()).toContain('Đẩy mạnh cải cách hành chính');
    await page.locator('#featured-heading + ul').getByRole('link', { name: title }).click();
    await page.waitForURL(`**/gallery/${slug}`);
    expect(await page.locator('h1').textContent()).toBe(title);
    await page.goto('/results/2024');
    expect(await page.locator('h1').textContent()).toBe('Kết quả phong trào thi đua năm 2024');
    expect(await page.locator('svg[role="img"]').count()).toBe(3);
    await page.goto('/gallery');
    await page.getByLabel('Tìm kiếm').fill('cong nghe so');
    await page.getByLabel('Tìm kiếm').press('Enter');
    await page.waitForURL(/\/gallery\?.*q=cong/);
    expect(await page.locator('.gallery-cards li').count()).toBe(1);
    await expect.poll(() => page.locator('.gallery-cards').textContent()).toContain('Tổ công nghệ số cộng đồng');
    await page.context().close();
  });
});
