import { Hono, type Context } from 'hono';
import { etag } from 'hono/etag';
import { HTTPException } from 'hono/http-exception';
import { validator } from 'hono/validator';
import { blackbox, blackboxErrorHandler } from 'http-blackbox/hono';
import type { BlackboxOptions } from 'http-blackbox';
import { ItemService, sleep, slowMs } from '../_shared/items.js';

/** Reads a JSON or form body through Hono, which caches it for any later reader. */
async function readBody(c: Context): Promise<Record<string, unknown>> {
  const type = c.req.header('content-type') ?? '';
  if (type.includes('application/json')) return c.req.json();
  return await c.req.parseBody();
}

/** The conformance app on Hono 4. */
export function createHonoApp(options: BlackboxOptions) {
  const app = new Hono();
  const recorder = blackbox(options);
  const items = new ItemService();
  app.use(recorder);
  app.onError(blackboxErrorHandler());

  app.get('/ok', (c) => c.json({ ok: true }));
  app.get('/health', (c) => c.json({ ok: true }));
  app.get('/boom', () => {
    throw new Error('boom');
  });
  app.get('/boom/:id', (c) => {
    throw new Error(`boom for item ${c.req.param('id')}`);
  });
  app.get('/throw-string', () => {
    throw 'plain string'; // eslint-disable-line @typescript-eslint/only-throw-error -- on purpose
  });
  app.get('/bad-gateway', (c) => c.text('Upstream error', 502));
  app.get('/not-found', (c) => c.json({ error: 'Not found' }, 404));
  app.get('/forbidden', () => {
    throw new HTTPException(403, { message: 'Forbidden' });
  });
  app.post(
    '/validate',
    validator('json', (value: { name?: unknown }, c) =>
      value.name ? value : c.json({ error: 'name is required' }, 400),
    ),
    (c) => c.json({ name: c.req.valid('json').name }),
  );
  app.get('/redirect', (c) => c.redirect('/ok', 301));
  // etag() answers 304 when If-None-Match matches the ETag the handler set.
  app.get('/cached', etag(), (c) => {
    c.header('ETag', '"v1"');
    return c.json({ cached: true });
  });
  app.post('/echo', async (c) => {
    await readBody(c);
    throw new Error('echo failed');
  });
  // Change tracking as a user would write it: the loader gives `before`, the result `after`.
  app.post('/items', async (c) => {
    const input = await c.req.json<{ name: string; price: number }>();
    const item = await items.create(input);
    return c.json(item, 201);
  });
  app.patch('/items/:id', async (c) => {
    const id = Number(c.req.param('id'));
    const changes = await c.req.json<object>();
    const item = await items.update(id, changes);
    if (!item) throw new HTTPException(404, { message: 'No such item' });
    return c.json(item);
  });
  app.delete('/items/:id', async (c) => {
    const id = Number(c.req.param('id'));
    const deleted = await items.delete(id);
    if (!deleted) throw new HTTPException(404, { message: 'No such item' });
    return c.body(null, 204);
  });
  app.get('/manual', () => {
    try {
      throw new Error('manual failure');
    } catch (error) {
      const answer = recorder.blackbox.createErrorResponse(error);
      return new Response(answer.body, { status: answer.status, headers: answer.headers });
    }
  });
  app.get('/slow', async (c) => {
    await sleep(slowMs(c.req.query('ms')));
    return c.json({ ok: true });
  });
  // A body stream that fails after its first chunk: the error arrives after the headers.
  app.get('/stream-fail', () => {
    let sent = false;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (!sent) {
          sent = true;
          controller.enqueue(new TextEncoder().encode('partial'));
          return;
        }
        await sleep(20);
        throw new Error('stream failed');
      },
    });
    return new Response(body, { headers: { 'content-type': 'text/plain' } });
  });

  return { app, blackbox: recorder.blackbox };
}
