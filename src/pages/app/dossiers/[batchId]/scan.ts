import type { APIRoute } from 'astro';
import type { DossierScan } from '@db/schema';
import { forbidden, notFound, requirePage } from '@/auth/guards';
import { parseId } from '@/domain/fields';
import { appDatabase } from '@/database';
import { bytesPerMb } from '@/domain/entries/evidence/limits';
import { DomainError } from '@/domain/errors';
import { documentQuery, requestedDocument, scanInputId } from '@/domain/nominations/dossier/request';
import { scanRefusalMessage, scanRefusalOf, scanRefusals, type ScanRefusal } from '@/domain/nominations/dossier/scan-refusals';
import { attachSignedScan, maxScanMb } from '@/domain/nominations/dossier/scans';
import { receiveOneFile, wantsJson } from '@/http/multipart';
import { localePath, translator } from '@/i18n';

/**
 * The signed scan (PDF) of one dossier document, `?document=proposal|minutes|report&nomination=N`,
 * streamed to disk (src/http/multipart.ts). Only the coordinator, only while the batch is open:
 * the domain refuses a sent batch (409). Cross-site posts never get here: Astro's origin check
 * (`security.checkOrigin`) refuses multipart form posts from another origin, as for Actions.
 * Without JavaScript the answer is a redirect back to the dossier page with the outcome in the
 * query; the page's script asks for JSON and gets the status.
 */
export const POST: APIRoute = async (context) => {
  const coordinator = requirePage(context);
  const batchId = parseId(context.params.batchId);
  if (!batchId) notFound();
  const slot = { batchId, ...requestedDocument(context.url.searchParams) };
  const { locale } = context.locals;
  const t = translator(locale);
  const json = wantsJson(context.request);
  const page = localePath(locale, `/app/dossiers/${batchId}`);
  const inputId = scanInputId({ document: slot.document, nominationId: slot.nominationId ?? null });

  const refused = (code: ScanRefusal): Response => {
    if (!json) return back(`scanError=${code}&${documentQuery({ document: slot.document, nominationId: slot.nominationId ?? null })}#${inputId}`);
    return Response.json({ ok: false, error: code, message: scanRefusalMessage(code, t) }, { status: scanRefusals[code].status });
  };
  const back = (query: string) => new Response(null, { status: 303, headers: { Location: `${page}?${query}` } });
  const added = (scan: DossierScan): Response => {
    if (!json) return back(`scan=added#${inputId}-title`);
    return Response.json({ ok: true, scan: { id: scan.id, name: scan.originalName, sizeBytes: scan.sizeBytes } }, { status: 201 });
  };

  const { db } = await appDatabase();
  const received = await receiveOneFile(context.request, {
    maxBytes: maxScanMb * bytesPerMb,
    store: (stream, filename) => attachSignedScan(db, coordinator, slot, stream, filename, { ip: context.locals.ip }),
  });
  if (received.kind === 'stored') return added(received.value);
  if (received.kind !== 'failed') return refused(received.kind);
  const { error } = received;
  if (!(error instanceof DomainError)) throw error;
  const code = scanRefusalOf(error);
  if (code) return refused(code);
  if (error.code === 'NOT_FOUND') return json ? Response.json({ ok: false, error: 'not_found', message: t('errors.notFoundTitle') }, { status: 404 }) : notFound();
  if (error.code === 'FORBIDDEN') return json ? Response.json({ ok: false, error: 'forbidden', message: t('errors.forbiddenText') }, { status: 403 }) : forbidden();
  // A slot of the wrong shape (a report without its nominee): nothing a person chose, a bad address.
  return json ? Response.json({ ok: false, error: 'bad_request', message: t(error.key, error.problems[0].params) }, { status: 400 }) : notFound();
};

