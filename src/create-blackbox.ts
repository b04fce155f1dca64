import type { BlackboxOptions } from './core/config/options-schema.js';
import { Blackbox } from './core/engine/blackbox.js';
import { openStore } from './stores/open-store.js';

/**
 * Creates the recorder for one app. Options are validated here, once: a bad one throws a
 * `BlackboxError` naming it. The store is opened in the background; an unreachable store is not
 * an error (records go to the fallback file until it is back).
 *
 * @example
 * const blackbox = createBlackbox({ store: 'sqlite:./blackbox.sqlite', dedupWindowSeconds: 60 });
 */
export function createBlackbox(options: BlackboxOptions = {}): Blackbox {
  return new Blackbox(options, (spec, storeOptions) =>
    openStore(spec as Parameters<typeof openStore>[0], storeOptions),
  );
}
