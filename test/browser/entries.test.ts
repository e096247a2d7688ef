import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clean, journeyPerson, newPage, openSection, pathOf, postForm, screenshotPath, signIn, useBrowser, waitForErrorSummary } from '../support/browser';
import { onePagePdf } from '../support/pdf';
import { useServer } from '../support/server';

/**
 * Issue 3 in a real Chromium against the built server: a journalist logs an article, attaches a
 * PDF (with the script's progress upload) and submits it; the outlet admin returns it with a
 * reason; the journalist fixes and resubmits; the outlet confirms; the journalist downloads the
 * evidence again byte for byte. Then the same upload without JavaScript, as a plain form post.
 *
 * The journey's steps share one server, one signed-in context per person and the entry's id, so
 * they run in order (vitest runs a file's tests one after another).
 */

const journalistName = 'Trần Thị Thu Hà';
const outletName = 'Lê Văn Đông';

const firstTitle = 'Một cửa liên thông ở Hạ Long: hồ sơ đất đai giải quyết trong 3 ngày';
const fixedTitle = 'Một cửa liên thông ở Hạ Long: hồ sơ đất đai giải quyết trong ba ngày làm việc';
const articleUrl = 'https://baohalong.vn/cai-cach-hanh-chinh/mot-cua-lien-thong-ha-long-2024.html';
const returnReason = 'Bổ sung tên chuyên mục đầy đủ và sửa lại tên tác phẩm cho đúng bản in.';
const pdfName = 'Bài đăng CCHC Hạ Long.pdf';
const pngName = 'anh-mo-hinh.png';

/** A valid 2×2 RGB PNG: signature, IHDR, one zlib-compressed IDAT, IEND, each chunk with its CRC. */
function tinyPng(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed));
    return Buffer.concat([length, typed, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(2, 0); // width
  header.writeUInt32BE(2, 4); // height
  header.set([8, 2, 0, 0, 0], 8); // 8-bit, truecolour, deflate, no filter method, no interlace
  // Each row: filter byte 0, then two RGB pixels.
  const rows = Buffer.from([0, 0xc8, 0x10, 0x2e, 0xff, 0xff, 0xff, 0, 0xff, 0xff, 0xff, 0xc8, 0x10, 0x2e]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// From the test template (the demo's accounts and campaign, none of its entries), like the other
// tests: the demo's own entries would put journalist@demo.vn at the per-author limit.
const server = useServer({}, { prepare: async () => {} });
const browser = useBrowser();
let fileDir: string;
let pdfPath: string;
let pdfBytes: Buffer;
let pngPath: string;

beforeAll(async () => {
  fileDir = mkdtempSync(path.join(tmpdir(), 'press-par-evidence-'));
  pdfBytes = onePagePdf('Cai cach hanh chinh 2024');
  pdfPath = path.join(fileDir, pdfName);
  writeFileSync(pdfPath, pdfBytes);
  pngPath = path.join(fileDir, pngName);
  writeFileSync(pngPath, tinyPng());
});

afterAll(async () => {
  if (fileDir) rmSync(fileDir, { recursive: true, force: true });
});

/** The status tag of the entry page. */
const statusOf = async (page: Page) => clean(await page.locator('.status-tag').first().textContent());

/** The error summary's messages, as the person reads them. */
const summaryMessages = async (page: Page) => (await page.getByRole('alert').locator('li').allTextContents()).map(clean);

/** The evidence table's file names (the download links, without the hidden "Tải xuống:" prefix). */
const evidenceNames = (page: Page) =>
  page
    .getByRole('region', { name: 'Tệp minh chứng' })
    .locator('tbody tr td:first-child a')
    .evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).getAttribute('download')));

/** The outlet's "Chờ xác nhận (n)" section on /app/entries: its count agrees with its list. */
async function confirmQueue(page: Page) {
  const region = page.getByRole('region', { name: /^Chờ xác nhận/ });
  const heading = clean(await region.getByRole('heading').textContent());
  const count = Number(/^Chờ xác nhận \((\d+)\)$/.exec(heading)?.[1]);
  const titles = (await region.locator('li > a').allTextContents()).map(clean);
  expect(titles.length, heading).toBe(count);
  return { region, count, titles };
}

