import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium, type Locator, type Page, type Response } from 'playwright-core';
import { afterAll } from 'vitest';
import { demoPassword } from '../../db/seed/demo';
import { openForFile } from './for-file';

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

/** One headless Chromium (launchBrowser) for the tests of one file, launched before them and closed after. */
export function useBrowser(): Browser {
  return openForFile(launchBrowser, (browser) => browser.close());
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

/** Fills the login form by its labels and sends it; where that leads (the dashboard, a second factor) is the caller's to wait for. */
export async function submitSignIn(page: Page, email: string, password = demoPassword): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Địa chỉ thư điện tử').fill(email);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
}

/** Signs in through the login form, by its labels, and waits for the dashboard. */
export async function signIn(page: Page, email: string, password = demoPassword): Promise<void> {
  await submitSignIn(page, email, password);
  await page.waitForURL((url) => url.pathname === '/app').catch(async (error: Error) => {
    // Say why: a refused sign-in shows its reason in the error summary.
    const alert = await page.getByRole('alert').textContent().catch(() => null);
    throw new Error(`${email} did not reach /app (at ${page.url()}; alert: ${alert})\n${error.message}`);
  });
}

/**
 * A person who acts in several steps of one journey (the tests of a describe block, which run in
 * order): signed in at their first step, in a context of their own that their later steps go on
 * in, closed after the block. Call it inside the describe block.
 */
export function journeyPerson(browser: Browser, server: { origin: string }, email: string): { page(): Promise<Page> } {
  let signedIn: { context: BrowserContext; page: Page } | undefined;
  afterAll(async () => {
    await signedIn?.context.close();
  });
  return {
    async page() {
      if (!signedIn) {
        const opened = await newPage(browser, server.origin);
        await signIn(opened.page, email).catch(async (error: unknown) => {
          await opened.context.close();
          throw error;
        });
        signedIn = opened;
      }
      return signedIn.page;
    },
  };
}

/** Text as a person reads it: runs of white space folded to one space, trimmed. */
export const clean = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();

/** The page's one level-1 heading, as read. */
export const headingOf = async (page: Page) => clean(await page.getByRole('heading', { level: 1 }).textContent());

/** The path the page is at. */
export const pathOf = (page: Page) => new URL(page.url()).pathname;

/** Opens a section by its link in the main navigation, and waits for its page at `sectionPath`. */
export async function openSection(page: Page, name: string, sectionPath: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name, exact: true }).click();
  await page.waitForURL((url) => url.pathname === sectionPath);
}

/**
 * Clicks `button`, which posts the page's form, and returns the server's answer to that post (the
 * page the browser goes to), whose status says whether the form was taken or refused.
 */
export async function postForm(page: Page, button: Locator): Promise<Response> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.request().isNavigationRequest()),
    button.click(),
  ]);
  return response;
}

/**
 * Waits for the error summary of a refused form, then for its page to finish loading: the answer
 * replaces the page, so waiting for the load alone could still see the old one.
 */
export async function waitForErrorSummary(page: Page): Promise<void> {
  await page.getByRole('alert').waitFor();
  await page.waitForLoadState('load');
}

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
