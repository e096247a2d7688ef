import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { pipeline } from 'node:stream/promises';
import type { APIContext, APIRoute } from 'astro';
import busboy from 'busboy';
import type { EvidenceFile } from '@db/schema';
import { forbidden, notFound, requireUser, rowId } from '@/auth/guards';
import { config } from '@/config';
import { appDatabase } from '@/database';
import { addEvidence, evidenceLimitsFor } from '@/domain/entries/evidence/evidence';
import { EvidenceRefused, type EvidenceLimits, refusal, type RefusalReason, uploadAllowance } from '@/domain/entries/evidence/limits';
import { uploadsDirectory } from '@/domain/entries/evidence/storage';
import { DomainError } from '@/domain/errors';
import { localePath, translator } from '@/i18n';

/**
 * Uploads bypass Astro Actions (which read the whole body, capped at 1 MB): the multipart body is
 * parsed as it arrives and the file streamed to disk. Without JavaScript the form posts here and
 * is sent back to the edit page (303) with the outcome in the query; the page script asks for
 * JSON (`Accept: application/json`) and gets the outcome with its status.
 */

/** Room for the multipart boundaries and part headers (with a long UTF-8 file name) around the file. */
const multipartOverhead = 64 * 1024;

const statusOf: Record<RefusalReason | 'not_editable' | 'not_found', number> = {
  no_file: 400,
  empty: 400,
  malformed: 400,
  timed_out: 408,
  type_not_allowed: 415,
  too_large: 413,
  entry_too_large: 413,
  not_editable: 403,
  not_found: 404,
};

export const POST: APIRoute = async (context) => {
  const user = requireUser(context);
  const entryId = rowId(context.params.id);
  const answer = answers(context, entryId);
  if (!entryId) return answer.denied('not_found');
  const { db } = await appDatabase();

  let limits: EvidenceLimits;
  try {
    limits = await evidenceLimitsFor(db, user, entryId);
  } catch (error) {
    return answer.failed(error);
  }

  // Refused before a byte of the body is read: the browser says how much it is about to send.
  const allowance = uploadAllowance(limits);
  const length = Number(context.request.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(length) && length > allowance.maxBytes + multipartOverhead) {
    return answer.refused(refusal(allowance.reason, limits));
  }
  const contentType = context.request.headers.get('content-type') ?? '';
  if (!/^multipart\/form-data\s*;/i.test(contentType) || !context.request.body) {
    return answer.refused(refusal('malformed', limits));
  }

  let parser: busboy.Busboy;
  try {
    // File names arrive as raw UTF-8 (what browsers send), not busboy's default Latin-1.
    parser = busboy({
      headers: { 'content-type': contentType },
      defParamCharset: 'utf8',
      limits: { files: 1, fields: 10, fieldSize: 1024, parts: 12, headerPairs: 20 },
    });
  } catch {
    return answer.refused(refusal('malformed', limits));
  }
  let upload: Promise<EvidenceFile> | undefined;
  parser.on('file', (field, stream, info) => {
    // An empty file input still sends a part, with no name and no bytes: "no file chosen".
    if (field !== 'file' || upload || !info.filename) {
      stream.resume();
      return;
    }
    upload = addEvidence(db, user, entryId, { stream, filename: info.filename }, { uploadsDir: uploadsDirectory(), ip: context.locals.ip });
    upload.catch(() => {}); // awaited below, after the body has been read
  });

  const body = Readable.fromWeb(context.request.body as unknown as NodeReadableStream<Uint8Array>);
  const idle = idleTimeout(body, parser, config().uploadIdleMs);
  const parsed = await Promise.race([
    pipeline(body, parser).then(
      () => true,
      () => false,
    ),
    idle.cutOff,
  ]);
  idle.stop();
  // Whatever the parser said, the upload's own clean-up (the temporary file) has finished here.
  const settled = upload && (await upload.then((file) => ({ file }), (error: unknown) => ({ error })));
  // A file whose part was complete is kept even if the form around it ended badly.
  if (settled && 'file' in settled) return answer.added(settled.file);
  if (!parsed) return answer.refused(refusal(idle.fired ? 'timed_out' : 'malformed', limits));
  return settled ? answer.failed(settled.error) : answer.refused(refusal('no_file', limits));
};

/**
 * A client that stops sending (a slowloris, a dead mobile link) would hold the request, its parser
 * and a temporary file until Node's 5-minute request timeout. Past UPLOAD_IDLE_SECONDS without a
 * byte the parser is destroyed, which ends the file's stream (the temporary file is deleted) and
 * the request is answered without waiting for the pipeline: a stalled body may never close.
 */
function idleTimeout(body: Readable, parser: busboy.Busboy, ms: number) {
  let fired = false;
  let timer: NodeJS.Timeout | undefined;
  let cut: (value: false) => void = () => {};
  const cutOff = new Promise<false>((resolve) => (cut = resolve));
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      fired = true;
      const error = new Error('the upload stalled');
      parser.destroy(error);
      body.destroy(error);
      cut(false);
    }, ms);
  };
  arm();
  body.on('data', arm);
  const stop = () => {
    clearTimeout(timer);
    body.off('data', arm);
  };
  body.once('close', stop);
  return {
    cutOff,
    stop,
    get fired() {
      return fired;
    },
  };
}

function answers(context: APIContext, entryId: number | undefined) {
  const { locale } = context.locals;
  const t = translator(locale);
  const wantsJson = (context.request.headers.get('accept') ?? '').includes('application/json');
  const editPage = localePath(locale, `/app/entries/${entryId}/edit`);
  const back = (query: string) => new Response(null, { status: 303, headers: { Location: `${editPage}?${query}#evidence` } });

  const denied = (code: 'not_editable' | 'not_found'): Response => {
    if (!wantsJson) return code === 'not_found' ? notFound() : forbidden();
    const message = code === 'not_found' ? t('errors.notFoundTitle') : t('evidence.errors.not_editable');
    return Response.json({ ok: false, error: code, message }, { status: statusOf[code] });
  };
  const refused = ({ reason, key, params }: EvidenceRefused): Response => {
    if (!wantsJson) return back(`evidenceError=${reason}`);
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
      if (!wantsJson) return back('evidence=added');
      const url = localePath(locale, `/app/entries/${file.entryId}/evidence/${file.id}`);
      return Response.json(
        { ok: true, file: { id: file.id, name: file.originalName, type: file.fileType, mediaType: file.mediaType, sizeBytes: file.sizeBytes, url } },
        { status: 201 },
      );
    },
  };
}
