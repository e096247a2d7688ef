import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { campaigns, nominationBatches, nominationEntries, nominations } from '../../db/schema';
import { vietnamDay } from '../../src/domain/campaigns/campaigns';
import { addWorkingDays } from '../../src/domain/nominations/posting';
import { actorFor } from '../support/accounts';
import { axeViolations } from '../support/axe';
import { clean, fillCouncilMeeting, newPage, signIn, useBrowser } from '../support/browser';
import { createEntry } from '../support/entries';
import { useServer } from '../support/server';

/**
 * Issue #13 item 4 in a real Chromium against the built server: the coordinator posts a batch's
 * nominees; a citizen, on a phone and without an account, finds the list from the results page
 * and comments; the coordinator records the handling; the window ends (the server is stopped and
 * the posting moved three weeks back, as time would); the council's meeting is entered, the batch
 * sent, Home Affairs approves; a citizen sees the work among the awarded on /results/<year>.
 *
 * The last step is what a citizen should see once decisions are the source of the awards list
 * (issue #13 item 3, engineer `outcomes`); until then the list is built from the gallery.
 */
const entryTitle = 'Phường Bãi Cháy: một cửa không giấy tờ';
const nominee = 'Trần Thị Thu Hà';
const batchTitle = 'Đợt trình có công khai';
const comment = 'Tôi là người dân phường Bãi Cháy, xác nhận mô hình đã giúp tôi nộp hồ sơ không phải đi lại.';
const handling = 'Ý kiến đồng tình; đã báo cáo Hội đồng tại cuộc họp xét.';
const day = (offset: number) => vietnamDay(new Date(Date.now() + offset * 86_400_000));

let batchId = 0;
const server = useServer({}, {
  prepare: async (db) => {
    const [campaign] = await db.select().from(campaigns).where(eq(campaigns.year, 2024));
    const coordinator = await actorFor(db, 'coordinator@demo.vn');
    const author = await actorFor(db, 'journalist@demo.vn');
    const entry = await createEntry(db, 'journalist@demo.vn', { title: entryTitle, status: 'shortlisted', url: 'https://baoquangninh.vn/mot-cua-bai-chay.html' });
    const [batch] = await db.insert(nominationBatches).values({ campaignId: campaign.id, title: batchTitle, createdById: coordinator.id }).returning();
    batchId = batch.id;
    const [nomination] = await db
      .insert(nominations)
      .values({ campaignId: campaign.id, batchId, nomineeType: 'individual', nomineeUserId: author.id, awardForm: 'provincial_certificate', achievementSummary: 'Loạt bài về một cửa không giấy tờ.', eligibilityDeclared: true, createdById: coordinator.id })
      .returning();
    await db.insert(nominationEntries).values({ nominationId: nomination.id, entryId: entry.id, campaignId: campaign.id });
  },
});
const browser = useBrowser();

async function as(email: string | null, step: (page: Page) => Promise<void>, options = {}) {
  const { context, page } = await newPage(browser, server.origin, options);
  try {
    if (email) await signIn(page, email);
    await step(page);
  } finally {
    await context.close();
  }
}

const phone = { viewport: { width: 390, height: 844 } };

