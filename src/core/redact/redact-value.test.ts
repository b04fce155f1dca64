import { describe, it, expect } from 'vitest';
import { createRedaction } from './redaction.js';
import { redactEmbeddedJson, redactValue } from './redact-value.js';

const on = createRedaction({ enabled: true, mask: '[REDACTED]' });
const off = createRedaction({ enabled: false, mask: '[REDACTED]' });

describe('redactValue', () => {
  it('masks nested secrets and keeps public data', () => {
    const input = {
      public_data: 'ok',
      user: { password: 'hunter2', profile: { access_token: 'tok' } },
    };
    const text = JSON.stringify(redactValue(input, on));
    expect(text).toContain('public_data');
    expect(text).toContain('[REDACTED]');
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('tok"');
  });

  it('masks objects inside arrays, also a top-level array', () => {
    expect(redactValue([{ token: 'x' }, { users: [{ password: 'y', name: 'n' }] }], on)).toEqual([
      { token: '[REDACTED]' },
      { users: [{ password: '[REDACTED]', name: 'n' }] },
    ]);
  });

  it('masks whatever the case or separator of the key', () => {
    expect(redactValue({ Password: 1, PASSWORD: 2, 'Api-Key': 3, API_KEY: 4 }, on)).toEqual({
      Password: '[REDACTED]',
      PASSWORD: '[REDACTED]',
      'Api-Key': '[REDACTED]',
      API_KEY: '[REDACTED]',
    });
  });

  it('masks the camelCase keys JavaScript apps send', () => {
    expect(
      redactValue(
        {
          accessToken: 'a',
          refreshToken: 'r',
          clientSecret: 'c',
          cardNumber: '4111',
          newPassword: 'n',
        },
        on,
      ),
    ).toEqual({
      accessToken: '[REDACTED]',
      refreshToken: '[REDACTED]',
      clientSecret: '[REDACTED]',
      cardNumber: '[REDACTED]',
      newPassword: '[REDACTED]',
    });
  });

  it('masks secrets recognisable by value in every string, under harmless keys too', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbm4ifQ.c2lnbmF0dXJl';
    expect(
      redactValue(
        {
          note: 'my card is 4111 1111 1111 1111',
          links: [{ href: 'postgres://app:s3cret@db/app' }, 'plain'],
          embedded: `{"reason":"token ${jwt}"}`,
          count: 4111111111111111,
        },
        on,
      ),
    ).toEqual({
      note: 'my card is [REDACTED]',
      links: [{ href: 'postgres://app:[REDACTED]@db/app' }, 'plain'],
      embedded: '{"reason":"token [REDACTED]"}',
      // Numbers are not text: an amount or an ID stored as a number is never masked by value.
      count: 4111111111111111,
    });
    expect(redactValue('Bearer abc.def', on)).toBe('Bearer [REDACTED]');
    expect(redactValue({ note: 'card 4111111111111111' }, off)).toEqual({
      note: 'card 4111111111111111',
    });
  });

  it('masks the whole subtree under a sensitive key', () => {
    expect(redactValue({ password: ['a', 'b'], secret: { nested: { deep: 1 } } }, on)).toEqual({
      password: '[REDACTED]',
      secret: '[REDACTED]',
    });
  });

  it('matches names exactly after normalisation', () => {
    expect(redactValue({ user_password: 'kept', passwordHint: 'kept' }, on)).toEqual({
      user_password: 'kept',
      passwordHint: 'kept',
    });
  });

  it('masks at depth 20 within the default depth budget of the redactor', () => {
    let deep: Record<string, unknown> = { password: 'x' };
    for (let i = 0; i < 10; i++) deep = { a: [deep] };
    expect(JSON.stringify(redactValue(deep, on))).not.toContain('"x"');
  });

  it('masks a secret under a __proto__ key without polluting prototypes', () => {
    const parsed: unknown = JSON.parse(
      '{"__proto__":{"password":"x"},"constructor":{"prototype":{"polluted":1}}}',
    );
    const text = JSON.stringify(redactValue(parsed, on));
    expect(text).toBe(
      '{"__proto__":{"password":"[REDACTED]"},"constructor":{"prototype":{"polluted":1}}}',
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('redacts JSON held inside a string value', () => {
    const out = redactValue({ data: '{"token":"x","a":1}', note: '{not json' }, on);
    expect(out).toEqual({ data: '{"token":"[REDACTED]","a":1}', note: '{not json' });
  });

  it('keeps a JSON string unchanged when it holds no secret', () => {
    expect(redactValue({ data: '{ "a" : 1 }' }, on)).toEqual({ data: '{ "a" : 1 }' });
  });

  it('masks Map keys and class instance fields', () => {
    class Login {
      user = 'ann';
      password = 'p';
    }
    expect(redactValue({ m: new Map([['token', 't']]), login: new Login() }, on)).toEqual({
      m: { token: '[REDACTED]' },
      login: { user: 'ann', password: '[REDACTED]' },
    });
  });

  it('returns the JSON-safe copy unchanged when redaction is off', () => {
    expect(redactValue({ password: 'x', n: 1n }, off)).toEqual({ password: 'x', n: '1' });
  });

  it('does not mutate its input', () => {
    const input = { password: 'x', nested: { token: 'y' } };
    redactValue(input, on);
    expect(input).toEqual({ password: 'x', nested: { token: 'y' } });
  });

  it('never throws on hostile input', () => {
    const hostile = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error('x');
        },
      },
    );
    expect(redactValue({ hostile, password: 'p' }, on)).toEqual({
      hostile: '[Unreadable]',
      password: '[REDACTED]',
    });
  });

  it('uses the configured mask', () => {
    const custom = createRedaction({ enabled: true, fields: ['pin'], mask: '***' });
    expect(redactValue({ pin: 1234 }, custom)).toEqual({ pin: '***' });
  });
});

describe('redactEmbeddedJson', () => {
  it('returns undefined for text that is not a JSON object or array', () => {
    expect(redactEmbeddedJson('"token"', on)).toBeUndefined();
    expect(redactEmbeddedJson('{"token":', on)).toBeUndefined();
    expect(redactEmbeddedJson('{"token":"x"}', off)).toBeUndefined();
  });

  it('masks nested embedded JSON', () => {
    const inner = JSON.stringify({ password: 'p' });
    const out = redactEmbeddedJson(JSON.stringify({ wrap: inner }), on);
    expect(out).toBeDefined();
    expect(out).not.toContain('"p\\"');
    expect(JSON.parse(JSON.parse(out!).wrap as string)).toEqual({ password: '[REDACTED]' });
  });

  it('leaves very long strings alone', () => {
    const long = `{"token":"x","pad":"${'a'.repeat(70_000)}"}`;
    expect(redactEmbeddedJson(long, on)).toBeUndefined();
  });
});
