import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/**
 * axe-core is injected with `page.evaluate(source)`: `page.addScriptTag({ content })` adds an
 * inline <script>, which the site's Content Security Policy refuses, and the pages must be tested
 * under their real CSP. Code evaluated through the DevTools protocol is not subject to it.
 */
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * Every axe-core violation on the page as it stands, one line each: rule, help, where. `enable`
 * turns on rules axe leaves off by default (`target-size`, WCAG 2.2 2.5.8).
 */
export async function axeViolations(page: Page, { enable = [] }: { enable?: string[] } = {}): Promise<string[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async (enable) => {
    type Run = (context: Document, options: { rules: Record<string, { enabled: boolean }> }) => Promise<{ violations: AxeViolation[] }>;
    const axe = (window as unknown as { axe: { run: Run } }).axe;
    const result = await axe.run(document, { rules: Object.fromEntries(enable.map((id) => [id, { enabled: true }])) });
    return result.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  }, enable);
  return violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}
