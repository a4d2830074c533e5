/**
 * Fixed-window counters in this process's memory. One process serves the embedded setup; when the
 * hub runs on several nodes this moves to the shared store (see ROADMAP, scale-out).
 */
export interface RateLimiter {
  /** Whether `key` is over its limit now, and if so how long until it is not. */
  check(key: string): { limited: boolean; retryAfterMs: number };
  /** Counts one attempt for `key`. */
  hit(key: string): void;
  reset(key: string): void;
}

export function createRateLimiter(options: {
  limit: number;
  windowMs: number;
  now?: () => number;
}): RateLimiter {
  const now = options.now ?? Date.now;
  const windows = new Map<string, { count: number; startedAt: number }>();

  function current(key: string) {
    const w = windows.get(key);
    if (w && now() - w.startedAt >= options.windowMs) {
      windows.delete(key);
      return undefined;
    }
    return w;
  }

  // Forget finished windows now and then, so the map cannot grow without bound.
  const sweep = setInterval(() => {
    for (const key of windows.keys()) current(key);
  }, options.windowMs);
  sweep.unref();

  return {
    check(key) {
      const w = current(key);
      if (!w || w.count < options.limit) return { limited: false, retryAfterMs: 0 };
      return { limited: true, retryAfterMs: options.windowMs - (now() - w.startedAt) };
    },
    hit(key) {
      const w = current(key);
      if (w) w.count += 1;
      else windows.set(key, { count: 1, startedAt: now() });
    },
    reset(key) {
      windows.delete(key);
    },
  };
}
