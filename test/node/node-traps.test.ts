import type { IncomingMessage, ServerOptions, ServerResponse } from 'node:http';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { getRequestContext, type BlackboxOptions } from '../../src/index.js';
import { wrap } from '../../src/adapters/node/index.js';
import { listen } from '../support/listen.js';
import { memoryRecorder } from '../support/memory-recorder.js';

// Traps of a plain node:http app: no framework, so no error handler but the app's own code.
// Real servers on real sockets, recording into the memory store.
let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.map((cleanup) => cleanup()));
  cleanups = [];
});

const INCIDENT_ID = /^INCIDENT-\d{4,}$/;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
type Handler = (req: IncomingMessage, res: ServerResponse) => unknown;

async function serve(
  handler: Handler,
  route?: (req: IncomingMessage) => string | undefined,
  options: BlackboxOptions = {},
  serverOptions: ServerOptions = {},
) {
  const { recorder, incidents, activities } = await memoryRecorder(options);
  const server = await listen(wrap(handler, recorder, { route }), serverOptions);
  cleanups.push(async () => {
    await server.close();
    await recorder.close();
  });
  return {
    url: server.url,
    incidents,
    activities,
  };
}

async function readText(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  return text;
}

describe('node:http traps', () => {
  it('captures an async rejection and answers with the error body', async () => {
    const { url, incidents } = await serve(async () => {
      await sleep(5);
      throw new Error('async failure');
    });
    const response = await fetch(`${url}/x`);
    expect(response.status).toBe(500);
    const id = response.headers.get('x-incident-id');
    expect(id).toMatch(INCIDENT_ID);
    expect((await response.json()).incident_id).toBe(id);
    expect((await incidents())[0]).toMatchObject({
      exceptionMessage: 'async failure',
      route: null,
    });
  });

  it('answers an error carrying a 4xx status with that status, no incident, no message', async () => {
    const { url, incidents } = await serve(() => {
      throw Object.assign(new Error('secret detail'), { status: 422 });
    });
    const response = await fetch(`${url}/x`);
    expect(response.status).toBe(422);
    expect(await response.text()).toBe('Unprocessable Entity');
    expect(response.headers.get('x-incident-id')).toBeNull();
    expect(await incidents(0)).toEqual([]);
  });

  it('captures an app that catches its error and answers 500 itself (a returned status)', async () => {
    const { url, incidents } = await serve((_req, res) => {
      try {
        throw new Error('handled by the app');
      } catch {
        res.writeHead(500, { 'content-type': 'text/plain' }).end('our own page');
      }
    });
    const response = await fetch(`${url}/x`);
    expect(await response.text()).toBe('our own page');
    const id = response.headers.get('x-incident-id');
    expect(id).toMatch(INCIDENT_ID);
    expect((await incidents())[0]).toMatchObject({ incidentId: id, exceptionClass: null });
  });

  it('records an error after the headers went out and cuts the response off', async () => {
    const { url, incidents } = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('partial');
      throw new Error('too late');
    });
    const response = await fetch(`${url}/x`);
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow();
    expect((await incidents())[0]).toMatchObject({ headersSent: true, httpStatus: 500 });
  });

  it('drops headers the handler set before it threw', async () => {
    const { url } = await serve((_req, res) => {
      res.setHeader('content-length', '99999');
      res.setHeader('x-partial', 'yes');
      throw new Error('mid-way');
    });
    const response = await fetch(`${url}/x`);
    expect(response.status).toBe(500);
    expect(response.headers.get('x-partial')).toBeNull();
    expect((await response.json()).incident_id).toBe(response.headers.get('x-incident-id'));
  });

  it('puts the IDs on the status line that went out when a first writeHead threw', async () => {
    const { url, incidents, activities } = await serve((_req, res) => {
      try {
        res.writeHead(1000); // Node throws: no status line went out
      } catch {
        res.writeHead(502, { 'content-type': 'text/plain' }).end('upstream failed');
      }
    });
    const response = await fetch(`${url}/x`);
    expect(response.status).toBe(502);
    const id = response.headers.get('x-incident-id');
    expect(id).toMatch(INCIDENT_ID);
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await incidents()).toMatchObject([{ incidentId: id, httpStatus: 502 }]);
    expect(await activities()).toMatchObject([{ httpStatus: 502, incidentId: id }]);
  });

  it('records a streamed response when it ends', async () => {
    const { url, activities } = await serve(async (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      for (const part of ['a', 'b', 'c']) {
        res.write(part);
        await sleep(10);
      }
      res.end();
    });
    const response = await fetch(`${url}/x`);
    expect(await response.text()).toBe('abc');
    const [row] = await activities();
    expect(row).toMatchObject({ httpStatus: 200, aborted: false });
    expect(row!.responseTimeMs).toBeGreaterThanOrEqual(25);
  });

  it('leaves the app’s own 404 alone; route stays null without a route reader', async () => {
    const { url, incidents, activities } = await serve((_req, res) => {
      res.writeHead(404).end();
    });
    const response = await fetch(`${url}/nowhere`);
    expect(response.status).toBe(404);
    expect(response.headers.get('x-incident-id')).toBeNull();
    expect(await incidents(0)).toEqual([]);
    expect((await activities())[0]).toMatchObject({ httpStatus: 404, route: null });
  });

  it('stores the route the app’s router reports', async () => {
    const { url, incidents } = await serve(
      () => {
        throw new Error('routed');
      },
      (req) => (req.url?.startsWith('/items/') ? '/items/:id' : undefined),
    );
    await fetch(`${url}/items/7`);
    expect((await incidents())[0]?.route).toBe('/items/:id');
  });

  it('copies the raw body without taking it from the app, and prefers req.body when set', async () => {
    const seen: string[] = [];
    const { url, incidents } = await serve(async (req) => {
      const text = await readText(req);
      seen.push(text);
      if (req.url === '/parsed') (req as { body?: unknown }).body = { parsed: true, token: 't' };
      throw new Error(`failed ${req.url}`);
    });
    const body = JSON.stringify({ name: 'ann', password: 'hunter2' });
    const headers = { 'content-type': 'application/json' };
    await fetch(`${url}/raw`, { method: 'POST', headers, body });
    await fetch(`${url}/parsed`, { method: 'POST', headers, body });
    expect(seen).toEqual([body, body]);
    const byPath = Object.fromEntries((await incidents(2)).map((row) => [row.path, row]));
    expect(byPath['/raw']!.bodyPreview).toBe('{"name":"ann","password":"[REDACTED]"}');
    expect(byPath['/parsed']!.bodyPreview).toBe('{"parsed":true,"token":"[REDACTED]"}');
  });

  it('keeps the request context across the app’s own body reading', async () => {
    const { url } = await serve(async (req, res) => {
      await readText(req);
      res.end(getRequestContext().requestId);
    });
    const response = await fetch(`${url}/x`, { method: 'POST', body: 'hello' });
    expect(await response.text()).toBe(response.headers.get('x-request-id'));
  });

  it.each([
    ['an object', { 'Content-Type': 'text/plain', 'Set-Cookie': ['sid=s3cret-a', 'theme=dark'] }],
    ['a flat list', ['Content-Type', 'text/plain', 'Set-Cookie', 'sid=s3cret-a']],
  ])('records the headers given to writeHead as %s, Set-Cookie masked', async (_, headers) => {
    const { url, activities } = await serve(
      (_req, res) => {
        res.writeHead(200, 'Fine', headers);
        res.end('hi');
      },
      undefined,
      { addRequestIdHeader: false },
    );
    expect((await fetch(`${url}/x`)).status).toBe(200);
    const [row] = await activities();
    // As they went on the wire: the app's headers and those node:http adds.
    expect(row?.responseHeaders).toEqual({
      'content-type': 'text/plain',
      'set-cookie': '[REDACTED]',
      date: expect.stringMatching(/ GMT$/),
      connection: 'keep-alive',
      'keep-alive': expect.stringMatching(/^timeout=\d+$/),
      'transfer-encoding': 'chunked',
    });
  });

  it('records a body the server timed out (requestTimeout) as aborted, without an incident', async () => {
    const { url, incidents, activities } = await serve(
      async (req, res) => res.end(await readText(req)),
      undefined,
      {},
      { requestTimeout: 200, connectionsCheckingInterval: 50 },
    );
    const { hostname, port } = new URL(url);
    const answer = await new Promise<string>((resolve, reject) => {
      let text = '';
      const socket = connect(Number(port), hostname, () => {
        socket.write('POST /slowloris HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nab');
      });
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => (text += chunk));
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
    });
    // Node itself answers 408 on the socket and closes it; the app's response never finishes.
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(await activities()).toMatchObject([
      { path: '/slowloris', aborted: true, httpStatus: 499 },
    ]);
    // Flushed with the activity above: an incident of the request would be there by now.
    expect(await incidents(0)).toEqual([]);
  });
});