describe('an article from draft to confirmed, in the browser', () => {
  const journalist = journeyPerson(browser, server, 'journalist@demo.vn');
  const outlet = journeyPerson(browser, server, 'outlet@demo.vn');
  let entryId: number;
  const entryPath = () => `/app/entries/${entryId}`;

  it('the journalist is told what is missing, saves the draft, uploads a PDF with progress and submits', async () => {
    const page = await journalist.page();

    await openSection(page, 'Tác phẩm', '/app/entries');
    await page.getByRole('link', { name: 'Ghi nhận tác phẩm báo chí' }).click();
    await page.waitForURL((url) => url.pathname === '/app/entries/new' && url.searchParams.get('kind') === 'article');
    expect(clean(await page.getByRole('heading', { level: 1 }).textContent())).toBe('Ghi nhận tác phẩm báo chí');

    // Submitting the empty form: every missing field at once, in the summary and at the field.
    const refused = await postForm(page, page.getByRole('button', { name: 'Nộp tác phẩm' }));
    expect(refused.status()).toBe(400);
    await waitForErrorSummary(page);
    expect(clean(await page.getByRole('alert').getByRole('heading').textContent())).toBe('Có lỗi cần sửa');
    // One message per missing field, naming it and linking to it, in the order of the form.
    const labels: Record<string, string> = {
      title: 'Tên tác phẩm',
      angle: 'Hướng tiếp cận',
      pressType: 'Loại hình báo chí',
      programme: 'Chuyên trang, chuyên mục hoặc chương trình',
      publishedOn: 'Ngày đăng, phát sóng',
      url: 'Đường dẫn bài đăng',
      lengthValue: 'Dung lượng',
      summary: 'Tóm tắt nội dung',
    };
    const required = (field: string) => `Cần có “${labels[field]}” để nộp.`;
    const summary = await page.getByRole('alert').locator('a').evaluateAll((as) => as.map((a) => [a.getAttribute('href'), a.textContent?.trim()]));
    const fields = ['title', 'angle', 'pressType', 'programme', 'publishedOn', 'url', 'lengthValue', 'parAreas', 'summary'];
    expect(summary).toEqual(fields.map((f) => [`#${f}`, f === 'parAreas' ? 'Chọn ít nhất một lĩnh vực cải cách hành chính.' : required(f)]));
    for (const field of Object.keys(labels)) {
      expect(clean(await page.locator(`#${field}-error`).textContent()), field).toBe(required(field));
    }
    expect(clean(await page.locator('#parAreas-error').textContent())).toBe('Chọn ít nhất một lĩnh vực cải cách hành chính.');
    expect(await page.getByLabel('Tên tác phẩm', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await page.screenshot({ path: screenshotPath('entry-new-errors'), fullPage: true });

    // The form, filled by its visible labels.
    await page.getByLabel('Tên tác phẩm', { exact: true }).fill(firstTitle);
    await page.getByLabel('Giới thiệu mô hình, sáng kiến, giải pháp hay').check();
    await page.getByLabel('Loại hình báo chí').selectOption({ label: 'Báo điện tử' });
    await page.getByLabel('Chuyên trang, chuyên mục hoặc chương trình').fill('Chuyên mục Cải cách hành chính');
    // Typed day/month/year whatever the browser's language (issue 16).
    await page.getByLabel('Ngày đăng, phát sóng').fill('15/05/2024');
    await page.getByLabel('Đường dẫn bài đăng').fill(articleUrl);
    await page.getByLabel('Số chữ hoặc số phút').fill('1250');
    await page.getByLabel('Đơn vị', { exact: true }).selectOption({ label: 'chữ' });
    await page.getByLabel('Cải cách thủ tục hành chính', { exact: true }).check();
    await page.getByLabel('Xây dựng và phát triển Chính phủ điện tử, Chính phủ số').check();
    await page
      .getByLabel('Tóm tắt nội dung')
      .fill('Bài viết giới thiệu mô hình một cửa liên thông của thành phố Hạ Long.\n\nNgười dân nhận kết quả hồ sơ đất đai sau 3 ngày.');

    await page.getByRole('button', { name: 'Lưu nháp' }).click();
    await page.waitForURL((url) => /^\/app\/entries\/\d+\/edit$/.test(url.pathname) && url.searchParams.get('flash') === 'saved');
    entryId = Number(pathOf(page).split('/')[3]);
    expect(clean(await page.getByRole('status').filter({ hasText: 'Đã lưu bản nháp.' }).textContent())).toBe('Đã lưu bản nháp.');
    expect(clean(await page.getByRole('heading', { level: 1 }).textContent())).toBe(`Sửa: ${firstTitle}`);
    // What was typed is what was stored.
    expect(await page.getByLabel('Tên tác phẩm', { exact: true }).inputValue()).toBe(firstTitle);
    expect(await page.getByLabel('Giới thiệu mô hình, sáng kiến, giải pháp hay').isChecked()).toBe(true);
    expect(await page.getByLabel('Ngày đăng, phát sóng').inputValue()).toBe('15/05/2024');
    expect(await page.getByLabel('Đường dẫn bài đăng').inputValue()).toBe(articleUrl);
    expect(await page.getByLabel('Cải cách thủ tục hành chính', { exact: true }).isChecked()).toBe(true);
    expect(await page.getByLabel('Cải cách thể chế').isChecked()).toBe(false);
    expect(await evidenceNames(page)).toEqual([]);

    // The PDF, through the script: an XHR asking for JSON, answered 201, with the progress bar
    // shown meanwhile (what it said is kept in sessionStorage, which outlives the reload after).
    await page.evaluate(() => {
      const percent = document.querySelector('[data-upload-percent]')!;
      const box = document.querySelector<HTMLElement>('[data-upload-progress]')!;
      const seen: string[] = [];
      new MutationObserver(() => {
        seen.push(`${box.hidden ? 'hidden' : 'shown'}: ${percent.textContent}`);
        sessionStorage.setItem('progressSeen', JSON.stringify(seen));
      }).observe(box, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    await page.getByLabel('Chọn tệp').setInputFiles(pdfPath);
    const [upload] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `${entryPath()}/evidence`),
      page.getByRole('button', { name: 'Tải lên' }).click(),
    ]);
    expect(upload.request().resourceType()).toBe('xhr');
    expect(upload.request().headers().accept).toContain('application/json');
    expect(upload.status()).toBe(201);
    expect(upload.headers()['content-type']).toContain('application/json');
    await page.waitForURL((url) => url.pathname === `${entryPath()}/edit` && url.searchParams.get('evidence') === 'added');
    await page.getByRole('region', { name: 'Tệp minh chứng' }).getByRole('link', { name: pdfName }).waitFor();
    expect(await evidenceNames(page)).toEqual([pdfName]);
    const progressSeen = JSON.parse((await page.evaluate(() => sessionStorage.getItem('progressSeen'))) ?? '[]') as string[];
    expect(progressSeen.length).toBeGreaterThan(0);
    expect(progressSeen[0]).toMatch(/^shown: Đang tải lên: \d+%$/);
    expect(clean(await page.getByRole('status').filter({ hasText: 'Đã tải lên tệp minh chứng.' }).textContent())).toBe(
      'Đã tải lên tệp minh chứng.',
    );
    const row = page.getByRole('region', { name: 'Tệp minh chứng' }).locator('tbody tr');
    expect((await row.locator('td').allTextContents()).map(clean).slice(1, 3)).toEqual(['PDF', '1 KB']);
    await page.screenshot({ path: screenshotPath('entry-edit-evidence'), fullPage: true });

    await page.getByRole('button', { name: 'Nộp tác phẩm' }).click();
    await page.waitForURL((url) => url.pathname === entryPath() && url.searchParams.get('flash') === 'submitted');
    expect(await statusOf(page)).toBe('Đã nộp, chờ xác nhận');
    expect(clean(await page.getByRole('status').textContent())).toBe('Đã nộp tác phẩm.');
    expect(clean(await page.getByRole('heading', { level: 1 }).textContent())).toBe(firstTitle);
    // Submitted: no longer editable by the journalist.
    expect(await page.getByRole('link', { name: 'Sửa', exact: true }).count()).toBe(0);
  });

  it('the outlet admin finds it waiting, is refused an empty reason, and returns it with one', async () => {
    expect(entryId).toBeGreaterThan(0);
    const page = await outlet.page();
    await openSection(page, 'Tác phẩm', '/app/entries');

    const queue = await confirmQueue(page);
    expect(queue.titles).toContain(firstTitle);
    const link = queue.region.getByRole('link', { name: firstTitle, exact: true });
    expect(await link.getAttribute('href')).toBe(entryPath());
    expect(clean(await queue.region.locator('li').filter({ has: page.getByRole('link', { name: firstTitle, exact: true }) }).textContent())).toContain(`– ${journalistName}`);
    await link.click();
    await page.waitForURL((url) => url.pathname === entryPath());
    expect(await statusOf(page)).toBe('Đã nộp, chờ xác nhận');
    expect(clean(await page.locator('p.lead').textContent())).toBe('Xác nhận hoặc trả lại kèm lý do.');

    // No reason: refused, said in the summary and at the field, nothing changed.
    const refused = await postForm(page, page.getByRole('button', { name: 'Trả lại để sửa' }));
    expect(refused.status()).toBe(400);
    await waitForErrorSummary(page);
    const message = 'Ghi lý do trả lại (ít nhất 5 ký tự).';
    expect(await summaryMessages(page)).toEqual([message]);
    expect(await page.getByRole('alert').getByRole('link', { name: message }).getAttribute('href')).toBe('#reason');
    expect(clean(await page.locator('#reason-error').textContent())).toBe(message);
    expect(await page.locator('.field--error').filter({ has: page.locator('#reason') }).count()).toBe(1);
    expect(await statusOf(page)).toBe('Đã nộp, chờ xác nhận');

    await page.getByLabel('Lý do', { exact: true }).fill(returnReason);
    await page.getByRole('button', { name: 'Trả lại để sửa' }).click();
    await page.waitForURL((url) => url.pathname === entryPath() && url.searchParams.get('flash') === 'returned');
    expect(clean(await page.getByRole('status').textContent())).toBe('Đã trả lại tác phẩm.');
    expect(await statusOf(page)).toBe('Bị trả lại');
    expect(await page.getByRole('alert').count()).toBe(0);
  });

  it('the journalist reads the reason, fixes the title and submits again', async () => {
    const page = await journalist.page();
    await page.goto(entryPath());
    expect(await statusOf(page)).toBe('Bị trả lại');
    expect(clean(await page.getByRole('note').textContent())).toBe(`Cơ quan trả lại với lý do: ${returnReason}`);
    expect(clean(await page.locator('p.lead').textContent())).toBe('Sửa theo yêu cầu của cơ quan rồi nộp lại.');

    await page.getByRole('link', { name: 'Sửa', exact: true }).click();
    await page.waitForURL((url) => url.pathname === `${entryPath()}/edit`);
    expect(clean(await page.getByRole('note').textContent())).toContain(returnReason);
    // A returned entry is submitted "again", and its evidence is still there.
    expect(await page.getByRole('button', { name: 'Nộp tác phẩm' }).count()).toBe(0);
    expect(await evidenceNames(page)).toEqual([pdfName]);
    const title = page.getByLabel('Tên tác phẩm', { exact: true });
    expect(await title.inputValue()).toBe(firstTitle);
    await title.fill(fixedTitle);
    await page.getByRole('button', { name: 'Nộp lại' }).click();
    await page.waitForURL((url) => url.pathname === entryPath() && url.searchParams.get('flash') === 'submitted');
    expect(await statusOf(page)).toBe('Đã nộp, chờ xác nhận');
    expect(clean(await page.getByRole('heading', { level: 1 }).textContent())).toBe(fixedTitle);
    expect(await page.getByRole('note').count()).toBe(0);
  });

  it('the outlet admin confirms, and the timeline tells the whole story', async () => {
    const page = await outlet.page();
    await page.goto('/app/entries');
    const before = await confirmQueue(page);
    expect(before.titles).toContain(fixedTitle);
    expect(before.titles).not.toContain(firstTitle);
    await before.region.getByRole('link', { name: fixedTitle, exact: true }).click();
    await page.waitForURL((url) => url.pathname === entryPath());
    await page.getByRole('button', { name: 'Xác nhận', exact: true }).click();
    await page.waitForURL((url) => url.pathname === entryPath() && url.searchParams.get('flash') === 'confirmed');
    expect(clean(await page.getByRole('status').textContent())).toBe('Đã xác nhận tác phẩm.');
    expect(await statusOf(page)).toBe('Đã xác nhận');
    // Confirmed: nothing left to confirm or return.
    expect(await page.getByRole('button', { name: 'Xác nhận', exact: true }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Trả lại để sửa' }).count()).toBe(0);

    // innerText, not textContent: the reason sits on its own line after a <br>.
    const steps = (await page.getByRole('region', { name: 'Diễn biến' }).locator('ol > li').allInnerTexts()).map(clean);
    // Each item starts with its time ("dd/mm/yyyy hh:mm – "); what follows is the step.
    const withoutTime = steps.map((s) => s.replace(/^.*? – /, ''));
    expect(withoutTime).toEqual([
      `${journalistName} tạo bản nháp`,
      `${journalistName} đính kèm minh chứng`,
      `${journalistName} nộp tác phẩm`,
      `${outletName} trả lại để sửa Lý do: ${returnReason}`,
      `${journalistName} nộp tác phẩm`,
      `${outletName} xác nhận`,
    ]);
    await page.screenshot({ path: screenshotPath('entry-confirmed'), fullPage: true });

    await page.goto('/app/entries');
    const after = await confirmQueue(page);
    expect(after.titles).not.toContain(fixedTitle);
    expect(after.count).toBe(before.count - 1);
  });

  it('the journalist downloads the PDF and gets the very bytes uploaded', async () => {
    const page = await journalist.page();
    await page.goto(entryPath());
    expect(await statusOf(page)).toBe('Đã xác nhận');
    // On the entry page the list is read-only.
    expect(await page.getByRole('button', { name: /^Xóa/ }).count()).toBe(0);
    expect(await page.getByLabel('Chọn tệp').count()).toBe(0);
    const link = page.getByRole('region', { name: 'Tệp minh chứng' }).getByRole('link', { name: pdfName });
    // The link starts with a visually hidden "Tải xuống: " (1×1 px, clipped); Playwright aims at
    // the link's first box, which is that span, and finds the cell there instead. A person clicks
    // the visible name: so do we, at the middle of the link's visible box.
    const box = await link.boundingBox();
    expect(box?.width).toBeGreaterThan(20);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      link.click({ position: { x: box!.width / 2, y: box!.height / 2 } }),
    ]);
    expect(download.suggestedFilename()).toBe(pdfName);
    const saved = await download.path();
    expect(saved).toBeTruthy();
    expect(readFileSync(saved).equals(pdfBytes)).toBe(true);
  });
});

describe('evidence without JavaScript', () => {
  it('an initiative is saved and a PNG uploaded through the plain form post', async () => {
    const { context, page } = await newPage(browser, server.origin, { javaScriptEnabled: false });
    try {
      await signIn(page, 'journalist@demo.vn');
      await page.goto('/app/entries');
      await page.getByRole('link', { name: 'Ghi nhận sáng kiến tuyên truyền' }).click();
      await page.waitForURL((url) => url.pathname === '/app/entries/new' && url.searchParams.get('kind') === 'initiative');
      const title = 'Tổ phóng viên “Cải cách hành chính trong tầm tay” trên mạng xã hội';
      await page.getByLabel('Tên sáng kiến, cách làm').fill(title);
      await page.getByLabel('Nơi áp dụng').fill('Báo Hạ Long điện tử');
      await page.getByLabel('Cải cách thủ tục hành chính', { exact: true }).check();
      await page.getByLabel('Vấn đề đặt ra').fill('Người dân ít đọc văn bản hướng dẫn thủ tục dài.');
      await page.getByRole('button', { name: 'Lưu nháp' }).click();
      await page.waitForURL((url) => /^\/app\/entries\/\d+\/edit$/.test(url.pathname) && url.searchParams.get('flash') === 'saved');
      const editPath = pathOf(page);
      expect(clean(await page.getByRole('status').textContent())).toBe('Đã lưu bản nháp.');
      expect(await evidenceNames(page)).toEqual([]);

      await page.getByLabel('Chọn tệp').setInputFiles(pngPath);
      const [posted] = await Promise.all([
        page.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname.endsWith('/evidence')),
        page.getByRole('button', { name: 'Tải lên' }).click(),
      ]);
      // A navigation, not the script's XHR: the server answers with a redirect back to the list.
      expect(posted.isNavigationRequest()).toBe(true);
      expect(posted.headers().accept ?? '').not.toContain('application/json');
      const response = await posted.response();
      expect(response?.status()).toBe(303);
      await page.waitForURL((url) => url.pathname === editPath && url.searchParams.get('evidence') === 'added');
      expect(clean(await page.getByRole('status').filter({ hasText: 'Đã tải lên tệp minh chứng.' }).textContent())).toBe(
        'Đã tải lên tệp minh chứng.',
      );
      expect(await evidenceNames(page)).toEqual([pngName]);
      const cells = (await page.getByRole('region', { name: 'Tệp minh chứng' }).locator('tbody tr td').allTextContents()).map(clean);
      expect(cells.slice(0, 3)).toEqual([`Tải xuống: ${pngName}`, 'PNG', '1 KB']);
    } finally {
      await context.close();
    }
  });
});
