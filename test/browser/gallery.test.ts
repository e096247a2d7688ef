import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import type { ConsoleMessage } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { createGalleryItem } from '../../src/domain/gallery/publishing';
import { evidenceRow, itemInput, organisationId } from '../domain/gallery/fixtures';
import { actorFor } from '../support/accounts';
import { newPage, screenshotPath, signIn, useBrowser } from '../support/browser';
import { createEntry } from '../support/entries';
import { decidedNomination } from '../support/nominations';
import { useServer } from '../support/server';

/**
 * A citizen on a phone searches the public gallery without typing diacritics and opens what it
 * finds: the page loads the small image, shows no CSP complaint (the JSON-LD is data, never run),
 * and the same search works with JavaScript turned off.
 */

const title = 'Cải cách thủ tục hành chính ở Uông Bí: người dân không phải đi lại';
const candidateTitle = 'Tổ công nghệ số cộng đồng ở Cẩm Phả';
const files = new Map<string, Buffer>();

async function prepare(db: Database) {
  const coordinator = await actorFor(db, 'coordinator@demo.vn');
  const journalist = await actorFor(db, 'journalist@demo.vn');
  const uongBi = await organisationId(db, 'uongBi');
  for (const other of ['Chính phủ điện tử về đến thôn bản', 'Đường dây nóng Đông Triều']) {
    const entry = await createEntry(db, 'journalist@demo.vn', { status: 'confirmed', title: other });
    await createGalleryItem(db, coordinator, entry.id, itemInput({ title: other, organisationId: uongBi }), { publish: true });
  }
  const entry = await createEntry(db, 'journalist@demo.vn', { status: 'scored', title });
  const storedName = `${randomBytes(16).toString('hex')}.png`;
  files.set(storedName, await sharp({ create: { width: 1800, height: 1200, channels: 3, background: '#00703c' } }).png().toBuffer());
  const image = await evidenceRow(db, entry.id, journalist.id, 'png', 'IMG_2024.png', storedName);
  await createGalleryItem(
    db,
    coordinator,
    entry.id,
    itemInput({
      title,
      summary: 'Thành phố số hóa hồ sơ, cắt giảm giấy tờ cho người dân.',
      authors: 'Nguyễn Văn An',
      organisationId: uongBi,
      coverFileId: image.id,
      imageFileIds: [image.id],
      originalUrl: 'https://example.vn/uong-bi.html',
    }),
    { publish: true },
  );
  // Not yet in the gallery: the curator adds it in the last test.
  const candidate = await createEntry(db, 'journalist2@demo.vn', { status: 'shortlisted', title: candidateTitle, url: 'https://example.vn/cam-pha.html', pressType: 'television' });
  const candidateName = `${randomBytes(16).toString('hex')}.jpeg`;
  files.set(candidateName, await sharp({ create: { width: 1000, height: 700, channels: 3, background: '#1d70b8' } }).jpeg().toBuffer());
  // Its outlet's Giấy khen was decided: the gallery item takes that award line.
  await decidedNomination(db, candidate, { awardForm: 'department_certificate', number: '15/QĐ-SVHTTDL', date: '2024-12-01', collective: true });
  await evidenceRow(db, candidate.id, journalist.id, 'jpeg', 'Tổ công nghệ số.jpg', candidateName);
  await evidenceRow(db, candidate.id, journalist.id, 'pdf', 'Kịch bản.pdf');
}

const server = useServer({}, { prepare });
const browser = useBrowser();
beforeAll(() => {
  const uploads = path.join(server.dataDir, 'uploads');
  mkdirSync(uploads, { recursive: true });
  for (const [name, bytes] of files) writeFileSync(path.join(uploads, name), bytes);
});

/** A phone-sized page, in a context of its own. */
const phone = (javaScriptEnabled = true) => newPage(browser, server.origin, { viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, javaScriptEnabled });

