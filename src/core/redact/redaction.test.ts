import { describe, it, expect } from 'vitest';
import { createRedaction, normaliseKey } from './redaction.js';

describe('normaliseKey', () => {
  it('lower-cases and ignores - and _', () => {
    expect(normaliseKey('X-Api-Key')).toBe('xapikey');
    expect(normaliseKey('X_API_KEY')).toBe(normaliseKey('x-api-key'));
  });

  it('makes camelCase keys equal to their snake_case names', () => {
    expect(normaliseKey('refreshToken')).toBe(normaliseKey('refresh_token'));
    expect(normaliseKey('cardNumber')).toBe(normaliseKey('card-number'));
  });

  it('does not strip or split anything else', () => {
    expect(normaliseKey('user_password')).not.toBe(normaliseKey('password'));
    expect(normaliseKey(' password')).toBe(' password');
    expect(normaliseKey('user.password')).toBe('user.password');
  });
});

describe('createRedaction', () => {
  it('extends the defaults with the user’s names, normalised', () => {
    const redaction = createRedaction({
      enabled: true,
      headers: ['X-Tenant-Key'],
      fields: ['PIN-Code'],
      mask: '***',
    });
    expect(redaction.headerNames.has(normaliseKey('x_tenant_key'))).toBe(true);
    expect(redaction.headerNames.has('authorization')).toBe(true);
    expect(redaction.headerNames.has(normaliseKey('x-api-key'))).toBe(true);
    expect(redaction.fieldNames.has(normaliseKey('pin_code'))).toBe(true);
    expect(redaction.fieldNames.has('password')).toBe(true);
    expect(redaction.mask).toBe('***');
  });

  it('cannot un-redact a default by passing an empty list', () => {
    const redaction = createRedaction({ enabled: true, headers: [], fields: [], mask: 'x' });
    expect(redaction.fieldNames.has('password')).toBe(true);
    expect(redaction.headerNames.has('cookie')).toBe(true);
  });

  it('ignores empty names and returns a frozen policy', () => {
    const redaction = createRedaction({ enabled: false, fields: [''], mask: 'x' });
    expect(redaction.fieldNames.has('')).toBe(false);
    expect(redaction.enabled).toBe(false);
    expect(Object.isFrozen(redaction)).toBe(true);
  });

  it('does not mutate the caller’s arrays', () => {
    const fields = ['a'];
    createRedaction({ enabled: true, fields, mask: 'x' });
    expect(fields).toEqual(['a']);
  });
});
