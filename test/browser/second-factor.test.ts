import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword } from '../../db/seed/demo';
import { clean, launchBrowser, newPage, pathOf, screenshotPath } from '../support/browser';
import { type RunningServer, startServer } from '../support/server';
import { Authenticator } from '../support/totp';

/**
 * Issue #17 item 4 in Chromium: an admin turns TOTP on at /app/account/security by the page's
 * labels, reading the key meant for manual entry as a person would type it into their app, and
 * signs in again with the password and then a code the test computes itself (RFC 6238).
 */
let server: RunningServer;
let browser: Browser;
beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('two-factor sign-in in a browser', () => {
  it('enrols TOTP, shows the recovery codes once, and signs in with password then code', async () => {
    const { context, page } = await newPage(browser, server.origin);
    try {
      await page.goto('/login');
      await page.getByLabel('Địa chỉ thư điện tử').fill('admin@demo.vn');
      await page.getByLabel('Mật khẩu').fill(demoPassword);
      await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
      await page.waitForURL((url) => url.pathname === '/app');

      await page.getByRole('link', { name: 'Bảo mật tài khoản' }).click();
      await page.waitForURL((url) => url.pathname === '/app/account/security');
      expect(await page.getByRole('img', { name: 'Mã QR để thêm tài khoản vào ứng dụng xác thực' }).count()).toBe(1);
      const app = Authenticator.fromShown(clean(await page.locator('[data-totp-key]').textContent()));
      await page.getByLabel('Mã xác thực').fill(await app.nextCode());
      await page.getByRole('button', { name: 'Bật xác thực hai yếu tố' }).click();
      await page.getByRole('heading', { name: 'Mã khôi phục' }).waitFor();
      expect(await page.locator('[data-recovery-codes] li').count()).toBe(10);
      await page.screenshot({ path: screenshotPath('second-factor-enrolled'), fullPage: true });

      await page.getByRole('button', { name: 'Đăng xuất' }).click();
      await page.waitForURL((url) => url.pathname !== '/app/account/security');
      await page.goto('/login');
      await page.getByLabel('Địa chỉ thư điện tử').fill('admin@demo.vn');
      await page.getByLabel('Mật khẩu').fill(demoPassword);
      await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
      await page.waitForURL((url) => url.pathname === '/login/second-factor');
      expect(clean(await page.getByRole('heading', { level: 1 }).textContent())).toBe('Xác thực hai yếu tố');

      await page.getByLabel('Mã xác thực').fill(app.wrongCode());
      await page.getByRole('button', { name: 'Xác nhận' }).click();
      expect(clean(await page.getByRole('alert').textContent())).toContain('Mã xác thực không đúng hoặc đã được dùng.');

      await page.getByLabel('Mã xác thực').fill(await app.nextCode());
      await page.getByRole('button', { name: 'Xác nhận' }).click();
      await page.waitForURL((url) => url.pathname === '/app');
      expect(pathOf(page)).toBe('/app');
      await page.goto('/app/account/security');
      expect(clean(await page.locator('[data-mfa-status]').textContent())).toContain('Xác thực hai yếu tố đang bật');
    } finally {
      await context.close();
    }
  });
});
