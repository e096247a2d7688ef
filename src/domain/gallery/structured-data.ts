import type { PublicGalleryItem } from './queries';
import { webHref } from '@/domain/entries/url';

export interface ShareUrls {
  /** The item page's absolute address. */
  page: string;
  /** The cover's absolute address, if the item has one. */
  image?: string;
}

/**
 * schema.org data for search engines: an Article for a press work, a CreativeWork for an
 * initiative. Author names come from the curated authors line; a collective work is its
 * organisation's.
 */
export function structuredData(
  item: Pick<PublicGalleryItem, 'kind' | 'title' | 'authors' | 'organisationName' | 'year' | 'publishedAt' | 'updatedAt' | 'originalUrl' | 'award'>,
  description: string,
  urls: ShareUrls,
  { language, publisher, about }: { language: string; publisher: string; about: string[] },
): Record<string, unknown> {
  const names = item.authors && item.authors !== item.organisationName ? item.authors.split(/\s*[,;]\s*/).filter(Boolean) : [];
  const organisation = { '@type': 'Organization', name: item.organisationName };
  return {
    '@context': 'https://schema.org',
    '@type': item.kind === 'article' ? 'Article' : 'CreativeWork',
    headline: item.title,
    name: item.title,
    description,
    url: urls.page,
    mainEntityOfPage: urls.page,
    inLanguage: language,
    ...(urls.image ? { image: urls.image } : {}),
    author: names.length ? names.map((name) => ({ '@type': 'Person', name, affiliation: organisation })) : [organisation],
    sourceOrganization: organisation,
    publisher: { '@type': 'Organization', name: publisher },
    temporalCoverage: String(item.year),
    ...(item.publishedAt ? { datePublished: item.publishedAt.toISOString() } : {}),
    dateModified: item.updatedAt.toISOString(),
    ...(about.length ? { about } : {}),
    ...(webHref(item.originalUrl) ? { isBasedOn: webHref(item.originalUrl) } : {}),
    ...(item.award ? { award: item.award } : {}),
  };
}

/**
 * JSON safe inside <script type="application/ld+json">: a "</script>" or "<!--" in a title
 * must not end the element, so every "<" is written as \u003c (still the same JSON).
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
