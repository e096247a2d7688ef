import { type AddressObject, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  messageId: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Map<string, unknown>;
}

export interface TestSmtp {
  /** `smtp://…` for the app's SMTP_URL. */
  url: string;
  /**
   * The environment of a server that mails here: SMTP_URL, and the mail worker's timings
   * shortened (a poll every half second, a retry after one second, expired sends looked for every
   * second), so a test waits for the mail itself rather than for the production intervals.
   */
  serverEnv: Record<string, string>;
  received: ReceivedMail[];
  /** Resolves once `count` messages have arrived (to this address, if given). */
  waitFor(count: number, to?: string, timeoutMs?: number): Promise<ReceivedMail[]>;
  /**
   * From now on, the next message's DATA is read whole but the 250 answer is held until `release`
   * is called (or the client goes away): the moment a crash leaves a sender not knowing whether
   * the message was taken. A held message counts as received, as a real server may have kept it.
   */
  holdNext(): { arrived: Promise<void>; release(): void };
  close(): Promise<void>;
}

/** A real SMTP server (the nodemailer project's smtp-server) in the test process. */
export async function startTestSmtp(): Promise<TestSmtp> {
  const received: ReceivedMail[] = [];
  const waiters: (() => void)[] = [];
  let hold: { arrived: () => void; released: Promise<void> } | undefined;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth: (_auth, _session, callback) => callback(null, { user: 'app' }),
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        const parsed = await simpleParser(Buffer.concat(chunks));
        const address = (a: AddressObject | AddressObject[] | undefined) => (Array.isArray(a) ? a[0] : a)?.value[0]?.address ?? '';
        received.push({
          messageId: parsed.messageId ?? '',
          from: parsed.from?.text ?? '',
          to: address(parsed.to),
          subject: parsed.subject ?? '',
          text: parsed.text ?? '',
          html: typeof parsed.html === 'string' ? parsed.html : '',
          headers: parsed.headers as Map<string, unknown>,
        });
        for (const w of waiters.splice(0)) w();
        const held = hold;
        if (held) {
          hold = undefined;
          held.arrived();
          await held.released;
        }
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as { port: number };
  const url = `smtp://app:secret@127.0.0.1:${port}`;
  return {
    url,
    serverEnv: { SMTP_URL: url, MAIL_POLL_SECONDS: '0.5', MAIL_RETRY_SECONDS: '1', MAIL_EXPIRY_CHECK_SECONDS: '1' },
    received,
    async waitFor(count, to, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      const matching = () => received.filter((m) => !to || m.to === to);
      while (matching().length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} message(s)${to ? ` to ${to}` : ''}, got ${matching().length}: ${received.map((m) => `${m.to} ${m.subject}`).join('; ')}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 200);
        });
      }
      return matching();
    },
    holdNext() {
      let arrived!: () => void;
      let release!: () => void;
      const arrivedP = new Promise<void>((r) => (arrived = r));
      const released = new Promise<void>((r) => (release = r));
      hold = { arrived, released };
      return { arrived: arrivedP, release };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
