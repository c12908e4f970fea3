import type { CallGraph, FunctionRef, ResolvedCall } from '../call-graph.js';
import type { ProgramLinker } from '../link.js';
import type { ClassInfo, Decorator, FunctionInfo, ProgramSummary, Value } from '../summary.js';

/**
 * What each validation library's calls are, by the path the linker gives them: `schema.parse(x)`
 * on a Zod schema is `zod` `object.().parse`. One entry per library; a new library is one line here.
 */
const VALIDATORS: readonly { library: string; modules: readonly string[]; methods: RegExp }[] = [
  { library: 'Zod', modules: ['zod', 'zod/v4', 'zod/v3'], methods: /^(parse|safeParse|parseAsync|safeParseAsync|spa)$/ },
  { library: 'Joi', modules: ['joi', '@hapi/joi'], methods: /^(validate|validateAsync|attempt|assert)$/ },
  { library: 'Yup', modules: ['yup'], methods: /^(validate|validateSync|validateAt|isValid|isValidSync|cast)$/ },
  { library: 'class-validator', modules: ['class-validator'], methods: /^(validate|validateOrReject|validateSync)$/ },
  { library: 'Ajv', modules: ['ajv', 'ajv/dist/2020', 'ajv/dist/2019'], methods: /^(compile|validate|\(\))$/ },
  { library: 'express-validator', modules: ['express-validator'], methods: /^(validationResult|matchedData|checkSchema|body|query|param|check)$/ },
  { library: 'celebrate', modules: ['celebrate'], methods: /^(celebrate|isCelebrateError)$/ },
  { library: 'validator.js', modules: ['validator'], methods: /^(is[A-Z]\w*|normalizeEmail|escape|trim|matches|toInt|toFloat|toBoolean|toDate|blacklist|whitelist)$/ },
  { library: 'Valibot', modules: ['valibot'], methods: /^(parse|safeParse|parseAsync|safeParseAsync|is)$/ },
  { library: 'superstruct', modules: ['superstruct'], methods: /^(assert|validate|create|is|mask)$/ },
  { library: 'TypeBox', modules: ['@sinclair/typebox', '@sinclair/typebox/value', '@sinclair/typebox/compiler', 'typebox'], methods: /^(Check|Parse|Decode|Compile|Assert)$/ },
];

/** Method names that validate on every schema library: a call to one on an object the model cannot follow is taken as validation. */
const GENERIC_METHODS = /^(parse|safeParse|parseAsync|safeParseAsync|validate|validateAsync|validateSync|validateOrReject)$/;
/** Project helpers named for what they do (`validateUser(body)`, `assertValidOrder`, `parseCreateOrder`). */
const HELPER_NAME = /valid|sanitiz|assert|schema|^parse|\.parse/i;

/** The validation library (or project helper) a call validates with, or null. */
export function validatorOf(call: ResolvedCall, calls: CallGraph): string | null {
  const resolved = call.callee;
  const method = call.site.callee?.path.at(-1) ?? call.site.text;
  if (resolved?.entity.kind === 'external' && !resolved.rest.length) {
    const { module, path } = resolved.entity;
    const entry = VALIDATORS.find((validator) => validator.modules.includes(module));
    if (entry && path.some((step) => entry.methods.test(step))) return entry.library;
    return null;
  }
  if (resolved?.entity.kind === 'function' && !resolved.rest.length) {
    const name = calls.info({ file: resolved.entity.file, fn: resolved.entity.fn })?.name ?? '';
    return HELPER_NAME.test(name) ? name : null;
  }
  // A schema the model cannot follow (a parameter, an untyped import): the method says what it does.
  if (GENERIC_METHODS.test(method)) return call.site.text;
  return null;
}

/**
 * The first validator called while serving from `handler`: in the handler, callbacks inside it, and
 * the project functions it calls (`depth` calls deep): where "parse, then call" code validates.
 */
export function validationIn(handler: FunctionRef, calls: CallGraph, depth = 2): string | null {
  for (const { ref } of calls.reachableFrom(handler, depth).values()) {
    for (const call of calls.callsIn(ref)) {
      const found = validatorOf(call, calls);
      if (found) return found;
    }
  }
  return null;
}

/** Nest decorators that bind request input to a parameter, and the part of the request each binds. */
export const NEST_INPUTS: Readonly<Record<string, 'body' | 'query' | 'params'>> = { Body: 'body', Query: 'query', Param: 'params' };

/** The request parts a function reads from its parameter `index` (`0.body.email` → `body`). */
export function requestPartsRead(summary: ProgramSummary, fn: number, index: number): Set<string> {
  const parts = new Set<string>();
  for (const read of summary.functions[fn]?.paramReads ?? []) {
    const [at, part] = read.split('.');
    if (Number(at) === index && part) parts.add(part);
  }
  return parts;
}

function mentionsAppPipe(value: Value, depth = 0): boolean {
  if (depth > 5) return false;
  if (value.kind === 'ref') return value.ref.root.kind === 'import' && value.ref.root.specifier === '@nestjs/core' && value.ref.root.name === 'APP_PIPE';
  if (value.kind === 'array') return value.elements.some((element) => mentionsAppPipe(element, depth + 1));
  if (value.kind === 'object') return Object.values(value.properties).some((property) => mentionsAppPipe(property, depth + 1));
  return false;
}

/** A pipe every Nest route runs: `app.useGlobalPipes(…)` in bootstrap or `{ provide: APP_PIPE, … }` in a module. */
export function nestGlobalPipe(files: readonly string[], linker: ProgramLinker): boolean {
  return files.some((file) =>
    (linker.summary(file)?.calls ?? []).some((site) => (site.callee?.path.at(-1) === 'useGlobalPipes' && site.args?.length) || (site.args ?? []).some((arg) => mentionsAppPipe(arg))),
  );
}

/** Pipes a Nest handler's method or class declares with `@UsePipes(...)`: they run for every parameter. */
export function nestRoutePipes(info: FunctionInfo, cls: ClassInfo | undefined): boolean {
  const uses = (decorators: readonly Decorator[]) => decorators.some((decorator) => decorator.name === 'UsePipes' && decorator.from === '@nestjs/common' && decorator.args.length > 0);
  return uses(info.decorators) || (cls !== undefined && uses(cls.decorators));
}
