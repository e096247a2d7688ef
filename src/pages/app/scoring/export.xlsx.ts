import type { APIRoute } from 'astro';
import { notFound, requirePage } from '@/auth/guards';
import { appDatabase } from '@/database';
import { attachmentDisposition } from '@/domain/entries/evidence/disposition';
import { resultsExportFor } from '@/domain/scoring/export/results-tables';
import { toXlsx } from '@/domain/scoring/export/xlsx';
import { translator } from '@/i18n';

/** The results as one workbook with two sheets (per entry, per scorer): coordinators only. */
export const GET: APIRoute = async (context) => {
  requirePage(context);
  const t = translator(context.locals.locale);
  const { db } = await appDatabase();
  const { campaign, byEntry, byScorer } = (await resultsExportFor(db, context.url.searchParams, t)) ?? notFound();
  const workbook = await toXlsx([byEntry, byScorer], { creator: t('site.name') });
  return new Response(new Uint8Array(workbook), {
    headers: {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Length': String(workbook.byteLength),
      'Content-Disposition': attachmentDisposition(`${t('results.export.fileName', { year: campaign.year })}.xlsx`),
      'Cache-Control': 'private, no-store',
    },
  });
};
