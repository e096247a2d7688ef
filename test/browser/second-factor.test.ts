import { describe, expect, it } from 'vitest';
import { clean, newPage, pathOf, screenshotPath, signIn, submitSignIn, useBrowser } from '../support/browser';
import { useServer } from '../support/server';
import { Authenticator } from '../support/totp';

/**
 * Issue #17 item 4 in Chromium: an admin turns TOTP on at /app/account/security by the page's
 * labels, reading the key meant for manual entry as a person would type it into their app, and
 * signs in again with the password and then a code the test computes itself (RFC 6238).
 */
const server = useServer();
const browser = useBrowser();

describe('two-factor sign-in in a browser', () => {
  it('enrols TOTP, shows the recovery codes once, and signs in with password then code', async () => {
    const { context, page } = await newPage(browser, server.origin);
    try {
      await signIn(page, 'admin@demo.vn');

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
      await submitSignIn(page, 'admin@demo.vn');
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
