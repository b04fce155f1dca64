import { describe, expect, it } from 'vitest';
import { createRedaction } from './redaction.js';
import { redactSecrets } from './redact-secrets.js';

const redaction = createRedaction({ enabled: true, mask: '[REDACTED]' });
const scrub = (text: string) => redactSecrets(text, redaction);
const basic = Buffer.from('ann:hunter2').toString('base64');
const jwt =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';

describe('redactSecrets', () => {
  it.each([
    [
      'a URL password',
      'connect postgres://app:s3cr3t@db:5432/app failed',
      'connect postgres://app:[REDACTED]@db:5432/app failed',
    ],
    [
      'a Bearer token',
      'sent Authorization: Bearer abc.DEF-123_x~+/= to api',
      'sent Authorization: Bearer [REDACTED] to api',
    ],
    ['Basic credentials', `header Basic ${basic} refused`, 'header Basic [REDACTED] refused'],
    ['a JWT anywhere', `bad token ${jwt} in /reset`, 'bad token [REDACTED] in /reset'],
    ['an AWS access key ID', 'key AKIAIOSFODNN7EXAMPLE denied', 'key [REDACTED] denied'],
    ['a card number', 'charge 4111111111111111 declined', 'charge [REDACTED] declined'],
    ['a card number in groups', 'card 5500-0000-0000-0004 expired', 'card [REDACTED] expired'],
    ['an Amex number with spaces', 'amex 3782 822463 10005 ok', 'amex [REDACTED] ok'],
    ['a card number in a path', '/cards/4012888888881881/charge', '/cards/[REDACTED]/charge'],
    [
      'a private key block',
      'pem -----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY----- end',
      'pem [REDACTED] end',
    ],
  ])('masks %s', (_label, text, expected) => expect(scrub(text)).toBe(expected));

  it.each([
    'Basic validation failed for field name',
    'GET https://example.com/path?x=1 returned 502',
    'user ann@example.com at 10.0.0.1, order 0193a7c2-1f0e-7b3a-9c1d-5e8f00112233',
    'ratio 3:4 at 12:30',
    // Card-like but not cards: Luhn fails, a timestamp, inside a longer number, an ID or a
    // fraction, too short.
    'charge 4111111111111112 declined',
    'at 1733123456789 ms',
    'account 41111111111111110000',
    'order ab4111111111111111 and 4111111111111111cd',
    'x = 0.4111111111111111',
    'pin 411111111111',
  ])('leaves ordinary text alone: %s', (text) => expect(scrub(text)).toBe(text));

  it('does nothing with redaction off', () => {
    const off = createRedaction({ enabled: false, mask: '[REDACTED]' });
    expect(redactSecrets(`Bearer ${jwt}`, off)).toBe(`Bearer ${jwt}`);
  });

  it.each([
    ['scheme characters', 'eyJa.'.repeat(40_000)],
    ['schemes without userinfo', 'a://'.repeat(40_000)],
    ['userinfo without @', 'a://b:'.repeat(40_000)],
    ['schemes without tokens', 'Bearer '.repeat(40_000)],
    ['base64 after Basic', `Basic ${'A'.repeat(200_000)}`],
    ['unclosed key blocks', '-----BEGIN PRIVATE KEY-----'.repeat(10_000)],
    ['one long number', '4'.repeat(200_000)],
    ['spaced digits', '4 '.repeat(100_000)],
    ['dashed digit groups', '4111-'.repeat(40_000)],
  ])('runs in linear time on %s', (_label, text) => {
    const started = performance.now();
    scrub(text);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
