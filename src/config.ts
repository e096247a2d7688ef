import path from 'node:path';
import { z } from 'astro/zod';
import { type Role, roles } from '@db/schema/users';

const flag = z
  .enum(['0', '1', 'true', 'false', ''])
  .optional()
  .transform((v) => (v === undefined || v === '' ? undefined : v === '1' || v === 'true'));

const schema = z.object({
  DATABASE_URL: z.url().optional().or(z.literal('').transform(() => undefined)),
  DATA_DIR: z.string().default('./data'),
  PUBLIC_ORIGIN: z
    .url()
    .transform((v) => new URL(v).origin)
    .optional(),
  SEED_DEMO: flag,
  /** Addresses of reverse proxies whose X-Forwarded-For is believed, comma separated. */
  TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  /** An upload that sends nothing for this long is cut off and its partial file deleted (slow clients). */
  UPLOAD_IDLE_SECONDS: z.coerce.number().positive().default(30),
  SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(120),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().positive().default(12),
  /** Leftovers of a crash older than this are removed from DATA_DIR/uploads at start-up. */
  UPLOAD_SWEEP_GRACE_MINUTES: z.coerce.number().int().min(0).default(60),
  /**
   * Roles that must use a second factor, comma separated; set but empty means none. Unset means
   * admin, coordinator and appraiser, or none on a demo-seeded database (src/auth/second-factor.ts).
   */
  MFA_REQUIRED_ROLES: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined) return undefined;
      const names = v.split(',').map((s) => s.trim()).filter(Boolean);
      const unknown = names.filter((n) => !(roles as readonly string[]).includes(n));
      if (unknown.length) ctx.addIssue({ code: 'custom', message: `unknown role ${unknown.join(', ')} (known: ${roles.join(', ')})` });
      return names as Role[];
    }),
  /** `smtp://user:pass@host:587` or `smtps://…:465`; unset = e-mail stays in the outbox (/app/admin/outbox). */
  SMTP_URL: z
    .url({ protocol: /^smtps?$/ })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  MAIL_FROM: z.string().default('Giải báo chí CCHC Quảng Ninh <no-reply@localhost>'),
  /** A send not finished in this time is taken as lost (its worker crashed) and retried, same Message-ID. */
  MAIL_SEND_TIMEOUT_SECONDS: z.coerce.number().int().min(1).default(60),
  /** How often an idle mail worker looks for a message to send (pg-boss polls its queue). */
  MAIL_POLL_SECONDS: z.coerce.number().min(0.5).default(2),
  /** The wait before a failed send is tried again; it doubles at each later try, up to an hour. */
  MAIL_RETRY_SECONDS: z.coerce.number().int().min(1).default(10),
  /** How often sends past MAIL_SEND_TIMEOUT_SECONDS are looked for and put back to be tried again. */
  MAIL_EXPIRY_CHECK_SECONDS: z.coerce.number().int().min(1).default(60),
  /** How often the scheduler checks the deadlines for reminders and clears expired sessions (cron). */
  SCHEDULE_CRON: z.string().default('*/15 * * * *'),
});

export type Config = ReturnType<typeof loadConfig>;

/** Read once at start-up: a wrong setting stops the server with a message, not a later 500. */
export function loadConfig(env: Record<string, string | undefined> = process.env) {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const c = parsed.data;
  return {
    databaseUrl: c.DATABASE_URL,
    dataDir: path.resolve(c.DATA_DIR),
    publicOrigin: c.PUBLIC_ORIGIN,
    // The demo is on by default only for the embedded database, never silently on a real server.
    seedDemo: c.SEED_DEMO ?? !c.DATABASE_URL,
    trustedProxies: c.TRUSTED_PROXIES,
    uploadIdleMs: c.UPLOAD_IDLE_SECONDS * 1000,
    sessionIdleMs: c.SESSION_IDLE_MINUTES * 60_000,
    sessionAbsoluteMs: c.SESSION_ABSOLUTE_HOURS * 3_600_000,
    uploadSweepGraceMs: c.UPLOAD_SWEEP_GRACE_MINUTES * 60_000,
    mfaRequiredRoles: c.MFA_REQUIRED_ROLES,
    smtpUrl: c.SMTP_URL,
    mailFrom: c.MAIL_FROM,
    mailSendTimeoutSeconds: c.MAIL_SEND_TIMEOUT_SECONDS,
    mailPollSeconds: c.MAIL_POLL_SECONDS,
    mailRetrySeconds: c.MAIL_RETRY_SECONDS,
    mailExpiryCheckSeconds: c.MAIL_EXPIRY_CHECK_SECONDS,
    scheduleCron: c.SCHEDULE_CRON,
  };
}

let current: Config | undefined;
export function config(): Config {
  current ??= loadConfig();
  return current;
}
