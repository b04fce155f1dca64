import { connect } from 'node:net';
import { Readable } from 'node:stream';
import Koa3 from 'koa';
import Koa2 from 'koa-v2';
import type { Context, Next } from 'koa';
import Router from '@koa/router';
import { bodyParser } from '@koa/bodyparser';
import { afterEach, describe, expect, it } from 'vitest';
import { createBlackbox, createMemoryStore } from '../../src/index.js';
import { blackbox } from '../../src/adapters/koa/index.js';
import { listen } from '../support/listen.js';

// Koa-specific traps the conformance app cannot show: the app's own error middleware (inside or
// outside ours), hooks, streams, routers. Real Koa apps on real sockets, into the memory store.
const flavours = [
  ['koa 3', Koa3],
  ['koa 2', Koa2],
] as const;
const INCIDENT_ID = /^INCIDENT-\d{4,}$/;

let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.map((cleanup) => cleanup()));
  cleanups = [];
});

type Build = (app: Koa3, router: Router, use: { blackbox: () => void }) => void;

/** Builds the app; `use.blackbox()` mounts the middleware where the test wants it (else first). */
async function serve(KoaApp: typeof Koa3, build: Build) {
  const store = createMemoryStore();
  const recorder = createBlackbox({
    store,
    flushIntervalMs: 10,
    logger: { warn: () => {}, error: () => {} },
  });
  await recorder.ready();
  const app = new KoaApp();
  app.silent = true; // Koa's own stderr logging of every error would only clutter the run
  const router = new Router();
  let mounted = false;
  const mount = () => {
    mounted = true;
    app.use(blackbox(recorder));
  };
  build(app, router, {
    blackbox: mount,
  });
  if (!mounted) throw new Error('the test did not mount blackbox');
  app.use(router.routes());
  const handle = app.callback();
  const server = await listen((req, res) => void handle(req, res));
  cleanups.push(async () => {
    await server.close();
    await recorder.close();
  });
  const flushed = async () => {
    await new Promise((resolve) => setTimeout(resolve, 30));
    await recorder.flush();
  };
  return {
    url: server.url,
    incidents: async () => (await flushed(), (await store.listIncidents({ limit: 50 })).results),
    activities: async () => (await flushed(), (await store.listActivities({ limit: 50 })).results),
  };
}

const fail = (error: unknown) => () => {
  throw error;
};

