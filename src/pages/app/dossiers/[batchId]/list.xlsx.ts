import type { APIRoute } from 'astro';
import { pathId, requirePage } from '@/auth/guards';
import { attachmentDisposition } from '@/domain/entries/evidence/disposition';
import { batchListXlsx } from '@/domain/nominations/batch-export';
import { dossierFor } from '@/domain/nominations/dossier/data';
import { appDatabase } from '@/database';
import { translator } from '@/i18n';

/** The batch as Home Affairs lists it: STT, nominee, position, unit, award, achievement. */
export const GET: APIRoute = async (context) => {
  const user = requirePage(context);
  const { db } = await appDatabase();
  const dossier = await dossierFor(db, user, pathId(context.params.batchId));
  const bytes = await batchListXlsx(dossier, translator(context.locals.locale));
  return new Response(new Uint8Array(bytes), {
    headers: {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': attachmentDisposition(`danh-sach-de-nghi-dot-${dossier.batch.id}.xlsx`),
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
    },
  });
};
