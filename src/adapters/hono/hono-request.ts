import type { Context } from 'hono';

/**
 * The route template of the handler that answered (`/boom/:id`, mount path included), or
 * undefined when none did (a 404 from `notFound`). Hono leaves `routeIndex` on the last
 * handler it ran; when that is middleware (`use('*')`, `use('/api/*')`), no route matched.
 * `matchedRoutes` is deprecated in favour of `hono/route`, which an adapter cannot import at
 * runtime; the getter exists throughout Hono 4.
 */
export function routeOf(c: Context): string | undefined {
  const route = c.req.matchedRoutes[c.req.routeIndex];
  if (!route) return undefined;
  if (route.method === 'ALL' && route.path.endsWith('*')) return undefined;
  return route.path;
}

type RuntimeEnv = {
  incoming?: { socket?: { remoteAddress?: string } };
  remoteAddr?: { hostname?: string };
  server?: unknown;
  requestIP?: (request: Request) => { address?: string } | null;
};

/**
 * The client's address from what the runtime passes Hono as `env`, read the way Hono's own
 * `getConnInfo` helpers do: `@hono/node-server` (`{ incoming }`), Deno (`info.remoteAddr`),
 * Bun (the server, or `{ server }`, with `requestIP`). Undefined elsewhere (Workers).
 */
export function remoteAddressOf(c: Context): string | undefined {
  const env = c.env as RuntimeEnv | undefined;
  if (!env || typeof env !== 'object') return undefined;
  if (env.incoming) return env.incoming.socket?.remoteAddress;
  if (env.remoteAddr) return env.remoteAddr.hostname;
  const bun = (env.server ?? env) as RuntimeEnv;
  return typeof bun.requestIP === 'function' ? bun.requestIP(c.req.raw)?.address : undefined;
}
