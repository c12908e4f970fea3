import { formatByteSize } from '../../program/http/byte-size.js';
import type { BodyLimitFact } from '../../program/http/app-facts.js';
import type { Rule } from '../types.js';
import { defineOptions, integerOption } from '../options.js';

const options = defineOptions({
  /**
   * The largest body every route may accept, in bytes: Fastify's default (1 MiB). Express and NestJS
   * default to 100 KB; a larger application-wide limit is rarely needed by more than a route or two.
   */
  maxBytes: integerOption({ min: 1, default: 1024 * 1024 }),
});

const PARSER_WORDS: Record<string, string> = {
  express: '`express` body parser',
  'body-parser': '`body-parser`',
  fastify: 'Fastify `bodyLimit`',
  '@nestjs/common': 'NestJS `useBodyParser`',
  '@nestjs/platform-fastify': '`FastifyAdapter` `bodyLimit`',
};

const describe = (fact: BodyLimitFact) => `${PARSER_WORDS[fact.library] ?? `\`${fact.library}\``} limit ${fact.limit === null ? '' : `\`${fact.limit}\` `}`;

export const largeBodyLimit: Rule = {
  meta: {
    id: 'large-body-limit',
    category: 'security',
    severity: 'warn',
    title: 'Request bodies are bounded by what the routes need',
    why: 'The body is read and parsed before any handler, validation or authentication runs, so an application-wide limit of many megabytes lets any anonymous client make the process buffer and JSON.parse that much per request: parsing 10 MB of JSON blocks the event loop for tens of milliseconds and holds the memory meanwhile, and a few concurrent requests stall every other user or exhaust the heap.',
    fix: 'Keep the application-wide limit small (the framework default: 100 KB in Express and NestJS, 1 MiB in Fastify) and raise it only on the routes that need it: `app.use(\'/import\', express.json({ limit: \'10mb\' }))`, a route-level `bodyLimit` in Fastify, or a streamed upload (multipart to object storage) for files.',
    models: ['program', 'http'],
    appliesTo: { frameworks: ['express', 'fastify', 'nestjs'] },
    options,
  },
  check({ models, report, options: raw }) {
    const { maxBytes } = options.resolve(raw);
    for (const fact of models.app.bodyLimits) {
      if (fact.scope !== 'app' || fact.bytes === null || fact.bytes <= maxBytes) continue;
      report({
        file: fact.file,
        line: fact.line,
        column: fact.column,
        message: `The ${describe(fact)}lets every route accept request bodies of ${fact.bytes === Infinity ? 'any size' : `up to ${formatByteSize(fact.bytes)}`} (more than ${formatByteSize(maxBytes)}), read and parsed before any handler or authentication runs.`,
        anchor: `body-limit:${fact.library}:${fact.limit}`,
      });
    }
  },
};
