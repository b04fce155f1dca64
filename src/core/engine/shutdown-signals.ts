const SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/**
 * Flushes on SIGTERM/SIGINT within a deadline, then lets the process exit as it would have:
 * if the app has no handler of its own, the signal is raised again with ours removed, so the
 * exit code and a supervisor's view of it stay the same. What is still pending at the deadline
 * goes to the fallback file synchronously.
 */
export function onShutdownSignals(
  flush: () => Promise<void>,
  timeoutMs: number,
  spillSync: () => void,
): void {
  const listeners = new Map<NodeJS.Signals, () => void>();
  const removeOurs = () => listeners.forEach((listener, signal) => process.off(signal, listener));
  for (const signal of SIGNALS) {
    const listener = function blackboxFlushOnSignal() {
      removeOurs();
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
      void Promise.race([flush().catch(() => undefined), deadline]).then(() => {
        clearTimeout(timer);
        spillSync();
        if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
      });
    };
    listeners.set(signal, listener);
    process.on(signal, listener);
  }
}
