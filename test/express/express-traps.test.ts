import express5 from 'express';
import express4 from 'express-v4';
import type { ErrorRequestHandler, Express } from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { createBlackbox, createMemoryStore } from '../../src/index.js';
import { blackbox, blackboxErrorHandler } from '../../src/adapters/express/index.js';
import { HOSTILE_THROWN_VALUES } from '../support/hostile-values.js';
import { listen } from '../support/listen.js';

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
  return { url: server.url, readAll };
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
});
