import type { APIContext, APIRoute } from 'astro';
import type { EvidenceFile } from '@db/schema';
import { forbidden, notFound, requireUser } from '@/auth/guards';
import { parseId } from '@/domain/fields';
import { appDatabase } from '@/database';
import { addEvidence, evidenceLimitsFor } from '@/domain/entries/evidence/evidence';
import { EvidenceRefused, type EvidenceLimits, refusal, type RefusalReason, uploadAllowance } from '@/domain/entries/evidence/limits';
import { uploadRefusalStatus } from '@/domain/files/refusals';
import { uploadsDirectory } from '@/domain/files/storage';
import { DomainError } from '@/domain/errors';
import { receiveOneFile, wantsJson } from '@/http/multipart';
import { localePath, translator } from '@/i18n';

/**
 * The multipart body is streamed to disk (src/http/multipart.ts). Without JavaScript the form
 * posts here and is sent back to the edit page (303) with the outcome in the query; the page
 * script asks for JSON (`Accept: application/json`) and gets the outcome with its status.
 */

const statusOf: Record<RefusalReason | 'not_editable' | 'not_found', number> = {
  ...uploadRefusalStatus,
  entry_too_large: 413,
  not_editable: 403,
  not_found: 404,
};

export const POST: APIRoute = async (context) => {
  const user = requireUser(context);
  const entryId = parseId(context.params.id);
  const answer = answers(context, entryId);
  if (!entryId) return answer.denied('not_found');
  const { db } = await appDatabase();

  let limits: EvidenceLimits;
  try {
    limits = await evidenceLimitsFor(db, user, entryId);
  } catch (error) {
    return answer.failed(error);
  }

  const allowance = uploadAllowance(limits);
  const received = await receiveOneFile(context.request, {
    maxBytes: allowance.maxBytes,
    store: (stream, filename) => addEvidence(db, user, entryId, { stream, filename }, { uploadsDir: uploadsDirectory(), ip: context.locals.ip }),
  });
  switch (received.kind) {
    case 'stored':
      return answer.added(received.value);
    case 'failed':
      return answer.failed(received.error);
    case 'too_large':
      return answer.refused(refusal(allowance.reason, limits));
    default:
      return answer.refused(refusal(received.kind, limits));
  }
};

function answers(context: APIContext, entryId: number | undefined) {
  const { locale } = context.locals;
  const t = translator(locale);
  const json = wantsJson(context.request);
  const editPage = localePath(locale, `/app/entries/${entryId}/edit`);
  const back = (query: string) => new Response(null, { status: 303, headers: { Location: `${editPage}?${query}#evidence` } });

  const denied = (code: 'not_editable' | 'not_found'): Response => {
    if (!json) return code === 'not_found' ? notFound() : forbidden();
    const message = code === 'not_found' ? t('errors.notFoundTitle') : t('evidence.errors.not_editable');
    return Response.json({ ok: false, error: code, message }, { status: statusOf[code] });
  };
  const refused = ({ reason, key, params }: EvidenceRefused): Response => {
    if (!json) return back(`evidenceError=${reason}`);
    return Response.json({ ok: false, error: reason, message: t(key, params) }, { status: statusOf[reason] });
  };
  return {
    denied,
    refused,
    failed(error: unknown): Response {
      if (error instanceof EvidenceRefused) return refused(error);
      if (error instanceof DomainError && error.code === 'NOT_FOUND') return denied('not_found');
      if (error instanceof DomainError && error.code === 'FORBIDDEN') return denied('not_editable');
      throw error;
    },
    added(file: EvidenceFile): Response {
      if (!json) return back('evidence=added');
      const url = localePath(locale, `/app/entries/${file.entryId}/evidence/${file.id}`);
      return Response.json(
        { ok: true, file: { id: file.id, name: file.originalName, type: file.fileType, mediaType: file.mediaType, sizeBytes: file.sizeBytes, url } },
        { status: 201 },
      );
    },
  };
}
