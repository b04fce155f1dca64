import { describe, it, expect } from 'vitest';
import { isAllowedType, isJsonType, mediaTypeOf } from './media-type.js';

describe('mediaTypeOf', () => {
  it('drops parameters, trims and lower-cases', () => {
    expect(mediaTypeOf(' Application/JSON ; charset=UTF-8')).toBe('application/json');
    expect(mediaTypeOf('text/plain')).toBe('text/plain');
  });

  it('returns undefined for missing or empty types', () => {
    expect(mediaTypeOf(undefined)).toBeUndefined();
    expect(mediaTypeOf(' ; charset=utf-8')).toBeUndefined();
  });
});

describe('isJsonType', () => {
  it('accepts application/json and +json suffixes only', () => {
    expect(isJsonType('application/json')).toBe(true);
    expect(isJsonType('application/problem+json')).toBe(true);
    expect(isJsonType('application/vnd.api+json')).toBe(true);
    expect(isJsonType('text/json+plain')).toBe(false);
    expect(isJsonType('application/jsonp')).toBe(false);
  });
});

describe('isAllowedType', () => {
  it('matches the allow-list exactly, ignoring its parameters and case', () => {
    expect(isAllowedType('application/json', ['Application/Json; charset=utf-8'])).toBe(true);
    expect(isAllowedType('text/plain', ['application/json'])).toBe(false);
    expect(isAllowedType('text/plainx', ['text/plain'])).toBe(false);
  });

  it('allows +json types when application/json is allowed, and only then', () => {
    expect(isAllowedType('application/problem+json', ['application/json'])).toBe(true);
    expect(isAllowedType('application/problem+json', ['text/plain'])).toBe(false);
  });
});
