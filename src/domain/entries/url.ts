/** Query parameters that only say where a reader came from. */
const trackingParameters = /^(utm_\w+|fbclid|gclid|zarsrc|zalo_\w+)$/i;

/**
 * One key per published work, so the same article entered with `https://www.` or a tracking
 * query is still recognised as already entered in the campaign.
 */
export function urlKey(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const host = url.hostname.toLowerCase().replace(/^www\./, '').replace(/^m\./, '');
  const kept = [...url.searchParams].filter(([name]) => !trackingParameters.test(name)).sort(([a], [b]) => a.localeCompare(b));
  const query = kept.length ? `?${new URLSearchParams(kept).toString()}` : '';
  const path = decodeURI(url.pathname).replace(/\/+$/, '');
  return `${host}${path}${query}`;
}

export function isWebUrl(raw: string): boolean {
  return urlKey(raw) !== null;
}

/**
 * The href for an address a person typed, or undefined: checked again where it is rendered, so a
 * `javascript:` address stored before saves were checked (or by any other way in) is never a link.
 */
export function webHref(raw: string | null | undefined): string | undefined {
  return raw && isWebUrl(raw) ? raw.trim() : undefined;
}
