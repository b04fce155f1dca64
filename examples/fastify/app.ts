import createHttpError from 'http-errors';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { blackboxPlugin } from 'http-blackbox/fastify';
import type { BlackboxOptions } from 'http-blackbox';
import { ItemService, sleep, slowMs } from '../_shared/items.js';

type FastifyFactory = () => FastifyInstance;
type ItemInput = { name: string; price: number };
type WithId = FastifyRequest<{ Params: { id: string } }>;

/** The conformance app on Fastify; `fastify` is passed in so Fastify 4 and 5 share the code. */
export async function createFastifyApp(fastify: FastifyFactory, options: BlackboxOptions) {
  const app = fastify();
  await app.register(blackboxPlugin, options);
  // Fastify parses JSON itself; forms need a parser (what @fastify/formbody does, in one line).
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
  );
  const items = new ItemService();

  app.get('/ok', async () => ({ ok: true }));
  app.get('/health', async () => ({ ok: true }));
  app.get('/boom', async () => {
    throw new Error('boom');
  });
  app.get('/boom/:id', async (request: WithId) => {
    throw new Error(`boom for item ${request.params.id}`);
  });
  app.get('/throw-string', async () => {
    throw 'plain string'; // eslint-disable-line @typescript-eslint/only-throw-error -- on purpose
  });
  app.get('/bad-gateway', async (_request, reply) =>
    reply.code(502).type('text/plain').send('Upstream error'),
  );
  app.get('/not-found', async (_request, reply) => reply.code(404).send({ error: 'Not found' }));
  app.get('/forbidden', async () => {
    throw createHttpError(403, 'Forbidden');
  });
  // Fastify's own validation: a schema, answered 400 by Fastify.
  const nameRequired = {
    schema: { body: { type: 'object', required: ['name'], properties: { name: {} } } },
  };
  app.post('/validate', nameRequired, async (request) => ({
    name: (request.body as { name: unknown }).name,
  }));
  app.get('/redirect', async (_request, reply) => reply.code(301).header('location', '/ok').send());
  app.get('/cached', async (request, reply) => {
    reply.header('etag', '"v1"');
    if (request.headers['if-none-match'] === '"v1"') return reply.code(304).send();
    return { cached: true };
  });
  app.post('/echo', async () => {
    throw new Error('echo failed');
  });
  // Change tracking as a user would write it: the loader gives `before`, the result `after`.
  app.post('/items', async (request, reply) => {
    const item = await items.create(request.body as ItemInput);
    return reply.code(201).send(item);
  });
  app.patch('/items/:id', async (request: WithId) => {
    const id = Number(request.params.id);
    const item = await items.update(id, request.body as object);
    if (!item) throw createHttpError(404, 'No such item');
    return item;
  });
  app.delete('/items/:id', async (request: WithId, reply) => {
    const id = Number(request.params.id);
    const deleted = await items.delete(id);
    if (!deleted) throw createHttpError(404, 'No such item');
    return reply.code(204).send();
  });
  app.get('/manual', async (_request, reply) => {
    try {
      throw new Error('manual failure');
    } catch (error) {
      const answer = app.blackbox.createErrorResponse(error);
      return reply.code(answer.status).headers(answer.headers).send(answer.body);
    }
  });
  app.get('/slow', async (request: FastifyRequest<{ Querystring: { ms?: string } }>) => {
    await sleep(slowMs(request.query.ms));
    return { ok: true };
  });
  app.get('/stream-fail', async (_request, reply) => {
    reply.raw.writeHead(200, { 'content-type': 'text/plain' });
    // Wait until the part is on the wire: Fastify destroys the socket as soon as the error
    // arrives, and a synchronous throw would drop the still-corked headers with it.
    await new Promise<void>((resolve) => reply.raw.write('partial', () => resolve()));
    throw new Error('stream failed');
  });
  return app;
}
