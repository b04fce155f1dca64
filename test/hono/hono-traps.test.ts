import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { stream } from 'hono/streaming';
import { validator } from 'hono/validator';
import { describe, expect, it } from 'vitest';
import { getRequestContext } from '../../src/index.js';
import { blackboxErrorHandler, type BlackboxEnv } from '../../src/adapters/hono/index.js';
import { INCIDENT_ID, serveApp, sleep, useHonoCleanup } from './serve-hono.js';

// Hono-specific traps the conformance app cannot show: the app's own onError, Hono's default
// error handler, streaming, validators. Real Hono apps on @hono/node-server, memory store.
useHonoCleanup();

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
    const classes = (await incidents(2)).map((row) => row.exceptionClass).sort();
    expect(classes).toEqual(['Number', 'RangeError']);
  });

  it('leaves a 404 with no matching route alone and records it without a route', async () => {
    const { url, incidents, activities } = await serveApp((app) => {
      app.use('/api/*', async (_c, next) => next());
      app.get('/api/known', (c) => c.text('known'));
    });
    const response = await fetch(`${url}/api/unknown`);
    expect(response.status).toBe(404);
    expect(response.headers.get('x-incident-id')).toBeNull();
    expect(await incidents(0)).toEqual([]);
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
    expect(await incidents(0)).toEqual([]);
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
});
