import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, pathOf, screenshotPath, signIn } from '../support/browser';
import { type RunningServer, startServer } from '../support/server';
import { startTestSmtp, type TestSmtp } from '../support/smtp';

let browser: Browser;
let smtp: TestSmtp;
let server: RunningServer;
beforeAll(async () => {
  smtp = await startTestSmtp();
  server = await startServer(smtp.serverEnv);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await smtp?.close();
});

describe('a forgotten password, reset through the e-mailed link', () => {
  it('asks at /reset-password, follows the link in the mail, and signs in with the new password', async () => {
    const { context, page } = await newPage(browser, server.origin);
    await page.goto('/login');
    await page.getByRole('link', { name: 'Quên mật khẩu?' }).click();
    expect(pathOf(page)).toBe('/reset-password');
    await page.getByLabel('Địa chỉ thư').fill('outlet@demo.vn');
    await page.getByRole('button', { name: 'Gửi liên kết' }).click();
    await page.getByRole('status').filter({ hasText: 'Nếu địa chỉ này thuộc một tài khoản đang hoạt động' }).waitFor();

    const [mail] = await smtp.waitFor(1, 'outlet@demo.vn');
    const link = mail.text.match(/https?:\/\/\S+\/reset-password\/\S+/)![0];
    expect(link.startsWith(`${server.origin}/reset-password/`)).toBe(true);
    await page.goto(link);
    await page.getByLabel('Mật khẩu mới', { exact: true }).fill('mat-khau-moi-cua-toi');
    await page.getByLabel('Nhập lại mật khẩu mới').fill('mat-khau-moi-cua-toi');
    await page.getByRole('button', { name: 'Đặt mật khẩu' }).click();
    await page.waitForURL((url) => url.pathname === '/login').catch(async (error: Error) => {
      await page.screenshot({ path: screenshotPath('password-reset-refused') });
      throw new Error(`not at /login but ${page.url()}: ${await page.getByRole('alert').allTextContents()}\n${error.message}`);
    });
    await signIn(page, 'outlet@demo.vn', 'mat-khau-moi-cua-toi');
    expect(pathOf(page)).toBe('/app');

    // The link was for one use.
    const again = await page.goto(link);
    expect(again?.status()).toBe(410);
    await context.close();
  });
});
