// @ts-check
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';

export default defineConfig({
  output: 'server',
  adapter: node({ mode: 'standalone' }),
  server: { port: 4321, host: true },
  // Sessions are our own (src/auth, the Lucia design); Astro's session storage is not used.
  session: false,
  // The public pages' response cache: Astro's in-memory route cache, wrapped (see the provider's
  // file) so that signed-in visitors bypass it, pages get ETags, and gallery changes made on any
  // instance invalidate it (src/domain/gallery/changes.ts).
  cache: { provider: { name: 'public-pages', entrypoint: './src/domain/gallery/cache.ts', config: { max: 1000 } } },
  // What is cached, and for how long at most: invalidation is explicit (galleryChanged), so the
  // max-age only bounds what nothing announces — newly confirmed entries in the results' counts,
  // campaign dates, an entry withdrawn under a published item, a lost database listener.
  // Pages add their own tags (an item, a year) with tagPublicPage(). The English pages are cached
  // under their own addresses (src/pages/en gives them a route) with the same tags.
  routeRules: {
    '/': { maxAge: 300, tags: ['public', 'gallery:list'] },
    '/gallery': { maxAge: 300, tags: ['public', 'gallery:list'] },
    '/gallery/[slug]': { maxAge: 300, tags: ['public'] },
    '/gallery/rss.xml': { maxAge: 300, tags: ['public', 'gallery:list'] },
    '/results/[year]': { maxAge: 300, tags: ['public'] },
    '/sitemap.xml': { maxAge: 300, tags: ['public', 'gallery:list'] },
    '/robots.txt': { maxAge: 300, tags: ['public'] },
    '/en': { maxAge: 300, tags: ['public', 'gallery:list'] },
    '/en/gallery': { maxAge: 300, tags: ['public', 'gallery:list'] },
    '/en/gallery/[slug]': { maxAge: 300, tags: ['public'] },
    // /en/gallery/[slug] would take the feed's address too, with too few tags.
    '/en/gallery/rss.xml': { maxAge: 300, tags: ['public', 'gallery:list'] },
    '/en/results/[year]': { maxAge: 300, tags: ['public'] },
  },
  // Whitespace between inline elements matters in running Vietnamese text.
  compressHTML: true,
  security: {
    checkOrigin: true,
    // 1 MB, Astro's default, said here because src/actions/outcome.ts (formBodyLimit) names it to
    // the person whose form was heavier: a field error naming the limit, not a generic failure.
    actionBodySizeLimit: 1024 * 1024,
    csp: {
      directives: [
        "default-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
      ],
    },
  },
  vite: {
    ssr: {
      // Native and WASM packages are loaded from node_modules at run time, not bundled.
      external: ['@node-rs/argon2', '@electric-sql/pglite', 'postgres'],
    },
  },
});
