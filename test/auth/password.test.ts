import { describe, expect, it } from 'vitest';
import { hashingLoad, hashPassword, verifyPassword } from '../../src/auth/password';

/**
 * Issue #7 item 4: each argon2id hash holds 19 MiB while it runs, so a burst of logins must queue
 * rather than all hash at once. Observed from the queue itself, not from timing, so it holds on a
 * loaded machine.
 */
describe('the cap on concurrent password hashing', () => {
  it('runs at most 4 of 20 concurrent checks at a time; the rest wait, and all finish correctly', async () => {
    const stored = await hashPassword('mật khẩu đúng 2024');
    let mostRunning = 0;
    let mostWaiting = 0;
    const watch = setInterval(() => {
      const { running, waiting } = hashingLoad();
      mostRunning = Math.max(mostRunning, running);
      mostWaiting = Math.max(mostWaiting, waiting);
    }, 1);
    const checks = Array.from({ length: 20 }, (_, i) => verifyPassword(stored, i % 2 ? 'mật khẩu đúng 2024' : 'sai'));
    await new Promise((r) => setImmediate(r));
    const early = hashingLoad();
    const results = await Promise.all(checks).finally(() => clearInterval(watch));
    expect(early.cap).toBe(4);
    expect(early.running).toBe(4);
    expect(early.waiting).toBe(16);
    expect(mostRunning).toBe(4);
    expect(mostWaiting).toBe(16);
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => i % 2 === 1));
    expect(hashingLoad()).toMatchObject({ running: 0, waiting: 0 });
  });
});
