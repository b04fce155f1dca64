import { describe, expect, it } from 'vitest';
import { headersToBag } from './web-headers.js';

describe('headersToBag', () => {
  it('lower-cases names and keeps every set-cookie', () => {
    const headers = new Headers({ 'Content-Type': 'text/plain' });
    headers.append('Set-Cookie', 'a=1');
    headers.append('Set-Cookie', 'b=2');
    headers.append('Accept', 'a');
    headers.append('Accept', 'b');
    expect(headersToBag(headers)).toEqual({
      'content-type': 'text/plain',
      accept: 'a, b',
      'set-cookie': ['a=1', 'b=2'],
    });
  });
});
