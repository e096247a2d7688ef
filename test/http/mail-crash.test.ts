import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageIdsByRecipient, queueAssignmentMail } from '../support/mail';
import { type RunningServer, startServer } from '../support/server';
import { startTestSmtp, type TestSmtp } from '../support/smtp';

const people = ['scorer1@demo.vn', 'scorer2@demo.vn', 'scorer3@demo.vn', 'journalist@demo.vn', 'outlet@demo.vn', 'coordinator@demo.vn'];
let smtp: TestSmtp;
let server: RunningServer | undefined;
beforeAll(async () => {
  smtp = await startTestSmtp();
});
afterAll(async () => {
  await server?.stop();
  await smtp?.close();
});

describe('the mail worker killed mid-send', () => {
  it('loses nothing after a restart, and a message sent twice keeps its Message-ID', async () => {
    // The first message is read whole by the SMTP server, but its answer never reaches the sender.
    const held = smtp.holdNext();
    server = await startServer(
      { ...smtp.serverEnv, MAIL_SEND_TIMEOUT_SECONDS: '2' },
      { prepare: (db) => queueAssignmentMail(db, people) },
    );
    await held.arrived;
    expect(smtp.received).toHaveLength(1);
    await server.crash(); // SIGKILL: no clean-up, the job stays active in the queue
    held.release();
    await server.restart();

    // Every message arrives, the uncertain one again after its job expired.
    await smtp.waitFor(people.length + 1, undefined, 90_000);
    const ids = messageIdsByRecipient(smtp.received);
    expect([...ids.keys()].sort()).toEqual([...people].sort());
    for (const [to, set] of ids) expect(set.size, to).toBe(1);
    expect(new Set(smtp.received.map((m) => m.messageId)).size).toBe(people.length);
    // The one sent twice is the one the crash interrupted; nothing else was repeated.
    const first = smtp.received[0];
    expect(smtp.received.filter((m) => m.messageId === first.messageId)).toHaveLength(2);
    expect(smtp.received).toHaveLength(people.length + 1);
  }, 150_000);
});
