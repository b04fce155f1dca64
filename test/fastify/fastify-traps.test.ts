import { Readable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import fastify5 from 'fastify';
import fastify4 from 'fastify-v4';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { createBlackbox, createMemoryStore, type BlackboxOptions } from '../../src/index.js';
import { blackboxPlugin } from '../../src/adapters/fastify/index.js';

// Fastify-specific traps the conformance app cannot show: the app's own error handlers, hooks,
// streams, encapsulated routes. Real Fastify apps on real sockets, recording into the memory store.
const flavours = [
  ['fastify 5', fastify5],
  ['fastify 4', fastify4],
] as const;
const INCIDENT_ID = /^INCIDENT-\d{4,}$/;

let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.map((cleanup) => cleanup()));
  cleanups = [];
});

async function serve(
  make: typeof fastify5,
  build: (app: FastifyInstance) => void,
  options: BlackboxOptions = {},
) {
  const store = createMemoryStore();
  const recorder = createBlackbox({
    store,
    flushIntervalMs: 10,
    logger: { warn: () => {}, error: () => {} },
    ...options,
  });
  await recorder.ready();
  const app = make();
  await app.register(blackboxPlugin, recorder);
  build(app);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  cleanups.push(async () => {
    await app.close();
    await recorder.close();
  });
  const flushed = async () => {
    await new Promise((resolve) => setTimeout(resolve, 30));
    await recorder.flush();
  };
  return {
    url: `http://127.0.0.1:${port}`,
    incidents: async () => (await flushed(), (await store.listIncidents({ limit: 50 })).results),
    activities: async () => (await flushed(), (await store.listActivities({ limit: 50 })).results),
  };
}

