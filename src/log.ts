import { pino } from 'pino';

/**
 * The server log: one JSON object per line on stdout (pino), for the operator and the log
 * collector, never for the visitor. A visitor who meets an unexpected error sees only the request
 * id; this log has the detail under the same id.
 *
 * What must never be written here (OWASP ASVS 5.0 §16.2.5, logging of sensitive data): passwords,
 * password hashes, session and reset tokens, cookies, TOTP secrets. Known keys are redacted by
 * pino; errors go through `errorDetail`, which drops the parameters drizzle puts into its "Failed
 * query" message (they hold the values written: a new account's argon2id hash, a reset token).
 */
export const log = pino({
  level: process.env.LOG_LEVEL ?? 'info',
  base: { service: 'press-par-awards' },
  timestamp: pino.stdTimeFunctions.isoTime,
  redact: {
    paths: [
      'password',
      'passwordHash',
      'token',
      'secret',
      'cookie',
      'authorization',
      '*.password',
      '*.passwordHash',
      '*.token',
      '*.secret',
      '*.cookie',
      '*.authorization',
      '*.headers.cookie',
      '*.headers.authorization',
      '*.headers["set-cookie"]',
    ],
    censor: '[redacted]',
  },
  serializers: { err: errorDetail },
});

export interface ErrorDetail {
  type: string;
  message: string;
  stack?: string;
  /** SQLSTATE or Node error code. */
  code?: string;
  /** The SQL text of a failed query, with its placeholders ($1…) but never their values. */
  query?: string;
  cause?: ErrorDetail;
}

/** Anything that looks like a secret inside free text: argon2 hashes, drizzle's parameter list. */
function scrub(text: string): string {
  return text
    .replace(/\nparams: [\s\S]*?(?=\n {4}at |$)/g, '\nparams: [redacted]')
    .replace(/params: [^\n]*/g, 'params: [redacted]')
    .replace(/\$argon2[a-z]*\$[^\s,"')]*/gi, '[redacted]');
}

/** An error and its causes, as far as it is safe to write them down. */
export function errorDetail(error: unknown, depth = 0): ErrorDetail {
  if (!(error instanceof Error)) return { type: typeof error, message: scrub(String(error)) };
  const e = error as Error & { code?: unknown; query?: unknown; cause?: unknown };
  const detail: ErrorDetail = { type: e.name, message: scrub(e.message), stack: e.stack ? scrub(e.stack) : undefined };
  if (typeof e.code === 'string') detail.code = e.code;
  if (typeof e.query === 'string') detail.query = e.query;
  if (e.cause !== undefined && depth < 5) detail.cause = errorDetail(e.cause, depth + 1);
  return detail;
}
