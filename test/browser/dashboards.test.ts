import { describe, expect, it } from 'vitest';
import { demoPassword } from '../../db/seed/demo';
import { axeViolations } from '../support/axe';
import { newPage, pathOf, screenshotPath, signIn, useBrowser } from '../support/browser';
import { useServer } from '../support/server';

/**
 * Signs in as every demo account in a real Chromium against the built server, and checks the
 * dashboard, the navigation each role is given (src/auth/access.ts) and signing out.
 */

/** Every section in menu order, with the roles src/auth/access.ts lets open it. */
const sections = [
  { path: '/app/entries', label: 'Tác phẩm', roles: ['journalist', 'outlet_admin'] },
  { path: '/app/campaigns', label: 'Đợt thi đua', roles: ['coordinator'] },
  { path: '/app/scoring', label: 'Chấm điểm', roles: ['scorer', 'coordinator'] },
  { path: '/app/nominations', label: 'Đề nghị khen thưởng', roles: ['coordinator'] },
  { path: '/app/appraisal', label: 'Thẩm định', roles: ['appraiser'] },
  { path: '/app/gallery', label: 'Biên tập thư viện', roles: ['coordinator', 'appraiser'] },
  { path: '/app/admin', label: 'Quản trị', roles: ['admin', 'outlet_admin'] },
] as const;

const accounts = [
  { email: 'admin@demo.vn', name: 'Nguyễn Quản Trị', role: 'admin' },
  { email: 'journalist@demo.vn', name: 'Trần Thị Thu Hà', role: 'journalist' },
  { email: 'journalist2@demo.vn', name: 'Phạm Đức Long', role: 'journalist' },
  { email: 'outlet@demo.vn', name: 'Lê Văn Đông', role: 'outlet_admin' },
  { email: 'scorer1@demo.vn', name: 'Hoàng Minh Tuấn', role: 'scorer' },
  { email: 'scorer2@demo.vn', name: 'Vũ Thị Lan', role: 'scorer' },
  { email: 'scorer3@demo.vn', name: 'Đỗ Quang Huy', role: 'scorer' },
  { email: 'coordinator@demo.vn', name: 'Bùi Thanh Hương', role: 'coordinator' },
  { email: 'appraiser@demo.vn', name: 'Ngô Văn Thành', role: 'appraiser' },
] as const;

/** What the menu must hold for a role, spelled out so a change to access.ts has to change it too. */
const expectedMenu: Record<(typeof accounts)[number]['role'], string[]> = {
  admin: ['Quản trị'],
  journalist: ['Tác phẩm'],
  outlet_admin: ['Tác phẩm', 'Quản trị'],
  scorer: ['Chấm điểm'],
  coordinator: ['Đợt thi đua', 'Chấm điểm', 'Đề nghị khen thưởng', 'Biên tập thư viện'],
  appraiser: ['Thẩm định', 'Biên tập thư viện'],
};

/** The work queues each role's dashboard lists (src/domain/dashboard/work-queues.ts), in order. */
const expectedQueues: Record<(typeof accounts)[number]['role'], string[]> = {
  admin: [],
  journalist: ['Bản nháp chưa nộp', 'Tác phẩm bị trả lại để sửa'],
  outlet_admin: ['Tác phẩm chờ xác nhận'],
  scorer: ['Tác phẩm chờ chấm điểm'],
  coordinator: ['Tác phẩm chờ phân công chấm', 'Đề nghị khen thưởng cần chuẩn bị'],
  appraiser: ['Đợt trình chờ thẩm định'],
};

const server = useServer();
const browser = useBrowser();

