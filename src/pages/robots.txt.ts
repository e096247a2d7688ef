import type { APIRoute } from 'astro';
import { absoluteUrl, siteOrigin } from '@/components/home/site';

/**
 * Search engines may read the public pages; the signed-in area, the login and the password-reset
 * links are not for them (they are no secret either: access is checked on every request). A
 * Disallow is a prefix, so `/app` covers `/app` and everything under `/app/`.
 */
export const GET: APIRoute = ({ url }) => {
  const disallowed = ['/app', '/login', '/logout', '/reset-password/'];
  const lines = [
    'User-agent: *',
    'Allow: /',
    ...disallowed.flatMap((path) => [`Disallow: ${path}`, `Disallow: /en${path}`]),
    '',
    `Sitemap: ${absoluteUrl(siteOrigin(url), '/sitemap.xml')}`,
    '',
  ];
  return new Response(lines.join('\n'), { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
};
