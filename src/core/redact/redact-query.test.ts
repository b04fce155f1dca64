import { describe, it, expect } from 'vitest';
import { createRedaction } from './redaction.js';
import { decodeComponent, redactFormBody, redactQueryString } from './redact-query.js';

const on = createRedaction({ enabled: true, mask: '[REDACTED]' });
const off = createRedaction({ enabled: false, mask: '[REDACTED]' });

describe('redactQueryString', () => {
  it('masks a token and keeps the other pairs byte for byte', () => {
    expect(redactQueryString('a=1&token=x&b', on)).toBe('a=1&token=[REDACTED]&b');
    expect(redactQueryString('q=caf%C3%A9+au+lait&x=%2F', on)).toBe('q=caf%C3%A9+au+lait&x=%2F');
  });

  it('keeps a leading ? and empty pairs', () => {
    expect(redactQueryString('?&&token=x&', on)).toBe('?&&token=[REDACTED]&');
  });

  it('compares keys after percent-decoding, + as space, and normalisation', () => {
    expect(redactQueryString('%74oken=x&ACCESS-TOKEN=y&api%5Fkey=z', on)).toBe(
      '%74oken=[REDACTED]&ACCESS-TOKEN=[REDACTED]&api%5Fkey=[REDACTED]',
    );
    const spaced = createRedaction({ enabled: true, fields: ['my key'], mask: 'M' });
    expect(redactQueryString('my+key=1', spaced)).toBe('my+key=M');
  });

  it('masks the whole value, including = signs inside it', () => {
    expect(redactQueryString('token=a=b=c&x=1', on)).toBe('token=[REDACTED]&x=1');
  });

  it('masks an empty value and keeps a sensitive key without a value', () => {
    expect(redactQueryString('token=&password', on)).toBe('token=[REDACTED]&password');
  });

  it('masks bracketed and dotted keys by any segment', () => {
    expect(redactQueryString('filter[token]=a&user.password=b&password[]=c&ok[x]=d', on)).toBe(
      'filter[token]=[REDACTED]&user.password=[REDACTED]&password[]=[REDACTED]&ok[x]=d',
    );
  });

  it('never throws on malformed escapes', () => {
    expect(redactQueryString('a=%E0%A4%A&%zz=1&token%=x&100%=%', on)).toBe(
      'a=%E0%A4%A&%zz=1&token%=x&100%=%',
    );
    expect(redactQueryString('pass%77ord%zz=1&%70assword=2', on)).toBe(
      'pass%77ord%zz=1&%70assword=[REDACTED]',
    );
  });

  it('changes nothing when redaction is off', () => {
    expect(redactQueryString('token=x', off)).toBe('token=x');
  });
});

describe('redactFormBody', () => {
  it('masks every variant of the catalogue case P8', () => {
    expect(redactFormBody('password=x&user%5Bpassword%5D=y&PASSWORD=z&&a=1&token=', on)).toBe(
      'password=[REDACTED]&user%5Bpassword%5D=[REDACTED]&PASSWORD=[REDACTED]&&a=1&token=[REDACTED]',
    );
  });

  it('masks keys such as user[password] and user.password', () => {
    expect(redactFormBody('user[password]=a&user.password=b&user[name]=ann', on)).toBe(
      'user[password]=[REDACTED]&user.password=[REDACTED]&user[name]=ann',
    );
  });

  it('redacts JSON held in a field and re-encodes it', () => {
    const body = `payload=${encodeURIComponent('{"password":"x","a":1}')}&b=2`;
    const out = redactFormBody(body, on);
    expect(decodeURIComponent(out.split('&')[0]!.slice('payload='.length))).toBe(
      '{"password":"[REDACTED]","a":1}',
    );
    expect(out.endsWith('&b=2')).toBe(true);
  });

  it('returns an empty body as it is', () => {
    expect(redactFormBody('', on)).toBe('');
  });
});

describe('decodeComponent', () => {
  it('decodes valid escapes around malformed ones', () => {
    expect(decodeComponent('pass%77ord+x')).toBe('password x');
    expect(decodeComponent('100%+sure%21')).toBe('100% sure!');
    expect(decodeComponent('%ff%41')).toBe('%ffA');
  });
});
