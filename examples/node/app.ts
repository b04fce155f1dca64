import type { IncomingMessage, ServerResponse } from 'node:http';
import { wrap } from 'http-blackbox/node';
import { createBlackbox, type BlackboxOptions } from 'http-blackbox';
import { ItemService, sleep, slowMs } from '../_shared/items.js';
import { Router } from '../fetch/router.js';

type Params = Record<string, string>;
type Handler = (req: IncomingMessage, res: ServerResponse, params: Params) => unknown;

/** An error carrying its HTTP status: what "the framework's own HTTP error" is without one. */
const httpError = (status: number, message: string) =>
  Object.assign(new Error(message), { status });

function sendJson(res: ServerResponse, status: number, body: unknown, headers = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** Reads and parses a JSON or form body, as a plain node:http app does. */
async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (req.headers['content-type']?.includes('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

/** The conformance app as one node:http request listener. */
export function createNodeApp(options: BlackboxOptions) {
  const recorder = createBlackbox(options);
  const items = new ItemService();
  const router = new Router<Handler>();
  const ok: Handler = (_req, res) => sendJson(res, 200, { ok: true });

  router
    .add('GET', '/ok', ok)
    .add('GET', '/health', ok)
    .add('GET', '/boom', () => {
      throw new Error('boom');
    })
    .add('GET', '/boom/:id', (_req, _res, params) => {
      throw new Error(`boom for item ${params.id}`);
    })
    .add('GET', '/throw-string', () => {
      throw 'plain string'; // eslint-disable-line @typescript-eslint/only-throw-error -- on purpose
    })
    .add('GET', '/bad-gateway', (_req, res) => {
      res.writeHead(502, { 'content-type': 'text/plain' }).end('Upstream error');
    })
    .add('GET', '/not-found', (_req, res) => sendJson(res, 404, { error: 'Not found' }))
    .add('GET', '/forbidden', () => {
      throw httpError(403, 'Forbidden');
    })
    .add('POST', '/validate', async (req, res) => {
      const body = await readBody(req).catch((): Record<string, unknown> => ({}));
      if (!body.name) return sendJson(res, 400, { error: 'name is required' });
      sendJson(res, 200, { name: body.name });
    })
    .add('GET', '/redirect', (_req, res) => res.writeHead(301, { location: '/ok' }).end())
    .add('GET', '/cached', (req, res) => {
      if (req.headers['if-none-match'] === '"v1"')
        return res.writeHead(304, { etag: '"v1"' }).end();
      sendJson(res, 200, { cached: true }, { etag: '"v1"' });
    })
    .add('POST', '/echo', async (req) => {
      await readBody(req);
      throw new Error('echo failed');
    })
    .add('POST', '/items', async (req, res) => {
      const input = (await readBody(req)) as { name: string; price: number };
      const item = await items.create(input);
      sendJson(res, 201, item);
    })
    .add('PATCH', '/items/:id', async (req, res, params) => {
      const id = Number(params.id);
      const changes = await readBody(req);
      const item = await items.update(id, changes);
      if (!item) throw httpError(404, 'No such item');
      sendJson(res, 200, item);
    })
    .add('DELETE', '/items/:id', async (_req, res, params) => {
      const id = Number(params.id);
      const deleted = await items.delete(id);
      if (!deleted) throw httpError(404, 'No such item');
      res.writeHead(204).end();
    })
    .add('GET', '/manual', (_req, res) => {
      try {
        throw new Error('manual failure');
      } catch (error) {
        const answer = recorder.createErrorResponse(error);
        res.writeHead(answer.status, answer.headers).end(answer.body);
      }
    })
    .add('GET', '/slow', async (req, res) => {
      await sleep(slowMs(new URL(req.url ?? '/', 'http://x').searchParams.get('ms')));
      sendJson(res, 200, { ok: true });
    })
    .add('GET', '/stream-fail', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('partial');
      throw new Error('stream failed');
    });

  const pathOf = (req: IncomingMessage) => (req.url ?? '/').split('?')[0] ?? '/';
  const listener = wrap(
    (req, res) => {
      const match = router.match(req.method ?? 'GET', pathOf(req));
      if (!match) return sendJson(res, 404, { error: 'No route' });
      return match.handler(req, res, match.params);
    },
    recorder,
    { route: (req) => router.match(req.method ?? 'GET', pathOf(req))?.template },
  );
  return { listener, blackbox: recorder };
}
