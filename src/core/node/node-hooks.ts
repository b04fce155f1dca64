import { OutgoingMessage, type IncomingMessage, type ServerResponse } from 'node:http';
import { runWithContext, tryGetRequestContext } from '../context/request-context.js';
import type { RequestScope } from '../engine/request-scope.js';
import type { HeaderBag } from '../engine/request-snapshot.js';

// Request and response objects → their scope, from the start of the request until its response
// closes (node-lifecycle.ts lets both go then). Process-wide, so the ESM and CJS builds agree.
// Not a property: Express gives every request and response a map (hidden class) of its own, so
// each property added to them builds a new map, measured at 1.5 KB a request each. Not a
// WeakMap either: a key younger than the table costs V8 an ephemeron write barrier and more
// work in every scavenge (perf: 1.5–2 µs a request for the two entries, against a Map's deletes).
const SCOPES_KEY = Symbol.for('http-blackbox.node-scopes.v2');
const HOOKED = Symbol.for('http-blackbox.node-hooked');
type Holder = { [SCOPES_KEY]?: Map<object, RequestScope> };

// Looked up once: a symbol-keyed read of the global object is a slow (dictionary) lookup.
const scopes = ((globalThis as Holder)[SCOPES_KEY] ??= new Map<object, RequestScope>());

// Node's own header methods are called from here: looked up on an Express response, each call
// would first miss V8's caches (see hookResponsePrototype). Frameworks extend, never replace them.
const outgoing = OutgoingMessage.prototype;

/** The scope a request or response belongs to while it is being recorded. */
export function scopeOf(target: object): RequestScope | undefined {
  return scopes.get(target);
}

/**
 * The scope of a request whose response has closed, for an error raised later by code still
 * running in the request's async context (the rest of an async handler): the context is that
 * scope when it holds this very request's headers object.
 */
export function closedScopeOf(request: { headers?: unknown }): RequestScope | undefined {
  const context = tryGetRequestContext() as RequestScope | undefined;
  const headers = context?.snapshot?.headers;
  return headers !== undefined && headers === request.headers ? context : undefined;
}

export function attachScope(target: object, scope: RequestScope): void {
  scopes.set(target, scope);
}

export function detachScope(target: object): void {
  scopes.delete(target);
}

/**
 * For every response built on `proto`: adds the IDs just before the status line goes out, and
 * calls `onClose` when the response emits 'close' (after 'finish' when it completed, so this
 * tells both). Patching a prototype a framework offers for extension (Express's
 * `express.response`) once is much cheaper than giving every response its own `writeHead` and
 * 'close' listener: Express gives each response a hidden class of its own, so every property
 * read or added on it (an event listener included) takes V8's slow path.
 */
export function hookResponsePrototype(
  proto: object,
  onClose: (response: ServerResponse) => void,
): void {
  const target = proto as Partial<ServerResponse> & { [HOOKED]?: true };
  if (Object.prototype.hasOwnProperty.call(target, HOOKED)) return;
  const writeHead = target.writeHead as (...args: unknown[]) => ServerResponse;
  const emit = target.emit as (...args: unknown[]) => boolean;
  Object.defineProperty(target, HOOKED, { value: true });
  target.writeHead = function blackboxWriteHead(this: ServerResponse, ...args: unknown[]) {
    const scope = scopeOf(this);
    if (!scope) return writeHead.apply(this, args);
    return writeHeadOf(scope, this, args, writeHead);
  };
  target.emit = function blackboxEmit(this: ServerResponse, ...args: unknown[]) {
    // First, as a listener added when the request began would be.
    const event = args[0];
    if (event === 'finish') noteFinished(this);
    else if (event === 'close') onClose(this);
    return emit.apply(this, args);
  } as ServerResponse['emit'];
}

function noteFinished(response: ServerResponse): void {
  const scope = scopeOf(response);
  if (scope) scope.responseFinished = true;
}

/**
 * Runs the events of every request built on `proto` inside its request's context, so that code
 * resumed from a listener (a body parser's 'end') sees it. Only requests that got a listener
 * while being recorded pay for it: most requests (a GET) have none, and entering the context
 * for each of their four events cost about as much as the rest of the request's recording.
 * Listeners added once the response has finished do not count: Node itself adds one then
 * ('end', to free the parser) to nearly every request whose body the app never read.
 */
