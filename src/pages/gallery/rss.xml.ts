import type { APIRoute } from 'astro';
import { absoluteUrl, escapeXml, siteOrigin } from '@/components/home/site';
import { appDatabase } from '@/database';
import { feedItems } from '@/domain/gallery/public-queries';
import { escapeHtml } from '@/domain/nominations/dossier/html';
import { localePath, translator } from '@/i18n';

/**
 * RSS 2.0 of the newest published items (public and cached, like the gallery). Links are absolute
 * (PUBLIC_ORIGIN, else the request's origin). The summary is the card's plain-text excerpt; many
 * readers decode a title or description as HTML after the XML, so every text typed by a person is
 * escaped for HTML, then for XML (`<img>` arrives as `&amp;lt;img&amp;gt;`, shown as text).
 */
const feedText = (value: string) => escapeXml(escapeHtml(value));

export const GET: APIRoute = async ({ locals, url }) => {
  const { locale } = locals;
  const t = translator(locale);
  const origin = siteOrigin(url);
  const { db } = await appDatabase();
  const items = await feedItems(db);
  const link = (path: string) => escapeXml(absoluteUrl(origin, localePath(locale, path)));
  const newest = items.reduce<Date | undefined>((latest, item) => {
    const at = item.publishedAt ?? item.updatedAt;
    return !latest || at > latest ? at : latest;
  }, undefined);

  const body = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
    '<channel>',
    `<title>${escapeXml(t('publicPages.feed.title'))}</title>`,
    `<link>${link('/gallery')}</link>`,
    `<description>${escapeXml(t('publicPages.feed.description'))}</description>`,
    `<language>${locale}</language>`,
    `<atom:link href="${link('/gallery/rss.xml')}" rel="self" type="application/rss+xml"/>`,
    newest ? `<lastBuildDate>${newest.toUTCString()}</lastBuildDate>` : '',
    ...items.map((item) =>
      [
        '<item>',
        `<title>${feedText(item.title)}</title>`,
        `<link>${link(`/gallery/${item.slug}`)}</link>`,
        `<guid isPermaLink="true">${link(`/gallery/${item.slug}`)}</guid>`,
        item.publishedAt ? `<pubDate>${item.publishedAt.toUTCString()}</pubDate>` : '',
        `<description>${feedText(item.excerpt)}</description>`,
        `<category>${feedText(item.organisationName)}</category>`,
        '</item>',
      ].join(''),
    ),
    '</channel>',
    '</rss>',
  ].join('\n');
  return new Response(body, { headers: { 'Content-Type': 'application/rss+xml; charset=utf-8' } });
};
