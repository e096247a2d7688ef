import { eq, sql } from 'drizzle-orm';
import { fromDrizzle, fromPglite, PgBoss } from 'pg-boss';
import type { DatabaseHandle, Queryable } from '@db/client';
import { mailOutbox } from '@db/schema';
import { deleteExpiredSessions } from '@/auth/session';
import { config } from '@/config';
import { deliverMail, maxAttempts, smtpTransport, unqueuedMail } from './delivery';
import { setMailQueue } from './outbox';
import { sendReminders } from './reminders';

const mailQueue = 'mail';
const scheduleQueue = 'schedule';

/**
 * The background work of one app instance, on pg-boss (see README, "E-mail"): it runs on
 * PostgreSQL through its own small pool and, on the embedded PGlite, in-process on the same
 * PGlite instance (pg-boss's `pglite` backend), so both modes share one mechanism and one outbox.
 * - `mail`: one job per outbox message, queued in the transaction that wrote it. pg-boss hands a
 *   job to one worker at a time (SKIP LOCKED), retries with exponential back-off, and a job whose
 *   worker died (SIGKILL mid-send) expires after MAIL_SEND_TIMEOUT_SECONDS and runs again, with the
 *   message's stored Message-ID. Without SMTP_URL no mail job is queued: messages stay in the outbox.
 *   How soon a job is picked up, retried and found expired is set by MAIL_POLL_SECONDS,
 *   MAIL_RETRY_SECONDS and MAIL_EXPIRY_CHECK_SECONDS (the tests shorten them rather than wait).
 * - `schedule`: reminders before deadlines and the clean-up of expired sessions (DESIGN.md: a
 *   session ends after its idle or absolute lifetime; the rows would otherwise stay for ever).
 *   pg-boss's cron fires once per tick across all instances.
 */
export async function startBackgroundWork(handle: DatabaseHandle): Promise<PgBoss> {
  const c = config();
  // pg-boss expires jobs in its monitor pass, which runs on a supervise tick once monitorIntervalSeconds has passed.
  const timings = { superviseIntervalSeconds: Math.min(5, c.mailExpiryCheckSeconds), monitorIntervalSeconds: c.mailExpiryCheckSeconds };
  const boss =
    handle.kind === 'pglite' && handle.pglite
      ? new PgBoss({ db: fromPglite(handle.pglite), backend: 'pglite', ...timings })
      : new PgBoss({ connectionString: c.databaseUrl!, max: 3, ...timings });
  boss.on('error', (error) => console.error('background work:', error));
  await boss.start();
  await boss.createQueue(mailQueue, {
    retryLimit: maxAttempts - 1,
    retryDelay: c.mailRetrySeconds,
    retryBackoff: true,
    retryDelayMax: 3600,
    expireInSeconds: c.mailSendTimeoutSeconds,
  });
  await boss.createQueue(scheduleQueue, { retryLimit: 0, expireInSeconds: 600 });
  const { db } = handle;

  if (c.smtpUrl) {
    const transport = smtpTransport(c.smtpUrl);
    setMailQueue(async (tx: Queryable, outboxId: number) => {
      await boss.send(mailQueue, { outboxId }, { db: fromDrizzle(tx as never, sql) });
    });
    await boss.work<{ outboxId: number }>(mailQueue, { batchSize: 1, pollingIntervalSeconds: c.mailPollSeconds }, async ([job]) => {
      await deliverMail(db, job.data.outboxId, transport, c.mailFrom);
    });
    await queueWaitingMail(handle, boss);
  }

  await boss.schedule(scheduleQueue, c.scheduleCron);
  await boss.work(scheduleQueue, async () => {
    const reminders = await sendReminders(db);
    if (reminders) console.info(`mail: ${reminders} reminder(s) written to the outbox`);
    await deleteExpiredSessions(db);
    if (c.smtpUrl) await queueWaitingMail(handle, boss);
  });
  return boss;
}

/** Messages written while no queue ran (another process, or before SMTP_URL was set) get their job. */
async function queueWaitingMail(handle: DatabaseHandle, boss: PgBoss) {
  for (;;) {
    const queued = await handle.db.transaction(async (tx) => {
      const rows = await unqueuedMail(tx);
      for (const { id } of rows) {
        await boss.send(mailQueue, { outboxId: id }, { db: fromDrizzle(tx as never, sql) });
        await tx.update(mailOutbox).set({ queuedAt: new Date() }).where(eq(mailOutbox.id, id));
      }
      return rows.length;
    });
    if (queued === 0) return;
  }
}
