import { integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { users } from './users';
import { createdAt, requiredReference } from './columns';

/** The kinds of record a create form makes; an entry keeps its own key on its row (entries.form_key). */
export const formKeyKinds = ['batch', 'nomination', 'campaign', 'gallery_item', 'account', 'organisation'] as const;
export type FormKeyKind = (typeof formKeyKinds)[number];

/**
 * One row per create form submitted: the random key the form page rendered, claimed by the person
 * in the transaction that creates the record, with the record's id. The same key again (a double
 * click, back and resubmit, two tabs) finds this row and answers with the same record
 * (src/domain/form-keys.ts). The key is never a permission: it is looked up per person only.
 */
export const formKeys = pgTable(
  'form_keys',
  {
    userId: requiredReference('user_id', () => users.id, 'cascade'),
    key: text().notNull(),
    kind: text({ enum: formKeyKinds }).notNull(),
    recordId: integer('record_id'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
);
