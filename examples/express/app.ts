import createHttpError from 'http-errors';
import type { Express, NextFunction, Request, Response } from 'express';
import { blackbox, blackboxErrorHandler } from 'http-blackbox/express';
import type { BlackboxOptions } from 'http-blackbox';
import { ItemService, sleep, slowMs } from '../_shared/items.js';

type Handler = (req: Request, res: Response) => Promise<void>;

/** Express 4 does not forward a rejected promise to the error handlers; Express 5 does. */
const route = (handler: Handler) => (req: Request, res: Response, next: NextFunction) =>
  void handler(req, res).catch(next);

type ExpressFactory = (() => Express) & {
  json: () => unknown;
  urlencoded: (options: { extended: boolean }) => unknown;
};

/** The conformance app on Express; `express` is passed in so Express 4 and 5 share the code. */
export function createExpressApp(express: ExpressFactory, options: BlackboxOptions) {
  const app = express();
  const recorder = blackbox(options);
  const items = new ItemService();
  app.use(recorder);
  app.use(express.json() as never, express.urlencoded({ extended: false }) as never);

  app.get('/ok', (_req, res) => void res.json({ ok: true }));
  app.get('/health', (_req, res) => void res.json({ ok: true }));
  app.get('/boom', () => {
    throw new Error('boom');
  });
  app.get('/boom/:id', (req) => {
    throw new Error(`boom for item ${req.params.id}`);
  });
  app.get('/throw-string', () => {
    throw 'plain string'; // eslint-disable-line @typescript-eslint/only-throw-error -- on purpose
  });
  app.get('/bad-gateway', (_req, res) => void res.status(502).type('text').send('Upstream error'));
  app.get('/not-found', (_req, res) => void res.status(404).json({ error: 'Not found' }));
  app.get('/forbidden', () => {
    throw createHttpError(403, 'Forbidden');
  });
  app.post('/validate', (req, res) => {
    const body = req.body as { name?: unknown } | undefined;
    if (!body?.name) throw createHttpError(400, 'name is required');
    res.json({ name: body.name });
  });
  app.get('/redirect', (_req, res) => res.redirect(301, '/ok'));
  app.get('/cached', (_req, res) => void res.set('ETag', '"v1"').json({ cached: true }));
  app.post('/echo', () => {
    throw new Error('echo failed');
  });
  // The item service records its own changes (examples/_shared/items.ts): routes pass no request.
  app.post(
    '/items',
    route(async (req, res) => {
      const item = await items.create(req.body as { name: string; price: number });
      res.status(201).json(item);
    }),
  );
  app.patch(
    '/items/:id',
    route(async (req, res) => {
      const id = Number(req.params.id);
      const item = await items.update(id, req.body as object);
      if (!item) throw createHttpError(404, 'No such item');
      res.json(item);
    }),
  );
  app.delete(
    '/items/:id',
    route(async (req, res) => {
      const id = Number(req.params.id);
      const deleted = await items.delete(id);
      if (!deleted) throw createHttpError(404, 'No such item');
      res.status(204).end();
    }),
  );
  app.get('/manual', (_req, res) => {
    try {
      throw new Error('manual failure');
    } catch (error) {
      const answer = recorder.blackbox.createErrorResponse(error);
      res.status(answer.status).set(answer.headers).send(answer.body);
    }
  });
  app.get(
    '/slow',
    route(async (req, res) => {
      await sleep(slowMs(req.query.ms));
      res.json({ ok: true });
    }),
  );
  app.get('/stream-fail', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.write('partial');
    throw new Error('stream failed');
  });

  app.use(blackboxErrorHandler());
  return { app, blackbox: recorder.blackbox };
}
