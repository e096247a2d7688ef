import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import {
  assignments,
  campaigns,
  entryAuthors,
  evidenceFiles,
  galleryItems,
  nominationBatches,
  nominationEntries,
  nominations,
  organisations,
  users,
} from '../../db/schema';
import { sanitizeRichText } from '../../src/domain/entries/rich-text';
import { searchTextOf } from '../../src/domain/gallery/text';
import { actorFor } from '../support/accounts';
import { useBrowser } from '../support/browser';
import { parseCsv } from '../support/csv';
import { createEntry } from '../support/entries';
import { signedIn } from '../support/http';
import { useServer } from '../support/server';
import { xssMarker, xssPayloads } from '../support/xss-payloads';

/**
 * Issue #7 item 2: every payload of the corpus goes into every field a person types that is shown
 * back (plain text and rich text), and every page that shows them is opened in Chromium with the
 * CSP switched off (`bypassCSP`), so what is proved is the escaping and the sanitiser themselves;
 * the CSP header is asserted separately, as the second wall. The data is written before the server
 * starts (`prepare`), in a few batches of payloads per record, to keep the page count small:
 * rich text through the sanitiser the domain stores it with, plain text exactly as typed (stronger
 * than any form, which would trim or refuse).
 */

// PostgreSQL text cannot hold U+0000; the NUL payloads are still sent as search terms below.
const storable = (s: string) => s.replace(/\u0000/g, '');
const batchSize = 18;
const batches: string[][] = [];
for (let i = 0; i < xssPayloads.length; i += batchSize) batches.push(xssPayloads.slice(i, i + batchSize).map(storable));
const everything = xssPayloads.map(storable).join(' ');
/** Cells a spreadsheet would read as formulas (OWASP CSV injection). */
const formulaTitles = [`=cmd|' /C calc'!A0`, '+HYPERLINK("http://evil.example")', '-2+3+cmd|x', '@SUM(1+1)*cmd|x'];

interface Seeded {
  returned: number[];
  shortlisted: number[];
  assignmentIds: number[];
  nominationIds: number[];
  slugs: string[];
  batchId: number;
  campaignId: number;
}
const seeded: Seeded = { returned: [], shortlisted: [], assignmentIds: [], nominationIds: [], slugs: [], batchId: 0, campaignId: 0 };

