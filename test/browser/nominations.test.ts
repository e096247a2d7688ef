import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import * as fixture from '../domain/evidence/fixtures';
import { axeViolations } from '../support/axe';
import { clean, fillCouncilMeeting, headingOf, newPage, openSection, screenshotPath, signIn, useBrowser } from '../support/browser';
import { vietnamDay } from '../../src/domain/campaigns/campaigns';
import { createEntry } from '../support/entries';
import { onePagePdf } from '../support/pdf';
import { useServer } from '../support/server';

/**
 * Issue 5 in a real Chromium against the built server, from a shortlisted entry to an approved
 * nomination with one return for supplement: the coordinator nominates the entry's author, puts
 * the nomination in a batch, enters the council's details, uploads the signed proposal (its
 * script shows progress; a PNG named .pdf is refused next to its input) and sends the batch; Home
 * Affairs returns it with a reason; the coordinator edits and resends it; Home Affairs approves
 * it with a decision number; the author reads the result on the dashboard.
 *
 * The steps share one server and the nomination, so they run in order; each person signs in in
 * their own context.
 */

const entryTitle = 'Hành chính công ở Móng Cái: một cửa liên thông đến tận thôn bản';
const nominee = 'Trần Thị Thu Hà';
const batchTitle = 'Đợt trình khen thưởng tháng 12/2024';
const summary = 'Loạt bài phản ánh kịp thời mô hình một cửa liên thông ở vùng biên giới.';
const supplemented = `${summary}\nĐã bổ sung xác nhận của Báo Quảng Ninh về thời gian công tác.`;
const returnReason = 'Bổ sung xác nhận của cơ quan chủ quản về thời gian công tác của tác giả.';
const decision = '3456/QĐ-UBND';
/** A decision is dated today at the latest, and not before its batch was sent (now). */
const today = vietnamDay(new Date());
const signedProposal = onePagePdf('To trinh 125/TTr-STTTT - ban da ky');

const server = useServer({}, {
  prepare: async (db) => {
    await createEntry(db, 'journalist@demo.vn', { title: entryTitle, status: 'shortlisted' });
  },
});
const browser = useBrowser();
let nominationPath = '';

const statusText = async (page: Page, text: string) => clean(await page.getByRole('status').filter({ hasText: text }).textContent());

/** Runs `step` as one person in a fresh context, closed afterwards. */
async function as(email: string, step: (page: Page) => Promise<void>) {
  const { context, page } = await newPage(browser, server.origin);
  try {
    await signIn(page, email);
    await step(page);
  } finally {
    await context.close();
  }
}

