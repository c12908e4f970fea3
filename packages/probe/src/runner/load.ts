import autocannon from 'autocannon';

export interface RouteTarget {
  method: string;
  path: string;
}

/** One stretch of load on one route, as autocannon saw it. Latencies in ms. */
export interface LoadWindow {
  route: RouteTarget;
  start: number;
  end: number;
  requests: number;
  /** Completed requests per second, averaged over the window. */
  rps: number;
  latency: { p50: number; p90: number; p99: number; max: number; mean: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}

/** Drives `connections` keep-alive connections at one route for `durationMs`, stoppable through `signal`. */
export function driveLoad(baseUrl: string, route: RouteTarget, options: { connections: number; durationMs: number; signal: AbortSignal }): Promise<LoadWindow> {
  const start = Date.now();
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: new URL(route.path, baseUrl).href,
        method: route.method.toUpperCase() as autocannon.Request['method'],
        connections: options.connections,
        // autocannon counts whole seconds; the window is ended by our own timer instead, to the millisecond.
        duration: Math.ceil(options.durationMs / 1000) + 1,
        // It also only notices a stop at its sampling tick (1 s by default).
        sampleInt: 100,
        // A request the service does not answer in 10 s counts as a timeout, not as a hang of the probe.
        timeout: 10,
      },
      (error, result) => {
        clearTimeout(timer);
        options.signal.removeEventListener('abort', stop);
        if (error) return reject(error);
        resolve({
          route,
          start,
          end: Date.now(),
          requests: result.requests.total,
          rps: result.requests.total / Math.max(0.001, (Date.now() - start) / 1000),
          latency: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max, mean: result.latency.mean },
          errors: result.errors,
          timeouts: result.timeouts,
          non2xx: result.non2xx,
        });
      },
    );
    const stop = (): void => instance.stop();
    const timer = setTimeout(stop, options.durationMs);
    options.signal.addEventListener('abort', stop, { once: true });
  });
}
