import { withBlackbox } from 'http-blackbox/fetch';
import { createBlackbox, type BlackboxOptions } from 'http-blackbox';
import { ItemService, sleep, slowMs } from '../_shared/items.js';
import type { BridgeInfo } from './node-bridge.js';
import { Router } from './router.js';

type Handler = (request: Request, params: Record<string, string>) => Response | Promise<Response>;

/** An error carrying its HTTP status: what "the framework's own HTTP error" is without one. */
const httpError = (status: number, message: string) =>
  Object.assign(new Error(message), { status });

/** Reads a JSON or form body, as a route handler would. */
async function readBody(request: Request): Promise<Record<string, unknown>> {
  const type = request.headers.get('content-type') ?? '';
  if (type.includes('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(await request.text()));
  }
  return (await request.json()) as Record<string, unknown>;
}

/** The conformance app as one web-standard handler: `(Request) => Response`. */
export function createFetchApp(options: BlackboxOptions) {
  const recorder = createBlackbox(options);
  const items = new ItemService();
  const router = new Router<Handler>();
  const ok = () => Response.json({ ok: true });

  router
    .add('GET', '/ok', ok)
    .add('GET', '/health', ok)
    .add('GET', '/boom', () => {
      throw new Error('boom');
    })
    .add('GET', '/boom/:id', (_request, params) => {
      throw new Error(`boom for item ${params.id}`);
    })
    .add('GET', '/throw-string', () => {
      throw 'plain string'; // eslint-disable-line @typescript-eslint/only-throw-error -- on purpose
    })
    .add('GET', '/bad-gateway', () => new Response('Upstream error', { status: 502 }))
    .add('GET', '/not-found', () => Response.json({ error: 'Not found' }, { status: 404 }))
    .add('GET', '/forbidden', () => {
      throw httpError(403, 'Forbidden');
    })
    .add('POST', '/validate', async (request) => {
      const body = await readBody(request).catch((): Record<string, unknown> => ({}));
      if (!body.name) return Response.json({ error: 'name is required' }, { status: 422 });
      return Response.json({ name: body.name });
    })
    .add(
      'GET',
      '/redirect',
      () => new Response(null, { status: 301, headers: { location: '/ok' } }),
    )
    .add('GET', '/cached', (request) =>
      request.headers.get('if-none-match') === '"v1"'
        ? new Response(null, { status: 304, headers: { etag: '"v1"' } })
        : Response.json({ cached: true }, { headers: { etag: '"v1"' } }),
    )
    .add('POST', '/echo', async (request) => {
      await readBody(request);
      throw new Error('echo failed');
    })
    .add('POST', '/items', async (request) => {
      const input = (await readBody(request)) as { name: string; price: number };
      const item = await items.create(input);
      return Response.json(item, { status: 201 });
    })
    .add('PATCH', '/items/:id', async (request, params) => {
      const id = Number(params.id);
      const changes = await readBody(request);
      const item = await items.update(id, changes);
      if (!item) throw httpError(404, 'No such item');
      return Response.json(item);
    })
    .add('DELETE', '/items/:id', async (_request, params) => {
      const id = Number(params.id);
      const deleted = await items.delete(id);
      if (!deleted) throw httpError(404, 'No such item');
      return new Response(null, { status: 204 });
    })
    .add('GET', '/manual', () => {
      try {
        throw new Error('manual failure');
      } catch (error) {
        const answer = recorder.createErrorResponse(error);
        return new Response(answer.body, { status: answer.status, headers: answer.headers });
      }
    })
    .add('GET', '/slow', async (request) => {
      await sleep(slowMs(new URL(request.url).searchParams.get('ms')));
      return ok();
    })
    .add(
      'GET',
      '/stream-fail',
      () => new Response(failingStream(), { headers: { 'content-type': 'text/plain' } }),
    );

  const pathOf = (request: Request) => new URL(request.url).pathname;
  const handler = withBlackbox(
    async (request: Request, _info: BridgeInfo) => {
      const match = router.match(request.method, pathOf(request));
      if (!match) return Response.json({ error: 'No route' }, { status: 404 });
      return match.handler(request, match.params);
    },
    recorder,
    {
      route: (request) => router.match(request.method, pathOf(request))?.template,
      remoteAddress: (_request, info) => info.remoteAddress,
    },
  );
  return { handler, blackbox: recorder };
}

/** Sends part of a body, then fails: the web-standard way to throw after the headers went out. */
function failingStream(): ReadableStream<Uint8Array> {
  let sent = false;
  return new ReadableStream({
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
}
