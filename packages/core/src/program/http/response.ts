import type { ProgramLinker } from '../link.js';
import type { CallSite, FunctionInfo, Origin, ProgramSummary, Value } from '../summary.js';

/** Methods that write a body to the client: Express `res.json/send/end/write`, Fastify `reply.send`. */
const BODY_METHODS = new Set(['json', 'send', 'end', 'write', 'jsonp']);
/** Methods that set the status or headers and return the response, so a body method may be chained on. */
const STATUS_METHODS = new Set(['status', 'code', 'type', 'set', 'header', 'headers', 'setHeader']);
/** Parameter names that hold the response by convention in Express, Fastify and Nest (`@Res() res`). */
const RESPONSE_NAME = /^(res|resp|response|reply|rep)$/i;
/** Declared types of a response object, by package. */
const RESPONSE_TYPES: Record<string, RegExp> = {
  express: /^Response$/,
  'express-serve-static-core': /^Response$/,
  fastify: /^FastifyReply$/,
};

/** A body written to the client: the method, the body arguments and the status chosen before it, when literal. */
export interface ResponseWrite {
  /** `res.status(500).json`, as the finding names it. */
  text: string;
  method: string;
  args: Value[];
  /** The status set on the same chain (`res.status(404).json(...)`): a number, or null when computed or absent. */
  status: number | null;
  /** Whether a status was set on the chain at all. */
  statusSet: boolean;
  /** The response object: a parameter of some function of the file. */
  receiver: Extract<Origin, { kind: 'param' }>;
  /** Fastify serialises an `Error` given to `reply.send` itself (status, code and message, never the stack). */
  framework: 'express' | 'fastify';
}

/**
 * A call that writes a response body on a response parameter: `res.json(x)`, `res.status(500).send(x)`,
 * `reply.code(400).send(x)`. The receiver must be a parameter named or typed as a response.
 */
export function responseWrite(file: string, site: CallSite, summary: ProgramSummary, linker: ProgramLinker): ResponseWrite | null {
  const callee = site.callee;
  if (!callee || callee.root.kind !== 'param' || callee.path.length !== 1) return null;
  const receiver = callee.root;
  const framework = responseFramework(file, summary.functions[receiver.fn], receiver, linker);
  if (!framework) return null;
  const first = callee.path[0]!;
  if (BODY_METHODS.has(first)) return { text: site.text, method: first, args: site.args ?? [], status: null, statusSet: false, receiver, framework };
  if (!STATUS_METHODS.has(first)) return null;
  const chain = site.chain ?? [];
  const body = chain.find((link) => BODY_METHODS.has(link.name));
  if (!body || chain.slice(0, chain.indexOf(body)).some((link) => !STATUS_METHODS.has(link.name))) return null;
  const statusArg = first === 'status' || first === 'code' ? site.args?.[0] : chain.find((link) => link.name === 'status' || link.name === 'code')?.args[0];
  return {
    text: `${site.text}(…).${body.name}`,
    method: body.name,
    args: body.args,
    status: statusArg?.kind === 'number' ? statusArg.value : null,
    statusSet: statusArg !== undefined,
    receiver,
    framework,
  };
}

function responseFramework(file: string, fn: FunctionInfo | undefined, origin: Extract<Origin, { kind: 'param' }>, linker: ProgramLinker): 'express' | 'fastify' | null {
  const param = fn?.params[origin.index];
  if (!param) return null;
  if (origin.type) {
    const entity = linker.resolveRef(file, origin.type)?.entity;
    if (entity?.kind === 'external') {
      if (!RESPONSE_TYPES[entity.module]?.test(entity.path.join('.'))) return null;
      return entity.module === 'fastify' ? 'fastify' : 'express';
    }
  }
  if (param.name === null || !RESPONSE_NAME.test(param.name)) return null;
  return /^rep/i.test(param.name) ? 'fastify' : 'express';
}

/** `(err, req, res, next)`: an Express error-handling middleware (the arity is what Express checks). */
export function isExpressErrorMiddleware(fn: FunctionInfo): boolean {
  return fn.params.length === 4 && fn.params.every((param) => param.name !== null);
}
