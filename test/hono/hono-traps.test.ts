import { serve } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { stream } from 'hono/streaming';
import { validator } from 'hono/validator';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createBlackbox, createMemoryStore, getRequestContext } from '../../src/index.js';
import { blackbox, blackboxErrorHandler, type BlackboxEnv } from '../../src/adapters/hono/index.js';

// Hono-specific traps the conformance app cannot show: the app's own onError, Hono's default
// error handler, streaming, validators. Real Hono apps on @hono/node-server, memory store.
let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.map((cleanup) => cleanup()));
  cleanups = [];
});

const INCIDENT_ID = /^INCIDENT-\d{4,}$/;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function serveApp(build: (app: Hono) => void, options: { ourOnError?: boolean } = {}) {
  const store = createMemoryStore();
  const recorder = createBlackbox({
    store,
    flushIntervalMs: 10,
    logger: { warn: () => {}, error: () => {} },
  });
  await recorder.ready();
  const app = new Hono();
  app.use(blackbox(recorder));
  if (options.ourOnError !== false) app.onError(blackboxErrorHandler());
  build(app);
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const started = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () =>
      resolve(started),
    );
  });
  const { port } = server.address() as AddressInfo;
  cleanups.push(async () => {
    await new Promise((resolve) => server.close(resolve));
    await recorder.close();
  });
  const settle = async () => {
    await sleep(30);
    await recorder.flush();
  };
  return {
    url: `http://127.0.0.1:${port}`,
    incidents: async () => (await settle(), (await store.listIncidents({ limit: 50 })).results),
    activities: async () => (await settle(), (await store.listActivities({ limit: 50 })).results),
  };
}

