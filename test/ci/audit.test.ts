import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * .ci/audit.mjs on saved `npm audit --json` reports (AUDIT_REPORT) and allowlists
 * (AUDIT_ALLOWLIST): what makes CI fail, and what it lets through. The registry this CI reaches has
 * no audit service, so these reports stand in for its answers.
 */
const folder = mkdtempSync(path.join(tmpdir(), 'press-par-audit-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

let files = 0;
function file(content: unknown): string {
  const name = path.join(folder, `${(files += 1)}.json`);
  writeFileSync(name, JSON.stringify(content));
  return name;
}

const advisory = (severity: string) => ({
  source: 1_099_999,
  name: 'sanitize-html',
  title: 'A made-up advisory for the test',
  url: 'https://github.com/advisories/GHSA-aaaa-bbbb-cccc',
  severity,
  range: '<99.0.0',
});

function report(severity?: string) {
  const vulnerabilities = severity ? { 'sanitize-html': { name: 'sanitize-html', severity, via: [advisory(severity)] } } : {};
  const count = (s: string) => (severity === s ? 1 : 0);
  return {
    auditReportVersion: 2,
    vulnerabilities,
    metadata: { vulnerabilities: { info: 0, low: count('low'), moderate: count('moderate'), high: count('high'), critical: count('critical'), total: severity ? 1 : 0 } },
  };
}

const today = new Date().toISOString().slice(0, 10);
const allowlist = (reviewed: string) => file({ advisories: [{ id: 'GHSA-aaaa-bbbb-cccc', package: 'sanitize-html', reason: 'the test says so', reviewed }] });
const empty = file({ advisories: [] });

function audit(reportContent: unknown, allowlistFile = empty, env: Record<string, string> = {}) {
  const run = spawnSync(process.execPath, ['.ci/audit.mjs'], {
    encoding: 'utf8',
    env: { ...process.env, NPM_AUDIT_UNAVAILABLE: '', AUDIT_REPORT: file(reportContent), AUDIT_ALLOWLIST: allowlistFile, ...env },
  });
  return { status: run.status, output: run.stdout + run.stderr };
}

describe('the dependency audit of .ci/run', () => {
  it('passes a clean report and one with only moderate advisories', () => {
    expect(audit(report()).status).toBe(0);
    expect(audit(report('moderate')).status).toBe(0);
  });

  it('fails on a high or critical advisory that is not allowlisted, and names it', () => {
    for (const severity of ['high', 'critical']) {
      const { status, output } = audit(report(severity));
      expect(status, severity).toBe(1);
      expect(output).toContain('GHSA-aaaa-bbbb-cccc');
    }
  });

  it('lets a reviewed allowlisted advisory through, but not once its review is older than 90 days', () => {
    expect(audit(report('high'), allowlist(today)).status).toBe(0);
    const stale = audit(report('high'), allowlist('2020-01-01'));
    expect(stale.status).toBe(1);
    expect(stale.output).toContain('review it again');
  });

  it('fails when the audit service cannot answer, unless told to warn', () => {
    const unavailable = { message: '405 Method Not Allowed' };
    expect(audit(unavailable).status).toBe(1);
    const warned = audit(unavailable, empty, { NPM_AUDIT_UNAVAILABLE: 'warn' });
    expect(warned.status).toBe(0);
    expect(warned.output).toContain('WARNING');
  });
});
