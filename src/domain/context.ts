/**
 * What a domain change takes from the request besides its input: the time it happens (tests pass
 * one) and the client address for the audit row,
 * and for a create, the form's key.
 */
export interface Context {
  now?: Date;
  ip?: string;
  /** The create form's key (src/domain/form-keys.ts): the same key twice makes one record. */
  formKey?: string;
}
