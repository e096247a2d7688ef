import { type AnyPgColumn, integer } from 'drizzle-orm/pg-core';

/**
 * A required reference to another table's row: `<name> integer NOT NULL REFERENCES <table>(id)`,
 * with `ON DELETE CASCADE` when the row cannot outlive the one it points at. The same column
 * drizzle's `integer(name).notNull().references(…)` makes, written once.
 */
export const requiredReference = <Name extends string>(name: Name, target: () => AnyPgColumn, onDelete?: 'cascade' | 'restrict' | 'set null') =>
  integer(name)
    .notNull()
    .references(target, onDelete ? { onDelete } : {});
