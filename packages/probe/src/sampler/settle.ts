import { performance } from 'node:perf_hooks';

/** Longest wait for the service to go quiet before a heap checkpoint. */
const SETTLE_LIMIT_MS = 2000;
const STEP_MS = 25;
/** Below this share of one core over a step, the requests in flight have finished their work. */
const QUIET_CPU = 0.15;

/**
 * Waits until the process has used little CPU for two steps in a row, or the limit. A heap checkpoint
 * taken while requests are still being handled would count their working memory as retained; the
 * process going quiet after the load stops says they are done, at no cost per request (tracking each
 * request would put a hook on the service's hot path for the whole run). CPU time, not libuv's
 * event-loop utilization: the CPU profiler's signals make an idle loop look busy.
 */
export async function settle(): Promise<void> {
  const deadline = performance.now() + SETTLE_LIMIT_MS;
  let quietSteps = 0;
  while (quietSteps < 2 && performance.now() < deadline) {
    const before = process.cpuUsage();
    const started = performance.now();
    await new Promise((resolve) => setTimeout(resolve, STEP_MS));
    const used = process.cpuUsage(before);
    const share = (used.user + used.system) / 1000 / (performance.now() - started);
    quietSteps = share < QUIET_CPU ? quietSteps + 1 : 0;
  }
}
