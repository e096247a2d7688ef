import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { test } from 'vitest';
import { openPglite } from '../../db/client';
import { galleryItems } from '../../db/schema';
import { seedDemo } from '../../db/seed/demo';
import { searchTextOf } from '../../src/domain/gallery/text';
import { actorFor } from '../support/accounts';
import { createEntry } from '../support/entries';
import { nginxBinary, type RunningNginx, startNginx } from '../support/nginx';
import { freePort, type RunningServer, startServer } from '../support/server';
import { print, printMachine } from './figures';

/**
 * Requests per second and p99 latency of the public gallery list and an item page, served by the
 * built app from its route cache, and rendered afresh (a query parameter the page ignores makes
 * every request a cache miss: the render, the ETag and the cache insertion), against a plain
 * node:http server sending the same bytes with the same headers, on the same machine in the same
 * run, and through nginx with the micro-cache of test/bench/nginx-micro-cache.conf (the documented
 * deployment; nginx, the Debian package, is started here on a loopback port with that file and a
 * temporary folder, and stopped; skipped if /usr/sbin/nginx is missing). 50 connections, 5 seconds
 * each, after a 1-second warm-up. Goals (issue 15): nginx cached ≥ 1× plain, the app alone (Astro's
 * route cache, src/domain/gallery/cache.ts) ≥ 0.3×. The app answers hits from a mirror ahead of
 * Astro's pipeline (src/domain/gallery/cache-mirror.ts, the hook in src/start.mjs); Astro's route
 * cache alone is measured by starting the built server without that hook. Prints figures; asserts nothing.
 *
 * autocannon is the load generator: it keeps 50 keep-alive connections busy and records latency
 * in an HDR histogram, which a hand-written loop of fetch() calls would do less precisely and
 * with more overhead of its own. Both servers run as separate processes, so the generator (this
 * process) does not compete with the server it measures inside one event loop.
 */
const connections = 50;
const seconds = 5;
const itemCount = 40;

