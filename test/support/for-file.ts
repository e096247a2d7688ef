import { afterAll, beforeAll } from 'vitest';

/**
 * Something a test file opens once for all its tests (a database, the server, a browser): opened
 * in a `beforeAll`, closed in an `afterAll`, both registered where this is called. What it
 * returns stands for the opened thing: read it, or call its methods, once the tests run.
 */
export function openForFile<T extends object>(open: () => Promise<T>, close: (opened: T) => Promise<unknown>, timeout?: number): T {
  let opened: T | undefined;
  beforeAll(async () => {
    opened = await open();
  }, timeout);
  afterAll(async () => {
    if (opened) await close(opened);
  });
  return new Proxy({} as T, {
    get(_, key) {
      if (!opened) throw new Error(`read before beforeAll opened it: ${String(key)}`);
      const value = Reflect.get(opened, key, opened) as unknown;
      return typeof value === 'function' ? value.bind(opened) : value;
    },
  });
}
