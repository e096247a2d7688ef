import { config } from '@/config';

/**
 * The site's public address for absolute links (feed, sitemap, Open Graph): PUBLIC_ORIGIN when it
 * is set, as it should be behind a proxy; else the address this request came to. The route cache
 * keys pages by origin too, so one host's links are never served to another.
 */
export function siteOrigin(requestUrl: URL): string {
  return config().publicOrigin ?? requestUrl.origin;
}

export function absoluteUrl(origin: string, path: string): string {
  return new URL(path, origin).href;
}

// XML 1.0 allows tab, newline and carriage return among the control characters, nothing else.
const notXmlChar = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Text or attribute content for XML (the feed, the sitemap). */
export function escapeXml(value: string): string {
  return value
    .replace(notXmlChar, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
