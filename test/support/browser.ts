import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium, type Locator, type Page } from 'playwright-core';
import { demoPassword } from '../../db/seed/demo';

/** Debian's Chromium; `playwright install` is never run, so no bundled browser exists. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where browser tests leave their screenshots (test/.tmp is ignored by vitest and git). */
export const screenshotDir = path.resolve('test/.tmp/screenshots');

/**
 * One headless Chromium for a whole test file; each test opens its own context (a fresh cookie
 * jar), which is much cheaper than a browser per test. Playwright gives every launch a new,
 * temporary profile directory, so nothing carries over from a previous run.
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** The path for a screenshot named `name`, its folder created. */
export function screenshotPath(name: string): string {
  mkdirSync(screenshotDir, { recursive: true });
  return path.join(screenshotDir, `${name}.png`);
}

/**
 * A fresh context (its own cookie jar) on the server, as a Vietnamese desktop browser, and its page.
 * `options` changes what a test needs otherwise (a phone's viewport, JavaScript off).
 */
export async function newPage(browser: Browser, origin: string, options: BrowserContextOptions = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: origin, locale: 'vi-VN', viewport: { width: 1280, height: 800 }, ...options });
  context.setDefaultTimeout(10_000);
  return { context, page: await context.newPage() };
}

/** Signs in through the login form, by its labels, and waits for the dashboard. */
export async function signIn(page: Page, email: string, password = demoPassword): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Địa chỉ thư điện tử').fill(email);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await page.waitForURL((url) => url.pathname === '/app').catch(async (error: Error) => {
    // Say why: a refused sign-in shows its reason in the error summary.
    const alert = await page.getByRole('alert').textContent().catch(() => null);
    throw new Error(`${email} did not reach /app (at ${page.url()}; alert: ${alert})\n${error.message}`);
  });
}

/** Text as a person reads it: runs of white space folded to one space, trimmed. */
export const clean = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();

/** The page's one level-1 heading, as read. */
export const headingOf = async (page: Page) => clean(await page.getByRole('heading', { level: 1 }).textContent());

/** The path the page is at. */
export const pathOf = (page: Page) => new URL(page.url()).pathname;

/**
 * Fills the batch's council meeting form on /app/nominations as a coordinator would: 7 of a
 * council of 9 present, by secret ballot, the nominee carried 7 for; `letter` gives the proposal
 * letter's number and the days, then saves.
 */
export async function fillCouncilMeeting(
  batch: Locator,
  nominee: string,
  letter: { proposalNumber: string; proposalDate: string; meetingDate: string; meetingPlace: string },
): Promise<void> {
  await batch.getByText('Thông tin tờ trình và biên bản họp xét', { exact: true }).click();
  await batch.getByLabel('Số tờ trình').fill(letter.proposalNumber);
  await batch.getByLabel('Ngày tờ trình').fill(letter.proposalDate);
  await batch.getByLabel('Ngày họp Hội đồng').fill(letter.meetingDate);
  await batch.getByLabel('Địa điểm họp').fill(letter.meetingPlace);
  await batch.getByLabel('Chủ trì cuộc họp', { exact: true }).fill('Bùi Thanh Hương');
  await batch.getByLabel('Thư ký cuộc họp', { exact: true }).fill('Đỗ Quang Huy');
  await batch.getByLabel('Tổng số thành viên Hội đồng', { exact: true }).fill('9');
  await batch.getByLabel('Số thành viên dự họp', { exact: true }).fill('7');
  await batch.getByLabel('Thành phần dự họp (mỗi người một dòng)').fill('Bùi Thanh Hương\nHoàng Minh Tuấn');
  await batch.getByLabel('Hình thức biểu quyết', { exact: true }).selectOption('secret_ballot');
  const votes = batch.getByRole('group', { name: `Kết quả biểu quyết: ${nominee}` });
  await votes.getByLabel('Đồng ý', { exact: true }).fill('7');
  await votes.getByLabel('Không đồng ý', { exact: true }).fill('0');
  await votes.getByLabel('Không biểu quyết', { exact: true }).fill('0');
  await batch.getByRole('button', { name: 'Lưu', exact: true }).click();
}
