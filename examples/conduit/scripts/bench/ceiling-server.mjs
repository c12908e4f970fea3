// Child process of the benchmark: the ceiling. A bare Fastify app that answers each route with a
// prepared body of the same bytes Conduit returned; no auth, no database, no validation.
import { writeFileSync } from 'node:fs';
import Fastify from 'fastify';

const app = Fastify({ logger: false });
const bodies = new Map(
  Object.entries(JSON.parse(process.env.CEILING_BODIES ?? '{}')).map(([name, prepared]) => [
    name,
    { status: prepared.status, body: Buffer.from(prepared.body, 'utf8') },
  ]),
);

app.route({
  method: ['GET', 'POST'],
  url: '/ceiling/:name',
  handler: async (request, reply) => {
    const prepared = bodies.get(request.params.name);
    return reply.status(prepared.status).header('content-type', 'application/json; charset=utf-8').send(prepared.body);
  },
});

const url = await app.listen({ host: '127.0.0.1', port: 0 });
// Forked by bench.mjs (IPC), or started under callgrind by instructions.mjs (a file).
if (process.env.READY_FILE) writeFileSync(process.env.READY_FILE, url);
else process.send({ type: 'ready', url });
process.once('SIGTERM', () => {
  void app.close().then(() => process.exit(0));
});
