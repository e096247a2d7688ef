import { Readable } from 'node:stream';
import type { APIRoute } from 'astro';
import { pathId, requirePage } from '@/auth/guards';
import { attachmentDisposition } from '@/domain/entries/evidence/disposition';
import { dossierFor } from '@/domain/nominations/dossier/data';
import { dossierFileName } from '@/domain/nominations/dossier/documents';
import { renderDossierDocx } from '@/domain/nominations/dossier/docx';
import { requestedDocument } from '@/domain/nominations/dossier/request';
import { openSignedScan, servedVersion, signedScanFor } from '@/domain/nominations/dossier/scans';
import { appDatabase } from '@/database';
import { translator } from '@/i18n';

/** One document of a batch's dossier: the signed scan when there is one, else the DOCX draft. */
export const GET: APIRoute = async (context) => {
  const user = requirePage(context);
  const t = translator(context.locals.locale);
  const { db } = await appDatabase();
  const dossier = await dossierFor(db, user, pathId(context.params.batchId));
  const { document, nominationId } = requestedDocument(context.url.searchParams);
  const served = servedVersion(dossier, document, nominationId);
  const headers = { 'X-Content-Type-Options': 'nosniff', 'Content-Security-Policy': "default-src 'none'; sandbox", 'Cache-Control': 'private, no-store' };
  if (served.source === 'scan') {
    const scan = await signedScanFor(db, user, { batchId: dossier.batch.id, document, nominationId });
    const opened = scan && (await openSignedScan(scan));
    if (!opened) return new Response(null, { status: 404 });
    return new Response(Readable.toWeb(opened.stream) as ReadableStream, {
      headers: { ...headers, 'Content-Type': 'application/pdf', 'Content-Length': String(opened.sizeBytes), 'Content-Disposition': attachmentDisposition(dossierFileName(dossier, document, 'pdf', t, nominationId)) },
    });
  }
  const bytes = await renderDossierDocx(dossier, document, nominationId);
  return new Response(new Uint8Array(bytes), {
    headers: {
      ...headers,
      'Content-Type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'Content-Disposition': attachmentDisposition(dossierFileName(dossier, document, 'docx', t, nominationId)),
    },
  });
};
