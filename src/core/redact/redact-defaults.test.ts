import { describe, it, expect } from 'vitest';
import { DEFAULT_REDACT_FIELDS, DEFAULT_REDACT_HEADERS } from './redact-defaults.js';

describe('default redaction lists', () => {
  it('cover the credential headers', () => {
    expect([...DEFAULT_REDACT_HEADERS].sort()).toEqual([
      'authorization',
      'cookie',
      'proxy-authorization',
      'set-cookie',
      'x-api-key',
      'x-auth-token',
      'x-csrf-token',
    ]);
  });

  it('cover the obvious secret fields', () => {
    for (const name of [
      'password',
      'token',
      'access_token',
      'refresh_token',
      'secret',
      'otp',
      'api_key',
      'cvv',
    ]) {
      expect(DEFAULT_REDACT_FIELDS).toContain(name);
    }
  });

  it('are frozen so no caller can shrink them at run time', () => {
    expect(Object.isFrozen(DEFAULT_REDACT_HEADERS)).toBe(true);
    expect(Object.isFrozen(DEFAULT_REDACT_FIELDS)).toBe(true);
  });
});