describe('posting → comment → handled → meeting → send → approve → awarded', () => {
  it('the coordinator posts the batch from its page', async () => {
    await as('coordinator@demo.vn', async (page) => {
      await page.goto(`/app/dossiers/${batchId}`);
      await page.getByRole('button', { name: 'Công khai danh sách', exact: true }).click();
      await page.waitForURL((url) => url.searchParams.get('flash') === 'posted');
      expect(clean(await page.getByRole('status').first().textContent())).toBe('Đã công khai danh sách.');
      const ends = addWorkingDays(day(0), 10).split('-').reverse().join('/');
      expect(await page.getByText(`nhận ý kiến đến hết ngày ${ends}.`, { exact: false }).count()).toBe(1);
      expect(await axeViolations(page)).toEqual([]);
    });
  });

  it('a citizen on a phone, without an account, finds the list from the results page and comments', async () => {
    await as(
      null,
      async (page) => {
        await page.goto('/results/2024');
        await page.getByRole('link', { name: 'Danh sách công khai đề nghị khen thưởng năm 2024', exact: true }).click();
        await page.waitForURL((url) => url.pathname === '/nominees/2024');
        const list = page.getByRole('region', { name: batchTitle });
        expect(clean(await list.getByRole('rowheader', { name: nominee }).textContent())).toBe(nominee);
        expect(await list.locator('cite').filter({ hasText: entryTitle }).count()).toBe(1);
        expect(await axeViolations(page)).toEqual([]);
        const width = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
        expect(width.scroll).toBeLessThanOrEqual(width.client);

        await list.getByLabel('Ý kiến về').selectOption({ label: nominee });
        await list.getByLabel('Họ và tên').fill('Vũ Thị Hoa');
        await list.getByLabel('Số điện thoại hoặc thư điện tử').fill('0987 654 321');
        await list.getByLabel('Nội dung ý kiến').fill(comment);
        await list.getByRole('button', { name: /^Gửi ý kiến/ }).click();
        await page.waitForURL((url) => url.searchParams.has('sent'));
        expect(clean(await page.getByRole('status').textContent())).toBe('Cảm ơn bạn. Ý kiến đã được ghi nhận và chuyển tới cơ quan chủ trì.');
        // Comments are the department's: not shown on the public page.
        expect(await page.getByText(comment).count()).toBe(0);
      },
      phone,
    );
  });

  it('the coordinator reads the comment and records its handling; the batch cannot be sent yet', async () => {
    await as('coordinator@demo.vn', async (page) => {
      await page.goto(`/app/dossiers/${batchId}`);
      const comments = page.getByRole('table', { name: 'Ý kiến nhân dân' });
      expect(await comments.getByText(comment).count()).toBe(1);
      await comments.getByLabel('Kết quả xử lý ý kiến của Vũ Thị Hoa').fill(handling);
      await comments.getByRole('button', { name: 'Ghi kết quả xử lý', exact: true }).click();
      await page.waitForURL((url) => url.searchParams.get('flash') === 'handled');
      expect(await page.getByRole('table', { name: 'Ý kiến nhân dân' }).getByText(handling).count()).toBe(1);
      expect(await axeViolations(page)).toEqual([]);

      await page.goto('/app/nominations');
      await page.getByRole('button', { name: 'Gửi đợt trình sang cơ quan thẩm định', exact: true }).click();
      expect(clean(await page.getByRole('alert').textContent())).toContain('danh sách còn đang trong thời hạn công khai lấy ý kiến');
    });
  });

  it('once the window has ended, the meeting is entered and the batch sent; Home Affairs approves', async () => {
    // Three weeks pass: the posting moves back, so its ten working days are over.
    await server.whileStopped(async (db) => {
      const postedOn = day(-21);
      await db
        .update(nominationBatches)
        .set({ postedAt: new Date(`${postedOn}T09:00:00+07:00`), postingEndsOn: addWorkingDays(postedOn, 10) })
        .where(eq(nominationBatches.id, batchId));
    });
    await as('coordinator@demo.vn', async (page) => {
      await page.goto('/app/nominations');
      const batch = page.locator('.panel').filter({ has: page.getByRole('heading', { name: batchTitle, exact: true }) });
      await fillCouncilMeeting(batch, nominee, { proposalNumber: '130/TTr-SVHTTDL', proposalDate: day(-1), meetingDate: day(-2), meetingPlace: 'Phòng họp Sở Văn hóa, Thể thao và Du lịch' });
      await page.waitForURL((url) => url.searchParams.get('flash') === 'details');
      await page.getByRole('button', { name: 'Gửi đợt trình sang cơ quan thẩm định', exact: true }).click();
      // Sending is irreversible: it asks once more, saying what will happen.
      await page.getByRole('region', { name: 'Xác nhận trước khi thực hiện' }).getByRole('button', { name: 'Xác nhận', exact: true }).click();
      await page.waitForURL((url) => url.searchParams.get('flash') === 'sent');

      // The minutes tell the posting, the comment and its handling.
      await page.goto(`/app/dossiers/${batchId}/print?document=minutes`);
      const minutes = clean(await page.locator('body').textContent());
      expect(minutes).toContain('nhận được 1 ý kiến');
      expect(minutes).toContain(handling);
    });
    await as('appraiser@demo.vn', async (page) => {
      await page.goto('/app/appraisal');
      await page.getByRole('region', { name: batchTitle }).getByRole('link', { name: nominee, exact: true }).click();
      await page.waitForURL((url) => /^\/app\/appraisal\/\d+$/.test(url.pathname));
      await page.getByLabel('Khen thưởng (ghi số và ngày quyết định)').check();
      await page.getByLabel('Số quyết định', { exact: true }).fill('3777/QĐ-UBND');
      await page.getByLabel('Ngày quyết định', { exact: true }).fill(day(0));
      await page.getByRole('button', { name: 'Tiếp tục', exact: true }).click();
      await page.getByRole('region', { name: 'Xác nhận trước khi thực hiện' }).getByRole('button', { name: 'Xác nhận', exact: true }).click();
      await page.waitForURL((url) => url.searchParams.get('flash') === 'approved');
    });
  });

  it('a citizen sees the work among the awarded of the year on /results/<year>', async () => {
    await as(null, async (page) => {
      await page.goto('/results/2024');
      const awarded = page.locator('.awarded-table');
      expect(clean(await awarded.textContent())).toContain(entryTitle);
      expect(clean(await awarded.getByRole('row').filter({ hasText: entryTitle }).textContent())).toContain('Bằng khen của Chủ tịch UBND tỉnh');
    });
  });
});
