import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { setPanel } from '../../src/domain/scoring/panel';
import { actorFor } from '../support/accounts';
import { demoCampaign } from '../support/campaigns';
import { clean, headingOf, journeyPerson, newPage, openSection, postForm, screenshotPath, signIn, useBrowser, waitForErrorSummary } from '../support/browser';
import { createEntry } from '../support/entries';
import { useServer } from '../support/server';

/**
 * Issue 4 in a real Chromium against the built server: the coordinator assigns a confirmed entry
 * to the three-member panel; each scorer scores it (scorer1 first goes over a criterion's maximum
 * and is told so by the server); the coordinator sees the count and mean on the results page and
 * shortlists the entry. A journalist is refused both pages.
 *
 * The steps share one server and the entry, so they run in order (vitest runs a file's tests one
 * after another); each person signs in in their own context.
 */

const title = 'Chuyển đổi số ở bộ phận một cửa Cẩm Phả: hồ sơ trực tuyến toàn trình tăng gấp ba';
const comment = 'Đề tài sát thực tế, số liệu được kiểm chứng; phần hình ảnh còn đơn điệu.';

/** The default rubric (src/domain/scoring/rubric.ts), spelled out so a change to it shows here. */
const rubric = [
  { name: 'Nội dung về cải cách hành chính, chính xác, đúng pháp luật', max: 30 },
  { name: 'Tác động và hiệu quả', max: 25 },
  { name: 'Tính sáng tạo, mới mẻ', max: 20 },
  { name: 'Chất lượng nghiệp vụ và hình thức thể hiện', max: 15 },
  { name: 'Tính kịp thời và mức độ lan tỏa', max: 10 },
];

/** Each scorer's points, in rubric order. Totals 90, 80 and 86: a mean of 85.33… */
const scorers = [
  { email: 'scorer1@demo.vn', points: [28, 22, 18, 13, 9] },
  { email: 'scorer2@demo.vn', points: [25, 20, 15, 12, 8] },
  { email: 'scorer3@demo.vn', points: [27, 21, 17, 14, 7] },
];
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const totals = scorers.map((s) => sum(s.points));
const mean = sum(totals) / totals.length;

const server = useServer({}, {
  prepare: async (db) => {
    await createEntry(db, 'journalist@demo.vn', { title, status: 'confirmed' });
    const campaign = await demoCampaign(db);
    const coordinator = await actorFor(db, 'coordinator@demo.vn');
    const panel = await Promise.all(scorers.map((s) => actorFor(db, s.email)));
    await setPanel(db, coordinator, campaign.id, panel.map((p) => p.id));
  },
});
const browser = useBrowser();

/** A criterion's number input, found by its whole label: the name, then "(Tối đa N điểm)". */
const pointsInput = (page: Page, c: (typeof rubric)[number]) => page.getByLabel(`${c.name} (Tối đa ${c.max} điểm)`, { exact: true });
const totalOutput = (page: Page) => page.locator('output[data-total]');

