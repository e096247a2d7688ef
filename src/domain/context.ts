/**
 * What a domain change takes from the request besides its input: the time it happens (tests pass
 * one) and the client address for the audit row.
 */
export interface Context {
  now?: Date;
  ip?: string;
}
