import express5 from 'express';
import express4 from 'express-v4';
import type { ErrorRequestHandler, Express } from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import { createBlackbox, createMemoryStore, tryGetRequestContext } from '../../src/index.js';
import { blackbox, blackboxErrorHandler } from '../../src/adapters/express/index.js';
import { HOSTILE_THROWN_VALUES } from '../support/hostile-values.js';
import { listen } from '../support/listen.js';
import { exchange } from '../support/raw-exchange.js';

// Express-specific traps the conformance app cannot show: the app's own error handlers, hostile
// thrown values. Real Express apps on real sockets, recording into the memory store.
const flavours = [
  ['express 5', express5],
  ['express 4', express4],
] as const;

let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.map((cleanup) => cleanup()));
  cleanups = [];
});

async function serve(make: typeof express5, build: (app: Express) => void) {
  const store = createMemoryStore();
  const recorder = createBlackbox({
    store,
    flushIntervalMs: 10,
    logger: { warn: () => {}, error: () => {} },
  });
  await recorder.ready();
  const app = make();
  app.use(blackbox(recorder));
  build(app);
  app.use(blackboxErrorHandler());
  const server = await listen(app);
  cleanups.push(async () => {
    await server.close();
    await recorder.close();
  });
  const readAll = async () => {
    await recorder.flush();
    return (await store.listIncidents({ limit: 200 })).results;
  };
  const activities = async () => {
    await recorder.flush();
    return (await store.listActivities({ limit: 200 })).results;
  };
  return { url: server.url, readAll, activities };
}

