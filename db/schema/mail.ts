import { bigint, boolean, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './users';
import { generatedId, createdAt, updatedAt } from './columns';

/**
 * The outbox: every e-mail the site sends, written in the transaction of the change it announces
 * (so a rolled-back change sends nothing and a committed one is never lost). The job queue only
 * carries an outbox id; this table is the source of truth for what was sent. The `Message-ID` is
 * fixed here, so a retry after a crash sends the same one and a receiver can drop the duplicate.
 */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    messageId: text('message_id').notNull().unique(),
    userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
    toAddress: text('to_address').notNull(),
    locale: text().notNull(),
    kind: text().$type<MailKind>().notNull(),
    subject: text().notNull(),
    bodyText: text('body_text').notNull(),
    bodyHtml: text('body_html').notNull(),
    /** Reminders: one message per person per occasion (e.g. `scoring-3d:<campaign>:<user>`). */
    occasion: text().unique(),
    status: text().$type<'pending' | 'sent' | 'failed'>().notNull().default('pending'),
    attempts: integer().notNull().default(0),
    lastError: text('last_error'),
    /** When a job for it was put on the queue; null while no worker knows of it yet. */
    queuedAt: timestamp('queued_at', { withTimezone: true }),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [index('mail_outbox_status_idx').on(t.status, t.id)],
);

export const mailKinds = [
  'invitation',
  'password_reset',
  'entry_returned',
  'entry_submitted',
  'assignments_given',
  'batch_received',
  'nomination_returned',
  'decision_recorded',
  'reminder_scoring',
  'reminder_drafts',
  'reminder_nominations',
] as const;
export type MailKind = (typeof mailKinds)[number];

/** A person's e-mail choices; no row means the defaults (Vietnamese, everything on). */
export const mailSettings = pgTable('mail_settings', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  locale: text(),
  /** Reminders before a deadline. */
  reminders: boolean().notNull().default(true),
  /** Work handed to the person (an entry returned or waiting, assignments, a batch). Account and decision messages are always sent. */
  workNotices: boolean('work_notices').notNull().default(true),
  updatedAt: updatedAt(),
});

/** Reset links asked for at /reset-password, counted to bound them per client address and per account. */
export const passwordResetRequests = pgTable(
  'password_reset_requests',
  {
    id: generatedId(),
    email: text().notNull(),
    ip: text(),
    userId: integer('user_id').references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [index('password_reset_requests_ip_idx').on(t.ip, t.createdAt), index('password_reset_requests_user_idx').on(t.userId, t.createdAt)],
);