describe('the public gallery in a browser', () => {
  it('searching without diacritics finds the item; its page loads the phone-sized image with no CSP error', async () => {
    const { context, page } = await phone();
    const problems: string[] = [];
    page.on('console', (message: ConsoleMessage) => {
      if (message.type() === 'error' || /content security policy/i.test(message.text())) problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    try {
      await page.goto('/gallery');
      await page.getByLabel('Tìm kiếm').fill('cai cach thu tuc hanh chinh');
      await Promise.all([page.waitForURL(/\/gallery\?/), page.getByLabel('Tìm kiếm').press('Enter')]);
      expect(new URL(page.url()).searchParams.get('q')).toBe('cai cach thu tuc hanh chinh');
      await expect.poll(() => page.getByRole('status').innerText()).toContain('Có 1 kết quả');
      await page.screenshot({ path: screenshotPath('gallery-search-phone'), fullPage: true });
      const link = page.getByRole('link', { name: title });
      await Promise.all([page.waitForURL(/\/gallery\/cai-cach-thu-tuc-hanh-chinh/), link.click()]);

      await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe(title);
      await page.screenshot({ path: screenshotPath('gallery-item-phone'), fullPage: true });
      const image = page.getByRole('img', { name: `${title} – ảnh 1` });
      await image.scrollIntoViewIfNeeded();
      // Loaded (naturalWidth is the 480-pixel file scaled to the 390-pixel slot it was chosen for).
      await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
      expect(await image.evaluate((img: HTMLImageElement) => img.currentSrc)).toMatch(/\/gallery\/images\/\d+\?w=480$/);

      const jsonLd = await page.locator('script[type="application/ld+json"]').textContent();
      expect(JSON.parse(jsonLd!)).toMatchObject({ '@type': 'Article', headline: title });
      expect(await page.locator('meta[property="og:title"]').getAttribute('content')).toBe(title);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('the same search works with JavaScript off, and an empty result says what to do', async () => {
    const { context, page } = await phone(false);
    try {
      await page.goto('/gallery');
      await page.getByLabel('Tìm kiếm').fill('DUONG DAY NONG');
      await Promise.all([page.waitForURL(/q=DUONG/), page.getByRole('button', { name: 'Tìm', exact: true }).click()]);
      expect(await page.locator('.gallery-card h2').allInnerTexts()).toEqual(['Đường dây nóng Đông Triều']);

      await page.getByLabel('Loại hình báo chí').selectOption('radio');
      await Promise.all([page.waitForURL(/pressType=radio/), page.getByRole('button', { name: 'Áp dụng' }).click()]);
      expect(await page.getByText('Không tìm thấy mô hình nào phù hợp.').isVisible()).toBe(true);
      await Promise.all([page.waitForURL(/\/gallery\?q=DUONG/), page.getByRole('link', { name: /Bỏ lọc “Loại hình báo chí/ }).click()]);
      expect(await page.locator('.gallery-card h2').allInnerTexts()).toEqual(['Đường dây nóng Đông Triều']);
    } finally {
      await context.close();
    }
  });

  it('a coordinator adds an entry to the gallery with its image and publishes it; the public sees it at once', async () => {
    const { context, page } = await newPage(browser, server.origin);
    try {
      await signIn(page, 'coordinator@demo.vn');
      await page.goto('/app/gallery');
      await page.screenshot({ path: screenshotPath('gallery-curation'), fullPage: true });
      await Promise.all([page.waitForURL(/\/app\/gallery\/new\?entry=/), page.getByRole('link', { name: `Đưa vào thư viện – ${candidateTitle}` }).click()]);

      expect(await page.getByLabel('Đường dẫn', { exact: true }).inputValue()).toBe('to-cong-nghe-so-cong-dong-o-cam-pha');
      expect(await page.getByLabel('Tên hiển thị').inputValue()).toBe(candidateTitle);
      // Only the image is offered, ticked and made the cover; the PDF is not a choice.
      expect(await page.getByRole('checkbox', { name: /Tổ công nghệ số\.jpg/ }).isChecked()).toBe(true);
      expect(await page.getByText('Kịch bản.pdf').count()).toBe(0);
      // The award line is the decision's, shown and not typed.
      expect(await page.getByLabel('Khen thưởng').count()).toBe(0);
      expect(await page.getByText('Giấy khen của Giám đốc Sở (Quyết định số 15/QĐ-SVHTTDL)').isVisible()).toBe(true);
      await page.screenshot({ path: screenshotPath('gallery-curation-form'), fullPage: true });
      await Promise.all([page.waitForURL(/flash=createdPublished/), page.getByRole('button', { name: 'Lưu và công bố' }).click()]);
      expect(await page.getByRole('status').innerText()).toContain('Đã tạo và công bố mục.');

      const { context: citizen, page: publicPage } = await newPage(browser, server.origin);
      await publicPage.goto('/gallery?q=to+cong+nghe+so');
      await Promise.all([publicPage.waitForURL(/to-cong-nghe-so-cong-dong-o-cam-pha$/), publicPage.getByRole('link', { name: candidateTitle }).click()]);
      expect(await publicPage.getByText('Giấy khen của Giám đốc Sở (Quyết định số 15/QĐ-SVHTTDL)').first().isVisible()).toBe(true);
      await citizen.close();
    } finally {
      await context.close();
    }
  });
});
