import { afterEach, describe, expect, it } from 'vitest';
import { getRequestContext } from '../../src/index.js';
import {
  withBlackbox,
  type FetchAdapterOptions,
  type FetchHandler,
} from '../../src/adapters/fetch/index.js';
import { listen } from '../support/listen.js';
import { memoryRecorder } from '../support/memory-recorder.js';

// Web-standard handlers called the way Bun.serve, Deno.serve, Workers and Next.js route
// handlers call them: a web Request in, a web Response out (Node's own Request and Response).
let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.map((cleanup) => cleanup()));
  cleanups = [];
});

const INCIDENT_ID = /^INCIDENT-\d{4,}$/;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function recorded<Rest extends unknown[]>(
  handler: FetchHandler<Request, Rest>,
  adapter: FetchAdapterOptions<Request, Rest> = {},
) {
  const { recorder, incidents, activities } = await memoryRecorder();
  cleanups.push(() => recorder.close());
  return {
    handle: withBlackbox(handler, recorder, adapter),
    incidents,
    activities,
  };
}

const get = (path: string, init?: RequestInit) => new Request(`http://app.test${path}`, init);

describe('fetch handler traps', () => {
  it('answers a thrown error and an async rejection with the error body and both IDs', async () => {
    const { handle, incidents } = await recorded(async (request) => {
      if (request.url.endsWith('/sync')) throw new Error('sync');
      await sleep(5);
      throw new Error('async');
    });
    for (const path of ['/sync', '/async']) {
      const response = await handle(get(path));
      expect(response.status).toBe(500);
      const id = response.headers.get('x-incident-id');
      expect(id).toMatch(INCIDENT_ID);
      expect(await response.json()).toMatchObject({ incident_id: id });
    }
    const messages = (await incidents(2)).map((row) => row.exceptionMessage).sort();
    expect(messages).toEqual(['async', 'sync']);
  });

  it('answers an error carrying a 4xx status with that status and no incident', async () => {
    const { handle, incidents } = await recorded(() => {
      throw Object.assign(new Error('do not leak'), { status: 422 });
    });
    const response = await handle(get('/x'));
    expect(response.status).toBe(422);
    expect(await response.text()).toBe('Unprocessable Entity');
    expect(response.headers.get('x-request-id')).toBeTruthy();
    expect(await incidents(0)).toEqual([]);
  });

  it('captures an error the app’s own catch turns into a 500 response', async () => {
    const { handle, incidents } = await recorded(() => {
      try {
        throw new Error('caught by the app');
      } catch {
        return Response.json({ mine: true }, { status: 500 });
      }
    });
    const response = await handle(get('/x'));
    expect(await response.json()).toEqual({ mine: true });
    expect((await incidents())[0]?.incidentId).toBe(response.headers.get('x-incident-id'));
  });

  it('adds the IDs to an immutable upstream response (a proxied fetch)', async () => {
    const upstream = await listen((_req, res) => void res.writeHead(502).end('upstream down'));
    cleanups.push(upstream.close);
    const { handle } = await recorded(() => fetch(`${upstream.url}/`));
    const response = await handle(get('/proxy'));
    expect(response.status).toBe(502);
    expect(await response.text()).toBe('upstream down');
    expect(response.headers.get('x-incident-id')).toMatch(INCIDENT_ID);
  });

  it('records a streamed body at its end, and a consumer that stops reading as aborted', async () => {
    const { handle, activities } = await recorded(() => {
      let count = 0;
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          await sleep(5);
          if (count++ === 3) return controller.close();
          controller.enqueue(new TextEncoder().encode(String(count)));
        },
      });
      return new Response(body);
    });
    const whole = await handle(get('/whole', { headers: { 'x-request-id': 'whole' } }));
    expect(await whole.text()).toBe('123');
    const cut = await handle(get('/cut', { headers: { 'x-request-id': 'cut' } }));
    const reader = cut.body!.getReader();
    await reader.read();
    await reader.cancel();
    const byId = Object.fromEntries((await activities(2)).map((row) => [row.requestId, row]));
    expect(byId.whole).toMatchObject({ httpStatus: 200, aborted: false });
    expect(byId.cut).toMatchObject({ httpStatus: 499, aborted: true });
  });

  it('captures a body stream that fails after the status went out', async () => {
    const { handle, incidents } = await recorded(
      () =>
        new Response(
          new ReadableStream({
            pull: () => Promise.reject(new TypeError('broken pipe')),
          }),
        ),
    );
    const response = await handle(get('/x'));
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow();
    expect((await incidents())[0]).toMatchObject({
      headersSent: true,
      exceptionClass: 'TypeError',
    });
  });

  it('copies the request body while the handler reads it, and skips large ones', async () => {
    const { handle, incidents } = await recorded(async (request) => {
      const body = (await request.json()) as { name: string };
      throw new Error(`failed for ${body.name}`);
    });
    const small = JSON.stringify({ name: 'ann', password: 'hunter2' });
    await handle(
      get('/small', {
        method: 'POST',
        body: small,
        headers: { 'content-type': 'application/json' },
      }),
    );
    const large = JSON.stringify({ name: 'bob', pad: 'x'.repeat(70_000) });
    await handle(
      get('/large', {
        method: 'POST',
        body: large,
        headers: { 'content-type': 'application/json' },
      }),
    );
    const byPath = Object.fromEntries((await incidents(2)).map((row) => [row.path, row]));
    expect(byPath['/small']).toMatchObject({
      exceptionMessage: 'failed for ann',
      bodyPreview: '{"name":"ann","password":"[REDACTED]"}',
    });
    expect(byPath['/large']).toMatchObject({
      exceptionMessage: 'failed for bob',
      bodyPreview: null,
    });
  });

  it('passes the runtime’s extra arguments through and uses them for route and address', async () => {
    type Info = { params: { id: string }; ip: string };
    const seen: unknown[] = [];
    const { handle, incidents } = await recorded<[Info]>(
      (_request, info) => {
        seen.push(info.params.id, getRequestContext().requestId);
        throw new Error('with context');
      },
      { route: () => '/items/[id]', remoteAddress: (_request, info) => info.ip },
    );
    const response = await handle(get('/items/7', { headers: { 'x-request-id': 'ctx-1' } }), {
      params: { id: '7' },
      ip: '203.0.113.5',
    });
    expect(response.status).toBe(500);
    expect(seen).toEqual(['7', 'ctx-1']);
    expect((await incidents())[0]).toMatchObject({
      route: '/items/[id]',
      ipAddress: '203.0.113.5',
    });
  });

  it('keeps route and address null when nobody supplies them', async () => {
    const { handle, activities } = await recorded(() => new Response('not here', { status: 404 }));
    const response = await handle(get('/missing'));
    expect(response.status).toBe(404);
    // The row is written once the runtime has read the body, as a server does.
    expect(await response.text()).toBe('not here');
    expect(response.headers.get('x-incident-id')).toBeNull();
    expect((await activities())[0]).toMatchObject({
      route: null,
      ipAddress: null,
      httpStatus: 404,
    });
  });
});
