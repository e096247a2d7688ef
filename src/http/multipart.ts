import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import { config } from '@/config';

/**
 * Uploads bypass Astro Actions (which read the whole body, capped at 1 MB): the multipart body is
 * parsed as it arrives and its one file handed, as a stream, to `store` (which writes it to disk).
 * Evidence files and signed dossier scans both come this way.
 */

/** Room for the multipart boundaries and part headers (with a long UTF-8 file name) around the file. */
const multipartOverhead = 64 * 1024;

export type Received<T> =
  | { kind: 'stored'; value: T }
  /** `store` refused the file (its error, for the route to answer). */
  | { kind: 'failed'; error: unknown }
  /** The browser said it is about to send more than `maxBytes` allows: refused before a byte is read. */
  | { kind: 'too_large' }
  | { kind: 'malformed' }
  /** The client sent nothing for `idleMs`: cut off, its temporary file deleted. */
  | { kind: 'timed_out' }
  | { kind: 'no_file' };

export interface ReceiveOptions<T> {
  /** The most the file may weigh; the body may carry the multipart overhead on top. */
  maxBytes: number;
  /** The file input's name. */
  field?: string;
  store: (stream: Readable, filename: string) => Promise<T>;
  /** How long the body may send nothing before the upload is cut off (UPLOAD_IDLE_SECONDS). */
  idleMs?: number;
}

export async function receiveOneFile<T>(
  request: Request,
  { maxBytes, field = 'file', store, idleMs = config().uploadIdleMs }: ReceiveOptions<T>,
): Promise<Received<T>> {
  const length = Number(request.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(length) && length > maxBytes + multipartOverhead) return { kind: 'too_large' };
  const contentType = request.headers.get('content-type') ?? '';
  if (!/^multipart\/form-data\s*;/i.test(contentType) || !request.body) return { kind: 'malformed' };

  let parser: busboy.Busboy;
  try {
    // File names arrive as raw UTF-8 (what browsers send), not busboy's default Latin-1.
    parser = busboy({
      headers: { 'content-type': contentType },
      defParamCharset: 'utf8',
      limits: { files: 1, fields: 10, fieldSize: 1024, parts: 12, headerPairs: 20 },
    });
  } catch {
    return { kind: 'malformed' };
  }
  let upload: Promise<T> | undefined;
  parser.on('file', (name, stream, info) => {
    // An empty file input still sends a part, with no name and no bytes: "no file chosen".
    if (name !== field || upload || !info.filename) {
      stream.resume();
      return;
    }
    upload = store(stream, info.filename);
    upload.catch(() => {}); // awaited below, after the body has been read
  });

  const { parsed, timedOut } = await parseBody(request.body, parser, idleMs);
  // Whatever the parser said, the upload's own clean-up (the temporary file) has finished here.
  const settled = upload && (await upload.then((value) => ({ value }), (error: unknown) => ({ error })));
  // A file whose part was complete is kept even if the form around it ended badly.
  if (settled && 'value' in settled) return { kind: 'stored', value: settled.value };
  if (!parsed) return { kind: timedOut ? 'timed_out' : 'malformed' };
  return settled ? { kind: 'failed', error: settled.error } : { kind: 'no_file' };
}

/** Pipes the body through the parser; false if it ended badly or stalled past `idleMs`. */
async function parseBody(source: ReadableStream<Uint8Array>, parser: busboy.Busboy, idleMs: number): Promise<{ parsed: boolean; timedOut: boolean }> {
  const body = Readable.fromWeb(source as unknown as NodeReadableStream<Uint8Array>);
  const idle = idleTimeout(body, parser, idleMs);
  const parsed = await Promise.race([
    pipeline(body, parser).then(
      () => true,
      () => false,
    ),
    idle.cutOff,
  ]);
  idle.stop();
  return { parsed, timedOut: idle.fired };
}

/**
 * A client that stops sending (a slowloris, a dead mobile link) would hold the request, its parser
 * and a temporary file until Node's 5-minute request timeout. Past `ms` without a byte the parser
 * is destroyed, which ends the file's stream (the temporary file is deleted), and the request is
 * answered without waiting for the pipeline: a stalled body may never close.
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

/** Whether the page's script asked for JSON (it shows progress); a plain form post gets a redirect. */
export function wantsJson(request: Request): boolean {
  return (request.headers.get('accept') ?? '').includes('application/json');
}

export type ReceivedForm<T> =
  | {
      kind: 'received';
      /** The text fields, as a browser sent them (repeated names kept). */
      fields: FormData;
      /** Each chosen file, in order: what `store` made of it, or why it refused it. */
      files: ({ value: T } | { error: unknown })[];
    }
  /** Refused as a whole; `files` are those stored before it was (the caller discards them). */
  | { kind: 'too_large' | 'malformed' | 'timed_out'; files: ({ value: T } | { error: unknown })[] };

export interface ReceiveFormOptions<T> {
  /** The most the body may weigh, files and fields together. */
  maxBytes: number;
  /** The file input's name; files of other names are skipped. */
  field: string;
  maxFiles: number;
  /** The largest text field (a rich-text field of 20,000 characters, in UTF-8). */
  maxFieldBytes?: number;
  /** Each file, one after the other as the body brings them (it writes the file to a temporary file). */
  store: (stream: Readable, filename: string, fieldsSoFar: FormData) => Promise<T>;
  idleMs?: number;
}

/**
 * A whole form with its files (the entry form's first step, issue 16): text fields collected,
 * each file handed as a stream to `store` as it arrives. The answer waits until every file's
 * `store` has settled, so a refused file's temporary file is gone before the route answers.
 */
export async function receiveForm<T>(
  request: Request,
  { maxBytes, field, maxFiles, maxFieldBytes = 128 * 1024, store, idleMs = config().uploadIdleMs }: ReceiveFormOptions<T>,
): Promise<ReceivedForm<T>> {
  const length = Number(request.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(length) && length > maxBytes + multipartOverhead) return { kind: 'too_large', files: [] };
  const contentType = request.headers.get('content-type') ?? '';
  if (!/^multipart\/form-data\s*;/i.test(contentType) || !request.body) return { kind: 'malformed', files: [] };
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { 'content-type': contentType },
      defParamCharset: 'utf8',
      limits: { files: maxFiles, fields: 300, fieldSize: maxFieldBytes, parts: 300 + maxFiles, headerPairs: 20 },
    });
  } catch {
    return { kind: 'malformed', files: [] };
  }
  const fields = new FormData();
  let truncated = false;
  parser.on('field', (name, value, info) => {
    if (info.valueTruncated) truncated = true;
    fields.append(name, value);
  });
  // One file at a time: the body brings them in order, each stored before the next begins.
  let chain: Promise<unknown> = Promise.resolve();
  const files: Promise<{ value: T } | { error: unknown }>[] = [];
  parser.on('file', (name, stream, { filename }) => {
    if (name !== field || !filename) {
      stream.resume();
      return;
    }
    const stored = chain.then(() => store(stream, filename, fields)).then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
    chain = stored;
    files.push(stored);
  });
  const { parsed, timedOut } = await parseBody(request.body, parser, idleMs);
  const settled = await Promise.all(files);
  if (!parsed) return { kind: timedOut ? 'timed_out' : 'malformed', files: settled };
  if (truncated) return { kind: 'too_large', files: settled };
  return { kind: 'received', fields, files: settled };
}
