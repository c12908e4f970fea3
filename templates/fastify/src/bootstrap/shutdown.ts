import type { Logger } from '../shared/application/ports/logger.js';
import type { HttpServer } from '../shared/interfaces/http/server-options.js';

/**
 * Stop accepting, let in-flight requests finish, and give up after `timeoutMs` by destroying the
 * remaining sockets: an orchestrator sends SIGKILL soon after SIGTERM, and a clean partial drain
 * beats being killed mid-write.
 */
export async function drainHttpServer(server: HttpServer, timeoutMs: number, logger: Logger): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  const closing = server.close();
  const outcome = await Promise.race([closing.then(() => 'drained' as const), timedOut]);
  clearTimeout(timer);
  if (outcome === 'timeout') {
    logger.warn({ timeoutMs }, 'shutdown timeout reached; closing remaining connections');
    server.destroyConnections();
    await closing;
  }
}