async function prepare(db: Database) {
  const journalist = await actorFor(db, 'journalist@demo.vn');
  const coordinator = await actorFor(db, 'coordinator@demo.vn');
  const scorer = await actorFor(db, 'scorer2@demo.vn');
  // Shared names: the campaign, an organisation and a person, each carrying every payload.
  const [campaign] = await db.update(campaigns).set({ title: everything }).where(eq(campaigns.year, 2024)).returning();
  seeded.campaignId = campaign.id;
  const other = await actorFor(db, 'journalist2@demo.vn');
  await db.update(organisations).set({ name: everything, shortName: batches[0][0] }).where(eq(organisations.id, other.organisationId));
  await db.update(users).set({ name: everything, position: everything }).where(eq(users.id, other.id));
  await db.update(users).set({ position: everything }).where(eq(users.id, journalist.id));

  const [batch] = await db
    .insert(nominationBatches)
    .values({ campaignId: campaign.id, title: everything, meetingPlace: everything, membersPresent: everything, proposalNumber: batches[0][1], createdById: coordinator.id })
    .returning();
  seeded.batchId = batch.id;

  for (const [index, payloads] of batches.entries()) {
    const text = payloads.join(' ');
    const html = sanitizeRichText(payloads.join('\n'));
    const rich = { summaryHtml: html, backgroundHtml: html };
    // A returned entry: its reason, its page and its edit form.
    const returned = await createEntry(db, 'journalist@demo.vn', { status: 'returned', title: text, returnReason: text, programme: text, ...rich });
    seeded.returned.push(returned.id);
    await db.insert(entryAuthors).values({ entryId: returned.id, externalName: text, position: 1 });
    await db.insert(evidenceFiles).values({
      entryId: returned.id,
      storedName: `${randomBytes(16).toString('hex')}.pdf`,
      originalName: `${text}.pdf`,
      fileType: 'pdf',
      mediaType: 'application/pdf',
      sizeBytes: 10,
      sha256: '0'.repeat(64),
      uploadedById: journalist.id,
    });
    // A shortlisted entry: scored (with a comment), in the gallery, nominated.
    const shortlisted = await createEntry(db, 'journalist@demo.vn', { status: 'shortlisted', title: text, pressType: 'online', ...rich });
    seeded.shortlisted.push(shortlisted.id);
    await db.insert(entryAuthors).values({ entryId: shortlisted.id, externalName: text, position: 1 });
    const [assignment] = await db
      .insert(assignments)
      .values({ entryId: shortlisted.id, scorerId: scorer.id, assignedAt: new Date(), scoreStatus: 'draft', comment: text })
      .returning();
    seeded.assignmentIds.push(assignment.id);
    const slug = `xss-${index}`;
    seeded.slugs.push(slug);
    await db.insert(galleryItems).values({
      slug,
      entryId: shortlisted.id,
      title: text,
      summaryHtml: html,
      kind: 'article',
      organisationId: other.organisationId,
      authors: text,
      award: text,
      year: 2024,
      published: true,
      publishedAt: new Date(),
      searchText: searchTextOf([text]),
      createdById: coordinator.id,
    });
    const collective = index % 2 === 1;
    const [nomination] = await db
      .insert(nominations)
      .values({
        campaignId: campaign.id,
        batchId: batch.id,
        nomineeType: collective ? 'collective' : 'individual',
        nomineeUserId: collective ? null : journalist.id,
        nomineeOrganisationId: collective ? journalist.organisationId : null,
        awardForm: 'provincial_certificate',
        achievementSummary: text,
        collectiveCriteria: collective ? { completedParTasks: true, metEmulationContent: true, parIndexRating: 'good', evidence: text } : null,
        eligibilityDeclared: true,
        status: 'returned',
        reason: text,
        decisionNumber: payloads[0],
        createdById: coordinator.id,
      })
      .returning();
    seeded.nominationIds.push(nomination.id);
    await db.insert(nominationEntries).values({ nominationId: nomination.id, entryId: shortlisted.id, campaignId: campaign.id });
  }
  for (const title of formulaTitles) {
    const entry = await createEntry(db, 'journalist@demo.vn', { status: 'shortlisted', title });
    await db.insert(assignments).values({ entryId: entry.id, scorerId: scorer.id, assignedAt: new Date(), scoreStatus: 'submitted', total: 50, submittedAt: new Date(), comment: title });
  }
}

const server = useServer({}, { prepare, timeout: 120_000 });
const browser = useBrowser();
const contexts = new Map<string, BrowserContext>();

/** A Chromium context signed in as `email` (the session cookie from a real login), CSP off. */
async function contextFor(email: string | null): Promise<BrowserContext> {
  const key = email ?? 'anonymous';
  const existing = contexts.get(key);
  if (existing) return existing;
  const context = await browser.newContext({ bypassCSP: true, javaScriptEnabled: true });
  if (email) {
    const visitor = await signedIn(server.origin, email);
    await context.addCookies([...visitor.cookies].map(([name, value]) => ({ name, value, url: server.origin })));
  }
  contexts.set(key, context);
  return context;
}

interface Visit {
  status: number;
  csp: string | null;
  contentType: string;
  fired: string[];
}

