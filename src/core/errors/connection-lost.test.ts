import { describe, expect, it } from 'vitest';
import { isConnectionLost } from './connection-lost.js';

const withCode = (code: unknown) => Object.assign(new Error('x'), { code });

describe('isConnectionLost', () => {
  it.each([
    'ECONNRESET',
    'ECONNABORTED',
    'EPIPE',
    'ERR_STREAM_PREMATURE_CLOSE',
    'HPE_INVALID_EOF_STATE',
  ])('recognises %s', (code) => expect(isConnectionLost(withCode(code))).toBe(true));

  it.each([
    ['an app error code', withCode('E_VALIDATION')],
    ['a numeric code', withCode(104)],
    ['no code', new Error('aborted')],
    ['a string', 'ECONNRESET'],
    ['null', null],
    [
      'a throwing getter',
      Object.defineProperty({}, 'code', {
        get: () => {
          throw new Error('no');
        },
      }),
    ],
  ])('rejects %s', (_label, thrown) => expect(isConnectionLost(thrown)).toBe(false));
});
