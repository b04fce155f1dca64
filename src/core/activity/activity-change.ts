import { BlackboxError } from '../errors/blackbox-error.js';
import { currentScope } from '../engine/manual-capture.js';

/** The entity a change concerns (the seed's generic relation): its type and ID. */
export interface ChangedObject {
  type: string;
  id: string | number;
}

/** What a request changed, as the app describes it. `before`/`after` may be any object. */
export interface ActivityChange {
  before?: unknown;
  after?: unknown;
  /** `VIEW`, `CREATE`, `UPDATE`, `DELETE` or `CUSTOM`; defaults from the method. */
  action?: string;
  /** The app's own label, e.g. `invoice_refunded`. */
  customAction?: string;
  customPayload?: unknown;
  object?: ChangedObject;
  extra?: unknown;
}

/** Per-request holder for the change, kept on the request scope. */
export interface ChangeHolder {
  change: ActivityChange | undefined;
}

/**
 * Records what the current request changed, from any code running inside it (no `req` needed).
 * Calling it twice merges the fields, so a service can set `before` and a controller `after`.
 *
 * @example
 * setActivityChange({ before: old, after: updated, object: { type: 'Invoice', id: updated.id } });
 */
export function setActivityChange(change: ActivityChange): void {
  const scope = currentScope() as (ChangeHolder & object) | undefined;
  if (!scope) {
    throw new BlackboxError(
      'no_request_context',
      'setActivityChange() was called outside a request handled by http-blackbox',
    );
  }
  scope.change = { ...scope.change, ...definedFields(change) };
}

function definedFields(change: ActivityChange): ActivityChange {
  return Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined));
}
