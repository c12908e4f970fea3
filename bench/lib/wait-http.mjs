/**
 * Polls `url` until it answers (any status) or `deadlineMs` passes. Each attempt has its own timeout, so
 * a service that accepts the connection and never answers cannot hold the loop past its deadline.
 */
export async function waitForHttp(url, { deadlineMs, intervalMs, what }) {
  const deadline = Date.now() + deadlineMs;
  const answers = () => fetch(url, { signal: AbortSignal.timeout(Math.max(Math.min(5_000, deadline - Date.now()), 1)) }).then(() => true, () => false);
  while (!(await answers())) {
    if (Date.now() > deadline) throw new Error(`${what} opened no port in ${Math.round(deadlineMs / 1000)} s`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