describe.each(flavours)('%s traps', (_name, make) => {
  it('captures an error that the app’s setErrorHandler answers and swallows', async () => {
    const { url, incidents } = await serve(make, (app) => {
      app.setErrorHandler((_error, _request, reply) => reply.code(503).send({ mine: true }));
      app.get('/fail', async () => {
        throw new TypeError('db exploded');
      });
    });
    const response = await fetch(`${url}/fail`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ mine: true });
    const id = response.headers.get('x-incident-id');
    expect(id).toMatch(INCIDENT_ID);
    const rows = await incidents();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ incidentId: id, exceptionClass: 'TypeError' });
  });

  it('answers with the error body, once, when the app’s handler rewrites the error', async () => {
    const { url, incidents } = await serve(make, (app) => {
      app.setErrorHandler((error) => {
        throw new Error(`wrapped: ${String(error)}`);
      });
      app.get('/fail', () => {
        throw new Error('inner');
      });
    });
    const response = await fetch(`${url}/fail`);
    expect(response.status).toBe(500);
    const rows = await incidents();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.exceptionMessage).toBe('inner');
    expect((await response.json()).incident_id).toBe(rows[0]!.incidentId);
  });

  it('gives the app’s error handler the IDs on request.blackbox', async () => {
    const { url } = await serve(make, (app) => {
      app.setErrorHandler((_error, request, reply) =>
        reply.code(500).send({
          request: request.blackbox?.requestId,
          incident: request.blackbox?.incidentId,
        }),
      );
      app.get('/fail', () => {
        throw new Error('x');
      });
    });
    const response = await fetch(`${url}/fail`);
    const body = await response.json();
    expect(body.incident).toBe(response.headers.get('x-incident-id'));
    expect(body.request).toBe(response.headers.get('x-request-id'));
  });

  it('records an error thrown after headers were sent, cuts the connection and keeps serving', async () => {
    // Fastify 4 on its own crashes the process here (ERR_HTTP_HEADERS_SENT from its error path).
    const { url, incidents } = await serve(make, (app) => {
      app.get('/late', async (_request, reply) => {
        reply.raw.writeHead(200, { 'content-type': 'text/plain' });
        await new Promise<void>((resolve) => reply.raw.write('partial', () => resolve()));
        throw new Error('late failure');
      });
      app.get('/ok', async () => ({ ok: true }));
    });
    const response = await fetch(`${url}/late`);
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow();
    expect((await fetch(`${url}/ok`)).status).toBe(200);
    const [row] = await incidents();
    expect(row).toMatchObject({
      exceptionMessage: 'late failure',
      headersSent: true,
      httpStatus: 500,
    });
  });

  it('records a streamed response as sent, and a stream that fails midway as an incident', async () => {
    const { url, incidents, activities } = await serve(make, (app) => {
      app.get('/stream', async (_request, reply) =>
        reply.type('text/plain').send(Readable.from(['one ', 'two'])),
      );
      app.get('/stream-broken', async (_request, reply) => {
        const body = new Readable({ read() {} });
        body.push('first part');
        setTimeout(() => body.destroy(new Error('disk gone')), 20);
        return reply.type('text/plain').send(body);
      });
    });
    const ok = await fetch(`${url}/stream`);
    expect(await ok.text()).toBe('one two');
    expect(ok.headers.get('x-request-id')).toBeTruthy();
    const broken = await fetch(`${url}/stream-broken`);
    expect(broken.status).toBe(200);
    await expect(broken.text()).rejects.toThrow();
    const [row] = await incidents();
    expect(row).toMatchObject({
      exceptionMessage: 'disk gone',
      headersSent: true,
      path: '/stream-broken',
    });
    const streamed = (await activities()).find((activity) => activity.path === '/stream');
    expect(streamed).toMatchObject({ httpStatus: 200, aborted: false });
  });

  it('captures an async error thrown in a hook', async () => {
    const { url, incidents } = await serve(make, (app) => {
      app.addHook('preHandler', async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        throw new Error('hook failed');
      });
      app.get('/guarded', async () => ({ ok: true }));
    });
    const response = await fetch(`${url}/guarded`);
    expect(response.status).toBe(500);
    const id = response.headers.get('x-incident-id');
    expect((await response.json()).incident_id).toBe(id);
    expect((await incidents())[0]).toMatchObject({
      incidentId: id,
      exceptionMessage: 'hook failed',
    });
  });

  it('leaves a 404 with no matching route and a validation error alone, recording their activity', async () => {
    const { url, incidents, activities } = await serve(make, (app) => {
      const schema = { body: { type: 'object', required: ['name'] } };
      app.post('/validate', { schema }, async () => ({ ok: true }));
    });
    const missing = await fetch(`${url}/no/such/route`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('x-request-id')).toBeTruthy();
    const invalid = await fetch(`${url}/validate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(invalid.status).toBe(400);
    for (const response of [missing, invalid])
      expect(response.headers.get('x-incident-id')).toBeNull();
    expect(await incidents()).toEqual([]);
    const rows = await activities();
    expect(rows.find((row) => row.path === '/no/such/route')).toMatchObject({ httpStatus: 404 });
    expect(rows.find((row) => row.path === '/validate')).toMatchObject({ httpStatus: 400 });
  });

  it('sees routes of encapsulated plugins, with their prefix in the route template', async () => {
    const { url, incidents } = await serve(make, (app) => {
      void app.register(
        async (child) => {
          child.get('/items/:id', async () => {
            throw new Error('child failed');
          });
        },
        { prefix: '/api' },
      );
    });
    const response = await fetch(`${url}/api/items/123456`);
    expect(response.headers.get('x-incident-id')).toMatch(INCIDENT_ID);
    expect((await incidents())[0]).toMatchObject({
      route: '/api/items/:id',
      path: '/api/items/123456',
    });
  });

  // Fastify hands its headers to writeHead(status, headers), which Node sends without keeping
  // them for getHeaders() when no header was set before (here: no X-Request-ID of ours).
  it('records the response headers Fastify gives writeHead, Set-Cookie masked', async () => {
    const { url, activities } = await serve(
      make,
      (app) => {
        app.get('/login', (_request, reply) =>
          reply.header('set-cookie', 'sid=s3cret-session; HttpOnly').send({ ok: true }),
        );
      },
      { addRequestIdHeader: false },
    );
    const response = await fetch(`${url}/login`);
    expect(response.headers.get('set-cookie')).toContain('s3cret-session');
    const [row] = await activities();
    expect(row?.responseHeaders).toMatchObject({
      'set-cookie': '[REDACTED]',
      'content-type': expect.stringContaining('application/json') as string,
    });
    expect(JSON.stringify(row)).not.toContain('s3cret-session');
  });
});