describe('demo accounts in the browser', () => {
  for (const account of accounts) {
    it(`${account.email} (${account.role}) signs in, sees its sections and signs out`, async () => {
      const { context, page } = await newPage(browser, server.origin);
      try {
        await signIn(page, account.email);
        expect(pathOf(page)).toBe('/app');

        const heading = page.getByRole('heading', { level: 1 });
        expect(await heading.textContent()).toMatch(/^Xin chào, /);
        expect((await heading.textContent())?.trim()).toBe(`Xin chào, ${account.name}`);
        expect(await page.locator(`p.lead[data-role="${account.role}"]`).count()).toBe(1);

        // The menu: the dashboard, then exactly the sections of this role, in menu order.
        const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
        const menu = (await nav.getByRole('link').allTextContents()).map((s) => s.trim());
        expect(menu).toEqual(['Bảng điều khiển', ...expectedMenu[account.role]]);
        expect(await nav.getByRole('link', { name: 'Bảng điều khiển' }).getAttribute('aria-current')).toBe('page');
        // The work queues, each a level-3 heading under "Việc cần làm" whose name reads its count.
        const queues = await page.locator('section.queue').evaluateAll((sections) =>
          sections.map((s) => ({
            title: s.querySelector('h3')?.firstChild?.textContent?.trim(),
            total: s.getAttribute('data-total'),
            heard: s.querySelector('h3 .visually-hidden')?.textContent,
            seen: s.querySelector('h3 [aria-hidden="true"]')?.textContent,
          })),
        );
        expect(queues.map((q) => q.title)).toEqual(expectedQueues[account.role]);
        for (const q of queues) {
          expect(q.heard).toBe(`Đang chờ: ${q.total}`);
          expect(q.seen).toBe(q.total);
          // The section is a region named by its heading: the title and the count as read aloud.
          expect(await page.getByRole('region', { name: `${q.title} Đang chờ: ${q.total}`, exact: true }).count()).toBe(1);
        }
        expect(await page.getByRole('heading', { level: 2, name: 'Việc cần làm' }).count()).toBe(account.role === 'admin' ? 0 : 1);
        // The dashboard's cards offer the same sections.
        const cards = (await page.locator('ul.cards a').allTextContents()).map((s) => s.trim());
        expect(cards).toEqual(expectedMenu[account.role]);

        // Each section shown opens; each one hidden is refused (same cookies as the page).
        for (const section of sections) {
          const shown = expectedMenu[account.role].includes(section.label);
          expect(shown).toBe((section.roles as readonly string[]).includes(account.role));
          if (shown) expect(await nav.getByRole('link', { name: section.label, exact: true }).getAttribute('href')).toBe(section.path);
          else expect(await nav.getByRole('link', { name: section.label, exact: true }).count()).toBe(0);
          const response = await context.request.get(section.path, { maxRedirects: 0 });
          expect(response.status(), `${account.role} GET ${section.path}`).toBe(shown ? 200 : 403);
        }

        if (account.email === 'journalist@demo.vn') {
          await page.screenshot({ path: screenshotPath('journalist-dashboard'), fullPage: true });
        }

        await page.getByRole('button', { name: 'Đăng xuất' }).click();
        await page.waitForURL((url) => url.pathname === '/login');
        expect(new URL(page.url()).searchParams.has('loggedOut')).toBe(true);
        expect((await page.getByRole('status').textContent())?.trim()).toBe('Bạn đã đăng xuất.');
        expect(await page.getByRole('navigation', { name: 'Điều hướng chính' }).count()).toBe(0);
        // The session is over on the server too, not only in this page.
        const after = await context.request.get('/app', { maxRedirects: 0 });
        expect(after.status()).toBe(302);
        expect(after.headers().location).toBe('/login?redirect=%2Fapp');
      } finally {
        await context.close();
      }
    });
  }

  it('the coordinator’s work queues fit a 390-pixel phone without scrolling sideways, with no axe violation', async () => {
    const { context, page } = await newPage(browser, server.origin, { viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
    try {
      await signIn(page, 'coordinator@demo.vn');
      const toAssign = page.getByRole('region', { name: /^Tác phẩm chờ phân công chấm Đang chờ: \d+$/ });
      expect(await toAssign.count()).toBe(1);
      // Each item links to where the work is done.
      for (const href of await toAssign.locator('ol.queue-items > li > a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))) {
        expect(href).toBe('/app/scoring#assign-title');
      }
      const width = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
      expect(width.scroll).toBeLessThanOrEqual(width.client);
      expect(await axeViolations(page)).toEqual([]);
      await page.screenshot({ path: screenshotPath('coordinator-dashboard-390'), fullPage: true });
    } finally {
      await context.close();
    }
  });

  it('a wrong password shows the error summary and keeps the e-mail address', async () => {
    const { context, page } = await newPage(browser, server.origin);
    try {
      await page.goto('/login');
      const email = page.getByLabel('Địa chỉ thư điện tử');
      const pass = page.getByLabel('Mật khẩu');
      // Keyboard only: type, Tab to the password, Enter to submit.
      await email.focus();
      await page.keyboard.type('journalist@demo.vn');
      await page.keyboard.press('Tab');
      expect(await pass.evaluate((el) => el === document.activeElement)).toBe(true);
      await page.keyboard.type('not-the-password');
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST'),
        page.keyboard.press('Enter'),
      ]);
      expect(response.status()).toBe(401);
      // The answer replaces the page; wait for the new document's summary, not the old page.
      const alert = page.getByRole('alert');
      await alert.waitFor({ state: 'visible' });
      await page.waitForLoadState('load');

      expect(pathOf(page)).toBe('/login');
      expect(await alert.count()).toBe(1);
      expect(await alert.isVisible()).toBe(true);
      expect(await alert.getByRole('heading').textContent()).toBe('Có lỗi cần sửa');
      // The summary takes focus, so a screen reader announces it first.
      expect(await alert.evaluate((el) => el === document.activeElement)).toBe(true);
      expect((await alert.locator('li').allTextContents()).map((s) => s.trim())).toEqual(['Thư điện tử hoặc mật khẩu không đúng.']);
      expect(await email.inputValue()).toBe('journalist@demo.vn');
      expect(await pass.inputValue()).toBe('');
      // Not signed in: no menu, and the dashboard still sends the visitor to the login page.
      expect(await page.getByRole('navigation', { name: 'Điều hướng chính' }).count()).toBe(0);
      expect((await context.request.get('/app', { maxRedirects: 0 })).status()).toBe(302);

      await page.screenshot({ path: screenshotPath('login-error'), fullPage: true });

      // The kept address is usable: only the password has to be typed again.
      await pass.fill(demoPassword);
      await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
      await page.waitForURL((url) => url.pathname === '/app');
      expect(await page.locator('p.lead[data-role="journalist"]').count()).toBe(1);
    } finally {
      await context.close();
    }
  });

  it('signs in and out in English under /en', async () => {
    const { context, page } = await newPage(browser, server.origin);
    try {
      const response = await page.goto('/en/login');
      expect(response?.status()).toBe(200);
      await page.locator('html[lang="en"]').waitFor({ state: 'attached' });
      await page.getByLabel('Email address').fill('journalist@demo.vn');
      await page.getByLabel('Password').fill(demoPassword);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.waitForURL((url) => url.pathname === '/en/app');

      const heading = (await page.getByRole('heading', { level: 1 }).textContent())?.trim();
      expect(heading).toMatch(/^Hello, /);
      expect(heading).toBe('Hello, Trần Thị Thu Hà');
      expect(await page.locator('p.lead[data-role="journalist"]').count()).toBe(1);
      const nav = page.getByRole('navigation', { name: 'Main navigation' });
      expect((await nav.getByRole('link').allTextContents()).map((s) => s.trim())).toEqual(['Dashboard', 'Entries']);
      expect(await nav.getByRole('link', { name: 'Entries' }).getAttribute('href')).toBe('/en/app/entries');

      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL((url) => url.pathname === '/en/login');
      expect((await page.getByRole('status').textContent())?.trim()).toBe('You have signed out.');
    } finally {
      await context.close();
    }
  });
});
