import pLimit from 'p-limit';
import { beforeAll, describe, expect, it } from 'vitest';
import { actorFor } from '../support/accounts';
import { signedIn, type Visitor } from '../support/http';
import { makeItem } from '../domain/gallery/fixtures';
import { useServer } from '../support/server';

/**
 * Issue #7 item 2, second half: SQL metacharacters (and numbers no column can hold, and the NUL
 * PostgreSQL refuses in text) in every search and filter parameter and every id in a path. Each
 * answer is 200, 400 or 404, never a 500, and afterwards every list is exactly what it was.
 */
const nasty = [
  "'",
  '"',
  ';--',
  '%',
  '_',
  '\\',
  "' OR 1=1--",
  '" OR ""="',
  "1' OR '1'='1",
  "1; DROP TABLE users;--",
  "1) UNION SELECT email, password_hash FROM users--",
  '%%%',
  '_%_',
  '\\%',
  '\u0000',
  'a\u0000b',
  '-1',
  '0',
  '1e999',
  'NaN',
  '0x10',
  '99999999999999999999999',
  '2147483648',
  '١٢',
  ' 1 ',
  'x'.repeat(5000),
];

const server = useServer({}, {
    prepare: async (db) => {
      const curator = await actorFor(db, 'coordinator@demo.vn');
      await makeItem(db, curator, { title: "Một cửa 100% trực tuyến: người dân không phải đi lại", summary: 'Tỉ lệ 100% hồ sơ_trực tuyến' });
    },
  });

/** Each parameter of each page that reads the query string, with the role that may open it. */
const surfaces: { who: string | null; path: string; params: string[] }[] = [
  { who: null, path: '/gallery', params: ['q', 'year', 'parArea', 'pressType', 'kind', 'organisation', 'page'] },
  { who: null, path: '/login', params: ['redirect'] },
  { who: 'journalist@demo.vn', path: '/app/entries', params: ['status', 'page'] },
  { who: 'coordinator@demo.vn', path: '/app/scoring/results', params: ['campaign', 'kind', 'pressType', 'parArea', 'flash', 'count'] },
  { who: 'coordinator@demo.vn', path: '/app/scoring/export.csv', params: ['campaign', 'kind', 'pressType', 'parArea', 'sheet'] },
  { who: 'coordinator@demo.vn', path: '/app/scoring/export.xlsx', params: ['campaign', 'kind', 'pressType', 'parArea'] },
  { who: 'coordinator@demo.vn', path: '/app/gallery/new', params: ['entry'] },
  { who: 'coordinator@demo.vn', path: '/app/gallery', params: ['flash'] },
];

/** Path segments that name a row. */
const pathTemplates: { who: string | null; path: (v: string) => string }[] = [
  { who: null, path: (v) => `/gallery/${v}` },
  { who: null, path: (v) => `/results/${v}` },
  { who: null, path: (v) => `/gallery/images/${v}` },
  { who: 'journalist@demo.vn', path: (v) => `/app/entries/${v}` },
  { who: 'journalist@demo.vn', path: (v) => `/app/entries/${v}/edit` },
  { who: 'journalist@demo.vn', path: (v) => `/app/entries/${v}/evidence/${v}` },
  { who: 'scorer2@demo.vn', path: (v) => `/app/scoring/${v}` },
  { who: 'coordinator@demo.vn', path: (v) => `/app/nominations/${v}` },
  { who: 'coordinator@demo.vn', path: (v) => `/app/gallery/${v}` },
  { who: 'coordinator@demo.vn', path: (v) => `/app/campaigns/${v}` },
  { who: 'coordinator@demo.vn', path: (v) => `/app/dossiers/${v}/print?document=report&nomination=${encodeURIComponent(v)}` },
  { who: 'appraiser@demo.vn', path: (v) => `/app/appraisal/${v}` },
];

const acceptable = [200, 400, 404];

describe('metacharacters in queries and paths', () => {
  let visitors: Map<string, Visitor>;
  const snapshot = async () => {
    const pages: string[] = [];
    for (const [who, path] of [
      [null, '/gallery'],
      [null, '/gallery?q=100%25'],
      ['journalist@demo.vn', '/app/entries'],
      ['coordinator@demo.vn', '/app/scoring/results'],
      ['admin@demo.vn', '/app/admin/accounts'],
    ] as const) {
      const response = who ? await visitors.get(who)!.get(path) : await fetch(`${server.origin}${path}`);
      expect(response.status, path).toBe(200);
      // A create form's key is new on every render (src/components/FormKey.astro): not a change.
      pages.push((await response.text()).replace(/name="formKey" value="[0-9a-f-]{36}"/g, 'name="formKey"'));
    }
    return pages;
  };

  beforeAll(async () => {
    visitors = new Map();
    for (const email of ['journalist@demo.vn', 'scorer2@demo.vn', 'coordinator@demo.vn', 'appraiser@demo.vn', 'admin@demo.vn']) visitors.set(email, await signedIn(server.origin, email));
  });

  it('answers 200, 400 or 404 to every value in every parameter, and nothing changes', async () => {
    const before = await snapshot();
    const urls: { who: string | null; url: string }[] = [];
    for (const { who, path, params } of surfaces) {
      for (const param of params) for (const value of nasty) urls.push({ who, url: `${path}?${param}=${encodeURIComponent(value)}` });
    }
    for (const { who, path } of pathTemplates) for (const value of nasty) urls.push({ who, url: path(encodeURIComponent(value)) });
    // The same parameter twice, and all of them at once.
    const together = surfaces.map(({ who, path, params }) => ({ who, url: `${path}?${params.map((p) => `${p}=${encodeURIComponent("' OR 1=1--")}&${p}=%25`).join('&')}` }));
    // A few at a time, as several visitors would: the server works while another answer travels.
    const inTurn = pLimit(3);
    const answers = await Promise.all(
      [...urls.map((u) => ({ ...u, redirect: 'manual' as const })), ...together.map((u) => ({ ...u, redirect: 'follow' as const }))].map(({ who, url, redirect }) =>
        inTurn(async () => {
          const response = who ? await visitors.get(who)!.get(url) : await fetch(`${server.origin}${url}`, { redirect });
          await response.body?.cancel();
          return { who, url, status: response.status };
        }),
      ),
    );
    for (const { who, url, status } of answers) expect(acceptable, `${who} ${url.slice(0, 200)}: ${status}`).toContain(status);
    expect(urls.length).toBeGreaterThan(1000);
    expect(await snapshot()).toEqual(before);
  }, 120_000); // over a thousand requests, with another test file running beside this one

  it('a quote or a comment in a search is only text: it finds what has it, not everything', async () => {
    const found = async (q: string) => (await (await fetch(`${server.origin}/gallery?q=${encodeURIComponent(q)}`)).text()).includes('người dân không phải đi lại');
    expect(await found('100%')).toBe(true);
    expect(await found("zzzq' OR 'a'='a")).toBe(false);
    expect(await found('zzzq%')).toBe(false);
  });
});
