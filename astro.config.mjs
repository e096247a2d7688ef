// @ts-check
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';

export default defineConfig({
  output: 'server',
  adapter: node({ mode: 'standalone' }),
  server: { port: 4321, host: true },
  // Sessions are our own (src/auth, the Lucia design); Astro's session storage is not used.
  session: false,
  // Whitespace between inline elements matters in running Vietnamese text.
  compressHTML: true,
  security: {
    checkOrigin: true,
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