describe('hono traps', () => {
  it('captures an error that the app’s own onError answers and swallows', async () => {
    const { url, incidents } = await serveApp(
      (app) => {
        app.onError((_error, c) => c.json({ mine: true }, 503));
        app.get('/fail', () => {
          throw new TypeError('db exploded');
        });
      },
      { ourOnError: false },
    );
    const response = await fetch(`${url}/fail`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ mine: true });
    const id = response.headers.get('x-incident-id');
    expect(id).toMatch(INCIDENT_ID);
    const rows = await incidents();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ incidentId: id, exceptionClass: 'TypeError', route: '/fail' });
  });

  it('captures once when the app’s onError rewrites the error and throws it on', async () => {
    const { url, incidents } = await serveApp(
      (app) => {
        app.onError((error) => {
          throw new Error(`wrapped: ${error.message}`);
        });
        app.get('/fail', () => {
          throw new Error('inner');
        });
      },
      { ourOnError: false },
    );
    const response = await fetch(`${url}/fail`);
    expect(response.status).toBe(500);
    const rows = await incidents();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.exceptionMessage).toBe('inner');
    expect((await response.json()).incident_id).toBe(rows[0]!.incidentId);
  });

  it('works without any onError: Hono’s own 500 gains the IDs', async () => {
    const { url, incidents } = await serveApp(
      (app) =>
        app.get('/fail', () => {
          throw new Error('no handler');
        }),
      { ourOnError: false },
    );
    const original = console.error;
    console.error = () => {}; // Hono's default handler prints the error.
    const response = await fetch(`${url}/fail`).finally(() => (console.error = original));
    expect(response.status).toBe(500);
    expect(await response.text()).toBe('Internal Server Error');
    const id = response.headers.get('x-incident-id');
    expect((await incidents())[0]?.incidentId).toBe(id);
  });

  it('exposes the IDs to the app’s onError when blackboxErrorHandler wraps it', async () => {
    const { url } = await serveApp(
      (app) => {
        app.onError(
          blackboxErrorHandler((_error, c) => {
            const scope = (c as Context<BlackboxEnv>).get('blackbox');
            return c.json(
              { incident: scope.incidentId, request: getRequestContext().requestId },
              500,
            );
          }),
        );
        app.get('/fail', () => {
          throw new Error('x');
        });
      },
      { ourOnError: false },
    );
    const response = await fetch(`${url}/fail`);
    const body = await response.json();
    expect(body.incident).toMatch(INCIDENT_ID);
    expect(body.incident).toBe(response.headers.get('x-incident-id'));
    expect(body.request).toBe(response.headers.get('x-request-id'));
  });

  it('captures an async error and a thrown non-Error (which Hono’s onError never sees)', async () => {
    const { url, incidents } = await serveApp((app) => {
      app.get('/async', async () => {
        await sleep(5);
        throw new RangeError('later');
      });
      app.get('/number', () => {
        throw 42; // eslint-disable-line @typescript-eslint/only-throw-error -- on purpose
      });
    });
    const later = await fetch(`${url}/async`);
    expect(later.status).toBe(500);
    const number = await fetch(`${url}/number`);
    expect(number.status).toBe(500);
    expect((await number.json()).incident_id).toBe(number.headers.get('x-incident-id'));
    const classes = (await incidents()).map((row) => row.exceptionClass).sort();
    expect(classes).toEqual(['Number', 'RangeError']);
  });

  const hostile: [string, () => unknown][] = [
    [
      'an error whose getters throw',
      () => {
        const error = new Error('x');
        for (const key of ['message', 'stack', 'name']) {
          Object.defineProperty(error, key, {
            get: () => {
              throw new Error('getter');
            },
          });
        }
        return error;
      },
    ],
    [
      'a proxy that throws on every trap',
      () =>
        new Proxy(
          {},
          {
            get: () => {
              throw new Error('trap');
            },
            getPrototypeOf: () => {
              throw new Error('trap');
            },
          },
        ),
    ],
    ['null', () => null],
  ];

  it.each(hostile)('answers 500 with an ID when the handler throws %s', async (_label, make) => {
    const { url, incidents } = await serveApp((app) => {
      app.get('/fail', () => {
        throw make();
      });
    });
    const response = await fetch(`${url}/fail`);
    expect(response.status).toBe(500);
    const id = response.headers.get('x-incident-id');
    expect(id).toMatch(INCIDENT_ID);
    expect((await incidents())[0]?.incidentId).toBe(id);
  });

  it('leaves a 404 with no matching route alone and records it without a route', async () => {
    const { url, incidents, activities } = await serveApp((app) => {
      app.use('/api/*', async (_c, next) => next());
      app.get('/api/known', (c) => c.text('known'));
    });
    const response = await fetch(`${url}/api/unknown`);
    expect(response.status).toBe(404);
    expect(response.headers.get('x-incident-id')).toBeNull();
    expect(await incidents()).toEqual([]);
    expect((await activities())[0]).toMatchObject({ httpStatus: 404, route: null });
  });

  it('keeps validator errors (400) and HTTPException 4xx out of incidents', async () => {
    const { url, incidents } = await serveApp((app) => {
      app.post(
        '/v',
        validator('json', (value: { name?: string }, c) =>
          value.name ? value : c.json({ error: 'name' }, 400),
        ),
        (c) => c.json(c.req.valid('json')),
      );
      app.get('/teapot', () => {
        throw new HTTPException(418, { message: 'short and stout' });
      });
    });
    const invalid = await fetch(`${url}/v`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(invalid.status).toBe(400);
    const teapot = await fetch(`${url}/teapot`);
    expect(teapot.status).toBe(418);
    expect(await teapot.text()).toBe('short and stout');
    expect(await incidents()).toEqual([]);
  });

  it('records a streamed response when it ends, and captures a stream that fails midway', async () => {
    const { url, incidents, activities } = await serveApp((app) => {
      app.get('/stream', (c) =>
        stream(c, async (out) => {
          for (const part of ['a', 'b', 'c']) {
            await out.write(part);
            await sleep(10);
          }
        }),
      );
      app.get('/broken', () => {
        let sent = false;
        const body = new ReadableStream<Uint8Array>({
          async pull(controller) {
            if (sent) {
              await sleep(20);
              throw new Error('midway');
            }
            sent = true;
            controller.enqueue(new TextEncoder().encode('partial'));
          },
        });
        return new Response(body);
      });
    });
    const streamed = await fetch(`${url}/stream`);
    expect(await streamed.text()).toBe('abc');
    const row = (await activities()).find((activity) => activity.path === '/stream');
    expect(row).toMatchObject({ httpStatus: 200, aborted: false, route: '/stream' });
    expect(row!.responseTimeMs).toBeGreaterThanOrEqual(25);

    const broken = await fetch(`${url}/broken`);
    expect(broken.status).toBe(200);
    await broken.text().catch(() => 'cut off');
    const incident = (await incidents()).find((one) => one.path === '/broken');
    expect(incident).toMatchObject({ headersSent: true, exceptionMessage: 'midway' });
  });

  it('captures the request body while the app (and a validator) read it intact', async () => {
    const { url, incidents } = await serveApp((app) => {
      app.post(
        '/orders',
        validator('json', (value: { item: string }) => value),
        async (c) => {
          const again = await c.req.json<{ item: string }>();
          throw new Error(`order failed for ${again.item}`);
        },
      );
    });
    const response = await fetch(`${url}/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ item: 'lamp', password: 'secret-1' }),
    });
    expect(response.status).toBe(500);
    const [incident] = await incidents();
    expect(incident!.exceptionMessage).toBe('order failed for lamp');
    expect(incident!.bodyPreview).toBe('{"item":"lamp","password":"[REDACTED]"}');
  });

  it('stores the full route template of a mounted sub-app', async () => {
    const { url, incidents } = await serveApp((app) => {
      const items = new Hono();
      items.get('/:id', () => {
        throw new Error('nested');
      });
      app.route('/api/items', items);
    });
    await fetch(`${url}/api/items/7`);
    expect((await incidents())[0]?.route).toBe('/api/items/:id');
  });

  it.each([
    ['Deno (info.remoteAddr)', { remoteAddr: { hostname: '198.51.100.7' } }],
    ['Bun (the server)', { requestIP: () => ({ address: '198.51.100.7' }) }],
    ['Bun ({ server })', { server: { requestIP: () => ({ address: '198.51.100.7' }) } }],
  ])('reads the client address from the env %s passes', async (_runtime, env) => {
    const store = createMemoryStore();
    const recorder = createBlackbox({ store, logger: { warn: () => {}, error: () => {} } });
    cleanups.push(() => recorder.close());
    await recorder.ready();
    const app = new Hono();
    app.use(blackbox(recorder));
    app.onError(blackboxErrorHandler());
    app.get('/boom', () => {
      throw new Error('boom');
    });
    const response = await app.request('/boom', {}, env);
    await recorder.flush();
    const [incident] = (await store.listIncidents({ limit: 5 })).results;
    expect(incident).toMatchObject({
      incidentId: response.headers.get('x-incident-id'),
      ipAddress: '198.51.100.7',
    });
  });

  it('answers through app.request() with no server at all (how web runtimes call it)', async () => {
    const recorder = createBlackbox({
      store: 'memory:',
      logger: { warn: () => {}, error: () => {} },
    });
    cleanups.push(() => recorder.close());
    await recorder.ready();
    const app = new Hono();
    app.use(blackbox(recorder));
    app.onError(blackboxErrorHandler());
    app.get('/boom', () => {
      throw new Error('boom');
    });
    const response = await app.request('/boom');
    expect(response.status).toBe(500);
    expect(response.headers.get('x-incident-id')).toMatch(INCIDENT_ID);
  });
});
