import type Koa from 'koa';
import Router from '@koa/router';
import { bodyParser } from '@koa/bodyparser';
import { blackbox } from 'http-blackbox/koa';
import type { BlackboxOptions } from 'http-blackbox';
import { ItemService, sleep, slowMs } from '../_shared/items.js';

type ItemInput = { name: string; price: number };

/** The conformance app on Koa; `Koa` is passed in so Koa 2 and 3 share the code. */
export function createKoaApp(KoaApp: typeof Koa, options: BlackboxOptions) {
  const app = new KoaApp();
  const recorder = blackbox(options);
  const router = new Router();
  const items = new ItemService();
  app.use(recorder);
  app.use(bodyParser());

  router.get('/ok', (ctx) => void (ctx.body = { ok: true }));
  router.get('/health', (ctx) => void (ctx.body = { ok: true }));
  router.get('/boom', () => {
    throw new Error('boom');
  });
  router.get('/boom/:id', (ctx) => {
    throw new Error(`boom for item ${ctx.params.id}`);
  });
  router.get('/throw-string', () => {
    throw 'plain string'; // eslint-disable-line @typescript-eslint/only-throw-error -- on purpose
  });
  router.get('/bad-gateway', (ctx) => {
    ctx.status = 502;
    ctx.type = 'text';
    ctx.body = 'Upstream error';
  });
  router.get('/not-found', (ctx) => {
    ctx.status = 404;
    ctx.body = { error: 'Not found' };
  });
  router.get('/forbidden', (ctx) => ctx.throw(403, 'Forbidden'));
  router.post('/validate', (ctx) => {
    const body = ctx.request.body as { name?: unknown } | undefined;
    if (!body?.name) return ctx.throw(422, 'name is required');
    ctx.body = { name: body.name };
  });
  router.get('/redirect', (ctx) => {
    ctx.status = 301; // Koa keeps a redirect status set beforehand (else 302)
    ctx.redirect('/ok');
  });
  router.get('/cached', (ctx) => {
    ctx.etag = '"v1"';
    ctx.body = { cached: true };
    if (ctx.fresh) ctx.status = 304;
  });
  router.post('/echo', () => {
    throw new Error('echo failed');
  });
  // Change tracking as a user would write it: the loader gives `before`, the result `after`.
  router.post('/items', async (ctx) => {
    const item = await items.create(ctx.request.body as ItemInput);
    ctx.status = 201;
    ctx.body = item;
  });
  router.patch('/items/:id', async (ctx) => {
    const id = Number(ctx.params.id);
    const item = await items.update(id, ctx.request.body as object);
    if (!item) ctx.throw(404, 'No such item');
    ctx.body = item;
  });
  router.delete('/items/:id', async (ctx) => {
    const id = Number(ctx.params.id);
    const deleted = await items.delete(id);
    if (!deleted) ctx.throw(404, 'No such item');
    ctx.status = 204;
  });
  router.get('/manual', (ctx) => {
    try {
      throw new Error('manual failure');
    } catch (error) {
      const answer = recorder.blackbox.createErrorResponse(error);
      ctx.status = answer.status;
      ctx.set(answer.headers);
      ctx.body = answer.body;
    }
  });
  router.get('/slow', async (ctx) => {
    await sleep(slowMs(ctx.query.ms));
    ctx.body = { ok: true };
  });
  router.get('/stream-fail', async (ctx) => {
    ctx.res.writeHead(200, { 'content-type': 'text/plain' });
    await new Promise<void>((resolve) => ctx.res.write('partial', () => resolve()));
    throw new Error('stream failed');
  });

  app.use(router.routes()).use(router.allowedMethods());
  return { app, blackbox: recorder.blackbox };
}
