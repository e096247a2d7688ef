import type { APIRoute } from 'astro';
import { notFound, requirePage } from '@/auth/guards';
import { appDatabase } from '@/database';
import { attachmentDisposition } from '@/domain/entries/evidence/disposition';
import { toCsv } from '@/domain/scoring/export/csv';
import { resultsExportFor } from '@/domain/scoring/export/results-tables';
import { translator } from '@/i18n';

/**
 * The results as CSV, one table per file: `?sheet=entries` (default) or `?sheet=scorers`, with
 * the results page's `campaign` and filters. Scores name their scorers: coordinators only.
 */
export const GET: APIRoute = async (context) => {
  requirePage(context);
  const params = context.url.searchParams;
  const t = translator(context.locals.locale);
  const { db } = await appDatabase();
  const { campaign, byEntry, byScorer } = (await resultsExportFor(db, params, t)) ?? notFound();
  const scorers = params.get('sheet') === 'scorers';
  const name = t(scorers ? 'results.export.fileByScorer' : 'results.export.fileByEntry', { year: campaign.year });
  return new Response(toCsv(scorers ? byScorer : byEntry), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8; header=present',
      'Content-Disposition': attachmentDisposition(`${name}.csv`),
      'Cache-Control': 'private, no-store',
    },
  });
};
