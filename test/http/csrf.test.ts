import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoPassword } from '../../db/seed/demo';
import { createEntry } from '../support/entries';
import { signedIn, Visitor } from '../support/http';
import { useServer } from '../support/server';

/**
 * Issue #7 item 3. Every Action is listed from the source (src/actions/index.ts names the groups,
 * each group's file its actions), so an Action added later is attacked here without anyone
 * remembering to add it. Each is posted from another site, signed in as the admin, in every form
 * encoding a browser can send cross-site without a preflight, through both ways an Action is
 * reached (a page's `?_action=` and the `/_actions/` endpoint).
 */
function actionNames(): string[] {
  const index = readFileSync('src/actions/index.ts', 'utf8');
  const groups = [...index.matchAll(/^import \{ (\w+) \} from '\.\/(\w[\w-]*)';$/gm)];
  const exported = index.match(/export const server = \{([^}]*)\}/)![1].split(',').map((s) => s.trim()).filter(Boolean);
  const names: string[] = [];
  for (const [, group, file] of groups) {
    if (!exported.includes(group)) continue;
    const source = readFileSync(path.join('src/actions', `${file}.ts`), 'utf8');
    const block = source.slice(source.indexOf(`export const ${group} = {`));
    // Declared with Astro's defineAction through the error boundary, or with formAction (src/actions/form-action.ts).
    for (const [, action] of block.matchAll(/^ {2}(\w+): (?:defineAction|formAction)\(/gm)) names.push(`${group}.${action}`);
  }
  return names;
}

const actions = actionNames();

const server = useServer({}, { prepare: async (db) => void (draftId = (await createEntry(db, 'journalist@demo.vn')).id) });
let draftId = 0;

/** What a page from another site (or a sandboxed frame, or a privacy setting) can make a browser send. */
const senders: [string, Record<string, string>][] = [
  ['another origin', { origin: 'https://evil.example' }],
  ['Origin: null', { origin: 'null' }],
  ['no Origin, cross-site fetch metadata', { 'sec-fetch-site': 'cross-site', referer: 'https://evil.example/page' }],
  ['no Origin, no Referer', {}],
  ['a look-alike origin', { origin: 'http://127.0.0.1.evil.example' }],
];

const bodies: [string, string][] = [
  ['application/x-www-form-urlencoded', 'name=B%C3%A1o+Gi%E1%BA%A3&email=x%40evil.example&password=x'],
  ['Application/X-WWW-Form-Urlencoded; charset=UTF-8', 'name=x'],
  ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="name"\r\n\r\nx\r\n--x--\r\n'],
  ['MULTIPART/FORM-DATA; boundary="x"; charset=utf-8', '--x\r\nContent-Disposition: form-data; name="name"\r\n\r\nx\r\n--x--\r\n'],
  ['text/plain', 'name=x'],
  ['text/plain;charset=ISO-8859-1', 'name=x'],
];

describe('cross-site posts', () => {
  it('finds every Action in the source', () => {
    // A floor, not the list: the test walks whatever the source holds.
    expect(actions.length).toBeGreaterThanOrEqual(40);
    for (const name of ['auth.logIn', 'admin.createAccount', 'entries.save', 'scoring.save', 'nominations.approve', 'gallery.publish']) expect(actions).toContain(name);
  });

  it('refuses every Action with 403, whatever the encoding, the origin or the way in, and changes nothing', async () => {
    const admin = await signedIn(server.origin, 'admin@demo.vn');
    // The create form's key is new on every render (src/components/FormKey.astro): not a change.
    const page = (html: string) => html.replace(/name="formKey" value="[0-9a-f-]{36}"/g, 'name="formKey"');
    const before = await admin.get('/app/admin/organisations').then((r) => r.text()).then(page);
    let tried = 0;
    for (const action of actions) {
      for (const url of [`/app?_action=${action}`, `/_actions/${action}`]) {
        for (const [contentType, body] of bodies) {
          for (const [who, headers] of senders) {
            const response = await admin.request(url, { method: 'POST', body, headers: { 'content-type': contentType, ...headers } });
            expect(response.status, `${action} via ${url}, ${contentType}, ${who}`).toBe(403);
            expect(response.headers.getSetCookie(), `${action} ${who}`).toEqual([]);
            await response.body?.cancel();
            tried++;
          }
        }
      }
    }
    expect(tried).toBe(actions.length * 2 * bodies.length * senders.length);
    // The admin is still signed in and nothing the forms would create exists.
    const after = await admin.get('/app/admin/organisations');
    expect(after.status).toBe(200);
    expect(page(await after.text())).toBe(before);
  });

  it('gives a cross-site JSON post nothing either (a browser would preflight it; every Action takes forms only)', async () => {
    const admin = await signedIn(server.origin, 'admin@demo.vn');
    for (const action of actions) {
      const response = await admin.request(`/_actions/${action}`, {
        method: 'POST',
        body: JSON.stringify({ name: 'Báo Giả Mạo', email: 'x@evil.example' }),
        headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      });
      // 415: Astro's answer to JSON for a form Action. An Action that took JSON would answer 200 or 400 here.
      expect([403, 415], action).toContain(response.status);
      expect(response.headers.get('access-control-allow-origin'), action).toBeNull();
      await response.body?.cancel();
    }
  });

  it('refuses a cross-site login: no session is set', async () => {
    for (const [who, headers] of senders) {
      const visitor = new Visitor(server.origin);
      const response = await visitor.request('/login?_action=auth.logIn', {
        method: 'POST',
        body: new URLSearchParams({ email: 'admin@demo.vn', password: demoPassword }),
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      });
      expect(response.status, who).toBe(403);
      expect(visitor.cookies.size, who).toBe(0);
    }
  });

  it('refuses a cross-site upload of evidence, and stores nothing', async () => {
    const journalist = await signedIn(server.origin, 'journalist@demo.vn');
    for (const [who, headers] of senders) {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(Buffer.from('%PDF-1.4\n%%EOF\n'))], { type: 'application/pdf' }), 'a.pdf');
      const response = await journalist.request(`/app/entries/${draftId}/evidence`, { method: 'POST', body: form, headers: { accept: 'application/json', ...headers } });
      expect(response.status, who).toBe(403);
    }
    const edit = await (await journalist.get(`/app/entries/${draftId}/edit`)).text();
    expect(edit).not.toContain('a.pdf');
  });

  it('still takes the same form from this site (the refusals above are about the origin only)', async () => {
    const response = await new Visitor(server.origin).post('/login?_action=auth.logIn', { email: 'admin@demo.vn', password: demoPassword });
    expect(response.status).toBe(302);
  });
});