/** Every dialog (dismissed) and every console line with the marker, from now on. */
function watchForScripts(page: Page): string[] {
  const fired: string[] = [];
  page.on('dialog', (dialog) => {
    fired.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('console', (message) => {
    if (message.text().includes(xssMarker)) fired.push(`console: ${message.text()}`);
  });
  return fired;
}

/** Opens a page, waits for it to settle, and reports any dialog or console marker (the page is hovered, focused and clicked through first). */
async function visit(page: Page, path: string): Promise<Visit> {
  page.removeAllListeners('dialog');
  page.removeAllListeners('console');
  const fired = watchForScripts(page);
  const response = await page.goto(new URL(path, server.origin).href, { waitUntil: 'load' });
  // Event handlers that need a person: move over, focus and click what is on the page.
  await page.mouse.move(5, 5);
  await page.mouse.move(200, 200);
  await page.keyboard.press('Tab');
  await page.waitForTimeout(50);
  return {
    status: response?.status() ?? 0,
    csp: response?.headers()['content-security-policy'] ?? null,
    contentType: response?.headers()['content-type'] ?? '',
    fired,
  };
}

async function visitAll(email: string | null, paths: string[]): Promise<void> {
  const context = await contextFor(email);
  const page = await context.newPage();
  try {
    for (const path of paths) {
      const result = await visit(page, path);
      expect(result.status, `${email} ${path}`).toBe(200);
      expect(result.fired, `${email} ${path}`).toEqual([]);
      if (result.contentType.startsWith('text/html')) {
        expect(result.csp, `${email} ${path}: CSP`).toMatch(/script-src 'self'/);
      }
    }
  } finally {
    await page.close();
  }
}

describe('the corpus', () => {
  it('has at least 60 payloads, each calling a marker', () => {
    expect(xssPayloads.length).toBeGreaterThanOrEqual(60);
    for (const payload of xssPayloads) expect(payload, payload).toMatch(/alert\(1\)|\\u0061|XSS-MARKER|&#97;|\\u003c|PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg/);
  });

  it('the listeners catch a script that runs (the test can fail)', async () => {
    const page = await (await contextFor(null)).newPage();
    const fired = watchForScripts(page);
    await page.setContent(`<p>${xssPayloads[0]}</p><img src=x onerror="${`console.log('${xssMarker}')`}">`);
    await page.waitForTimeout(100);
    await page.close();
    expect(fired.length).toBeGreaterThanOrEqual(2);
  });

  it('each payload alone, as the rich-text sanitiser stores it, runs nothing when shown', async () => {
    const page = await (await contextFor(null)).newPage();
    const fired = watchForScripts(page);
    // One document, each stored fragment in its own block, as a page would place them.
    const stored = xssPayloads.map((p) => sanitizeRichText(p));
    // Only the policy's tags survive, and a link only with an absolute http(s) address.
    for (const html of stored) {
      for (const [tag] of html.matchAll(/<[^>]*>/g)) {
        expect(tag, html).toMatch(/^<\/?(p|br|strong|em|ul|ol|li|a)( href="https?:\/\/[^"]*")?( rel="nofollow noopener noreferrer")?\s*\/?>$/);
      }
    }
    await page.setContent(stored.map((html) => `<section>${html}</section>`).join(''));
    await page.mouse.move(100, 100);
    for (const link of await page.locator('a').all()) await link.click({ timeout: 1000, noWaitAfter: true }).catch(() => {});
    await page.waitForTimeout(100);
    await page.close();
    expect(fired).toEqual([]);
  });
});

describe('every page that shows what people typed', () => {
  it('the journalist’s entries: list, page, edit form, returned reason, co-authors, evidence names', async () => {
    const paths = ['/app', '/app/entries', '/app/entries?status=returned'];
    for (const id of seeded.returned) paths.push(`/app/entries/${id}`, `/app/entries/${id}/edit`);
    for (const id of seeded.shortlisted.slice(0, 1)) paths.push(`/app/entries/${id}`);
    await visitAll('journalist@demo.vn', paths);
  });

  it('the scorer’s queue and scoring pages', async () => {
    await visitAll('scorer2@demo.vn', ['/app/scoring', ...seeded.assignmentIds.map((id) => `/app/scoring/${id}`)]);
  });

  it('the coordinator’s lists, results, nominations and the printable dossier', async () => {
    const paths = [
      '/app/scoring',
      '/app/scoring/assignments',
      '/app/scoring/results',
      '/app/nominations',
      '/app/nominations/new?kind=individual',
      '/app/nominations/new?kind=collective',
      '/app/gallery',
      '/app/campaigns',
      `/app/campaigns/${seeded.campaignId}`,
      `/app/dossiers/${seeded.batchId}`,
      `/app/dossiers/${seeded.batchId}/print?document=proposal`,
      `/app/dossiers/${seeded.batchId}/print?document=minutes`,
      ...seeded.nominationIds.map((id) => `/app/nominations/${id}`),
      ...seeded.nominationIds.map((id) => `/app/dossiers/${seeded.batchId}/print?document=report&nomination=${id}`),
    ];
    await visitAll('coordinator@demo.vn', paths);
  });

  it('the admin’s accounts and organisations', async () => {
    await visitAll('admin@demo.vn', ['/app/admin/accounts', '/app/admin/organisations', '/app/admin']);
  });

  it('the public gallery: home, list, items, the feed, and searches for each payload', async () => {
    const paths = ['/', '/gallery', '/results/2024', ...seeded.slugs.map((slug) => `/gallery/${slug}`)];
    // The search box echoes the query: a batch at a time in Chromium, each payload alone over HTTP.
    for (const payloads of batches) paths.push(`/gallery?q=${encodeURIComponent(payloads.join(' '))}`);
    await visitAll(null, paths);
    for (const payload of xssPayloads) {
      const response = await fetch(`${server.origin}/gallery?q=${encodeURIComponent(payload)}`);
      expect(response.status, payload).toBe(200);
      // Inside a quoted attribute (the search box's value) `<` is text; anywhere else the payload must not appear as typed.
      const outsideAttributes = (await response.text()).replace(/="[^"]*"/g, '=""');
      if (/[<>"]/.test(payload)) expect(outsideAttributes, payload).not.toContain(payload);
    }
    const feed = await fetch(`${server.origin}/gallery/rss.xml`);
    expect(feed.status).toBe(200);
    const xml = await feed.text();
    // Every payload escaped: a feed reader sees text, never markup.
    expect(xml.match(/<[a-z:]+/gi)?.filter((tag) => !/^<(rss|channel|title|link|description|language|atom:link|lastBuildDate|item|guid|pubDate|category)$/.test(tag))).toEqual([]);
    const page = await (await contextFor(null)).newPage();
    const result = await visit(page, '/gallery/rss.xml');
    await page.close();
    expect(result.fired).toEqual([]);
  }, 120_000);
});

describe('downloads a spreadsheet opens', () => {
  const formulaCell = /^[=+\-@\t\r]/;

  it('the results CSV puts an apostrophe before anything a spreadsheet would run', async () => {
    const coordinator = await signedIn(server.origin, 'coordinator@demo.vn');
    for (const sheet of ['entries', 'scorers']) {
      const response = await coordinator.get(`/app/scoring/export.csv?sheet=${sheet}`);
      expect(response.status).toBe(200);
      const csv = (await response.text()).slice(1); // the byte-order mark
      const cells = parseCsv(csv).flat();
      const risky = cells.filter((c) => formulaCell.test(c));
      expect(risky, sheet).toEqual([]);
      if (sheet === 'entries') for (const title of formulaTitles) expect(cells).toContain(`'${title}`);
    }
  });

  it('the XLSX downloads hold text, never formulas', async () => {
    const coordinator = await signedIn(server.origin, 'coordinator@demo.vn');
    for (const path of ['/app/scoring/export.xlsx', `/app/dossiers/${seeded.batchId}/list.xlsx`]) {
      const response = await coordinator.get(path);
      expect(response.status, path).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(await response.arrayBuffer());
      let texts = 0;
      workbook.eachSheet((sheet) =>
        sheet.eachRow((row) =>
          row.eachCell((cell) => {
            expect(cell.type, `${path} ${cell.address}`).not.toBe(ExcelJS.ValueType.Formula);
            if (typeof cell.value === 'string') texts++;
          }),
        ),
      );
      expect(texts, path).toBeGreaterThan(0);
    }
  });
});
