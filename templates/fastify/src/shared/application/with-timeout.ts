export class TimeoutError extends Error {
  override name = 'TimeoutError';
}

/**
 * Settles with `work` or rejects after `ms`, whichever comes first. The work itself is not
 * cancelled; the caller stops waiting, which is what keeps a dead dependency from hanging a request.
 */
export function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
