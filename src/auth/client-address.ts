import { isIP } from 'node:net';

/**
 * The socket's peer is the client unless it is one of our own reverse proxies; only then is
 * X-Forwarded-For read, right to left, skipping proxies we trust. A client can put anything in
 * that header, so without a trusted proxy setting it is ignored (a spoofed header must not
 * reset the login limit).
 */
export function clientAddress(peer: string, forwardedFor: string | null, trustedProxies: readonly string[]): string {
  const normalise = (ip: string) => ip.trim().replace(/^::ffff:/, '');
  const trusted = new Set(trustedProxies.map(normalise));
  let address = normalise(peer);
  if (!trusted.has(address) || !forwardedFor) return address;
  const hops = forwardedFor.split(',').map(normalise).reverse();
  for (const hop of hops) {
    if (!isIP(hop)) break;
    address = hop;
    if (!trusted.has(hop)) break;
  }
  return address;
}
