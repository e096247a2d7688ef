import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaigns } from '../../db/schema';
import * as fixture from '../domain/evidence/fixtures';
import { axeViolations } from '../support/axe';
import { clean, newPage, pathOf, screenshotPath, signIn, useBrowser } from '../support/browser';
import { demoCampaign } from '../support/campaigns';
import { useServer } from '../support/server';

/**
 * Issue 12 item 3 and issue 16 item 3 in a real Chromium: the journalist reads the campaign's
 * limits before starting, attaches the evidence in the first step, is refused by the co-author
 * limit and by the radio work's missing recording (each naming its rule and limit), and submits
 * once the recording is attached, without ever leaving the new-entry form.
 */
const server = useServer({}, {
  prepare: async (db) => {
    const campaign = await demoCampaign(db);
    await db.update(campaigns).set({ maxAuthors: 2, evidenceByPressType: true, lengthLimits: { radio: 60 } }).where(eq(campaigns.id, campaign.id));
  },
});
const browser = useBrowser();
let fileDir: string;
let pdfPath: string;
let mp3Path: string;

beforeAll(async () => {
  fileDir = mkdtempSync(path.join(tmpdir(), 'press-par-rules-'));
  pdfPath = path.join(fileDir, 'Lời bình.pdf');
  writeFileSync(pdfPath, fixture.pdf());
  mp3Path = path.join(fileDir, 'Phóng sự phát thanh.mp3');
  writeFileSync(mp3Path, fixture.mp3());
});

afterAll(async () => {
  if (fileDir) rmSync(fileDir, { recursive: true, force: true });
});

const summaryMessages = async (page: import('playwright-core').Page) => (await page.getByRole('alert').locator('li').allTextContents()).map(clean);

describe('the press rules on the new-entry form, in the browser', () => {
  it('limits shown first, evidence in the first step, the co-author and evidence rules refused, then submitted', async () => {
    const { page } = await newPage(browser, server.origin);
    await signIn(page, 'journalist@demo.vn');
    await page.goto(`${server.origin}/app/entries/new?kind=article`);

    const limits = page.getByRole('region', { name: 'Trước khi bắt đầu' });
    expect(clean(await limits.locator('[data-limit="per-author"]').textContent())).toContain('Bạn đã có 0/5 tác phẩm được tính.');
    expect(clean(await limits.locator('[data-limit="authors"]').textContent())).toBe('Tối đa 2 tác giả một tác phẩm, kể cả người gửi.');
    expect(await limits.locator('[data-limit="evidence"]').allTextContents()).toContain('Phát thanh: cần bản ghi âm (MP3, M4A).');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('Tên tác phẩm', { exact: true }).fill('Tiếng nói một cửa trên sóng phát thanh');
    await page.getByLabel('Giới thiệu mô hình, sáng kiến, giải pháp hay').check();
    await page.getByLabel('Loại hình báo chí').selectOption({ label: 'Phát thanh' });
    // With the script, the chosen press type's limits at once (the server renders the same after a post).
    expect(clean(await page.locator('#pressType-hint').textContent())).toBe('Phát thanh: tối đa 60 phút mỗi kỳ. Phát thanh: cần bản ghi âm (MP3, M4A).');
    await page.getByLabel('Chuyên trang, chuyên mục hoặc chương trình').fill('Chương trình Chính quyền với người dân');
    await page.getByLabel('Ngày đăng, phát sóng').fill('2024-05-15');
    await page.getByLabel('Đường dẫn bài đăng').fill('https://qtv.vn/phat-thanh/mot-cua-2024.html');
    await page.getByLabel('Số chữ hoặc số phút').fill('14');
    await page.getByLabel('Đơn vị', { exact: true }).selectOption({ label: 'phút' });
    await page.getByLabel('Chưa đạt giải nào').check();
    await page.getByLabel('Cải cách thủ tục hành chính', { exact: true }).check();
    await page.getByLabel('Tóm tắt nội dung').fill('Phóng sự phát thanh về bộ phận một cửa của phường.');
    await page.getByLabel('Đồng tác giả ngoài cơ quan').fill('Nguyễn Văn An – Đài phường\nLê Thị Bình – Đài phường');
    // With the script, the authors rule is told as the names are typed, before the form is sent.
    expect(clean(await page.locator('[data-author-count]').textContent())).toBe(
      'Quy định về số tác giả: một tác phẩm có tối đa 2 tác giả (kể cả người gửi); tác phẩm này ghi 3.',
    );
    // The evidence, in the first step: a PDF of the script (not the recording a radio work needs).
    await page.getByLabel(/^Tệp minh chứng/).setInputFiles(pdfPath);

    await page.getByRole('button', { name: 'Nộp tác phẩm' }).click();
    await page.getByRole('alert').waitFor();
    expect(pathOf(page)).toBe('/app/entries/new');
    expect(await summaryMessages(page)).toContain('Quy định về số tác giả: một tác phẩm có tối đa 2 tác giả (kể cả người gửi); tác phẩm này ghi 3.');
    // What was typed is kept.
    expect(await page.getByLabel('Tên tác phẩm', { exact: true }).inputValue()).toBe('Tiếng nói một cửa trên sóng phát thanh');

    await page.getByLabel('Đồng tác giả ngoài cơ quan').fill('Nguyễn Văn An – Đài phường');
    expect(clean(await page.locator('[data-author-count]').textContent())).toBe('Tác phẩm ghi 2 tác giả (tối đa 2, kể cả người gửi).');
    await page.getByLabel(/^Tệp minh chứng/).setInputFiles(pdfPath);
    await page.getByRole('button', { name: 'Nộp tác phẩm' }).click();
    await page.getByRole('alert').waitFor();
    expect(await summaryMessages(page)).toEqual(['Quy định về minh chứng: tác phẩm Phát thanh cần ít nhất một bản ghi âm (MP3, M4A).']);
    // The draft was saved with its PDF; the form says so and keeps the entry.
    expect((await page.locator('[data-saved-files] li').allTextContents()).map(clean)).toEqual(['Lời bình.pdf']);
    await page.screenshot({ path: screenshotPath('entry-new-press-rules'), fullPage: true });

    await page.getByLabel(/^Tệp minh chứng/).setInputFiles(mp3Path);
    await page.getByRole('button', { name: 'Nộp tác phẩm' }).click();
    await page.waitForURL((url) => /^\/app\/entries\/\d+$/.test(url.pathname) && url.searchParams.get('flash') === 'submitted');
    expect(clean(await page.locator('.status-tag').first().textContent())).toBe('Đã nộp, chờ xác nhận');
    const files = await page.locator('a[download]').evaluateAll((links) => links.map((a) => a.getAttribute('download')));
    expect(files).toEqual(['Lời bình.pdf', 'Phóng sự phát thanh.mp3']);
  });
});
