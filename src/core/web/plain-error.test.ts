import { describe, expect, it } from 'vitest';
import { plainErrorResponse } from './plain-error.js';

describe('plainErrorResponse', () => {
  it('answers the status with its reason phrase, never the error message', () => {
    expect(plainErrorResponse(403)).toEqual({
      status: 403,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
      body: 'Forbidden',
    });
  });

  it('sends no body to HEAD and turns a status outside 400–599 into 500', () => {
    expect(plainErrorResponse(422, 'head').body).toBe('');
    expect(plainErrorResponse(200).status).toBe(500);
    expect(plainErrorResponse(Number.NaN).body).toBe('Internal Server Error');
  });
});
