/** Caps simultaneous requests per host so one outlet never sees a burst from a single run. */
export interface HostLimiter {
  run<T>(host: string, task: () => Promise<T>): Promise<T>;
}

export function createHostLimiter(perHost: number): HostLimiter {
  if (!Number.isInteger(perHost) || perHost < 1) throw new TypeError('perHostConcurrency must be ≥ 1');
  const active = new Map<string, number>();
  const waiting = new Map<string, Array<() => void>>();

  const acquire = (host: string): Promise<void> => {
    const count = active.get(host) ?? 0;
    if (count < perHost) {
      active.set(host, count + 1);
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const queue = waiting.get(host) ?? [];
      queue.push(resolve);
      waiting.set(host, queue);
    });
  };

  const release = (host: string): void => {
    const queue = waiting.get(host);
    const next = queue?.shift();
    if (queue?.length === 0) waiting.delete(host);
    // The slot passes straight to the next waiter, so the count stays as it is.
    if (next) {
      next();
      return;
    }
    const count = (active.get(host) ?? 1) - 1;
    if (count === 0) active.delete(host);
    else active.set(host, count);
  };

  return {
    async run(host, task) {
      await acquire(host);
      try {
        return await task();
      } finally {
        release(host);
      }
    },
  };
}
