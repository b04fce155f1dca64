import {
  setActivityChange,
  trackChange,
  tryGetRequestContext,
  type ChangedObject,
} from '../../index.js';
import { stateOfContext } from './request-state.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- the request and the controller are the app's own types */

/**
 * What `@TrackChange()` records. Each function runs with `this` bound to the controller.
 *
 * @example
 * const options: TrackChangeDecoratorOptions<Request, ItemsController> = {
 *   action: 'DELETE',
 *   before: (req, self) => self.items.find(Number(req.params.id)),
 * };
 */
export interface TrackChangeDecoratorOptions<Request = any, Controller = any, Result = any> {
  /** `CREATE`, `UPDATE`, `DELETE`, `CUSTOM` or your own label; defaults from the HTTP method. */
  action?: string;
  /** Your own label, e.g. `invoice_refunded`. */
  customAction?: string;
  /** Loads the state before the change (omit on create). */
  before?: (this: Controller, request: Request, controller: Controller) => unknown;
  /**
   * The state after the change, from the method's result (default: the result itself; on
   * delete, omit it and return nothing).
   */
  after?: (this: Controller, result: Result, request: Request) => unknown;
  /** Stored as the activity's `custom_payload`: a value, or computed from the request and result. */
  payload?: unknown;
  /** Which entity changed (its type and ID), or a function of the result and the before state. */
  object?:
    | ChangedObject
    | ((this: Controller, result: Result, before: unknown) => ChangedObject | undefined);
}

/**
 * Records the before/after state of a controller action on the request's activity: `before`
 * from your loader, `after` from the method's result, and the diff between them. If the method
 * throws, nothing is recorded and the error goes on to Nest unchanged. `request` is the
 * platform's request object (`req.params`, `req.body` on Express and Fastify alike). The
 * method may return a value or a promise.
 *
 * @example
 * @Patch(':id')
 * @TrackChange({
 *   action: 'UPDATE',
 *   before: (req, self: ItemsController) => self.items.find(Number(req.params.id)),
 *   object: (item) => ({ type: 'Item', id: item.id }),
 * })
 * update(@Param('id') id: string, @Body() body: UpdateItem) {
 *   return this.items.update(Number(id), body);
 * }
 */
export function TrackChange<Request = any, Controller = any, Result = any>(
  options: TrackChangeDecoratorOptions<Request, Controller, Result> = {},
): MethodDecorator {
  return function decorateWithTrackChange(_target, _key, descriptor: PropertyDescriptor) {
    const original = descriptor.value as (...args: unknown[]) => unknown;
    if (typeof original !== 'function') return descriptor;
    const tracked = function trackedHandler(this: Controller, ...args: unknown[]) {
      const state = stateOfContext(tryGetRequestContext());
      // Outside a recorded request (a unit test calling the controller) there is no activity
      // to record on, and no request for the loader: the method runs as written.
      if (!state) return original.apply(this, args);
      const request = state.request as Request;
      return trackHandler(options, this, request, () => original.apply(this, args));
    };
    copyMetadata(original, tracked);
    descriptor.value = tracked;
    return descriptor;
  };
}

async function trackHandler<Request, Controller, Result>(
  options: TrackChangeDecoratorOptions<Request, Controller, Result>,
  controller: Controller,
  request: Request,
  perform: () => unknown,
): Promise<Result> {
  const { before, after, object } = options;
  const result = await trackChange<Result>(
    {
      action: options.action,
      customAction: options.customAction,
      before: before && (() => before.call(controller, request, controller)),
      after: after && ((value) => after.call(controller, value, request)),
      object:
        typeof object === 'function' ? (value, old) => object.call(controller, value, old) : object,
    },
    perform as () => Result | Promise<Result>,
  );
  if (options.payload !== undefined) recordPayload(options.payload, request, result);
  return result;
}

function recordPayload(payload: unknown, request: unknown, result: unknown): void {
  try {
    const compute = payload as (request: unknown, result: unknown) => unknown;
    setActivityChange({
      customPayload: typeof payload === 'function' ? compute(request, result) : payload,
    });
  } catch {
    // The change already happened: a failing payload (or no request to attach it to) costs
    // only the payload, never the response.
  }
}

/**
 * Nest keeps a route's metadata (@Get, @HttpCode, @Header…) on the method function itself, and
 * decorators apply bottom-up: whichever order the app writes them in, the wrapper must carry
 * the metadata already set on the original. Later decorators set theirs on the wrapper.
 */
function copyMetadata(from: object, to: object): void {
  Object.defineProperty(to, 'name', { value: (from as { name: string }).name });
  if (typeof Reflect.getOwnMetadataKeys !== 'function') return;
  for (const key of Reflect.getOwnMetadataKeys(from)) {
    Reflect.defineMetadata(key, Reflect.getOwnMetadata(key, from), to);
  }
}
