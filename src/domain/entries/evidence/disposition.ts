/**
 * `Content-Disposition: attachment` for a label that may be Vietnamese (RFC 6266): an ASCII
 * `filename` for old clients (diacritics dropped: "Cải cách.pdf" → "Cai cach.pdf") and the exact
 * name in `filename*` (RFC 8187, UTF-8, percent-encoded).
 */
export function attachmentDisposition(name: string): string {
  const ascii = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    // Quotes and backslashes would end or escape the quoted string; % is decoded by some browsers.
    .replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