test('public pages benchmark', async () => {
  if (!existsSync('dist/server/entry.mjs')) {
    print('public pages: skipped, the site is not built. Run `npx astro build` first (`npm test` does).');
    return;
  }
  printMachine();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'press-par-bench-'));
  let app: RunningServer | undefined;
  let plain: ChildProcess | undefined;
  let nginx: RunningNginx | undefined;
  try {
    const slug = await seed(dataDir);
    const pages = [
      ['/gallery', '/gallery'],
      ['item page', `/gallery/${slug}`],
    ] as const;
    app = await startServer({ DATA_DIR: dataDir, SEED_DEMO: '0' });
    const port = await freePort();
    const files = path.join(dataDir, 'plain');
    plain = await startPlainServer(
      port,
      files,
      await Promise.all(pages.map(async ([, pagePath]) => ({ path: pagePath, ...(await snapshot(app!.origin, pagePath)) }))),
    );
    const plainOrigin = `http://127.0.0.1:${port}`;
    if (existsSync(nginxBinary)) nginx = await startNginx(new URL(app.origin).port, await freePort());
    else print(`nginx: skipped, ${nginxBinary} is missing (apt-get install -y nginx)`);

    const figures = new Map<string, Record<string, Figures | undefined>>();
    for (const [label, pagePath] of pages) {
      figures.set(label, {
        'plain node:http': await load(plainOrigin, pagePath),
        'nginx micro-cache': nginx ? await load(nginx.origin, pagePath) : undefined,
        'app, page mirror': await load(app.origin, pagePath),
        'app, uncached': await load(app.origin, pagePath, { bust: true }),
      });
    }
    // Astro's route cache alone: the built server started by Astro's node adapter itself, without
    // src/start.mjs and so without the mirror ahead of Astro, on the same data once the app has
    // stopped (PGlite has one process at a time); plain node:http again, for a ratio measured beside it.
    await nginx?.stop();
    await app.stop();
    app = await startServer({ DATA_DIR: dataDir, SEED_DEMO: '0' }, { script: 'dist/server/entry.mjs' });
    for (const [label, pagePath] of pages) {
      const row = figures.get(label)!;
      row["Astro's cache alone"] = await load(app.origin, pagePath);
      row['plain, again'] = await load(plainOrigin, pagePath);
    }
    for (const [label, row] of figures) {
      print(`${label}:`);
      for (const [name, r] of Object.entries(row)) {
        if (r) print(`  ${name.padEnd(20)} ${fixed(r.rps, 0).padStart(7)} req/s   p99 ${String(r.p99).padStart(4)} ms   ${r.problems}`);
      }
      const baseline = row['plain node:http']!;
      const proxied = row['nginx micro-cache'];
      print(
        `  ratios: ${proxied ? `nginx/plain ${fixed(proxied.rps / baseline.rps, 2)} (goal ≥ 1), ` : ''}` +
          `Astro's cache alone/plain again ${fixed(row["Astro's cache alone"]!.rps / row['plain, again']!.rps, 2)} (goal ≥ 0.3), ` +
          `page mirror/plain ${fixed(row['app, page mirror']!.rps / baseline.rps, 2)}, uncached/plain ${fixed(row['app, uncached']!.rps / baseline.rps, 3)}`,
      );
    }
  } finally {
    if (plain && plain.exitCode === null) {
      plain.kill('SIGTERM');
    }
    await nginx?.stop();
    await app?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

/** The demo province and `itemCount` published items on a PGlite under `dataDir`; returns one item's slug. */
async function seed(dataDir: string): Promise<string> {
  const handle = await openPglite({ dataDir: path.join(dataDir, 'pglite') });
  try {
    await seedDemo(handle.db, { withEntries: false });
    const coordinator = await actorFor(handle.db, 'coordinator@demo.vn');
    const summary = `<p>${'Người dân nộp hồ sơ, nhận kết quả thủ tục hành chính trực tuyến, không phải đến trụ sở. '.repeat(6)}</p>`;
    for (let i = 1; i <= itemCount; i++) {
      const title = `Mô hình cải cách hành chính tiêu biểu số ${i}`;
      const entry = await createEntry(handle.db, i % 2 ? 'journalist@demo.vn' : 'journalist2@demo.vn', { title, status: 'scored', pressType: 'online', parAreas: ['procedures'] });
      await handle.db.insert(galleryItems).values({
        entryId: entry.id,
        slug: `mo-hinh-tieu-bieu-${i}`,
        title,
        summaryHtml: summary,
        kind: 'article',
        organisationId: entry.organisationId,
        authors: 'Trần Thị Thu Hà',
        year: 2024,
        parAreas: ['procedures'],
        pressType: 'online',
        award: i % 5 === 0 ? 'Bằng khen của Chủ tịch UBND tỉnh' : null,
        featured: i % 7 === 0,
        published: true,
        publishedAt: new Date(Date.UTC(2024, 10, 1, 0, i)),
        searchText: searchTextOf([title, summary]),
        createdById: coordinator.id,
      });
    }
  } finally {
    await handle.close();
  }
  return 'mo-hinh-tieu-bieu-1';
}

/** What the app sends for a page (status 200 checked): the plain server replays exactly this. */
async function snapshot(origin: string, pagePath: string): Promise<{ body: Buffer; headers: [string, string][] }> {
  const response = await fetch(`${origin}${pagePath}`);
  if (response.status !== 200) throw new Error(`${pagePath} answered ${response.status}`);
  const headers = [...response.headers].filter(([name]) => !['date', 'connection', 'keep-alive', 'transfer-encoding', 'x-astro-cache'].includes(name));
  return { body: Buffer.from(await response.arrayBuffer()), headers };
}

/** A node:http server, in its own process, answering each path with the stored bytes. */
async function startPlainServer(port: number, dir: string, pages: { path: string; body: Buffer; headers: [string, string][] }[]): Promise<ChildProcess> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const index = pages.map((page, i) => {
    writeFileSync(path.join(dir, `${i}.body`), page.body);
    return { path: page.path, file: path.join(dir, `${i}.body`), headers: page.headers };
  });
  const script = `
    const http = require('node:http');
    const fs = require('node:fs');
    const pages = new Map(${JSON.stringify(index)}.map((p) => [p.path, { body: fs.readFileSync(p.file), headers: p.headers }]));
    http.createServer((req, res) => {
      const page = pages.get(req.url);
      if (!page) { res.statusCode = 404; res.end(); return; }
      for (const [name, value] of page.headers) res.setHeader(name, value);
      res.end(page.body);
    }).listen(${port}, '127.0.0.1', () => process.stdout.write('ready\\n'));
  `;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`plain server exited with ${code}`)));
  });
  return child;
}

interface Figures {
  rps: number;
  p99: number;
  problems: string;
}

/** A warm-up second, then `seconds` of load; with `bust`, every request has its own address, so none is a cache hit. */
async function load(origin: string, pagePath: string, { bust = false } = {}): Promise<Figures> {
  let n = 0;
  const requests: autocannon.Request[] | undefined = bust
    ? [{ method: 'GET', setupRequest: (request) => ({ ...request, path: `${pagePath}?bench=${(n += 1)}` }) }]
    : undefined;
  const options = { url: `${origin}${pagePath}`, connections, requests };
  await autocannon({ ...options, duration: 1 });
  const result = await autocannon({ ...options, duration: seconds });
  const problems = [result.errors && `${result.errors} errors`, result.timeouts && `${result.timeouts} timeouts`, result.non2xx && `${result.non2xx} non-2xx`]
    .filter(Boolean)
    .join(', ');
  return { rps: result.requests.average, p99: result.latency.p99, problems };
}

const fixed = (value: number, digits: number) => value.toFixed(digits);
