import { type AnyPgColumn, integer, text, timestamp } from 'drizzle-orm/pg-core';

/*
 * The columns many tables share, written once (drizzle's reusable column definitions). Each is a
 * function so that every table gets builders of its own: drizzle keeps per-table details (the
 * column's unique-constraint name) on the builder, which one shared builder would carry from the
 * first table into the next. This file imports no table, so that every table file may use it.
 */

/** A table's own key: `id integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY`. */
export const generatedId = () => integer().primaryKey().generatedAlwaysAsIdentity();

/** When the row was made: `created_at timestamptz NOT NULL DEFAULT now()`. */
export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** When the row last changed: the domain sets it with each change (no trigger does). */
export const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

/** The two together, for the records people edit. */
export const timestamps = () => ({ createdAt: createdAt(), updatedAt: updatedAt() });

/**
 * A row that a cookie or a link names as `<id>.<secret>` (sessions, sign-in challenges, password
 * resets; Lucia guide design): only the SHA-256 of the secret is stored, so a copy of the table
 * cannot be replayed.
 */
export const secretToken = () => ({
  id: text().primaryKey(),
  secretHash: text('secret_hash').notNull(),
});

/**
 * A required reference to another table's row: `<name> integer NOT NULL REFERENCES <table>(id)`,
 * with `ON DELETE CASCADE` when the row cannot outlive the one it points at. The same column
 * drizzle's `integer(name).notNull().references(…)` makes, written once.
 */
export const requiredReference = <Name extends string>(name: Name, target: () => AnyPgColumn, onDelete?: 'cascade' | 'restrict' | 'set null') =>
  integer(name)
    .notNull()
    .references(target, onDelete ? { onDelete } : {});
