import { BlackboxError } from '../core/errors/blackbox-error.js';
import { messageOf } from '../core/fallback/error-message.js';
import type { Store } from '../core/store/store.js';
import { openStore } from '../stores/open-store.js';
import { EXIT_FAILURE, EXIT_USAGE } from './exit-codes.js';
import { toOneLine } from './terminal-text.js';

/** An opened store, or why there is none and the exit code that says so. */
export type CliStore = { store: Store } | { exitCode: number; message: string };

/**
 * Opens the store a command works on. A malformed URL is a usage error (2); a store that
 * cannot be reached or opened is an operational one (1). Messages name the store by its
 * description, which carries no credentials, and fit on one line.
 *
 * @example
 * const opened = await openCliStore('sqlite:./blackbox.sqlite');
 * if ('store' in opened) try { … } finally { await closeCliStore(opened.store); }
 */
export async function openCliStore(url: string): Promise<CliStore> {
  let store: Store;
  try {
    store = openStore(url);
  } catch (error) {
    const usage = error instanceof BlackboxError && error.code === 'invalid_option';
    return { exitCode: usage ? EXIT_USAGE : EXIT_FAILURE, message: toOneLine(messageOf(error)) };
  }
  try {
    await store.open();
    return { store };
  } catch (error) {
    await closeCliStore(store);
    // Store errors usually name the store already; say which one only when they do not.
    const reason = messageOf(error);
    const which = reason.includes(store.description) ? '' : ` ${store.description}`;
    return {
      exitCode: EXIT_FAILURE,
      message: toOneLine(`cannot open the store${which}: ${reason}`),
    };
  }
}

/**
 * Closes a store at the end of a command; by then the work is committed, so a failure to
 * close changes nothing worth an exit code.
 */
export async function closeCliStore(store: Store): Promise<void> {
  try {
    await store.close();
  } catch {
    // See above.
  }
}