describe.each(flavours)('%s traps', (_name, make) => {
  it('captures an error that the app’s own error handler answers and swallows', async () => {
    const swallow: ErrorRequestHandler = (_error, _req, res, _next) =>
      void res.status(503).json({ mine: true });
    const { url, readAll } = await serve(make, (app) => {
      app.get('/fail', () => {
        throw new TypeError('db exploded');
      });
      app.use(swallow);
    });
    const response = await fetch(`${url}/fail`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ mine: true });
    const id = response.headers.get('x-incident-id');
    expect(id).toMatch(/^INCIDENT-\d{4,}$/);
    const rows = await readAll();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      incidentId: id,
      exceptionClass: 'TypeError',
      exceptionMessage: 'db exploded',
    });
  });

  it('captures once when the app’s handler rewrites the error and passes it on', async () => {
    const rewrite: ErrorRequestHandler = (error, _req, _res, next) =>
      next(new Error(`wrapped: ${String(error)}`));
    const { url, readAll } = await serve(make, (app) => {
      app.get('/fail', () => {
        throw new Error('inner');
      });
      app.use(rewrite);
    });
    const response = await fetch(`${url}/fail`);
    expect(response.status).toBe(500);
    const rows = await readAll();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.exceptionMessage).toBe('inner');
    expect((await response.json()).incident_id).toBe(rows[0]!.incidentId);
  });

  it('exposes the IDs to the app’s error handler and logger', async () => {
    const { url } = await serve(make, (app) => {
      app.get('/fail', () => {
        throw new Error('x');
      });
      app.use(((_error, req, res, _next) => {
        const scope = (req as unknown as { blackbox: { requestId: string; incidentId?: string } })
          .blackbox;
        res.status(500).json({ request: scope.requestId, incident: scope.incidentId });
      }) as ErrorRequestHandler);
    });
    const response = await fetch(`${url}/fail`);
    const body = await response.json();
    expect(body.incident).toBe(response.headers.get('x-incident-id'));
    expect(body.request).toBe(response.headers.get('x-request-id'));
  });

  // `throw null` / `throw undefined` are left out: Express itself treats them as "no error" and
  // routes on to its 404, before any hook sees them (normaliseThrown's unit tests cover them).
  const hostile = HOSTILE_THROWN_VALUES;

  it.each(hostile)('answers 500 with an ID when the handler throws %s', async (_label, make5) => {
    const { url, readAll } = await serve(make, (app) => {
      app.get('/fail', () => {
        throw make5();
      });
    });
    const response = await fetch(`${url}/fail`);
    expect(response.status).toBe(500);
    const id = response.headers.get('x-incident-id');
    expect(id).toMatch(/^INCIDENT-\d{4,}$/);
    const [row] = await readAll();
    expect(row?.incidentId).toBe(id);
    expect(row!.exceptionMessage!.length).toBeLessThanOrEqual(10_000);
  });

  it('names routes of mounted routers by their declared paths, on success and on error', async () => {
    const { url, readAll, activities } = await serve(make, (app) => {
      const items = make.Router({ mergeParams: true });
      items.get('/items/:id', (_req, res) => void res.json({ ok: true }));
      items.get('/fail/:id', () => {
        throw new Error('mounted failure');
      });
      const v1 = make.Router();
      v1.use('/users/:uid', items);
      app.use('/api', items);
      app.use('/v1', v1);
    });
    const paths = ['/api/items/1', '/v1/users/7/items/2', '/api/fail/3', '/v1/users/8/fail/4'];
    for (const path of paths) await fetch(url + path);
    const routes = new Map((await activities()).map((row) => [row.path, row.route]));
    expect(Object.fromEntries(routes)).toEqual({
      '/api/items/1': '/api/items/:id',
      '/v1/users/7/items/2': '/v1/users/:uid/items/:id',
      '/api/fail/3': '/api/fail/:id',
      '/v1/users/8/fail/4': '/v1/users/:uid/fail/:id',
    });
    // The route is part of the fingerprint: one failure per mount point, never merged.
    const incidents = (await readAll()).map((incident) => incident.route).sort();
    expect(incidents).toEqual(['/api/fail/:id', '/v1/users/:uid/fail/:id']);
  });

  it('names a route mounted under an app mounted in an app', async () => {
    const { url, activities } = await serve(make, (app) => {
      const admin = make();
      admin.get('/reports/:year', (_req, res) => void res.json({ ok: true }));
      app.use('/tenants/:tenant/admin', admin);
    });
    await fetch(`${url}/tenants/acme/admin/reports/2026`);
    const [row] = await activities();
    expect(row?.route).toBe('/tenants/:tenant/admin/reports/:year');
  });

  it('runs the app’s own listeners on the request stream inside the request context', async () => {
    // Unlike body-parser, which binds its callback to the context itself, a handler that reads
    // the stream relies on us: the rest of the body arrives later, outside the context.
    const { url } = await serve(make, (app) => {
      app.post('/upload', (req, res) => {
        let bytes = 0;
        req.on('data', (chunk: Buffer) => (bytes += chunk.length));
        req.on('end', () => void res.json({ bytes, requestId: tryGetRequestContext()?.requestId }));
      });
    });
    const reply = await exchange(
      url,
      'POST /upload HTTP/1.1\r\nHost: x\r\nX-Request-ID: slow-upload-1\r\n' +
        'Connection: close\r\nContent-Length: 10\r\n\r\n12345',
      '67890',
    );
    expect(JSON.parse(reply.slice(reply.indexOf('\r\n\r\n') + 4))).toEqual({
      bytes: 10,
      requestId: 'slow-upload-1',
    });
  });

  it('captures an error raised after the response closed, as that request’s', async () => {
    const { url, readAll } = await serve(make, (app) => {
      app.get('/audited', (_req, res, next) => {
        res.json({ ok: true });
        // Later than the response's 'close': the scope is found through the request context.
        setTimeout(() => next(new Error('audit failed')), 50);
      });
    });
    const response = await fetch(`${url}/audited`, { headers: { 'x-request-id': 'late-1' } });
    expect(response.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(await readAll()).toMatchObject([
      { requestId: 'late-1', exceptionMessage: 'audit failed', headersSent: true },
    ]);
  });

  it('holds no request or response once closed, pipelined ones the client left too', async () => {
    const held = (globalThis as Record<symbol, Map<object, unknown>>)[
      Symbol.for('http-blackbox.node-scopes.v2')
    ]!;
    const { url, activities } = await serve(make, (app) => {
      app.get('/slow', (_req, res) => void setTimeout(() => res.json({ ok: true }), 300));
      app.get('/ok', (_req, res) => void res.json({ ok: true }));
    });
    const before = held.size;
    const { hostname, port } = new URL(url);
    const socket = connect(Number(port), hostname, () => {
      socket.write(
        ['/slow', '/ok', '/ok'].map((path) => `GET ${path} HTTP/1.1\r\nHost: x\r\n\r\n`).join(''),
      );
    });
    socket.on('error', () => {});
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(held.size).toBe(before + 6);
    socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(held.size).toBe(before);
    expect((await activities()).map((row) => row.httpStatus)).toEqual([499, 499, 499]);
  });

  it('keeps the concrete mount path where the declared one cannot be told', async () => {
    const { url, activities } = await serve(make, (app) => {
      const files = make.Router();
      files.get('/:name', (_req, res) => void res.json({ ok: true }));
      app.use(/^\/v[0-9]+/, files);
    });
    const response = await fetch(`${url}/v2/readme`);
    expect(response.status).toBe(200);
    const [row] = await activities();
    expect(row?.route).toBe('/v2/:name');
  });
});
