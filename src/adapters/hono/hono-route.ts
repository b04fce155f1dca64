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
