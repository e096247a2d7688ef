import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { demoPassword } from '../../db/seed/demo';
import { Visitor } from '../support/http';
import { useServer } from '../support/server';

/**
 * Issue #7 item 4: a burst of logins does not grow the server's memory by one argon2 block
 * (19 MiB) per login. The server runs here with a libuv pool of 24 threads, so only the app's own
 * cap on concurrent hashing stands between 20 logins and 20 blocks at once. The file is `.alone`:
 * it runs with no other test file beside it (vitest.config.ts), since a busy machine delays the
 * server's garbage collection and its peak grew by up to +316 MiB with another file running.
 */
const server = useServer({ UV_THREADPOOL_SIZE: '24' });

/** Resident memory of the server process now (VmRSS), in MiB. */
const residentMib = () => Number(readFileSync(`/proc/${server.pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m)![1]) / 1024;

const logIn = (email: string) => new Visitor(server.origin).post('/login?_action=auth.logIn', { email, password: demoPassword });

it('20 logins at once all succeed, and memory grows by far less than 20 argon2 blocks', async () => {
  // Warm up: the first login loads the hashing module and fills the caches.
  expect((await logIn('admin@demo.vn')).status).toBe(302);
  const before = residentMib();
  // The peak of the start-up (the embedded database's seeding) is long past: sample during the burst.
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, residentMib())), 10);
  const emails = ['journalist@demo.vn', 'journalist2@demo.vn', 'outlet@demo.vn', 'scorer2@demo.vn', 'scorer3@demo.vn', 'coordinator@demo.vn', 'appraiser@demo.vn', 'admin@demo.vn'];
  const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => logIn(emails[i % emails.length]))).finally(() => clearInterval(sampler));
  expect(answers.map((a) => a.status)).toEqual(Array(20).fill(302));
  const growth = peak - before;
  // Uncapped: 20 × 19 MiB ≈ 380 MiB at once. Capped at 4: about 76 MiB, plus the requests' own.
  console.log(`resident memory ${before.toFixed(0)} MiB before, peak +${growth.toFixed(0)} MiB during 20 concurrent logins`);
  expect(growth).toBeLessThan(200);
});
