import sanitizeHtml from 'sanitize-html';

/**
 * The only HTML a person's text may carry: paragraphs, bold, italic, lists and http(s) links.
 * Everything passes through here on the server, every time, before it is stored.
 */
const policy: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'b', 'em', 'i', 'ul', 'ol', 'li', 'a'],
  // rel is ours: set on every link below, whatever the person wrote.
  allowedAttributes: { a: ['href', 'rel'] },
  allowedSchemes: ['http', 'https'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // Their content is code or markup, not prose: drop it with the tag.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'xmp', 'iframe', 'template', 'svg', 'math', 'title'],
  transformTags: {
    b: 'strong',
    i: 'em',
    a: (tagName, attribs) => ({ tagName, attribs: { ...linkTarget(attribs.href), rel: 'nofollow noopener noreferrer' } }),
  },
};

/**
 * Only an absolute http(s) address is kept. sanitize-html lets a scheme-less href through as a
 * relative link, and it strips only ASCII whitespace before looking for a scheme: a href like
 * "\u2028javascript:…" passed as "relative". A person's link to a page elsewhere is always absolute.
 */
function linkTarget(href: string | undefined): { href?: string } {
  return href && /^https?:\/\/[^\s]/i.test(href) ? { href } : {};
}

const looksLikeHtml = /<\/?[a-z][\s\S]*>/i;

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Plain text becomes paragraphs (blank line), line breaks and links (web addresses), so a person
 * who types no markup at all still gets a readable summary.
 */
function paragraphs(text: string): string {
  const linked = (p: string) => escapeText(p).replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}">${url}</a>`);
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${linked(p).replace(/\r?\n/g, '<br>')}</p>`)
    .join('');
}

export function sanitizeRichText(input: string): string {
  const source = input.normalize('NFC').trim();
  if (!source) return '';
  const html = looksLikeHtml.test(source) ? source : paragraphs(source);
  return sanitizeHtml(html, policy).trim();
}

/** The words of a rich-text value, to tell an empty one (`<p></p>`) from a real one. */
export function plainText(html: string): string {
  // sanitize-html leaves the text escaped; a plain-text reader (an excerpt, a feed) wants the characters.
  const text = sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} });
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}
