import { describe, expect, it } from 'vitest';
import { clientAddress } from '../../src/auth/client-address';

describe('client address', () => {
  it('ignores X-Forwarded-For when no proxy is trusted', () => {
    expect(clientAddress('198.51.100.7', '1.2.3.4', [])).toBe('198.51.100.7');
  });

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', () => {
    expect(clientAddress('198.51.100.7', '1.2.3.4', ['127.0.0.1'])).toBe('198.51.100.7');
  });

  it('takes the address the trusted proxy saw, not what the client wrote before it', () => {
    // The client sent "X-Forwarded-For: 6.6.6.6"; nginx appended the real peer.
    expect(clientAddress('127.0.0.1', '6.6.6.6, 203.0.113.5', ['127.0.0.1'])).toBe('203.0.113.5');
    expect(clientAddress('::ffff:127.0.0.1', '203.0.113.5', ['127.0.0.1'])).toBe('203.0.113.5');
  });

  it('walks back through a chain of trusted proxies', () => {
    expect(clientAddress('10.0.0.1', '203.0.113.5, 10.0.0.2', ['10.0.0.1', '10.0.0.2'])).toBe('203.0.113.5');
  });

  it('stops at garbage in the header', () => {
    expect(clientAddress('127.0.0.1', 'not-an-ip', ['127.0.0.1'])).toBe('127.0.0.1');
  });
});
