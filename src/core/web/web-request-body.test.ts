import { describe, expect, it } from 'vitest';
import { REQUEST_BODY_LIMIT, worthCopying } from './body-policy.js';
import { WebRequestBody } from './web-request-body.js';

const config = {
  storeBodyContentTypes: [
    'application/json',
    'application/x-www-form-urlencoded',
    'multipart/form-data',
  ],
};
const post = (body: BodyInit, headers: Record<string, string> = {}) =>
  new Request('http://h/x', { method: 'POST', body, headers });

describe('WebRequestBody', () => {
  it('copies a JSON body while the app reads the same body intact', async () => {
    const request = post('{"name":"ann","password":"x"}', { 'content-type': 'application/json' });
    const body = new WebRequestBody(request, config);
    expect(await request.json()).toEqual({ name: 'ann', password: 'x' });
    await body.settled();
    expect(body.value()).toBe('{"name":"ann","password":"x"}');
  });

  it('has the copy even when the app reads the body after the capture finished', async () => {
    const request = post('a=1&b=2', { 'content-type': 'application/x-www-form-urlencoded' });
    const body = new WebRequestBody(request, config);
    await body.settled();
    expect(body.value()).toBe('a=1&b=2');
    expect(await request.text()).toBe('a=1&b=2');
  });

  it('does not touch bodies the preview would not store', async () => {
    const request = post('binary', { 'content-type': 'application/octet-stream' });
    const body = new WebRequestBody(request, config);
    await body.settled();
    expect(body.value()).toBeUndefined();
    expect(await request.text()).toBe('binary');
  });

  it('gives up on a body larger than the limit, declared or streamed, and leaves the app its body', async () => {
    const big = `"${'x'.repeat(REQUEST_BODY_LIMIT)}"`;
    const declared = post(big, { 'content-type': 'application/json' });
    const skipped = new WebRequestBody(declared, config);
    await skipped.settled();
    expect(skipped.value()).toBeUndefined();

    const chunked = new Request('http://h/x', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new Blob([big]).stream(),
      duplex: 'half',
    } as RequestInit);
    const cut = new WebRequestBody(chunked, config);
    expect((await chunked.text()).length).toBe(big.length);
    await cut.settled();
    expect(cut.value()).toBeUndefined();
  });

  it('parses multipart bodies into fields, with files as File objects', async () => {
    const form = new FormData();
    form.append('title', 'cv');
    form.append('upload', new File(['hello'], 'cv.txt'));
    const request = post(form);
    const body = new WebRequestBody(request, config);
    await body.settled();
    const fields = body.value() as Record<string, unknown>;
    expect(fields.title).toBe('cv');
    expect(fields.upload).toBeInstanceOf(File);
    expect((await request.formData()).get('title')).toBe('cv');
  });

  it('does not wait long for a body that never arrives', async () => {
    const stalled = new Request('http://h/x', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new ReadableStream({ pull: () => new Promise(() => {}) }),
      duplex: 'half',
    } as RequestInit);
    const body = new WebRequestBody(stalled, config);
    const started = performance.now();
    await body.settled();
    expect(performance.now() - started).toBeLessThan(1000);
    expect(body.value()).toBeUndefined();
  });
});

describe('worthCopying', () => {
  it.each([
    ['GET', 'application/json', null, false],
    ['POST', 'application/json', '10', true],
    ['POST', 'application/json; charset=utf-8', null, true],
    ['POST', 'application/vnd.api+json', null, true],
    ['POST', 'text/plain', null, false],
    ['POST', null, null, false],
    ['PUT', 'application/json', String(REQUEST_BODY_LIMIT + 1), false],
    ['PATCH', 'application/json', 'nonsense', false],
  ] as const)('%s %s (%s bytes) → %s', (method, type, length, expected) => {
    expect(worthCopying(method, type, length, config.storeBodyContentTypes)).toBe(expected);
  });
});