describe('three scorers score an entry; the coordinator sees the result and shortlists it', () => {
  const coordinator = journeyPerson(browser, server, 'coordinator@demo.vn');

  it('the coordinator assigns the confirmed entry to the panel of three', async () => {
    const page = await coordinator.page();
    await openSection(page, 'Chấm điểm', '/app/scoring');
    expect(await headingOf(page)).toBe('Điều hành chấm điểm');
    // The panel prepared in the database is the one the page shows ticked.
    const panel = page.getByRole('group', { name: /^Chọn thành viên chấm/ });
    for (const name of ['Hoàng Minh Tuấn', 'Vũ Thị Lan', 'Đỗ Quang Huy']) {
      expect(await panel.getByLabel(new RegExp(`^${name} – `)).isChecked(), name).toBe(true);
    }

    const response = await postForm(page, page.getByRole('button', { name: 'Phân công chấm', exact: true }));
    expect(response.status()).toBe(200);
    await page.waitForLoadState('load');
    const notice = page.getByRole('status').filter({ hasText: 'lượt chấm' });
    expect(clean(await notice.textContent())).toBe('Đã phân công 3 lượt chấm.');
    // Nobody was left short, and the overview counts the new assignments.
    expect(await page.getByText('Không đủ thành viên chấm phù hợp').count()).toBe(0);
    expect(await page.getByText('1 tác phẩm đang chấm, 0/3 lượt chấm đã gửi.', { exact: true }).count()).toBe(1);
  });

  for (const [i, scorer] of scorers.entries()) {
    const first = i === 0;
    it(`${scorer.email} scores the entry${first ? ', first above a maximum' : ''}, and the score is locked`, async () => {
      const { context, page } = await newPage(browser, server.origin);
      try {
        await signIn(page, scorer.email);
        await openSection(page, 'Chấm điểm', '/app/scoring');
        expect(await headingOf(page)).toBe('Tác phẩm được phân công chấm');
        expect(clean(await page.locator('p.lead').textContent())).toBe('Đã gửi điểm 0/1 tác phẩm.');
        const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: title, exact: true }) });
        expect(await row.count()).toBe(1);
        expect(clean(await row.locator('.status-tag').textContent())).toBe('Chưa chấm');

        await row.getByRole('link', { name: title, exact: true }).click();
        await page.waitForURL((url) => /^\/app\/scoring\/\d+$/.test(url.pathname));
        const scorePath = new URL(page.url()).pathname;
        expect(await headingOf(page)).toBe(`Chấm: ${title}`);
        expect(clean(await totalOutput(page).textContent())).toBe('0/100');

        // Fill by label; the script adds the points up as they are typed.
        const fillAll = async (points: number[]) => {
          let running = 0;
          for (const [k, c] of rubric.entries()) {
            await pointsInput(page, c).fill(String(points[k]));
            running += points[k];
            expect(clean(await totalOutput(page).textContent()), c.name).toBe(`${running}/100`);
          }
        };

        if (first) {
          // One point above the first criterion's maximum. The form carries `novalidate`, so the
          // browser does not stop it (nothing needs forcing) and the server's check is what answers.
          expect(await page.locator('form[data-score-form]').evaluate((f) => (f as HTMLFormElement).noValidate)).toBe(true);
          const over = [rubric[0].max + 1, ...scorer.points.slice(1)];
          await fillAll(over);
          await page.getByLabel('Nhận xét').fill(comment);
          const refused = await postForm(page, page.getByRole('button', { name: 'Gửi điểm', exact: true }));
          expect(refused.status()).toBe(400);
          await waitForErrorSummary(page);

          const input = pointsInput(page, rubric[0]);
          const fieldId = await input.getAttribute('id');
          expect(fieldId).toMatch(/^points\.\d+$/);
          const message = `Điểm tiêu chí “${rubric[0].name}” phải là số nguyên từ 0 đến ${rubric[0].max}.`;
          const alert = page.getByRole('alert');
          expect(clean(await alert.getByRole('heading').textContent())).toBe('Có lỗi cần sửa');
          // Exactly one problem, linking to the field.
          const links = await alert.locator('li a').evaluateAll((as) => as.map((a) => [a.getAttribute('href'), a.textContent?.trim()]));
          expect(links).toEqual([[`#${fieldId}`, message]]);
          const fieldError = page.locator(`[id="${fieldId}-error"]`);
          expect(clean(await fieldError.textContent())).toBe(message);
          expect(await page.locator('.field--error').count()).toBe(1);
          // What was typed comes back, and nothing was saved or locked.
          expect(await input.inputValue()).toBe(String(rubric[0].max + 1));
          expect(await page.getByLabel('Nhận xét').inputValue()).toBe(comment);
          expect(await input.isEnabled()).toBe(true);
          expect(clean(await totalOutput(page).textContent())).toBe(`${sum(over)}/100`);
          // The field says it is wrong and reads its message out, like every other form (Field.astro).
          // Soft: this is an app bug (see the report); the rest of the journey still runs.
          expect.soft(await input.getAttribute('aria-invalid'), 'aria-invalid on the refused points').toBe('true');
          expect.soft((await input.getAttribute('aria-describedby'))?.split(' ') ?? [], 'aria-describedby of the refused points').toContain(`${fieldId}-error`);
          await page.screenshot({ path: screenshotPath('scoring-error'), fullPage: true });

          // Correct the one field; the running total follows.
          await input.fill(String(scorer.points[0]));
          expect(clean(await totalOutput(page).textContent())).toBe(`${totals[i]}/100`);
        } else {
          await fillAll(scorer.points);
          await page.getByLabel('Nhận xét').fill(comment);
        }
        expect(clean(await totalOutput(page).textContent())).toBe(`${totals[i]}/100`);
        if (first) await page.screenshot({ path: screenshotPath('scoring-page'), fullPage: true });

        await page.getByRole('button', { name: 'Gửi điểm', exact: true }).click();
        // Submitting locks the score: the page asks once more, saying so.
        const confirmation = page.getByRole('region', { name: 'Xác nhận trước khi thực hiện' });
        expect(clean(await confirmation.textContent())).toContain('được gửi và khoá');
        await confirmation.getByRole('button', { name: 'Xác nhận', exact: true }).click();
        await page.waitForURL((url) => url.pathname === scorePath && url.searchParams.get('flash') === 'submitted');
        expect(clean(await page.getByRole('status').filter({ hasText: 'Đã gửi điểm.' }).textContent())).toBe('Đã gửi điểm.');
        expect(clean(await page.getByRole('note').textContent())).toBe('Điểm đã gửi và được khóa. Liên hệ điều phối nếu cần mở lại.');
        // Locked: every input shows the saved points and is disabled; no buttons to send again.
        for (const [k, c] of rubric.entries()) {
          const input = pointsInput(page, c);
          expect(await input.inputValue(), c.name).toBe(String(scorer.points[k]));
          expect(await input.isDisabled(), c.name).toBe(true);
        }
        expect(await page.getByLabel('Nhận xét').inputValue()).toBe(comment);
        expect(await page.getByLabel('Nhận xét').isDisabled()).toBe(true);
        expect(clean(await totalOutput(page).textContent())).toBe(`${totals[i]}/100`);
        expect(await page.getByRole('button', { name: 'Gửi điểm' }).count()).toBe(0);
        expect(await page.getByRole('button', { name: 'Lưu nháp' }).count()).toBe(0);

        // The queue agrees.
        await page.goto('/app/scoring');
        expect(clean(await page.locator('p.lead').textContent())).toBe('Đã gửi điểm 1/1 tác phẩm.');
        const done = page.getByRole('row').filter({ has: page.getByRole('link', { name: title, exact: true }) });
        expect(clean(await done.locator('.status-tag').textContent())).toBe('Đã gửi điểm');
        expect(clean(await done.locator('td').last().textContent())).toBe(String(totals[i]));
      } finally {
        await context.close();
      }
    });
  }

  it('the coordinator sees three scores and their mean, and shortlists the entry', async () => {
    const page = await coordinator.page();
    await page.goto('/app/scoring');
    expect(await page.getByText('1 tác phẩm đang chấm, 3/3 lượt chấm đã gửi.', { exact: true }).count()).toBe(1);
    await page.getByRole('link', { name: 'Kết quả và xếp hạng', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/app/scoring/results');
    expect(await headingOf(page)).toBe('Kết quả chấm điểm năm 2024');

    const table = page.getByRole('table', { name: 'Bảng xếp hạng' });
    const headers = (await table.locator('thead th').allTextContents()).map(clean);
    const column = (label: string) => {
      const index = headers.findIndex((h) => h === label || h.startsWith(`${label} (`));
      expect(index, `column ${label} in ${headers.join(' | ')}`).toBeGreaterThanOrEqual(0);
      return index;
    };
    const rows = table.locator('tbody tr');
    expect(await rows.count()).toBe(1);
    const row = rows.filter({ hasText: title });
    const cell = async (label: string) => clean(await row.locator(':scope > th, :scope > td').nth(column(label)).textContent());

    const expectedMean = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }).format(mean);
    expect(expectedMean).toBe('85,3'); // (90 + 80 + 86) / 3, with a decimal comma
    expect(await cell('Hạng')).toBe('1');
    expect(await cell('Số phiếu')).toBe('3');
    expect(await cell('Trung bình')).toBe(expectedMean);
    expect(await cell('Thấp nhất – cao nhất')).toBe(`${Math.min(...totals)}–${Math.max(...totals)}`);
    expect(await cell('Trạng thái')).toBe('Đã chấm');
    await page.screenshot({ path: screenshotPath('scoring-results'), fullPage: true });

    await row.getByRole('checkbox', { name: `Chọn – ${title}`, exact: true }).check();
    await page.getByRole('button', { name: 'Đưa các tác phẩm đã chọn vào danh sách', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/app/scoring/results' && url.searchParams.get('flash') === 'shortlisted');
    expect(clean(await page.getByRole('status').filter({ hasText: 'danh sách đề nghị' }).textContent())).toBe(
      'Đã đưa 1 tác phẩm vào danh sách đề nghị.',
    );
    expect(await cell('Trạng thái')).toBe('Vào danh sách đề nghị');
    expect(await cell('Trung bình')).toBe(expectedMean);
    // Shortlisted: no checkbox any more, the way back instead; nothing left to shortlist.
    expect(await row.getByRole('checkbox').count()).toBe(0);
    expect(await row.getByRole('button', { name: `Bỏ khỏi danh sách đề nghị – ${title}`, exact: true }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Đưa các tác phẩm đã chọn vào danh sách' }).count()).toBe(0);
  });

  it('a journalist is refused the scoring section and the results', async () => {
    const { context, page } = await newPage(browser, server.origin);
    try {
      await signIn(page, 'journalist@demo.vn');
      for (const path of ['/app/scoring', '/app/scoring/results']) {
        const response = await page.goto(path);
        expect(response?.status(), path).toBe(403);
        expect(await headingOf(page), path).toBe('Không có quyền truy cập');
        expect(await page.getByText(title).count(), path).toBe(0);
      }
    } finally {
      await context.close();
    }
  });
});
