import type { IncomingMessage, ServerResponse } from 'node:http';
import { sessionCookieName } from '@/auth/session';

/**
 * A mirror of the pages the route cache (cache.ts) has just stored, answered by src/start.mjs
 * before Astro's handler. Astro's pipeline costs several times a plain node:http answer even for
 * a cache hit (a Request, routing, a Response clone, a web stream to the socket), so a hit of a
 * busy public page is written from these bytes instead (test/bench/public-pages.ts).
 *
 * The route cache stays the store of record: a page is mirrored only when Astro's memory cache
 * stored it, every invalidation clears the whole mirror, and a copy expires when Astro's does.
 * Anything the mirror does not hold exactly — another method, a session cookie, another host —
 * goes to Astro as before.
 */

interface MirroredPage {
  status: number;
  /** Names and values in one list, as res.writeHead takes them. */
  headers: string[];
  body: Uint8Array;
  etag: string;
  expiresAt: number;
}

/** Astro's memory cache holds at most this many pages (astro.config.mjs); so does the mirror. */
const maxPages = 1000;
const pages = new Map<string, MirroredPage>();

/** Raw header values only: the key never merges two requests Astro could answer differently. */
interface RequestFacts {
  host: string | undefined;
  forwardedHost: string | undefined;
  forwardedProto: string | undefined;
  forwardedPort: string | undefined;
  /** Path and query as WHATWG URL parsing gives them, which is how Astro reads them. */
  pathAndQuery: string;
}

function keyOf(facts: RequestFacts): string {
  return [facts.host, facts.forwardedHost, facts.forwardedProto, facts.forwardedPort, facts.pathAndQuery].join('\0');
}

function pathAndQueryOf(url: URL): string {
  return url.pathname + url.search;
}

/** The cookie header names the session cookie: signed-in visitors never share a page. */
export function carriesSession(cookieHeader: string | null | undefined): boolean {
  if (!cookieHeader) return false;
  return cookieHeader.split(';').some((pair) => pair.trim().startsWith(`${sessionCookieName}=`));
}

/** Astro removes the first two from what it sends; a stored page never sets a cookie; the length is the body's. */
const notSent = new Set(['cdn-cache-control', 'cache-tag', 'set-cookie', 'content-length', 'x-astro-cache']);

/** Not sent with a 304: it has no body. */
const bodyHeaders = new Set(['content-type', 'content-length', 'content-encoding']);

/** Remembers a page Astro's cache has just stored, with the headers a hit of it is sent with. */
export function mirrorPage(request: Request, page: { status: number; headers: Headers; body: Uint8Array; maxAgeSeconds: number }): void {
  const etag = page.headers.get('etag');
  if (!etag || page.maxAgeSeconds <= 0) return;
  const headers: string[] = [];
  page.headers.forEach((value, name) => {
    if (!notSent.has(name)) headers.push(name, value);
  });
  headers.push('x-astro-cache', 'HIT', 'content-length', String(page.body.byteLength));
  const key = keyOf({
    host: request.headers.get('host') ?? undefined,
    forwardedHost: request.headers.get('x-forwarded-host') ?? undefined,
    forwardedProto: request.headers.get('x-forwarded-proto') ?? undefined,
    forwardedPort: request.headers.get('x-forwarded-port') ?? undefined,
    pathAndQuery: pathAndQueryOf(new URL(request.url)),
  });
  pages.delete(key);
  if (pages.size >= maxPages) pages.delete(pages.keys().next().value!);
  pages.set(key, { status: page.status, headers, body: page.body, etag, expiresAt: Date.now() + page.maxAgeSeconds * 1000 });
}

export function clearMirror(): void {
  pages.clear();
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * Writes the mirrored page for this request and returns true, or returns false (nothing written)
 * when Astro must answer it. A matching If-None-Match gets the 304 cache.ts would give.
 */
export function answerFromMirror(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== 'GET' || pages.size === 0 || carriesSession(single(req.headers.cookie))) return false;
  let pathAndQuery: string;
  try {
    // Astro builds its request URL by appending the raw path to an origin; so does this.
    pathAndQuery = pathAndQueryOf(new URL(`http://mirror${req.url ?? ''}`));
  } catch {
    return false;
  }
  const key = keyOf({
    host: single(req.headers.host),
    forwardedHost: single(req.headers['x-forwarded-host']),
    forwardedProto: single(req.headers['x-forwarded-proto']),
    forwardedPort: single(req.headers['x-forwarded-port']),
    pathAndQuery,
  });
  const page = pages.get(key);
  if (!page) return false;
  if (Date.now() >= page.expiresAt) {
    pages.delete(key);
    return false;
  }
  if (matchesEtag(single(req.headers['if-none-match']), page.etag)) {
    const headers: string[] = [];
    for (let i = 0; i < page.headers.length; i += 2) if (!bodyHeaders.has(page.headers[i])) headers.push(page.headers[i], page.headers[i + 1]);
    res.writeHead(304, headers);
    res.end();
    return true;
  }
  res.writeHead(page.status, page.headers);
  res.end(page.body);
  return true;
}

/** RFC 9110 If-None-Match: weak comparison, a list, or `*`. */
export function matchesEtag(ifNoneMatch: string | null | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const strip = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || strip(tag) === strip(etag));
}