describe.each(flavours)('%s traps', (_name, KoaApp) => {
  it('captures the error an inner error middleware swallows when it emits it, as Koa advises', async () => {
    const { url, incidents } = await serve(KoaApp, (app, router, use) => {
      use.blackbox();
      app.use(async (ctx: Context, next: Next) => {
        try {
          await next();
        } catch (error) {
          ctx.status = 503;
          ctx.body = { mine: true };
          ctx.app.emit('error', error, ctx);
        }
      });
      router.get('/fail', fail(new TypeError('db exploded')));
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

  it('still records the 5xx an inner error middleware answers silently, without the error', async () => {
    const { url, incidents } = await serve(KoaApp, (app, router, use) => {
      use.blackbox();
      app.use(async (ctx: Context, next: Next) => {
        try {
          await next();
        } catch {
          ctx.status = 500;
          ctx.body = { quiet: true };
        }
      });
      router.get('/fail', fail(new Error('never seen')));
    });
    const response = await fetch(`${url}/fail`);
    expect(await response.json()).toEqual({ quiet: true });
    const [row] = await incidents();
    expect(row).toMatchObject({
      incidentId: response.headers.get('x-incident-id'),
      httpStatus: 500,
      exceptionClass: null,
    });
  });

  it('captures the real error when the app’s error middleware sits outside ours, keeping its answer', async () => {
    const { url, incidents } = await serve(KoaApp, (app, router, use) => {
      app.use(async (ctx: Context, next: Next) => {
        try {
          await next();
        } catch {
          ctx.status = 502;
          ctx.body = { outer: true, id: ctx.state.blackbox?.incidentId };
        }
      });
      use.blackbox();
      router.get('/fail', fail(new RangeError('out of range')));
    });
    const response = await fetch(`${url}/fail`);
    expect(response.status).toBe(502);
    const id = response.headers.get('x-incident-id');
    expect(await response.json()).toEqual({ outer: true, id });
    expect((await incidents())[0]).toMatchObject({ incidentId: id, exceptionClass: 'RangeError' });
  });

  it('answers with the error body, once, when an error middleware rewrites the error', async () => {
    const { url, incidents } = await serve(KoaApp, (app, router, use) => {
      use.blackbox();
      app.use(async (_ctx: Context, next: Next) => {
        try {
          await next();
        } catch (error) {
          throw new Error('wrapped', { cause: error });
        }
      });
      router.get('/fail', fail(new Error('inner')));
    });
    const response = await fetch(`${url}/fail`);
    expect(response.status).toBe(500);
    const rows = await incidents();
    expect(rows).toHaveLength(1);
    // Koa has no error hook: the error is seen as it leaves the middleware below ours.
    expect(rows[0]!.exceptionMessage).toBe('wrapped');
    expect(rows[0]!.stacktrace).toContain('inner');
    expect((await response.json()).incident_id).toBe(rows[0]!.incidentId);
  });

  it('records an error thrown after headers were sent and cuts the connection Koa leaves open', async () => {
    const { url, incidents } = await serve(KoaApp, (_app, router, use) => {
      use.blackbox();
      router.get('/late', async (ctx) => {
        ctx.res.writeHead(200, { 'content-type': 'text/plain' });
        await new Promise<void>((resolve) => ctx.res.write('partial', () => resolve()));
        throw new Error('late failure');
      });
    });
    const response = await fetch(`${url}/late`);
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow();
    const [row] = await incidents();
    expect(row).toMatchObject({
      exceptionMessage: 'late failure',
      headersSent: true,
      httpStatus: 500,
    });
  });

  it('records a streamed response as sent, and a stream that fails midway as an incident', async () => {
    const { url, incidents, activities } = await serve(KoaApp, (_app, router, use) => {
      use.blackbox();
      router.get('/stream', (ctx) => {
        ctx.type = 'text';
        ctx.body = Readable.from(['one ', 'two']);
      });
      router.get('/stream-broken', (ctx) => {
        const body = new Readable({ read() {} });
        body.push('first part');
        setTimeout(() => body.destroy(new Error('disk gone')), 20);
        ctx.type = 'text';
        ctx.body = body;
      });
    });
    const ok = await fetch(`${url}/stream`);
    expect(await ok.text()).toBe('one two');
    expect(ok.headers.get('x-request-id')).toBeTruthy();
    const broken = await fetch(`${url}/stream-broken`);
    expect(broken.status).toBe(200);
    await expect(broken.text()).rejects.toThrow();
    const [row] = await incidents();
    expect(row).toMatchObject({ exceptionMessage: 'disk gone', headersSent: true });
    const streamed = (await activities()).find((activity) => activity.path === '/stream');
    expect(streamed).toMatchObject({ httpStatus: 200, aborted: false });
  });

  it('captures an async error thrown in a middleware before the router', async () => {
    const { url, incidents } = await serve(KoaApp, (app, router, use) => {
      use.blackbox();
      app.use(async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        throw new Error('hook failed');
      });
      router.get('/guarded', (ctx) => void (ctx.body = { ok: true }));
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

  it('leaves a 404 with no matching route and validation errors alone, recording their activity', async () => {
    const { url, incidents, activities } = await serve(KoaApp, (app, router, use) => {
      use.blackbox();
      app.use(bodyParser());
      router.post('/validate', (ctx) => {
        if (!(ctx.request.body as { name?: string } | undefined)?.name) ctx.throw(422, 'name?');
        ctx.body = { ok: true };
      });
    });
    const post = (body: string) =>
      fetch(`${url}/validate`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
    const missing = await fetch(`${url}/no/such/route`);
    const invalid = await post('{}');
    const unparsable = await post('{"name":');
    expect([missing.status, invalid.status, unparsable.status]).toEqual([404, 422, 400]);
    for (const response of [missing, invalid, unparsable]) {
      expect(response.headers.get('x-incident-id')).toBeNull();
      expect(response.headers.get('x-request-id')).toBeTruthy();
    }
    expect(await incidents()).toEqual([]);
    const rows = await activities();
    expect(rows.find((row) => row.path === '/no/such/route')).toMatchObject({ httpStatus: 404 });
  });

  it('takes the route template from @koa/router, prefix included', async () => {
    const { url, incidents } = await serve(KoaApp, (app, _router, use) => {
      use.blackbox();
      const api = new Router({ prefix: '/api' });
      api.get('/items/:id', fail(new Error('api failed')));
      app.use(api.routes());
    });
    const response = await fetch(`${url}/api/items/123456`);
    expect(response.headers.get('x-incident-id')).toMatch(INCIDENT_ID);
    expect((await incidents())[0]).toMatchObject({
      route: '/api/items/:id',
      path: '/api/items/123456',
    });
  });

  it('records a client that abandons its upload as an aborted activity, not an incident', async () => {
    const { url, incidents, activities } = await serve(KoaApp, (app, router, use) => {
      use.blackbox();
      app.use(bodyParser());
      router.post('/upload', (ctx) => void (ctx.body = { ok: true }));
    });
    const { hostname, port } = new URL(url);
    await new Promise<void>((resolve) => {
      const socket = connect(Number(port), hostname, () => {
        socket.write('POST /upload HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n');
        socket.write('Content-Length: 1000\r\n\r\n{"half":');
        setTimeout(() => resolve(void socket.destroy()), 50);
      });
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await activities()).toMatchObject([{ path: '/upload', aborted: true, httpStatus: 499 }]);
    expect(await incidents()).toEqual([]);
  });
});
