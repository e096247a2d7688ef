import { createHash } from 'node:crypto';
import type { APIContext, CacheProvider, CacheProviderFactory } from 'astro';
import memoryCache, { type MemoryCacheProviderOptions } from 'astro/cache/memory';
import { answerFromMirror, carriesSession, clearMirror, matchesEtag, mirrorPage } from './cache-mirror';

/**
 * The public pages' response cache: Astro's route cache (astro.config.mjs `cache` and
 * `routeRules`) with this provider, which is Astro's in-memory LRU provider plus what the site
 * needs around it:
 *
 * - a request carrying the session cookie never reads or fills the cache: a signed-in visitor's
 *   page shows their name and menu, and the middleware marks it `no-store`. Anonymous pages are
 *   the same for everyone, so they can be shared.
 * - a stored page gets a strong ETag (a hash of its bytes) and `Cache-Control: public, no-cache`:
 *   browsers and proxies revalidate every time and get a 304 straight from memory, so an
 *   unpublished item leaves every screen at once instead of after a max-age.
 * - invalidation from outside a request (galleryChanged, the PostgreSQL listener in changes.ts),
 *   which Astro's `context.cache.invalidate` cannot do.
 * - a page rendered while an invalidation happened is not kept: it may hold what was just
 *   unpublished.
 *
 * Only 200 answers of HTML and XML/text are stored: a 404 for a slug that is not public yet, or
 * an image, never sits in memory.
 */

/** Cache tags. Route-level tags and lifetimes are in astro.config.mjs `routeRules`. */
export const cacheTags = {
  /** Every cached public page: cleared when invalidations may have been missed. */
  everything: 'public',
  /** Every page that lists gallery items: /, /gallery (any filter), the feed, the sitemap. */
  galleryList: 'gallery:list',
  /** The page of one item. */
  item: (itemId: number) => `gallery:item:${itemId}`,
  /** The public results of one campaign year. */
  results: (year: number) => `results:${year}`,
} as const;

type AstroCache = APIContext['cache'];

/**
 * Adds a page's own tags (an item, a year) to those of its route rule. Under /en/ the middleware
 * rewrites to the Vietnamese route within the same request, so `cache` is the English address's
 * (src/pages/en gives it a route and astro.config.mjs a rule): its page gets the same tags under
 * its own key. `cache` is absent only on a route the cache does not run for.
 */
export function tagPublicPage(cache: AstroCache | undefined, tags: string[]): void {
  if (cache?.enabled) cache.set({ tags });
}

export interface PublicPageChanges {
  tags?: string[];
  /** Paths as requested (`/gallery/<slug>`), for pages cached before they had their own tag. */
  paths?: string[];
}

interface Registry {
  providers: Set<CacheProvider>;
  /** Bumped by every invalidation; a render that saw it change is not kept. */
  generation: number;
  /** For src/start.mjs, which answers mirrored pages before Astro (cache-mirror.ts). */
  answerFromMirror: typeof answerFromMirror;
}

// On globalThis, so that the provider Astro loads and the modules the app imports share one
// registry even if a bundler gave them separate copies of this module.
const registryKey = Symbol.for('press-par-awards.public-page-cache');
const registry: Registry = ((globalThis as Record<symbol, Registry | undefined>)[registryKey] ??= {
  providers: new Set(),
  generation: 0,
  answerFromMirror,
});

/** Drops the matching pages from this process's cache (other instances: see changes.ts). */
export async function invalidatePublicPages({ tags = [], paths = [] }: PublicPageChanges): Promise<void> {
  registry.generation += 1;
  for (const provider of registry.providers) {
    if (tags.length) await provider.invalidate({ tags });
    for (const path of paths) await provider.invalidate({ path });
  }
}

const storableTypes = /^(text\/html|text\/plain|application\/xml|text\/xml|application\/rss\+xml)\b/i;

function notModified(response: Response): Response {
  const headers = new Headers(response.headers);
  for (const name of ['content-type', 'content-length', 'content-encoding']) headers.delete(name);
  void response.body?.cancel();
  return new Response(null, { status: 304, headers });
}

/** A buffered copy with an ETag, and its bytes; Astro's cookie bookkeeping (symbol properties) travels with it. */
async function withEtag(response: Response): Promise<{ page: Response; body: Uint8Array }> {
  const body = new Uint8Array(await response.arrayBuffer());
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
  const page = new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  for (const key of Object.getOwnPropertySymbols(response)) {
    Reflect.set(page, key, Reflect.get(response, key));
  }
  page.headers.set('ETag', etag);
  page.headers.set('Cache-Control', 'public, no-cache');
  return { page, body };
}

let renders = 0;

/** A page Astro's memory cache has just stored, for the mirror, with the lifetime its route rule gave it. */
function mirror(request: Request, stored: { page: Response; body: Uint8Array }) {
  const maxAge = /max-age=(\d+)/i.exec(stored.page.headers.get('CDN-Cache-Control') ?? '');
  mirrorPage(request, { status: stored.page.status, headers: stored.page.headers, body: stored.body, maxAgeSeconds: Number(maxAge?.[1] ?? 0) });
}

const publicPagesCache: CacheProviderFactory<MemoryCacheProviderOptions> = (options) => {
  const memory = memoryCache(options);
  const provider: CacheProvider = {
    name: 'public-pages',
    async invalidate(invalidateOptions) {
      clearMirror();
      await memory.invalidate(invalidateOptions);
    },
    async onRequest(context, next) {
      if (context.request.method !== 'GET' || carriesSession(context.request.headers.get('cookie'))) return next();
      const generation = registry.generation;
      // Each render gets its own tag, so that it can be dropped if an invalidation ran meanwhile.
      const renderTag = `render:${(renders += 1)}`;
      let stored: Awaited<ReturnType<typeof withEtag>> | undefined;
      const response = await memory.onRequest!(context, async () => {
        const rendered = await next();
        const storable =
          rendered.headers.has('CDN-Cache-Control') &&
          rendered.status === 200 &&
          storableTypes.test(rendered.headers.get('content-type') ?? '') &&
          // The middleware marks personal pages no-store; such a page is never shared, whatever its route.
          !/no-store|private/i.test(rendered.headers.get('cache-control') ?? '');
        if (!storable) {
          rendered.headers.delete('CDN-Cache-Control');
          return rendered;
        }
        rendered.headers.set('Cache-Tag', [rendered.headers.get('Cache-Tag'), renderTag].filter(Boolean).join(', '));
        stored = await withEtag(rendered);
        return stored.page;
      });
      if (registry.generation !== generation) await memory.invalidate({ tags: [renderTag] });
      else if (stored && response.headers.get('X-Astro-Cache') === 'MISS') mirror(context.request, stored);
      const etag = response.headers.get('ETag');
      if (response.status === 200 && etag && matchesEtag(context.request.headers.get('if-none-match'), etag)) {
        return notModified(response);
      }
      return response;
    },
  };
  registry.providers.add(provider);
  return provider;
};

export default publicPagesCache;
