import type { Request } from 'express';
import { scopeOf } from '../../index.js';

const OBSERVED = Symbol.for('http-blackbox.express.route-matches-observed');

/** What Express (4, or 5's router) keeps on a Layer, as far as route templates go. */
interface Layer {
  /** Set on the layers of `app.get(…)` and friends. */
  route?: { path?: unknown };
  /** The part of the URL the layer matched last (Express sets it on each match). */
  path?: unknown;
  /** Express 5's router: the path as the app declared it. */
  rawPath?: unknown;
  /** Express 4: the names of the declared path's parameters, in order. */
  keys?: readonly { name: string | number }[];
}
type LayerPrototype = Record<string | symbol, unknown>;
type RequestMethod = (this: Layer, req: Request, ...rest: unknown[]) => unknown;

/** For a request that went through mounted routers or apps: each concrete base URL → declared. */
const mounts = new WeakMap<object, Map<string, string>>();

/**
 * The route template a request matched, as declared: `/users/:uid/items/:id` for a router
 * mounted at `/users/:uid`, never the concrete `/users/7/items/:id`. Noted when the route is
 * entered, because `req.baseUrl` is reset when an error leaves a mounted router.
 */
export function matchedRoute(req: Request): string | undefined {
  return scopeOf(req)?.notedRoute;
}

/**
 * Patches the Layer prototype (once per copy of Express) so that each layer a request enters is
 * noted: a mounted router's or app's declared path, and the route finally matched. Express 4
 * names the method `handle_request`, Express 5's router `handleRequest`.
 */
export function observeRouteMatches(proto: LayerPrototype): void {
  if (proto[OBSERVED]) return;
  proto[OBSERVED] = true;
  for (const name of ['handleRequest', 'handle_request']) {
    const original = proto[name];
    if (typeof original !== 'function') continue;
    proto[name] = function noteRouteMatch(this: Layer, req: Request, ...rest: unknown[]) {
      try {
        noteMatch(this, req);
      } catch {
        // Noting must never change how Express routes the request.
      }
      return (original as RequestMethod).call(this, req, ...rest);
    };
  }
}

function noteMatch(layer: Layer, req: Request): void {
  const { route } = layer;
  if (route) {
    const { path } = route;
    const scope = typeof path === 'string' ? scopeOf(req) : undefined;
    if (scope) scope.notedRoute = declared(req, req.baseUrl) + (path as string);
    return;
  }
  // Most layers mount nothing: told by the layer alone, before reading the request (slow).
  if (!mayMount(layer)) return;
  // Express has just set `baseUrl` to the parent's base URL + the matched part (no trailing /).
  const base = req.baseUrl;
  const concrete = matchedPart(layer, base);
  if (concrete === undefined || !base.endsWith(concrete)) return;
  const parent = base.slice(0, base.length - concrete.length);
  let known = mounts.get(req);
  if (!known) mounts.set(req, (known = new Map<string, string>()));
  known.set(base, declared(req, parent) + declaredMountPath(layer, concrete, req.params));
}

/** False for plain middleware (it matched the empty prefix) and a route's own handlers. */
function mayMount(layer: Layer): boolean {
  const matched = layer.path;
  if (typeof matched === 'string') return matched !== '' && matched !== '/';
  const raw = layer.rawPath;
  return typeof raw === 'string' && raw !== '/';
}

/**
 * The part of the URL a mounted router or app matched, or undefined for a layer that mounts
 * nothing (plain middleware matched the empty prefix; a route's own handlers match no path).
 */
function matchedPart(layer: Layer, base: string): string | undefined {
  const matched = layer.path;
  if (typeof matched === 'string')
    return matched === '' || matched === '/' ? undefined : trim(matched);
  // Express 5.1's router no longer keeps it: as many segments as the declared path has, unless
  // that path has optional or repeated parts.
  const raw = layer.rawPath;
  if (raw === '/' || typeof raw !== 'string' || /[{}*()?+]/.test(raw)) return undefined;
  const segments = trim(raw).split('/').length - 1;
  if (segments === 0) return undefined;
  let start = base.length;
  for (let i = 0; i < segments; i++) {
    if (start <= 0) return undefined;
    start = base.lastIndexOf('/', start - 1);
  }
  return start === -1 ? undefined : base.slice(start);
}

function trim(path: string): string {
  return path.endsWith('/') ? path.slice(0, -1) : path;
}

function declared(req: Request, base: string): string {
  if (base === '') return '';
  return mounts.get(req)?.get(base) ?? base;
}

/** Express 5 keeps the declared path; for Express 4 parameter values are put back as names. */
function declaredMountPath(layer: Layer, concrete: string, params: Request['params']): string {
  const raw = layer.rawPath;
  if (typeof raw === 'string') return trim(raw);
  let path = concrete;
  let from = 0;
  for (const { name } of layer.keys ?? []) {
    const value = (params as Record<string, unknown>)[name];
    if (typeof value !== 'string' || value === '') continue;
    const found = findSegment(path, value, from);
    if (!found) continue;
    const named = `/:${name}`;
    path = path.slice(0, found.start) + named + path.slice(found.end);
    from = found.start + named.length;
  }
  return path;
}

/** The `/value` segment of `path` at or after `from`, as written in the URL (encoded or not). */
function findSegment(path: string, value: string, from: number) {
  for (const written of new Set([encodeURIComponent(value), value])) {
    let start = path.indexOf(`/${written}`, from);
    while (start !== -1) {
      const end = start + written.length + 1;
      if (end === path.length || path[end] === '/') return { start, end };
      start = path.indexOf(`/${written}`, start + 1);
    }
  }
  return undefined;
}
