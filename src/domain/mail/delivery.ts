import { and, eq, isNull, sql } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Database, Queryable } from '@db/client';
import { mailOutbox } from '@db/schema';

/** Attempts before a message is marked failed (the queue's retries plus the first try). */
export const maxAttempts = 9;

export function smtpTransport(smtpUrl: string): Transporter {
  return nodemailer.createTransport(smtpUrl);
}

/**
 * Sends one outbox message. A message already sent is not sent again (a job run twice sends
 * once); a crash between the SMTP server's answer and the update below sends it again on retry
 * with the same Message-ID, which the receiver can drop. An error is thrown so that the queue
 * retries with back-off; the last attempt marks the message failed.
 */
export async function deliverMail(db: Database, outboxId: number, transport: Transporter, from: string): Promise<'sent' | 'skipped'> {
  const [row] = await db
    .update(mailOutbox)
    .set({ attempts: sql`${mailOutbox.attempts} + 1` })
    .where(and(eq(mailOutbox.id, outboxId), eq(mailOutbox.status, 'pending')))
    .returning();
  if (!row) return 'skipped';
  try {
    await transport.sendMail({
      from,
      to: row.toAddress,
      subject: row.subject,
      text: row.bodyText,
      html: row.bodyHtml,
      messageId: row.messageId,
      // RFC 3834: no auto-replies (out-of-office) to a message a program sent.
      headers: { 'Auto-Submitted': 'auto-generated', 'Content-Language': row.locale },
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await db
      .update(mailOutbox)
      .set({ lastError: message.slice(0, 500), status: row.attempts >= maxAttempts ? 'failed' : 'pending' })
      .where(eq(mailOutbox.id, outboxId));
    throw error;
  }
  await db.update(mailOutbox).set({ status: 'sent', sentAt: new Date(), lastError: null }).where(eq(mailOutbox.id, outboxId));
  return 'sent';
}

/** Outbox messages no job knows of yet (written while no queue ran), oldest first, locked for the caller. */
export function unqueuedMail(tx: Queryable, limit = 100) {
  return tx
    .select({ id: mailOutbox.id })
    .from(mailOutbox)
    .where(and(eq(mailOutbox.status, 'pending'), isNull(mailOutbox.queuedAt)))
    .orderBy(mailOutbox.id)
    .limit(limit)
    .for('update', { skipLocked: true });
}
