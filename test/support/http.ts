import { expect } from 'vitest';
import { demoPassword } from '../../db/seed/demo';

/** A cookie-keeping client for one person, talking to the real server; never follows redirects. */
export class Visitor {
  cookies = new Map<string, string>();

  constructor(readonly origin: string) {}

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size && !headers.has('cookie')) headers.set('cookie', this.cookieHeader);
    const response = await fetch(new URL(path, this.origin), { ...init, headers, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const [name, value] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
      const expired = attributes.some((a) => /max-age=0\b/i.test(a.trim())) || value === '';
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  get(path: string, headers: HeadersInit = {}) {
    return this.request(path, { headers });
  }

  /** A same-origin form POST, as a browser sends it; a list of pairs may repeat a name (checkboxes). */
  post(path: string, fields: Record<string, string> | [string, string][], headers: HeadersInit = {}) {
    return this.request(path, {
      method: 'POST',
      body: new URLSearchParams(fields),
      headers: { origin: this.origin, 'content-type': 'application/x-www-form-urlencoded', ...headers },
    });
  }

  async logIn(email: string, password = demoPassword): Promise<Response> {
    const response = await this.post('/login?_action=auth.logIn', { email, password });
    if (password === demoPassword && response.status !== 302) {
      throw new Error(`login as ${email} answered ${response.status}`);
    }
    return response;
  }
}

export async function signedIn(origin: string, email: string): Promise<Visitor> {
  const visitor = new Visitor(origin);
  await visitor.logIn(email);
  return visitor;
}

/** The text of a page without tags, whitespace folded: what a reader sees. */
export async function textOf(response: Response): Promise<string> {
  const html = await response.text();
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A page that must answer `status` (a form refused with 400 is a page too): its HTML, and its text
 * as a reader sees it.
 */
export async function readPage(response: Response, status = 200): Promise<{ html: string; text: string }> {
  expect(response.status).toBe(status);
  const html = await response.text();
  return { html, text: await textOf(new Response(html)) };
}

/** The answer is a document served whole (200) as `contentType`: a feed, a download, an image. */
export function expectServedAs(response: Response, contentType: string) {
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe(contentType);
}

/** The slugs of the gallery cards on a page, in their order. */
export const slugsOn = (html: string) => [...html.matchAll(/<li class="gallery-card"[^>]*data-slug="([^"]+)"/g)].map((m) => m[1]);

/** The admin's "new account" form, posted by `visitor` (an admin or an outlet admin). */
export function postAccount(visitor: Visitor, fields: { name: string; email: string; role: string; organisationId: string; password?: string }) {
  return visitor.post('/app/admin/accounts?_action=admin.createAccount', fields);
}
