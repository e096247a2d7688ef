import { afterAll, describe, expect, it } from 'vitest';
import { messageIdsByRecipient, queueAssignmentMail } from '../support/mail';
import { type RunningInstances, startInstances } from '../support/server';
import { startTestSmtp, type TestSmtp } from '../support/smtp';

let smtp: TestSmtp | undefined;
let instances: RunningInstances | undefined;
afterAll(async () => {
  await instances?.stop();
  await smtp?.close();
});

describe('two instances on one PostgreSQL', () => {
  it('share the outbox without sending any message twice', async () => {
    smtp = await startTestSmtp();
    const people = ['scorer1@demo.vn', 'scorer2@demo.vn', 'scorer3@demo.vn', 'journalist@demo.vn', 'journalist2@demo.vn', 'outlet@demo.vn', 'coordinator@demo.vn', 'appraiser@demo.vn', 'admin@demo.vn'];
    // Both start on a database whose outbox already waits: both sweep it, both work the queue.
    instances = await startInstances(2, { prepare: (db) => queueAssignmentMail(db, people), env: smtp.serverEnv });
    await smtp.waitFor(people.length);
    // Give a double send the time to happen before counting.
    await new Promise((r) => setTimeout(r, 3000));
    expect(smtp.received).toHaveLength(people.length);
    const ids = messageIdsByRecipient(smtp.received);
    expect([...ids.keys()].sort()).toEqual([...people].sort());
  });
});
