import { callsInRequests } from '../../program/handler-reach.js';
import { consoleMethod, loggerImportedBy } from '../../program/ops/logging.js';
import { filesOfService, firstEntryPerPackage, serverLabel, serviceEntries } from '../../program/ops/services.js';
import type { Rule } from '../types.js';
import { defineOptions, integerOption } from '../options.js';

const options = defineOptions({
  minCalls: integerOption({ min: 1, default: 3, description: 'How many `console` calls while serving requests make a finding: one or two are a stray debug line, not the way the service logs.' }),
});

/** How many places a finding names. */
const SHOWN = 3;

export const structuredLogging: Rule = {
  meta: {
    id: 'structured-logging',
    category: 'production',
    severity: 'warn',
    title: 'A service logs through a structured logger, not console',
    why: '`console` writes unleveled free text: production cannot turn debug lines off or raise them for one incident, log platforms cannot filter or alert on a level, a user id or a request id, multi-line stacks are split into unrelated entries, and nothing redacts the tokens and passwords that end up in a logged object.',
    fix: 'Create one logger (Pino, or Winston; Fastify has Pino built in, NestJS has `Logger`, replaceable by nestjs-pino) with the level from config and redaction of secrets, log objects with fields (`logger.info({ orderId }, \'order placed\')`), and use a child logger per request so every line carries the request id.',
    models: ['program', 'http'],
    options,
  },
  check({ models, project, report, options: raw }) {
    const { minCalls } = options.resolve(raw);
    const entries = serviceEntries(models, project);
    if (!entries.length) return;
    const fastifyPino = project.context.loggers.some((logger) => logger.name.startsWith('Pino'));
    const inRequests = callsInRequests(models.routes, models.calls, (call) => consoleMethod(call) !== null);
    for (const entry of firstEntryPerPackage(entries)) {
      if (entry.server === 'fastify' && fastifyPino) continue;
      const files = filesOfService(models, project, entry.packageDir);
      if ([...files].some((file) => loggerImportedBy(models, file))) continue;
      // In route order, each handler's own calls before those of the functions it reaches.
      const calls = inRequests.filter((found) => files.has(found.call.file));
      if (calls.length < minCalls) continue;
      const first = calls[0]!;
      const places = calls.slice(0, SHOWN).map((found) => `${found.call.file}:${found.call.site.line}`);
      const others = calls.length - places.length;
      report({
        file: first.call.file,
        line: first.call.site.line,
        column: first.call.site.column,
        message: `The ${serverLabel(entry)} service (${entry.file}:${entry.line}) has no logger: ${calls.length} \`console\` calls log while serving requests (${places.join(', ')}${others ? ` and ${others} more` : ''}), as unleveled text with no request id.`,
        anchor: `structured-logging:${entry.packageDir}`,
        route: `${first.route.method} ${first.route.path}`,
        trace: first.trace,
      });
    }
  },
};
