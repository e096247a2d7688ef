// Starts the built server, then asks it for /healthz at once: opening the database (PGlite's
// start-up, migrations, the demo seed) happens now rather than on a visitor's first request.
process.env.ASTRO_NODE_AUTOSTART = 'disabled';
const { startServer, options } = await import('../dist/server/entry.mjs');

const { server } = startServer();
const publicOrigin = process.env.PUBLIC_ORIGIN ? new URL(process.env.PUBLIC_ORIGIN) : undefined;
if (publicOrigin) {
  // Behind a reverse proxy that ends TLS, Astro would see http://<Host> while the browser's Origin
  // is https://<public host>, and its cross-site check would refuse every form. With PUBLIC_ORIGIN
  // set, every request is taken as addressed to the public origin, whatever Host header the client
  // or the proxy sent: a forged Host changes no link, redirect or cookie either.
  const secure = publicOrigin.protocol === 'https:';
  server.server.prependListener('request', (req) => {
    req.headers.host = publicOrigin.host;
    if (secure && !req.socket.encrypted) Object.defineProperty(req.socket, 'encrypted', { value: true, configurable: true });
  });
}
const port = Number(process.env.PORT ?? options.port);
const response = await fetch(`http://127.0.0.1:${port}/healthz`).catch((error) => ({ ok: false, error }));
if (!response.ok) console.error('The database did not answer at start-up; /healthz will say so.', response.error ?? '');
