import { describe, it, expect } from 'vitest';
import { reasonPhrase } from './reason-phrase.js';

describe('reasonPhrase', () => {
  it('returns the standard phrase', () => {
    expect(reasonPhrase(500)).toBe('Internal Server Error');
    expect(reasonPhrase(400)).toBe('Bad Request');
    expect(reasonPhrase(503)).toBe('Service Unavailable');
  });

  it('falls back by class for unassigned codes', () => {
    expect(reasonPhrase(599)).toBe('Server Error');
    expect(reasonPhrase(499)).toBe('Client Error');
    expect(reasonPhrase(999)).toBe('Error');
  });
});
