import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateHOTP } from '@oslojs/otp';

/**
 * Codes as an authenticator app computes them (RFC 6238: SHA-1, 30 s, 6 digits), for a key shown on
 * /app/account/security. The server takes each code once and a step either side of now, so a test
 * keeps the last step it used and asks for a later one.
 */
export class Authenticator {
  private lastStep = 0n;

  constructor(readonly key: string) {}

  /** The key as the page prints it for manual entry (groups of four), or as posted. */
  static fromShown(shown: string): Authenticator {
    return new Authenticator(shown.replace(/\s+/g, ''));
  }

  private static step(at = Date.now()): bigint {
    return BigInt(Math.floor(at / 30_000));
  }

  codeAt(step: bigint): string {
    return generateHOTP(decodeBase32IgnorePadding(this.key), step, 6);
  }

  /** A code for a step not used yet and still accepted (now or the next one); waits if both are spent. */
  async nextCode(): Promise<string> {
    for (;;) {
      const now = Authenticator.step();
      const step = this.lastStep < now ? now : this.lastStep + 1n;
      if (step <= now + 1n) {
        this.lastStep = step;
        return this.codeAt(step);
      }
      await new Promise((r) => setTimeout(r, 1_000));
    }
  }

  /** A well-formed code that is not good now: one from ten steps away. */
  wrongCode(): string {
    const now = Authenticator.step();
    const far = this.codeAt(now + 10n);
    // A far step's code may, once in a million, equal a near one's.
    const near = [now - 1n, now, now + 1n].map((s) => this.codeAt(s));
    return near.includes(far) ? this.codeAt(now + 11n) : far;
  }
}
