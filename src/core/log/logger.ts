/** Where the library's own warnings go. `console` fits; so do pino and winston loggers. */
export interface BlackboxLogger {
  warn(message: string): void;
  error(message: string): void;
}

/**
 * Wraps a logger so each distinct cause is reported once per process: a store that stays down
 * for an hour yields one line, not one per flush.
 */
export interface OnceLogger extends BlackboxLogger {
  warnOnce(cause: string, message: string): void;
  errorOnce(cause: string, message: string): void;
  /** Forgets a cause so that its next occurrence is reported again (e.g. after recovery). */
  reset(cause: string): void;
}

export function createOnceLogger(logger: BlackboxLogger): OnceLogger {
  const seen = new Set<string>();
  const safely = (write: () => void) => {
    try {
      write();
    } catch {
      // A broken logger must never break the host app.
    }
  };
  return {
    warn: (message) => safely(() => logger.warn(`[http-blackbox] ${message}`)),
    error: (message) => safely(() => logger.error(`[http-blackbox] ${message}`)),
    warnOnce(cause, message) {
      if (seen.has(cause)) return;
      seen.add(cause);
      this.warn(message);
    },
    errorOnce(cause, message) {
      if (seen.has(cause)) return;
      seen.add(cause);
      this.error(message);
    },
    reset: (cause) => void seen.delete(cause),
  };
}
