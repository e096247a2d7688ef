import type { APIRoute } from 'astro';
import { pathId, requirePage } from '@/auth/guards';
import { attachmentDisposition } from '@/domain/entries/evidence/disposition';
import { batchListCsv } from '@/domain/nominations/batch-export';
import { dossierFor } from '@/domain/nominations/dossier/data';
import { appDatabase } from '@/database';
import { translator } from '@/i18n';

/** The list of list.xlsx as CSV (DESIGN.md: Home Affairs takes the list as XLSX or CSV). */
export const GET: APIRoute = async (context) => {
  const user = requirePage(context);
  const { db } = await appDatabase();
  const dossier = await dossierFor(db, user, pathId(context.params.batchId));
  return new Response(batchListCsv(dossier, translator(context.locals.locale)), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8; header=present',
      'Content-Disposition': attachmentDisposition(`danh-sach-de-nghi-dot-${dossier.batch.id}.csv`),
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
    },
  });
};
