import type { ProjectModel } from '../../project/model.js';
import type { ResolvedCall } from '../call-graph.js';
import { DataAccessModel } from '../data/model.js';
import { isDataAccessModule } from '../data/adapters.js';
import type { ProgramModels } from '../models.js';
import { outboundCallOf } from '../outbound/clients.js';
import { handlerBody } from './handler.js';
import type { Route } from './route.js';

/** Libraries that serve health endpoints the route model does not list (`createTerminus(server, { healthChecks })`, lightship's own server). */
const HEALTH_LIBRARIES = ['@godaddy/terminus', 'lightship', 'express-actuator', 'fastify-healthcheck', '@fastify/under-pressure', 'under-pressure', 'express-healthcheck', 'express-health-check', '@cloudnative/health-connect', '@hmcts/nodejs-healthcheck', 'healthcheck-middleware', 'hapi-alive'];
/** Clients of the things a service depends on besides its database: caches, queues, brokers, and Nest's health indicators. */
const DEPENDENCY_MODULES = /^(ioredis|redis|@redis\/client|bullmq|bull|bee-queue|amqplib|amqp-connection-manager|kafkajs|nats|@nestjs\/terminus|@nestjs\/microservices|mongodb|@elastic\/elasticsearch|@opensearch-project\/opensearch|memcached|cassandra-driver|@aws-sdk\/.*|@google-cloud\/.*)$/;
/** Reads that check a connection without calling anything (`mongoose.connection.readyState`, `dataSource.isInitialized`). */
const STATE_READ = /\b(readyState|isConnected|isInitialized|isReady|connection\.db|status\s*===?\s*['"]ready['"])\b/;

const BUILTINS = new Set(['JSON', 'Date', 'Math', 'process', 'Object', 'Array', 'Promise', 'console', 'String', 'Number', 'Boolean', 'parseInt', 'parseFloat', 'setTimeout', 'clearTimeout', 'Buffer', 'os', 'performance']);

/** Packages that only shape the answer: the frameworks and their helpers, status codes, Node's process and os. */
const ANSWERING = /^(express|fastify|koa|@koa\/router|@nestjs\/(common|core)|@hapi\/hapi|http-status|http-status-codes|statuses|node:(os|process|util)|os|process|util)$/;

export const isReadinessPath = (path: string): boolean => /\/(ready|readyz|readiness)(\/|$)/i.test(path);

/** A health-check library the program imports, when there is one. */
export function healthLibrary(project: ProjectModel): string | null {
  for (const edge of project.graph.edges) {
    if (!edge.to.startsWith('npm:') || edge.kind === 'type-only') continue;
    const name = edge.to.slice(4);
    if (HEALTH_LIBRARIES.includes(name)) return name;
  }
  return null;
}

/** Whether a call reaches a dependency: a query, a client of a database, cache or broker, an outbound request. */
function touchesDependency(call: ResolvedCall): boolean {
  if (DataAccessModel.queryOf(call) || outboundCallOf(call)) return true;
  const entity = call.callee?.entity;
  return entity?.kind === 'external' && (isDataAccessModule(entity.module) || DEPENDENCY_MODULES.test(entity.module));
}

/**
 * What a health route's handler checks: `checks` when something it reaches queries a database, calls
 * a cache, broker or another service, or reads a connection's state; `none` when everything it calls is
 * known and none of that is a dependency; `unknown` when a call cannot be followed (it might).
 */
export function dependencyCheckOf(route: Route, models: ProgramModels, project: ProjectModel): 'checks' | 'none' | 'unknown' {
  const { calls, linker } = models;
  const starts = [route.handler, handlerBody(route, linker)].filter((start): start is NonNullable<typeof start> => Boolean(start));
  if (!starts.length) return 'unknown';
  let unknown = false;
  for (const start of starts) {
    for (const { ref } of calls.reachableFrom(start).values()) {
      const info = calls.info(ref);
      const text = info ? project.repo.scan(ref.file)?.split('\n').slice(info.line - 1, info.endLine).join('\n') : undefined;
      if (text && STATE_READ.test(text)) return 'checks';
      for (const call of calls.callsIn(ref)) {
        if (touchesDependency(call)) return 'checks';
        const entity = call.callee?.entity;
        if (entity?.kind === 'external') {
          // The web framework, status-code helpers and builtins answer; any other package might check something.
          if (entity.module === '<global>' ? !BUILTINS.has(entity.path[0] ?? '') : !ANSWERING.test(entity.module)) unknown = true;
          continue;
        }
        if (call.callee) continue;
        // `res.json(…)`, `reply.send(…)` on the handler's parameters, `JSON.stringify`, `process.uptime()`:
        // no dependency. Anything else the program cannot follow might be one.
        const root = call.site.callee?.root;
        if (root?.kind === 'param' || (root?.kind === 'global' && BUILTINS.has(root.name))) continue;
        unknown = true;
      }
    }
  }
  return unknown ? 'unknown' : 'none';
}