export function hookRequestPrototype(
  proto: object,
  onClose: (request: IncomingMessage) => void,
): void {
  const target = proto as Partial<IncomingMessage> & { [HOOKED]?: true };
  if (Object.prototype.hasOwnProperty.call(target, HOOKED)) return;
  const emit = target.emit as (...args: unknown[]) => boolean;
  Object.defineProperty(target, HOOKED, { value: true });
  target.emit = function emitInRequestContext(this: IncomingMessage, ...args: unknown[]) {
    const scope = scopeOf(this);
    if (scope && args[0] === 'close') onClose(this);
    if (!scope?.requestListened || tryGetRequestContext() === scope) return emit.apply(this, args);
    return runWithContext(scope, () => emit.apply(this, args));
  } as IncomingMessage['emit'];
  // `once` and `prependOnceListener` add through these; `addListener` is `on` under another name.
  for (const name of ['on', 'addListener', 'prependListener'] as const) {
    const add = target[name] as (...args: unknown[]) => IncomingMessage;
    target[name] = function noteListener(this: IncomingMessage, ...args: unknown[]) {
      const scope = scopeOf(this);
      if (scope && !scope.responseFinished) scope.requestListened = true;
      return add.apply(this, args);
    } as IncomingMessage['on'];
  }
}

/**
 * The same hooks on one response and one request only (no shared prototype to use): every
 * event of the request runs inside its context, and `onRequestClose` hears its 'close'.
 */
export function hookInstances(
  scope: RequestScope,
  response: ServerResponse,
  request: IncomingMessage | undefined,
  onRequestClose: (request: IncomingMessage) => void,
): void {
  if (request) {
    const { emit } = request as { emit: (...args: unknown[]) => boolean };
    request.emit = function emitWithinRequestContext(this: IncomingMessage, ...args: unknown[]) {
      if (args[0] === 'close') onRequestClose(this);
      if (tryGetRequestContext() === scope) return emit.apply(this, args);
      return runWithContext(scope, () => emit.apply(this, args));
    } as IncomingMessage['emit'];
  }
  const writeHead = response.writeHead.bind(response) as (...args: unknown[]) => ServerResponse;
  response.writeHead = function blackboxWriteHead(this: ServerResponse, ...args: unknown[]) {
    return writeHeadOf(scope, this, args, writeHead);
  };
}

/**
 * `writeHead(status, [message], [headers])` of a recorded response: adds the IDs and notes
 * the status, until a call succeeds (an invalid status throws before anything is sent, and the
 * app's error handler calls again). The status is noted as Node keeps it (an integer).
 */
function writeHeadOf(
  scope: RequestScope,
  response: ServerResponse,
  args: unknown[],
  writeHead: (...args: unknown[]) => ServerResponse,
): ServerResponse {
  if (scope.sentStatus !== undefined) return writeHead.apply(response, args);
  const status = typeof args[0] === 'number' ? args[0] : response.statusCode;
  addResponseHeaders(scope, response, status);
  if (scope.logsActivity) {
    const given = typeof args[1] === 'string' ? args[2] : args[1];
    if (given !== null && typeof given === 'object') headersGivenToWriteHead.set(response, given);
  }
  const sent = writeHead.apply(response, args);
  scope.sentStatus = status | 0;
  return sent;
}

// Headers passed to `writeHead` itself (Fastify always does): when no header was set before,
// Node sends them without keeping them, so `getHeaders()` would not show them.
const headersGivenToWriteHead = new WeakMap<object, object>();

/**
 * The headers a response sent, as one object with lower-case names: those set with
 * `setHeader` and those given to `writeHead` (which win, as they do on the wire).
 */
export function sentHeaders(response: ServerResponse): HeaderBag {
  const headers = outgoing.getHeaders.call(response) as Record<string, HeaderBag[string]>;
  const given = headersGivenToWriteHead.get(response);
  if (given === undefined) return headers;
  if (!Array.isArray(given)) {
    for (const name of Object.keys(given)) {
      headers[name.toLowerCase()] = (given as Record<string, HeaderBag[string]>)[name];
    }
    return headers;
  }
  // The flat form: name, value, name, value… where a name may come back (two Set-Cookie).
  const listed = new Map<string, string[]>();
  for (let i = 0; i + 1 < given.length; i += 2) {
    const name = String(given[i]).toLowerCase();
    const values = listed.get(name) ?? [];
    values.push(String(given[i + 1]));
    listed.set(name, values);
  }
  for (const [name, values] of listed) headers[name] = values.length === 1 ? values[0] : values;
  return headers;
}

function addResponseHeaders(scope: RequestScope, response: ServerResponse, status: number): void {
  const headers = scope.responseHeaders(status);
  for (const name in headers) outgoing.setHeader.call(response, name, headers[name] as string);
}
