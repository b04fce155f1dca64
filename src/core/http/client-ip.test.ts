import { describe, it, expect } from 'vitest';
import { clientIp, normaliseIp } from './client-ip.js';

const XFF = '198.51.100.9, 203.0.113.7, 10.0.0.1';

describe('clientIp', () => {
  it('uses only the socket address by default, ignoring a spoofed X-Forwarded-For', () => {
    expect(clientIp('10.0.0.2', '1.2.3.4', false)).toBe('10.0.0.2');
    expect(clientIp('10.0.0.2', undefined, false)).toBe('10.0.0.2');
  });

  it('takes the left-most valid X-Forwarded-For entry when every proxy is trusted', () => {
    expect(clientIp('10.0.0.2', '192.168.1.1, 10.0.0.1', true)).toBe('192.168.1.1');
    expect(clientIp('10.0.0.2', 'garbage, 192.168.1.1', true)).toBe('192.168.1.1');
  });

  it('falls back to the socket when X-Forwarded-For has no valid entry', () => {
    expect(clientIp('10.0.0.2', undefined, true)).toBe('10.0.0.2');
    expect(clientIp('10.0.0.2', 'unknown, ', true)).toBe('10.0.0.2');
    expect(clientIp('10.0.0.2', 'unknown', 1)).toBe('10.0.0.2');
  });

  it('counts hops from the right, the socket being hop 0', () => {
    expect(clientIp('10.0.0.2', XFF, 0)).toBe('10.0.0.2');
    expect(clientIp('10.0.0.2', XFF, 1)).toBe('10.0.0.1');
    expect(clientIp('10.0.0.2', XFF, 2)).toBe('203.0.113.7');
    expect(clientIp('10.0.0.2', XFF, 3)).toBe('198.51.100.9');
  });

  it('uses the left-most address when the chain is shorter than the hop count', () => {
    expect(clientIp('10.0.0.2', XFF, 10)).toBe('198.51.100.9');
  });

  it('cannot be shifted by a client adding entries on the left', () => {
    const spoofed = `6.6.6.6, not-an-ip, ${XFF}`;
    expect(clientIp('10.0.0.2', spoofed, 2)).toBe('203.0.113.7');
  });

  it('keeps hop positions when the socket address is unknown', () => {
    expect(clientIp(undefined, XFF, 1)).toBe('10.0.0.1');
    expect(clientIp(undefined, undefined, 1)).toBeNull();
  });

  it('reads repeated headers in order', () => {
    expect(clientIp('10.0.0.2', ['198.51.100.9', '203.0.113.7, 10.0.0.1'], 2)).toBe('203.0.113.7');
  });

  it('strips ::ffff:, ports and brackets', () => {
    expect(clientIp('::ffff:10.0.0.2', undefined, false)).toBe('10.0.0.2');
    expect(clientIp('10.0.0.2', '[2001:db8::1]:443', true)).toBe('2001:db8::1');
    expect(clientIp('10.0.0.2', '192.0.2.1:8080', true)).toBe('192.0.2.1');
  });

  it('returns null when nothing is valid', () => {
    expect(clientIp(undefined, undefined, false)).toBeNull();
    expect(clientIp('not an ip', 'also not', false)).toBeNull();
  });

  it('treats a non-integer or negative hop count safely', () => {
    expect(clientIp('10.0.0.2', XFF, 1.9)).toBe('10.0.0.1');
    expect(clientIp('10.0.0.2', XFF, -1)).toBe('10.0.0.2');
  });
});

describe('normaliseIp', () => {
  it('accepts IPv4 and IPv6', () => {
    expect(normaliseIp(' 192.0.2.1 ')).toBe('192.0.2.1');
    expect(normaliseIp('2001:db8::1')).toBe('2001:db8::1');
    expect(normaliseIp('::1')).toBe('::1');
  });

  it('unwraps IPv4-mapped IPv6 in any case', () => {
    expect(normaliseIp('::FFFF:192.0.2.1')).toBe('192.0.2.1');
  });

  it('rejects invalid addresses', () => {
    for (const raw of ['', 'unknown', '999.1.1.1', '1.2.3', '<script>', '1.2.3.4:abc', undefined]) {
      expect(normaliseIp(raw)).toBeNull();
    }
  });
});
