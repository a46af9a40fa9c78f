/**
 * Long-running commands stop on Ctrl-C or SIGTERM by finishing normally, so their servers close
 * and the stand-ins' lease in the data folder is removed instead of left to go stale.
 */
export interface StopSignal {
  signal: AbortSignal;
  /** Resolves when a stop was asked for. */
  stopped: Promise<void>;
  dispose(): void;
}

export function stopSignal(): StopSignal {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return {
    signal: controller.signal,
    stopped: new Promise((resolve) => controller.signal.addEventListener('abort', () => resolve())),
    dispose() {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    },
  };
}
