import { describe, it, expect } from 'vitest';
import { createHash } from 'node:crypto';
import { computeFingerprint, normaliseMessage } from './fingerprint.js';

describe('normaliseMessage', () => {
  it('replaces a UUID in lower and upper case', () => {
    expect(normaliseMessage('order 3f2c8a1e-9b4d-4c6e-8f00-1a2b3c4d5e6f failed')).toBe(
      'order <UUID> failed',
    );
    expect(normaliseMessage('ORDER 3F2C8A1E-9B4D-4C6E-8F00-1A2B3C4D5E6F')).toBe('ORDER <UUID>');
    expect(normaliseMessage('3f2c8a1e-9b4d-4c6e-8f00-1a2b3c4d5e6f')).not.toContain('3f2c');
  });

  it('replaces hex runs of 16 characters or more, not 15', () => {
    expect(normaliseMessage('sha deadbeefcafebabe0123 end')).toBe('sha <HEX> end');
    expect(normaliseMessage('token 0123456789abcdef')).toBe('token <HEX>');
    expect(normaliseMessage('short 0123456789abcde')).toBe('short 0123456789abcde');
  });

  it('replaces whole numbers of 5 digits or more and keeps 4-digit numbers', () => {
    expect(normaliseMessage('item 12345')).toBe('item <ID>');
    expect(normaliseMessage('item 1234')).toBe('item 1234');
    expect(normaliseMessage('port 8080 in 2024')).toBe('port 8080 in 2024');
  });

  it('replaces several IDs in one message', () => {
    expect(normaliseMessage('move 12345 to 67890 and 111111,222222')).toBe(
      'move <ID> to <ID> and <ID>,<ID>',
    );
  });

  it('keeps numbers that are part of a longer word or number', () => {
    expect(normaliseMessage('abc12345 12345xyz')).toBe('abc12345 12345xyz');
    expect(normaliseMessage('pi is 3.14159 and 12345.5')).toBe('pi is 3.14159 and 12345.5');
  });

  it('treats _, -, / and sentence punctuation as boundaries', () => {
    expect(normaliseMessage('user_12345 /items/67890/ order-55555.')).toBe(
      'user_<ID> /items/<ID>/ order-<ID>.',
    );
  });

  it('replaces IPv4 addresses inside text, with or without a port', () => {
    expect(normaliseMessage('connect ECONNREFUSED 10.0.0.1:5432')).toBe(
      'connect ECONNREFUSED <IP>:5432',
    );
    expect(normaliseMessage('from 192.168.1.254.')).toBe('from <IP>.');
  });

  it('does not take version strings or impossible octets for addresses', () => {
    expect(normaliseMessage('v1.2.3.4.5 and 999.1.1.1')).toBe('v1.2.3.4.5 and 999.1.1.1');
  });

  it('replaces e-mail addresses, numeric local parts included', () => {
    expect(normaliseMessage('no user ann.lee+x@example.co.uk')).toBe('no user <EMAIL>');
    expect(normaliseMessage('dup 123456@example.com')).toBe('dup <EMAIL>');
  });

  it('applies every rule in one message', () => {
    expect(normaliseMessage('User 123456 (ann@example.com) from 10.0.0.1 in 2024')).toBe(
      'User <ID> (<EMAIL>) from <IP> in 2024',
    );
  });

  it('stays fast on hostile input', () => {
    const hostile = `${'a'.repeat(50_000)} ${'1'.repeat(50_000)}x ${'.'.repeat(50_000)}`;
    const started = performance.now();
    normaliseMessage(hostile);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('computeFingerprint', () => {
  const base = { className: 'Error', message: 'boom for item 12345', route: '/boom/:id' };

  it('is a deterministic sha256 hex digest', () => {
    expect(computeFingerprint(base)).toMatch(/^[0-9a-f]{64}$/);
    expect(computeFingerprint(base)).toBe(computeFingerprint({ ...base }));
  });

  it('groups messages that differ only by an ID', () => {
    expect(computeFingerprint({ ...base, message: 'boom for item 67890' })).toBe(
      computeFingerprint(base),
    );
  });

  it('changes when the message, class or route changes', () => {
    const fingerprint = computeFingerprint(base);
    expect(computeFingerprint({ ...base, message: 'bang for item 12345' })).not.toBe(fingerprint);
    expect(computeFingerprint({ ...base, className: 'TypeError' })).not.toBe(fingerprint);
    expect(computeFingerprint({ ...base, route: '/other/:id' })).not.toBe(fingerprint);
  });

  it('hashes class, normalised message and route joined by newlines', () => {
    const expected = createHash('sha256')
      .update('Error\nboom for item <ID>\n/boom/:id')
      .digest('hex');
    expect(computeFingerprint(base)).toBe(expected);
  });
});
