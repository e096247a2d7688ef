// Starts the built server, then asks it for /healthz at once: opening the database (PGlite's
// start-up, migrations, the demo seed) happens now rather than on a visitor's first request.
process.env.ASTRO_NODE_AUTOSTART = 'disabled';
const { startServer, options } = await import('../dist/server/entry.mjs');

startServer();
const port = Number(process.env.PORT ?? options.port);
const response = await fetch(`http://127.0.0.1:${port}/healthz`).catch((error) => ({ ok: false, error }));
if (!response.ok) console.error('The database did not answer at start-up; /healthz will say so.', response.error ?? '');
