import { describe, expect, it } from 'vitest';
import { runWithContext } from '../context/request-context.js';
import {
  finishWebResponse,
  fromWebRequest,
  pathAndQuery,
  webErrorResponse,
} from './web-lifecycle.js';
import { testRecorder } from './web-test-recorder.js';

describe('pathAndQuery', () => {
  it.each([
    ['http://host/items/7?x=1', '/items/7?x=1'],
    ['https://host:8080/', '/'],
    ['http://host', '/'],
    ['http://host?x=1', '/?x=1'],
    ['/already/relative?y', '/already/relative?y'],
    ['', '/'],
  ])('%s → %s', (url, expected) => {
    expect(pathAndQuery(url)).toBe(expected);
  });
});

describe('fromWebRequest', () => {
  it('takes method, path, lower-cased headers and the address given', () => {
    const request = new Request('http://h/a/b?c=1', {
      method: 'POST',
      headers: { 'X-Request-ID': 'r-1', Cookie: 'a=1' },
    });
    const snapshot = fromWebRequest(request, { remoteAddress: '10.0.0.1' });
    expect(snapshot).toMatchObject({
      method: 'POST',
      url: '/a/b?c=1',
      remoteAddress: '10.0.0.1',
      raw: request,
    });
    expect(snapshot.headers).toMatchObject({ 'x-request-id': 'r-1', cookie: 'a=1' });
  });
});

async function begin(options = {}, init: RequestInit = {}, url = 'http://h/x') {
  const recorder = await testRecorder(options);
  const request = new Request(url, init);
  const scope = recorder.blackbox.begin(fromWebRequest(request, { remoteAddress: '127.0.0.1' }));
  return { ...recorder, scope, request };
}

describe('finishWebResponse', () => {
  it('adds the IDs to an immutable response and records it once its body is read', async () => {
    const { scope, activities } = await begin();
    const upstream = Response.redirect('http://elsewhere/', 302);
    expect(() => upstream.headers.set('x', '1')).toThrow();
    const response = finishWebResponse(scope, upstream, { method: 'GET' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('http://elsewhere/');
    expect(response.headers.get('x-request-id')).toBe(scope.requestId);
    const [row] = await activities();
    expect(row).toMatchObject({ httpStatus: 302, aborted: false });
  });

  it('captures a returned 5xx with its ID in the headers and keeps the body', async () => {
    const { scope, incidents } = await begin();
    const response = finishWebResponse(scope, new Response('down', { status: 503 }), {
      method: 'GET',
    });
    expect(response.headers.get('x-incident-id')).toBe(scope.incidentId);
    expect(await response.text()).toBe('down');
    expect((await incidents())[0]).toMatchObject({ httpStatus: 503, exceptionClass: null });
  });

  it('waits for the end of a streamed body before recording the activity', async () => {
    const { scope, activities } = await begin({ activity: { storeResponseBody: true } });
    let push!: (text: string | null) => void;
    const source = new ReadableStream<Uint8Array>({
      start(controller) {
        push = (text) =>
          text === null ? controller.close() : controller.enqueue(new TextEncoder().encode(text));
      },
    });
    const response = finishWebResponse(
      scope,
      new Response(source, { headers: { 'content-type': 'text/plain' } }),
      { method: 'GET' },
    );
    const reading = response.text();
    push('one,');
    expect(await activities(0)).toEqual([]);
    push('two');
    push(null);
    expect(await reading).toBe('one,two');
    const [row] = await activities();
    expect(row).toMatchObject({ httpStatus: 200, aborted: false, responseBody: 'one,two' });
  });

  it('records a cancelled body (the client went away) as aborted', async () => {
    const { scope, activities } = await begin();
    const source = new ReadableStream({ pull: () => new Promise(() => {}) });
    const response = finishWebResponse(scope, new Response(source), { method: 'GET' });
    await response.body!.cancel();
    expect((await activities())[0]).toMatchObject({ aborted: true, httpStatus: 499 });
  });

  it('records a request aborted before its body was read', async () => {
    const { scope, activities } = await begin();
    const controller = new AbortController();
    finishWebResponse(scope, new Response('never read'), {
      method: 'GET',
      signal: controller.signal,
    });
    controller.abort();
    expect((await activities())[0]).toMatchObject({ aborted: true });
  });

  it('captures a body stream that fails after the status went out, with headersSent', async () => {
    const { scope, incidents } = await begin();
    const source = new ReadableStream({
      pull: () => Promise.reject(new Error('stream broke')),
    });
    const response = finishWebResponse(scope, new Response(source), { method: 'GET' });
    await expect(response.text()).rejects.toThrow();
    expect((await incidents())[0]).toMatchObject({
      httpStatus: 500,
      headersSent: true,
      exceptionMessage: 'stream broke',
    });
  });

  it('finishes HEAD and bodiless responses at once', async () => {
    const { scope, activities } = await begin({}, { method: 'HEAD' });
    finishWebResponse(scope, new Response('ignored'), { method: 'HEAD' });
    expect((await activities())[0]).toMatchObject({ method: 'HEAD', httpStatus: 200 });
    const second = await begin();
    const empty = finishWebResponse(second.scope, new Response(null, { status: 304 }), {
      method: 'GET',
    });
    expect(empty.status).toBe(304);
    expect((await second.activities())[0]).toMatchObject({ httpStatus: 304 });
  });

  it('waits for `before` so the row gets the request body', async () => {
    const { scope, activities } = await begin();
    let release!: () => void;
    const before = () => new Promise<void>((resolve) => (release = resolve));
    finishWebResponse(scope, new Response(null, { status: 204 }), { method: 'GET', before });
    expect(await activities(0)).toEqual([]);
    release();
    expect(await activities()).toHaveLength(1);
  });

  it('passes a response it cannot copy through untouched', async () => {
    const { scope } = await begin();
    const error = Response.error();
    expect(finishWebResponse(scope, error, { method: 'GET' })).toBe(error);
  });
});

describe('webErrorResponse', () => {
  it('turns a core error response into a web Response, empty for HEAD', async () => {
    const { blackbox, scope } = await begin();
    const answer = runWithContext(scope, () => blackbox.createErrorResponse(new Error('x')));
    const response = webErrorResponse(answer);
    expect(response.status).toBe(500);
    expect(response.headers.get('x-incident-id')).toBe(scope.incidentId);
    expect((await response.json()).incident_id).toBe(scope.incidentId);
    expect(webErrorResponse({ status: 500, headers: {}, body: '' }).body).toBeNull();
  });
});
