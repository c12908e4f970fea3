import http from 'node:http';

/**
 * Requests over one keep-alive connection to a listening server, one at a time, each reporting
 * whether it reused the connection: the per-connection memories of the hooks are only exercised
 * over a real socket (each `inject` call gets a fresh fake one).
 */
export function keepAliveClient(baseUrl: string) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  return {
    get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; reused: boolean; headers: http.IncomingHttpHeaders }> {
      return new Promise((resolve, reject) => {
        const request = http.get(new URL(path, baseUrl), { agent, headers }, (response) => {
          let body = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (body += chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body, reused: request.reusedSocket, headers: response.headers }));
        });
        request.on('error', reject);
      });
    },
    close: () => agent.destroy(),
  };
}
