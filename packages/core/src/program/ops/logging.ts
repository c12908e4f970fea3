import type { ResolvedCall } from '../call-graph.js';
import type { ProgramModels } from '../models.js';

/**
 * Packages that give a service leveled, structured (or at least leveled and routable) logs. morgan
 * is an access log only: it says nothing of what the code logs, so it is not one.
 */
const LOGGER_PACKAGES = ['pino', 'pino-http', 'nestjs-pino', 'winston', 'nest-winston', 'express-winston', 'bunyan', 'log4js', 'tslog', 'roarr', 'loglevel', 'signale', 'consola', '@logtape/logtape', 'winston-daily-rotate-file', '@google-cloud/logging', '@google-cloud/logging-winston', '@opentelemetry/api-logs', 'hapi-pino', 'koa-pino-logger', '@hapi/good'];

/** The logger a file uses: one of those packages, or NestJS's own `Logger` (leveled, and swappable for Pino with one line). */
export function loggerImportedBy(models: ProgramModels, file: string): string | null {
  const modules = models.linker.importedModules(file);
  const found = LOGGER_PACKAGES.find((name) => modules.some((module) => module === name || module.startsWith(`${name}/`)));
  if (found) return found;
  const summary = models.linker.summary(file);
  const nestLogger = summary?.calls.some((site) => site.callee?.root.kind === 'import' && site.callee.root.specifier === '@nestjs/common' && site.callee.root.name === 'Logger');
  const nestLoggerClass = summary?.classes.some((cls) => Object.values(cls.members).some((type) => type.root.kind === 'import' && type.root.specifier === '@nestjs/common' && /Logger/.test(type.root.name)));
  return nestLogger || nestLoggerClass ? '@nestjs/common Logger' : null;
}

/** `console.log`, `console.error`…: the method, or null when the call is not one. */
export function consoleMethod(call: ResolvedCall): string | null {
  const entity = call.callee?.entity;
  if (entity?.kind !== 'external' || entity.module !== '<global>') return null;
  const path = [...entity.path, ...call.callee!.rest];
  return path.length === 2 && path[0] === 'console' && /^(log|info|warn|error|debug|trace)$/.test(path[1]!) ? path[1]! : null;
}
