#!/usr/bin/env node
// Fails when a production dependency has a known high or critical advisory that is not in the
// reviewed allowlist (.ci/audit-allowlist.json). Runs `npm audit --omit=dev --json`.
//
// An allowlist entry names the advisory (its GHSA id, or npm's numeric id), why it is accepted
// (no fix published, the vulnerable code path unused, …) and when that was last reviewed; an
// entry not reviewed for 90 days fails too, so an accepted risk is looked at again.
//
// If the registry's audit service cannot be reached the script fails as well: CI cannot vouch for
// what it could not check. NPM_AUDIT_UNAVAILABLE=warn turns that one case into a warning (for a
// mirror without the audit endpoint). AUDIT_REPORT=<file> reads a saved `npm audit --json` report
// instead of running npm (to try an allowlist).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const failing = new Set(['high', 'critical']);
const reviewDays = 90;

function auditReport() {
  if (process.env.AUDIT_REPORT) return readFileSync(process.env.AUDIT_REPORT, 'utf8');
  try {
    return execFileSync('npm', ['audit', '--omit=dev', '--json'], { cwd: path.join(here, '..'), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    // npm audit exits non-zero when it finds anything; its report is still on stdout.
    if (error.stdout) return error.stdout;
    throw error;
  }
}

// AUDIT_ALLOWLIST=<file> reads another allowlist (the tests of this script use it).
const allowlistPath = process.env.AUDIT_ALLOWLIST ?? path.join(here, 'audit-allowlist.json');
const allowlist = JSON.parse(readFileSync(allowlistPath, 'utf8')).advisories ?? [];
const problems = [];
for (const entry of allowlist) {
  for (const field of ['id', 'package', 'reason', 'reviewed']) if (!entry[field]) problems.push(`allowlist entry ${JSON.stringify(entry)} lacks "${field}"`);
  const age = (Date.now() - Date.parse(entry.reviewed)) / 86_400_000;
  if (!(age >= 0 && age <= reviewDays)) problems.push(`allowlist entry ${entry.id} (${entry.package}) was reviewed on ${entry.reviewed}: review it again (every ${reviewDays} days)`);
}

let report;
try {
  report = JSON.parse(auditReport());
} catch (error) {
  report = { error: { summary: String(error.message ?? error) } };
}
if (!report.vulnerabilities) {
  const why = report.error?.summary || report.message || 'no report';
  const message = `npm audit could not check the dependencies: ${why}`;
  if (process.env.NPM_AUDIT_UNAVAILABLE === 'warn') {
    console.warn(`audit: WARNING ${message}`);
    process.exit(problems.length ? 1 : 0);
  }
  console.error(`audit: ${message}\n(set NPM_AUDIT_UNAVAILABLE=warn only where the registry has no audit service)`);
  process.exit(1);
}

// Each advisory once, with the packages it reaches through.
const advisories = new Map();
for (const [name, vulnerability] of Object.entries(report.vulnerabilities)) {
  for (const via of vulnerability.via) {
    if (typeof via !== 'object' || !failing.has(via.severity)) continue;
    const ghsa = via.url?.match(/GHSA-[\w-]+/)?.[0];
    const key = ghsa ?? String(via.source);
    const known = advisories.get(key) ?? { ids: [ghsa, String(via.source)].filter(Boolean), package: via.name, title: via.title, severity: via.severity, url: via.url, reaches: new Set() };
    known.reaches.add(name);
    advisories.set(key, known);
  }
}

const allowed = new Set(allowlist.map((e) => String(e.id)));
const open = [...advisories.values()].filter((a) => !a.ids.some((id) => allowed.has(id)));
const accepted = [...advisories.values()].filter((a) => a.ids.some((id) => allowed.has(id)));
for (const a of accepted) console.log(`audit: allowed ${a.ids[0]} ${a.severity} in ${a.package}: ${a.title}`);
for (const a of open) problems.push(`${a.severity} ${a.ids[0]} in ${a.package} (via ${[...a.reaches].join(', ')}): ${a.title} ${a.url ?? ''}`);
const unused = allowlist.filter((e) => ![...advisories.values()].some((a) => a.ids.includes(String(e.id))));
for (const e of unused) console.log(`audit: allowlist entry ${e.id} (${e.package}) no longer matches anything; remove it`);

const counts = report.metadata?.vulnerabilities ?? {};
console.log(`audit: production dependencies: ${['critical', 'high', 'moderate', 'low'].map((s) => `${counts[s] ?? 0} ${s}`).join(', ')}`);
if (problems.length) {
  for (const p of problems) console.error(`audit: ${p}`);
  process.exit(1);
}
console.log('audit: no high or critical advisory outside the allowlist');