describe('from a shortlisted entry to an approved nomination, with one return for supplement', () => {
  it('the coordinator nominates the author, fills a batch, uploads the signed proposal and sends it', async () => {
    await as('coordinator@demo.vn', async (page) => {
      await openSection(page, 'Đề nghị khen thưởng', '/app/nominations');
      await page.getByRole('link', { name: 'Lập đề nghị mới', exact: true }).click();
      await page.waitForURL((url) => url.pathname === '/app/nominations/new');
      // The first step chooses the nominee's kind; the form then shows only that kind's fields.
      expect(await page.getByLabel('Cá nhân (tác giả)').isChecked()).toBe(true);
      await page.getByRole('button', { name: 'Tiếp tục', exact: true }).click();
      await page.waitForURL((url) => url.searchParams.get('kind') === 'individual');
      await page.getByLabel(`${entryTitle} – ${nominee}`).check();
      await page.getByLabel('Cá nhân', { exact: true }).selectOption({ label: nominee });
      expect(await page.getByLabel('Bằng khen của Chủ tịch UBND tỉnh').isChecked()).toBe(true);
      await page.getByLabel('Tóm tắt thành tích').fill(summary);
      await page.getByLabel('Xác nhận đối tượng không trong thời gian bị kỷ luật', { exact: false }).check();
      await page.getByRole('button', { name: 'Lập đề nghị', exact: true }).click();
      await page.waitForURL((url) => /^\/app\/nominations\/\d+$/.test(url.pathname) && url.searchParams.get('flash') === 'created');
      nominationPath = new URL(page.url()).pathname;
      expect(await headingOf(page)).toBe(nominee);
      expect(await statusText(page, 'Đã lập')).toBe('Đã lập đề nghị.');

      // A batch, the nomination in it, and the council's details for the letter and the minutes.
      await page.goto('/app/nominations');
      await page.getByLabel('Tên đợt trình').fill(batchTitle);
      await page.getByRole('button', { name: 'Tạo đợt trình', exact: true }).click();
      await page.waitForURL((url) => url.searchParams.get('flash') === 'batch');
      const batch = page.locator('.panel').filter({ has: page.getByRole('heading', { name: batchTitle, exact: true }) });
      await batch.getByRole('group', { name: 'Đưa các đề nghị đã chọn vào đợt' }).getByLabel(nominee).check();
      await batch.getByRole('button', { name: 'Đưa các đề nghị đã chọn vào đợt', exact: true }).click();
      await page.waitForURL((url) => url.searchParams.get('flash') === 'added');
      await fillCouncilMeeting(batch, nominee, { proposalNumber: '125/TTr-STTTT', proposalDate: '2024-12-06', meetingDate: '2024-12-05', meetingPlace: 'Phòng họp Sở Thông tin và Truyền thông' });
      await page.waitForURL((url) => url.searchParams.get('flash') === 'details');

      // The dossier: a PNG named .pdf is refused by the server next to its input, then the signed PDF goes in.
      await batch.getByRole('link', { name: `Hồ sơ đợt trình – ${batchTitle}` }).click();
      await page.waitForURL((url) => /^\/app\/dossiers\/\d+$/.test(url.pathname));
      const dossierPath = new URL(page.url()).pathname;
      expect(await headingOf(page)).toBe(batchTitle);
      const proposal = page.getByRole('region', { name: 'Tờ trình đề nghị khen thưởng' });
      const input = proposal.getByLabel('Bản đã ký (PDF) – Tờ trình đề nghị khen thưởng');
      await input.setInputFiles({ name: 'to-trinh.pdf', mimeType: 'application/pdf', buffer: fixture.png() });
      const [refused] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `${dossierPath}/scan`),
        proposal.getByRole('button', { name: 'Tải lên bản đã ký', exact: true }).click(),
      ]);
      expect(refused.request().resourceType()).toBe('xhr');
      expect(refused.status()).toBe(415);
      const error = proposal.locator('#dossier-scan-proposal-error');
      await error.waitFor();
      expect(clean(await error.textContent())).toBe('Bản đã ký phải là tệp PDF.');
      expect(await input.getAttribute('aria-invalid')).toBe('true');
      expect(await input.getAttribute('aria-describedby')).toBe('dossier-scan-proposal-hint dossier-scan-proposal-error');
      expect(await input.evaluate((el) => el === document.activeElement)).toBe(true);
      expect(await axeViolations(page)).toEqual([]);

      await page.evaluate(() => {
        const box = document.querySelector<HTMLElement>('#dossier-scan-proposal-percent')!.parentElement!;
        new MutationObserver(() => sessionStorage.setItem('progressShown', String(!box.hidden))).observe(box, { attributes: true });
      });
      await input.setInputFiles({ name: 'Tờ trình 125 đã ký.pdf', mimeType: 'application/pdf', buffer: signedProposal });
      const [uploaded] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `${dossierPath}/scan`),
        proposal.getByRole('button', { name: 'Tải lên bản đã ký', exact: true }).click(),
      ]);
      expect(uploaded.status()).toBe(201);
      await page.waitForURL((url) => url.pathname === dossierPath && url.searchParams.get('scan') === 'added');
      expect(await page.evaluate(() => sessionStorage.getItem('progressShown'))).toBe('true');
      expect(await statusText(page, 'bản đã ký')).toBe('Đã tải lên bản đã ký.');
      const served = page.getByRole('region', { name: 'Tờ trình đề nghị khen thưởng' });
      expect(clean(await served.locator('p.muted').textContent())).toBe('Bản đã ký, đóng dấu (tải lên): Tờ trình 125 đã ký.pdf (1 KB)');
      const link = served.getByRole('link', { name: 'Tải xuống (PDF) – Tờ trình đề nghị khen thưởng' });
      const download = await page.request.get((await link.getAttribute('href'))!);
      expect(download.headers()['content-type']).toBe('application/pdf');
      expect(Buffer.from(await download.body()).equals(signedProposal)).toBe(true);
      // The print view is the draft, and says so next to the signed scan.
      expect(await served.getByRole('link', { name: 'Bản in bản dự thảo – Tờ trình đề nghị khen thưởng', exact: true }).count()).toBe(1);
      expect(await served.getByRole('link', { name: 'Bản in – Tờ trình đề nghị khen thưởng', exact: true }).count()).toBe(0);
      // The other documents are still the drafts.
      expect(await page.getByRole('link', { name: /^Tải xuống \(DOCX\)/ }).count()).toBe(2);
      expect(await page.getByRole('link', { name: /^Bản in – / }).count()).toBe(2);
      await page.screenshot({ path: screenshotPath('dossier-page'), fullPage: true });

      await page.goto('/app/nominations');
      // The checklist says the dossier is complete before the click (7 of 9 present, 7 for: carried).
      expect(await page.getByRole('region', { name: `Trước khi gửi đợt trình – ${batchTitle}` }).filter({ hasText: 'Hồ sơ đã đủ' }).count()).toBe(1);
      await page.getByRole('button', { name: 'Gửi đợt trình sang cơ quan thẩm định', exact: true }).click();
      // Sending asks once more, with what will happen; the panel takes the focus.
      const confirmation = page.getByRole('region', { name: 'Xác nhận trước khi thực hiện' });
      await confirmation.waitFor();
      expect(await confirmation.evaluate((panel) => panel === document.activeElement)).toBe(true);
      expect(clean(await confirmation.textContent())).toContain(`Đợt trình “${batchTitle}” cùng 1 đề nghị được gửi sang cơ quan thẩm định`);
      expect(await axeViolations(page)).toEqual([]);
      await confirmation.getByRole('button', { name: 'Xác nhận', exact: true }).click();
      await page.waitForURL((url) => url.searchParams.get('flash') === 'sent');
      // Read-only now: the dossier offers downloads, no uploads.
      await page.goto(dossierPath);
      expect(await page.locator('input[type="file"]').count()).toBe(0);
    });
  });

  it('Home Affairs takes it up and returns it for supplement with a reason', async () => {
    await as('appraiser@demo.vn', async (page) => {
      await openSection(page, 'Thẩm định', '/app/appraisal');
      await page.getByRole('region', { name: batchTitle }).getByRole('link', { name: nominee, exact: true }).click();
      await page.waitForURL((url) => /^\/app\/appraisal\/\d+$/.test(url.pathname));
      await page.getByRole('button', { name: 'Tiếp nhận thẩm định', exact: true }).click();
      await page.waitForURL((url) => url.searchParams.get('flash') === 'started');
      // One decision form: the choice, its fields, then the confirmation step.
      const form = page.locator('form').filter({ has: page.getByRole('heading', { name: 'Quyết định về đề nghị' }) });
      await form.getByLabel('Trả lại để bổ sung (ghi lý do)').check();
      await form.getByLabel('Lý do', { exact: true }).fill(returnReason);
      await form.getByRole('button', { name: 'Tiếp tục', exact: true }).click();
      const confirmation = page.getByRole('region', { name: 'Xác nhận trước khi thực hiện' });
      expect(clean(await confirmation.textContent())).toContain(`với lý do: ${returnReason}`);
      await confirmation.getByRole('button', { name: 'Xác nhận', exact: true }).click();
      await page.waitForURL((url) => url.searchParams.get('flash') === 'returned');
      expect(await statusText(page, 'bổ sung')).toBe('Đã trả lại để bổ sung.');
    });
  });

  it('the coordinator edits the returned nomination in its pre-filled form and resends it', async () => {
    await as('coordinator@demo.vn', async (page) => {
      await page.goto(nominationPath);
      await page.getByRole('link', { name: 'Sửa đề nghị', exact: true }).click();
      await page.waitForURL((url) => url.pathname === `${nominationPath}/edit`);
      expect(await headingOf(page)).toBe(`Sửa đề nghị khen thưởng: ${nominee}`);
      expect(clean(await page.locator('.notice').textContent())).toBe(`Cơ quan thẩm định trả lại để bổ sung. Lý do: ${returnReason}`);
      // What was stored is what the form shows.
      expect(await page.getByLabel(`${entryTitle} – ${nominee}`).isChecked()).toBe(true);
      expect(await page.getByRole('group', { name: 'Đối tượng đề nghị: Cá nhân (tác giả)' }).count()).toBe(1);
      expect(await page.getByLabel('Cá nhân', { exact: true }).inputValue()).not.toBe('');
      expect(clean(await page.getByLabel('Cá nhân', { exact: true }).locator('option:checked').textContent())).toBe(nominee);
      expect(await page.getByLabel('Bằng khen của Chủ tịch UBND tỉnh').isChecked()).toBe(true);
      expect(await page.getByLabel('Tóm tắt thành tích').inputValue()).toBe(summary);
      expect(await page.getByLabel('Xác nhận đối tượng không trong thời gian bị kỷ luật', { exact: false }).isChecked()).toBe(true);

      // Emptied, the summary is refused and the form says so; then the supplement is written.
      await page.getByLabel('Tóm tắt thành tích').fill('');
      await page.getByRole('button', { name: 'Lưu thay đổi', exact: true }).click();
      await page.getByRole('alert').waitFor();
      expect(clean(await page.locator('#achievementSummary-error').textContent())).toBe('Cần nhập “Tóm tắt thành tích”.');
      expect(await page.getByLabel('Tóm tắt thành tích').getAttribute('aria-describedby')).toBe('achievementSummary-error');
      expect(await page.getByLabel(`${entryTitle} – ${nominee}`).isChecked()).toBe(true);
      expect(await axeViolations(page)).toEqual([]);
      await page.getByLabel('Tóm tắt thành tích').fill(supplemented);
      await page.screenshot({ path: screenshotPath('nomination-edit'), fullPage: true });
      await page.getByRole('button', { name: 'Lưu thay đổi', exact: true }).click();
      await page.waitForURL((url) => url.pathname === nominationPath && url.searchParams.get('flash') === 'updated');
      expect(await statusText(page, 'thay đổi')).toBe('Đã lưu thay đổi của đề nghị.');
      expect(await page.getByText('Đã bổ sung xác nhận của Báo Quảng Ninh', { exact: false }).count()).toBeGreaterThan(0);

      await page.getByRole('button', { name: 'Gửi lại đề nghị đã bổ sung', exact: true }).click();
      await page.waitForURL((url) => url.pathname === nominationPath && url.searchParams.get('flash') === 'resent');
      expect(await page.getByRole('link', { name: 'Sửa đề nghị' }).count()).toBe(0);
    });
  });

  it('Home Affairs approves it with a decision number and date', async () => {
    await as('appraiser@demo.vn', async (page) => {
      await openSection(page, 'Thẩm định', '/app/appraisal');
      await page.getByRole('region', { name: batchTitle }).getByRole('link', { name: nominee, exact: true }).click();
      await page.waitForURL((url) => /^\/app\/appraisal\/\d+$/.test(url.pathname));
      await page.getByLabel('Khen thưởng (ghi số và ngày quyết định)').check();
      await page.getByLabel('Số quyết định', { exact: true }).fill(decision);
      await page.getByLabel('Ngày quyết định', { exact: true }).fill(today);
      await page.getByRole('button', { name: 'Tiếp tục', exact: true }).click();
      const confirmation = page.getByRole('region', { name: 'Xác nhận trước khi thực hiện' });
      expect(clean(await confirmation.textContent())).toContain(`Ghi quyết định khen thưởng số ${decision} ngày ${today.split('-').reverse().join('/')}`);
      expect(await axeViolations(page)).toEqual([]);
      await confirmation.getByRole('button', { name: 'Xác nhận', exact: true }).click();
      await page.waitForURL((url) => url.searchParams.get('flash') === 'approved');
      expect(await statusText(page, 'quyết định')).toBe('Đã ghi quyết định khen thưởng.');
      expect(await page.getByText(`Quyết định: ${decision} ngày ${today.split('-').reverse().join('/')}`, { exact: true }).count()).toBe(1);
    });
  });

  it('the author reads the result on the dashboard', async () => {
    await as('journalist@demo.vn', async (page) => {
      const notices = page.getByRole('region', { name: 'Thông báo' }).getByRole('listitem');
      const result = notices.filter({ hasText: `Đề nghị khen thưởng đã được quyết định (${decision}).` });
      expect(await result.count()).toBe(1);
      expect(clean(await result.textContent())).toMatch(new RegExp(`^Đề nghị khen thưởng đã được quyết định \\(${decision}\\)\\. · \\d{2}:\\d{2} \\d{2}/\\d{2}/\\d{4}$`));
    });
  });
});
