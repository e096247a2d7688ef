import { existsSync } from 'node:fs';
import pLimit from 'p-limit';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { type PageRoute, pagePermissions, verdict } from '../../src/auth/permissions';
import { assignmentForScoring, saveScore } from '../../src/domain/scoring/scores';
import { actorFor } from '../support/accounts';
import { axeViolations } from '../support/axe';
import { newPage, screenshotPath, signIn, useBrowser } from '../support/browser';
import { data, everyone, type Person, people, prepare, roleOf, samples } from '../support/route-samples';
import { useServer } from '../support/server';

/**
 * Every page route of the permission table, opened in Chromium by each role that may open it (a
 * public page by a visitor only), on a 390 × 844 phone and a 1280 × 800 desktop: the page never
 * scrolls sideways (issue 16; WCAG 2.2 1.4.10 reflow) and axe-core finds no violation, touch targets
 * of at least 24 × 24 px (WCAG 2.2 2.5.8, axe's `target-size`) included. The routes and their
 * sample requests are the access matrix's (test/support/route-samples.ts), so a new route is
 * opened here too. What is not an HTML page (CSV, XLSX, DOCX, images, RSS, JSON) is told by the
 * answer's content type and left out.
 */

const viewports = [
  { width: 390, height: 844 },
  { width: 1280, height: 800 },
] as const;

const server = useServer({}, {
  timeout: 120_000,
  prepare: async (db, dataDir) => {
    await prepare(db, dataDir);
    // A submitted score, so the results matrix and its charts are drawn, not their empty notes.
    const scorer = await actorFor(db, people.scorerAssigned);
    const { criteria } = await assignmentForScoring(db, scorer, data.assignmentId);
    await saveScore(db, scorer, data.assignmentId, { points: Object.fromEntries(criteria.map((c) => [c.id, c.maxPoints - 1])), comment: 'Đủ số liệu.' }, 'submit');
  },
});
const browser = useBrowser();

/** One person per role that may open a route, and the paths each opens. */
function visits(): Map<Person, { route: PageRoute; path: string }[]> {
  const plan = new Map<Person, { route: PageRoute; path: string }[]>();
  for (const [route, list] of Object.entries(samples()) as [PageRoute, ReturnType<typeof samples>[PageRoute]][]) {
    const permission = pagePermissions[route];
    // A page anyone may open looks the same to everyone: the visitor stands for them all.
    const roles = verdict(permission, null) === 'allowed' ? [null] : [...new Set(everyone.map((p) => roleOf[p]))].filter((role) => verdict(permission, role) === 'allowed');
    for (const sample of list) {
      for (const role of roles) {
        // The one of that role the record lets in, where there is one; else they see the 404 page, still a page.
        const ofRole = everyone.filter((p) => roleOf[p] === role);
        const person = ofRole.find((p) => sample.ownership?.[p] === undefined) ?? ofRole[0];
        plan.set(person, [...(plan.get(person) ?? []), { route, path: sample.path }]);
      }
    }
  }
  return plan;
}

/** What sticks out past the right edge of the viewport, for the failure message. */
function overflow(page: Page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const scrollWidth = document.documentElement.scrollWidth;
    if (scrollWidth <= window.innerWidth) return null;
    const wide = [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > width + 0.5 && ![...el.children].some((c) => c.getBoundingClientRect().right > width + 0.5))
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ')[0]}` : ''} right ${Math.round(el.getBoundingClientRect().right)}`);
    return `scrollWidth ${scrollWidth}: ${wide.join(', ')}`;
  });
}

describe('every page, on a phone and a desktop', () => {
  it('scrolls no page sideways and has no axe-core violation', { timeout: 600_000 }, async () => {
    const found: Record<string, string[]> = {};
    const skipped: string[] = [];
    let opened = 0;
    // Two people at a time, each in a context (cookie jar) and tab of their own: while one tab
    // waits for the server or for its screenshot, the other's axe run keeps the second core busy
    // (three at a time was no faster on two cores).
    const inTurn = pLimit(2);
    await Promise.all(
      [...visits()].map(([person, list]) =>
        inTurn(async () => {
          const { context, page } = await newPage(browser, server.origin, { viewport: viewports[0] });
          const email = people[person];
          if (email) await signIn(page, email);
          for (const { route, path } of list) {
            // Redirects followed, as the browser will: what matters is what it lands on.
            const answer = await page.request.get(path);
            const type = answer.headers()['content-type'] ?? '';
            await answer.dispose();
            if (!type.startsWith('text/html')) {
              skipped.push(`${route} (${type.split(';')[0]})`);
              continue;
            }
            opened++;
            for (const viewport of viewports) {
              await page.setViewportSize(viewport);
              await page.goto(path, { waitUntil: 'load' });
              const problems = [await overflow(page), ...(await axeViolations(page, { enable: ['target-size'] }))].filter((p): p is string => !!p);
              if (problems.length) found[`${person} ${viewport.width} ${path}`] = problems;
              if (viewport.width === 390) await page.screenshot({ path: screenshotPath(`phone-${person}${path.replace(/[/?=&]/g, '-')}`), fullPage: true });
            }
            await page.setViewportSize(viewports[0]);
          }
          await context.close();
        }),
      ),
    );
    expect(found).toEqual({});
    // Only endpoints are left out: a page (an .astro file) always answers HTML.
    const pages = skipped.filter((s) => ['.astro', '/index.astro'].some((end) => existsSync(`src/pages${s.replace(/ \(.*/, '')}${end}`)));
    expect(pages).toEqual([]);
    expect(skipped).toContain('/app/scoring/export.csv (text/csv)');
    expect(opened).toBeGreaterThan(50);
  });
});
