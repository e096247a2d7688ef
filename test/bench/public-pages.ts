import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
 * route cache) ≥ 0.3×. The app answers hits from a mirror ahead of Astro's
 * pipeline (src/domain/gallery/cache-mirror.ts), so "app, cached" is that mirror. Prints figures; asserts nothing.
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
  let nginx: ChildProcess | undefined;
  try {
    const slug = await seed(dataDir);
    app = await startServer({ DATA_DIR: dataDir, SEED_DEMO: '0' });
    const port = await freePort();
    const files = path.join(dataDir, 'plain');
    plain = await startPlainServer(port, files, [
      { path: '/gallery', ...(await snapshot(app.origin, '/gallery')) },
      { path: `/gallery/${slug}`, ...(await snapshot(app.origin, `/gallery/${slug}`)) },
    ]);
    const plainOrigin = `http://127.0.0.1:${port}`;
    const nginxPort = existsSync(nginxBinary) ? await freePort() : undefined;
    if (nginxPort) nginx = await startNginx(path.join(dataDir, 'nginx'), new URL(app.origin).port, nginxPort);
    else print(`nginx: skipped, ${nginxBinary} is missing (apt-get install -y nginx)`);

    for (const [label, pagePath] of [
      ['/gallery', '/gallery'],
      ['item page', `/gallery/${slug}`],
    ] as const) {
      const baseline = await load(plainOrigin, pagePath);
      const cached = await load(app.origin, pagePath);
      const uncached = await load(app.origin, pagePath, { bust: true });
      const proxied = nginxPort ? await load(`http://127.0.0.1:${nginxPort}`, pagePath) : undefined;
      print(`${label}:`);
      for (const [name, r] of [
        ['plain node:http', baseline],
        ['nginx micro-cache', proxied],
        ['app, cached', cached],
        ['app, uncached', uncached],
      ] as const) {
        if (r) print(`  ${name.padEnd(18)} ${fixed(r.rps, 0).padStart(7)} req/s   p99 ${String(r.p99).padStart(4)} ms   ${r.problems}`);
      }
      print(
        `  ratios: ${proxied ? `nginx/plain ${fixed(proxied.rps / baseline.rps, 2)} (goal ≥ 1), ` : ''}app cached/plain ${fixed(cached.rps / baseline.rps, 2)} (goal ≥ 0.3), ` +
          `uncached/plain ${fixed(uncached.rps / baseline.rps, 3)}, cached/uncached ${fixed(cached.rps / uncached.rps, 1)}×`,
      );
    }
  } finally {
    if (plain && plain.exitCode === null) {
      plain.kill('SIGTERM');
    }
    if (nginx && nginx.exitCode === null) {
      nginx.kill('SIGQUIT');
      await new Promise((resolve) => nginx!.once('exit', resolve));
    }
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

const nginxBinary = '/usr/sbin/nginx';

/** nginx in the foreground (so that it is this run's child and stops with it), with test/bench/nginx-micro-cache.conf. */
async function startNginx(dir: string, appPort: string, port: number): Promise<ChildProcess> {
  mkdirSync(path.join(dir, 'cache'), { recursive: true });
  const site = readFileSync(new URL('./nginx-micro-cache.conf', import.meta.url), 'utf8')
    .replaceAll('@CACHE_DIR@', path.join(dir, 'cache'))
    .replaceAll('@APP_PORT@', appPort)
    .replaceAll('@NGINX_PORT@', String(port));
  const conf = path.join(dir, 'nginx.conf');
  writeFileSync(
    conf,
    `daemon off; worker_processes auto; pid ${dir}/nginx.pid; error_log ${dir}/error.log warn;
     events { worker_connections 1024; }
     http {
       access_log off;
       client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fastcgi;
       uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
       ${site}
     }`,
  );
  const child = spawn(nginxBinary, ['-c', conf, '-p', dir], { stdio: ['ignore', 'inherit', 'inherit'] });
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}; see ${dir}/error.log`);
    // Any answer: nginx is listening.
    const ready = await fetch(`http://127.0.0.1:${port}/gallery`).then(() => true, () => false);
    if (ready) return child;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('nginx did not answer');
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
