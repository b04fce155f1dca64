import type { ExecutionContext } from '@nestjs/common';
import type { PlatformRequest } from './request-state.js';

// Nest's own metadata key for @Controller()/@Get() paths (PATH_METADATA in @nestjs/common).
const PATH_METADATA = 'path';

/**
 * The route template of the handler Nest picked. The platform's matched route comes first: it
 * is the path Nest registered, with the global prefix, version and RouterModule paths already
 * joined. The controller's and handler's metadata are the fallback when the platform does not
 * expose it.
 */
export function routeTemplateOf(
  context: ExecutionContext,
  request: PlatformRequest,
): string | undefined {
  return (
    matchedRoute(request) ??
    joinPaths(
      pathOf(Reflect.getMetadata(PATH_METADATA, context.getClass())),
      pathOf(Reflect.getMetadata(PATH_METADATA, context.getHandler())),
    )
  );
}

/** The route the platform matched (Express: `req.route.path`, Fastify: `routeOptions.url`). */
export function matchedRoute(request: PlatformRequest): string | undefined {
  const matched = request.route?.path ?? request.routeOptions?.url;
  return typeof matched === 'string' && matched.length > 0 ? matched : undefined;
}

/** `Controller.method`, as the activity's handler. */
export function handlerNameOf(context: ExecutionContext): string {
  return `${context.getClass().name}.${context.getHandler().name}`;
}

function pathOf(value: unknown): string {
  const first: unknown = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : '';
}

function joinPaths(...parts: string[]): string {
  const joined = parts
    .map((part) => part.replace(/^\/+|\/+$/g, ''))
    .filter(Boolean)
    .join('/');
  return `/${joined}`;
}
