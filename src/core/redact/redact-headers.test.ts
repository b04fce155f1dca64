import { describe, it, expect } from 'vitest';
import { createRedaction } from './redaction.js';
import { redactHeaders } from './redact-headers.js';

const on = createRedaction({ enabled: true, mask: '[REDACTED]' });
const off = createRedaction({ enabled: false, mask: '[REDACTED]' });

describe('redactHeaders', () => {
  it('masks Authorization whatever its case and keeps Content-Type', () => {
    for (const name of ['Authorization', 'AUTHORIZATION', 'authorization']) {
      expect(redactHeaders({ [name]: 'Bearer abc', 'Content-Type': 'text/plain' }, on)).toEqual({
        authorization: '[REDACTED]',
        'content-type': 'text/plain',
      });
    }
  });

  it('masks credential headers named with - or _', () => {
    const out = redactHeaders(
      {
        'X-API-Key': 'k1',
        X_API_KEY: 'k2',
        'Proxy-Authorization': 'p',
        'X-Auth-Token': 't',
        'X-CSRF-Token': 'c',
      },
      on,
    );
    expect(Object.values(out).every((v) => v === '[REDACTED]')).toBe(true);
    expect(JSON.stringify(out)).not.toMatch(/k1|k2|"p"|"t"|"c"/);
  });

  it('masks a whole cookie header, connect.sid included', () => {
    const out = redactHeaders({ cookie: 'sid=abc; connect.sid=s%3Asecret; theme=dark' }, on);
    expect(out).toEqual({ cookie: '[REDACTED]' });
  });

  it('masks every element of a Set-Cookie array', () => {
    const out = redactHeaders({ 'Set-Cookie': ['a=secret1; Path=/', 'b=secret2'] }, on);
    expect(out).toEqual({ 'set-cookie': '[REDACTED]' });
  });

  it('joins set-cookie with newlines and other lists with commas', () => {
    const out = redactHeaders({ 'set-cookie': ['a=1', 'b=2'], 'x-list': ['x', 'y'] }, off);
    expect(out).toEqual({ 'set-cookie': 'a=1\nb=2', 'x-list': 'x, y' });
  });

  it('turns numbers into text and drops undefined values', () => {
    expect(redactHeaders({ 'content-length': 12, 'x-none': undefined }, on)).toEqual({
      'content-length': '12',
    });
  });

  it('merges names that differ only in case before masking', () => {
    expect(redactHeaders({ 'X-Tag': 'a', 'x-tag': 'b' }, on)).toEqual({ 'x-tag': 'a, b' });
    expect(redactHeaders({ Cookie: 'a', cookie: 'b' }, on)).toEqual({ cookie: '[REDACTED]' });
  });

  it('masks user-listed headers in addition to the defaults', () => {
    const custom = createRedaction({ enabled: true, headers: ['Stripe-Signature'], mask: '***' });
    expect(redactHeaders({ 'stripe-signature': 't=1,v1=abc', authorization: 'x' }, custom)).toEqual(
      {
        'stripe-signature': '***',
        authorization: '***',
      },
    );
  });

  it('keeps every value when redaction is off', () => {
    expect(redactHeaders({ Authorization: 'Bearer abc' }, off)).toEqual({
      authorization: 'Bearer abc',
    });
  });

  it('masks query-string secrets in Referer, Location and the HTTP/2 :path', () => {
    const out = redactHeaders(
      {
        referer: 'https://app.example/cb?code=1&access_token=abc#frag',
        location: '/next?token=xyz',
        ':path': '/api?api_key=k&page=2',
        ':authority': 'example.com',
      },
      on,
    );
    expect(out).toEqual({
      referer: 'https://app.example/cb?code=1&access_token=[REDACTED]#frag',
      location: '/next?token=[REDACTED]',
      ':path': '/api?api_key=[REDACTED]&page=2',
      ':authority': 'example.com',
    });
  });

  it('masks secrets by value elsewhere in those URLs', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbm4ifQ.c2ln';
    const out = redactHeaders(
      {
        referer: `https://app.example/reset/${jwt}?code=1`,
        location: 'https://ann:hunter2@files.example/a',
        'user-agent': `agent/${jwt}`,
      },
      on,
    );
    expect(out).toEqual({
      referer: 'https://app.example/reset/[REDACTED]?code=1',
      location: 'https://ann:[REDACTED]@files.example/a',
      // Other headers are masked by name only.
      'user-agent': `agent/${jwt}`,
    });
  });

  it('treats a header named __proto__ as data', () => {
    const headers = Object.create(null) as Record<string, string>;
    headers.__proto__ = 'x';
    const out = redactHeaders(headers, on);
    expect(Object.keys(out)).toEqual(['__proto__']);
    // Nothing is inherited by the copy, so the name can only ever be data.
    expect(Object.getPrototypeOf(Object.getPrototypeOf(out))).toBeNull();
    expect(JSON.stringify(out)).toBe('{"__proto__":"x"}');
  });

  it('treats names of Object.prototype members as data', () => {
    const out = redactHeaders({ constructor: 'a', toString: 'b', hasOwnProperty: 'c' }, on);
    expect(JSON.stringify(out)).toBe('{"constructor":"a","tostring":"b","hasownproperty":"c"}');
  });
});
