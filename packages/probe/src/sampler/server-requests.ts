import diagnosticsChannel from 'node:diagnostics_channel';

/** Longest wait for requests still in flight before a heap checkpoint. */
const SETTLE_LIMIT_MS = 2000;

/**
 * HTTP requests the service is still handling. A heap checkpoint taken while requests are in flight
 * counts their working memory as retained, so it waits for them to finish first.
 */
export class ServerRequests {
  private inFlight = 0;
  private readonly responses = new WeakSet<object>();

  constructor() {
    diagnosticsChannel.subscribe('http.server.request.start', (message) => {
      const response = (message as { response: { once(event: string, listener: () => void): void } }).response;
      this.inFlight++;
      this.responses.add(response);
      // 'close' covers both a finished response and a client that hung up first.
      response.once('close', () => {
        if (this.responses.delete(response)) this.inFlight--;
      });
    });
  }

  /** Resolves when no request is in flight, or after the settle limit. */
  async settle(): Promise<void> {
    const deadline = performance.now() + SETTLE_LIMIT_MS;
    while (this.inFlight > 0 && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
