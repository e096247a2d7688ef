import type { APIRoute } from 'astro';
import { absoluteUrl, escapeXml, siteOrigin } from '@/components/home/site';
import { appDatabase } from '@/database';
import { sitemapContent } from '@/domain/gallery/public-queries';
import { postedYears } from '@/domain/nominations/posting';
import { localePath, locales } from '@/i18n';

/**
 * Every public page, in both languages, each with its alternates (hreflang): home, the gallery,
 * each public item, each campaign's results, each year's posted nominees. Nothing else: the signed-in area and the login are
 * not for search engines (robots.txt).
 */
export const GET: APIRoute = async ({ url }) => {
  const origin = siteOrigin(url);
  const { db } = await appDatabase();
  const [{ items, years }, posted] = await Promise.all([sitemapContent(db), postedYears(db)]);
  const pages: { path: string; lastModified?: Date }[] = [
    { path: '/' },
    { path: '/gallery', lastModified: items.reduce<Date | undefined>((a, i) => (!a || i.updatedAt > a ? i.updatedAt : a), undefined) },
    ...items.map((item) => ({ path: `/gallery/${item.slug}`, lastModified: item.updatedAt })),
    ...years.map((year) => ({ path: `/results/${year}` })),
    ...posted.map((year) => ({ path: `/nominees/${year}` })),
  ];
  const href = (locale: (typeof locales)[number], path: string) => escapeXml(absoluteUrl(origin, localePath(locale, path)));
  const entries = pages.flatMap(({ path, lastModified }) =>
    locales.map((locale) =>
      [
        '<url>',
        `<loc>${href(locale, path)}</loc>`,
        lastModified ? `<lastmod>${lastModified.toISOString()}</lastmod>` : '',
        ...locales.map((alternate) => `<xhtml:link rel="alternate" hreflang="${alternate}" href="${href(alternate, path)}"/>`),
        '</url>',
      ].join(''),
    ),
  );
  const body = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ...entries,
    '</urlset>',
  ].join('\n');
  return new Response(body, { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
};
