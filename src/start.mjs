// Starts the built server, then asks it for /healthz at once: opening the database (PGlite's
// start-up, migrations, the demo seed) happens now rather than on a visitor's first request.
process.env.ASTRO_NODE_AUTOSTART = 'disabled';
const { startServer, options } = await import('../dist/server/entry.mjs');

const { server } = startServer();
answerCachedPagesFirst(server.server);
const port = Number(process.env.PORT ?? options.port);
const response = await fetch(`http://127.0.0.1:${port}/healthz`).catch((error) => ({ ok: false, error }));
if (!response.ok) console.error('The database did not answer at start-up; /healthz will say so.', response.error ?? '');

/**
 * A public page the route cache holds is written from its mirror before Astro's handler runs
 * (src/domain/gallery/cache-mirror.ts); everything else goes to Astro as before. The mirror is
 * found through the cache's registry, which exists once Astro has loaded the cache provider.
 */
function answerCachedPagesFirst(httpServer) {
  const astro = httpServer.listeners('request');
  httpServer.removeAllListeners('request');
  const registry = Symbol.for('press-par-awards.public-page-cache');
  httpServer.on('request', (req, res) => {
    if (globalThis[registry]?.answerFromMirror(req, res)) return;
    for (const listener of astro) listener.call(httpServer, req, res);
  });
}