/** fetch() sends the Host of the URL whatever it is given; node:http sends the one we forge. */
function rawRequest(target: string, { method = 'GET', headers = {}, body }: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }>((resolve, reject) => {
    const request = http.request(new URL(target, server.origin), { method, headers }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text }));
    });
    request.on('error', reject);
    request.end(body);
  });
}

describe('forged Host and X-Forwarded-Host', () => {
  const forged: Record<string, string>[] = [{ host: 'evil.example' }, { 'x-forwarded-host': 'evil.example' }, { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' }, { forwarded: 'host=evil.example;proto=https' }];

  it('do not change absolute links (feed, sitemap, pages), redirects or cookies', async () => {
    const coordinator = await signedIn(server.origin, 'coordinator@demo.vn');
    for (const headers of forged) {
      const label = JSON.stringify(headers);
      for (const page of ['/gallery/rss.xml', '/sitemap.xml', '/robots.txt', '/', '/login', '/gallery']) {
        const response = await rawRequest(page, { headers });
        expect(response.status, `${page} ${label}`).toBe(200);
        expect(response.text, `${page} ${label}`).not.toContain('evil.example');
      }
      const signedInPage = await rawRequest('/app/nominations', { headers: { ...headers, cookie: coordinator.cookieHeader } });
      expect(signedInPage.status, label).toBe(200);
      expect(signedInPage.text, label).not.toContain('evil.example');

      const anonymous = await rawRequest('/app/entries', { headers });
      expect(anonymous.status, label).toBe(302);
      expect(anonymous.headers.location, label).toBe('/login?redirect=%2Fapp%2Fentries');

      const login = await rawRequest('/login?_action=auth.logIn', {
        method: 'POST',
        body: new URLSearchParams({ email: 'coordinator@demo.vn', password: demoPassword, redirect: '/app/nominations' }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.origin, ...headers },
      });
      // With PUBLIC_ORIGIN set (as in production, and on the test server) every request is taken
      // as addressed to it (src/start.mjs), so a forged Host is simply ignored.
      expect(login.status, label).toBe(302);
      expect(login.headers.location, label).toBe('/app/nominations');
      const [cookie] = login.headers['set-cookie'] ?? [];
      expect(cookie, label).toMatch(/^session=.+HttpOnly/i);
      expect(cookie, label).not.toMatch(/domain=/i);
      // A forwarded https claim does not change the cookie of this plain-http deployment.
      expect(cookie, label).not.toMatch(/;\s*secure/i);
    }
  });
});

describe('return paths never leave the site', () => {
  const offSite = [
    '//evil.example/',
    '/\\evil.example',
    '/\\/evil.example',
    '\\\\evil.example',
    '/%2F%2Fevil.example',
    '/%5Cevil.example',
    'https:evil.example',
    'https://evil.example/',
    'HTTPS://evil.example',
    'javascript:alert(1)',
    '/\t/evil.example',
    '/\n/evil.example',
    ' //evil.example',
    '//evil.example@127.0.0.1/',
    '/app/../../evil.example',
  ];

  /** The browser's reading of a Location: where would it go? */
  const landsOnSite = (location: string) => new URL(location, server.origin).origin === server.origin;

  it('the login redirect, posted', async () => {
    for (const redirect of offSite) {
      for (const prefix of ['', '/en']) {
        const response = await new Visitor(server.origin).post(`${prefix}/login?_action=auth.logIn`, { email: 'scorer1@demo.vn', password: demoPassword, redirect });
        expect(response.status, redirect).toBe(302);
        const location = response.headers.get('location')!;
        expect(landsOnSite(location), `${redirect} -> ${location}`).toBe(true);
        expect(location, redirect).toMatch(/^\/(?![/\\])/);
      }
    }
  });

  it('the login page’s hidden field, from the query string', async () => {
    for (const redirect of offSite) {
      const html = await (await fetch(`${server.origin}/login?redirect=${encodeURIComponent(redirect)}`)).text();
      const value = html.match(/name="redirect" value="([^"]*)"/)?.[1] ?? '';
      expect(value, redirect).toMatch(/^\/(?![/\\])/);
      expect(landsOnSite(value.replace(/&amp;/g, '&')), redirect).toBe(true);
    }
  });
});
