import type { ProgramLinker } from '../link.js';
import type { Param, Ref } from '../summary.js';

/** Request, response and context types of the HTTP frameworks, by package: what belongs at the edge only. */
const FRAMEWORK_TYPES: Record<string, ReadonlySet<string>> = {
  express: new Set(['Request', 'Response', 'NextFunction']),
  'express-serve-static-core': new Set(['Request', 'Response', 'NextFunction']),
  fastify: new Set(['FastifyRequest', 'FastifyReply']),
  koa: new Set(['Context', 'ParameterizedContext', 'Request', 'Response']),
  '@hapi/hapi': new Set(['Request', 'ResponseToolkit']),
  http: new Set(['IncomingMessage', 'ServerResponse']),
};

/** `express.Request`, when a declared type is a framework's request, response or context type. */
export function frameworkType(file: string, type: Ref | undefined, linker: ProgramLinker): string | null {
  if (!type) return null;
  const resolved = linker.resolveRef(file, type);
  const entity = resolved?.entity;
  if (entity?.kind !== 'external' || resolved!.rest.length || entity.path.length !== 1) return null;
  const name = entity.path[0]!;
  return FRAMEWORK_TYPES[entity.module]?.has(name) ? `${entity.module}.${name}` : null;
}

/** `@Inject(REQUEST)` (Nest's request token, from `@nestjs/core`): the current HTTP request injected into a provider. */
export function injectsNestRequest(param: Param): boolean {
  return param.decorators.some((decorator) => {
    if (decorator.name !== 'Inject' || decorator.from !== '@nestjs/common') return false;
    const token = decorator.args[0];
    return token?.kind === 'ref' && token.ref.path.length === 0 && token.ref.root.kind === 'import' && token.ref.root.specifier === '@nestjs/core' && token.ref.root.name === 'REQUEST';
  });
}
