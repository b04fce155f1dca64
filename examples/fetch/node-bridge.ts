// A minimal Node bridge for a web-standard handler, the part Bun, Deno or Next.js provide
// themselves: IncomingMessage → Request (with an abort signal), Response → ServerResponse.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Readable, pipeline } from 'node:stream';

/** What the bridge knows beyond the Request (Deno's `info`, Bun's `server`). */
export interface BridgeInfo {
  remoteAddress: string | undefined;
}

export type WebHandler = (request: Request, info: BridgeInfo) => Promise<Response>;

export function serveWebHandler(handler: WebHandler): Server {
  return createServer((req, res) => void bridge(handler, req, res));
}

async function bridge(handler: WebHandler, req: IncomingMessage, res: ServerResponse) {
  const aborter = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) aborter.abort();
  });
  let response: Response;
  try {
    response = await handler(toRequest(req, aborter.signal), {
      remoteAddress: req.socket.remoteAddress,
    });
  } catch {
    response = new Response('Internal Server Error', { status: 500 });
  }
  res.writeHead(response.status, response.statusText || undefined, toNodeHeaders(response.headers));
  if (!response.body || req.method === 'HEAD') {
    void response.body?.cancel();
    res.end();
    return;
  }
  // pipeline cancels the web stream when the client goes away, and cuts the response off
  // when the web stream fails.
  pipeline(Readable.fromWeb(response.body as never), res, () => undefined);
}

function toRequest(req: IncomingMessage, signal: AbortSignal): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    for (const one of [value ?? []].flat()) headers.append(name, one);
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  return new Request(`http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`, {
    method: req.method,
    headers,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream) : undefined,
    duplex: 'half',
    signal,
  } as RequestInit);
}

function toNodeHeaders(headers: Headers): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of headers) if (name !== 'set-cookie') out[name] = value;
  const cookies = headers.getSetCookie();
  if (cookies.length > 0) out['set-cookie'] = cookies;
  return out;
}
