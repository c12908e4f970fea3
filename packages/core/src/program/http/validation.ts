import type { CallGraph, FunctionRef, ResolvedCall } from '../call-graph.js';
import type { ProgramLinker } from '../link.js';
import { responseWrite } from './response.js';
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

/** Validation libraries whose calls make Express middleware (`celebrate({...})`, `checkSchema({...})`, `body('email').isEmail()`). */
const MIDDLEWARE_LIBRARIES: ReadonlySet<string> = new Set(['celebrate', 'express-validator', 'express-joi-validation', 'express-zod-safe', 'zod-express-middleware', 'express-openapi-validator']);

/**
 * The validation library a middleware value was made by, however it is named where it is used
 * (`const signup = celebrate({ body })`, then `router.post('/', signup, handler)`), or null.
 */
export function validationMiddlewareLibrary(file: string, value: Value, linker: ProgramLinker): string | null {
  const resolved = linker.resolveValue(file, value);
  return resolved?.entity.kind === 'external' && MIDDLEWARE_LIBRARIES.has(resolved.entity.module) && resolved.entity.path.at(-1) === '()' ? resolved.entity.module : null;
}

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

// ---- what a handler does with a request value ----------------------------------------------------

/**
 * Global calls that turn any client value into a plain number, boolean or encoded string
 * (`Number(req.query.limit)`, `encodeURIComponent(term)`): a value that only goes through one of
 * them cannot carry an object, an operator or a path. Matched on the callee's text (globals).
 */
export const COERCING_CALLS: ReadonlySet<string> = new Set([
  'Number', 'parseInt', 'parseFloat', 'String', 'Boolean', 'BigInt', 'encodeURIComponent', 'encodeURI', 'escape',
  'Number.parseInt', 'Number.parseFloat', 'Number.isInteger', 'Number.isFinite', 'Number.isNaN', 'Number.isSafeInteger', 'isNaN', 'isFinite',
  'Array.isArray', 'Buffer.from', 'Buffer.byteLength', 'Math.min', 'Math.max', 'Math.abs', 'Math.floor', 'Math.ceil', 'Math.round', 'Math.trunc',
]);

/** A call named for hashing (`security.hash(password)`, `sha256(token)`): its result is a fixed-format digest, whatever it was given. */
export const HASHING_CALL = /(^|\.)(hash|hashSync|md5|sha1|sha256|sha512|hmac|digest)$/i;

/** Global calls whose result is still the client's value in another shape (`JSON.parse(credential)`): what matters is where the result goes. */
export const PASS_THROUGH_CALLS: ReadonlySet<string> = new Set(['JSON.parse', 'decodeURIComponent', 'decodeURI', 'structuredClone', 'Object.freeze']);

/**
 * Libraries that check what they are given against a format or a stored secret and fail closed:
 * WebAuthn response verification, payment APIs that reject bad tokens, TOTP checks, JWT verification,
 * password hash comparison. A client value handed only to them is validated there.
 */
const VALIDATING_CONSUMERS: readonly { module: RegExp; methods: RegExp }[] = [
  { module: /^@simplewebauthn\/server$/, methods: /^verify\w*Response$/ },
  { module: /^stripe$/, methods: /./ },
  { module: /^(otplib|@otplib\/\w+|speakeasy|otpauth)$/, methods: /^(verify|verifySync|check|validate|totp)$/ },
  { module: /^(jsonwebtoken|jose|jws)$/, methods: /^(verify|jwtVerify)$/ },
  { module: /^(bcrypt|bcryptjs|argon2)$/, methods: /^(compare|compareSync|verify)$/ },
  { module: /^(node:)?crypto$/, methods: /^timingSafeEqual$/ },
];

/** Logger method names: a value handed to one of them on a logger or the console is recorded, not used. */
export const LOG_METHODS: ReadonlySet<string> = new Set(['log', 'debug', 'info', 'warn', 'error', 'trace', 'verbose', 'silly', 'fatal']);

/** The receiver of a logger call: `console`, `logger`, `this.logger`, `request.log`, `Logger`, `Container.get('logger')`. */
const LOGGER_RECEIVER = /(^|\.)(console|logs?|\w*logger)$|\(['"]logger['"]\)$/i;

/** Methods of a `Set`/`Map` that only look a key up or keep it: a lookup by a wrong key finds nothing. */
const KEYED_METHODS = new Set(['has', 'get', 'add', 'delete']);
const KEYED_COLLECTIONS = new Set(['Set', 'Map', 'WeakSet', 'WeakMap']);

/** Whether a `Set`/`Map` created in this file (`const seen = new Set()`) holds the receiver of the call. */
function keyedCollection(call: ResolvedCall, linker: ProgramLinker): boolean {
  const callee = call.site.callee;
  if (!callee || !KEYED_METHODS.has(callee.path.at(-1) ?? '') || callee.path.length !== 1 || callee.root.kind !== 'variable') return false;
  const summary = linker.summary(call.file);
  const held = summary?.variables[callee.root.id]?.value;
  if (held?.kind !== 'new') return false;
  const made = summary?.calls[held.call]?.callee;
  return made?.root.kind === 'global' && made.path.length === 0 && KEYED_COLLECTIONS.has(made.root.name);
}

/**
 * What a call does with a client value given to it, when that makes the value harmless: `logs` it
 * (`logger.debug`, `console.log`), `validates` it (a validation library, or a consumer that checks
 * it and fails closed), uses it as a `key` of an in-memory `Set`/`Map`, or `echoes` it in the response
 * (`res.json`, `res.render`; the caller drops an echo of spliced text). Null: a use.
 */
export function inputConsumerOf(call: ResolvedCall, calls: CallGraph, linker: ProgramLinker): 'logs' | 'validates' | 'key' | 'echoes' | null {
  const method = call.site.callee?.path.at(-1) ?? '';
  if (LOG_METHODS.has(method) && LOGGER_RECEIVER.test(call.site.text.slice(0, call.site.text.lastIndexOf('.')))) return 'logs';
  if (validatorOf(call, calls)) return 'validates';
  const resolved = call.callee;
  if (resolved?.entity.kind === 'external') {
    const { module, path } = resolved.entity;
    const steps = [...path, ...resolved.rest].filter((step) => step !== '()' && step !== 'new');
    const last = steps.at(-1) ?? '';
    if (VALIDATING_CONSUMERS.some((consumer) => consumer.module.test(module) && consumer.methods.test(last))) return 'validates';
  }
  if (keyedCollection(call, linker)) return 'key';
  // `res.json({ search })`, `res.render('view', { search })`: echoed to the client that sent it.
  const summary = linker.summary(call.file);
  if (summary && responseWrite(call.file, call.site, summary, linker)) return 'echoes';
  const callee = call.site.callee;
  if (callee?.root.kind === 'param' && callee.path.length === 1 && callee.path[0] === 'render' && /^res/i.test(call.site.text)) return 'echoes';
  return null;
}

/**
 * Whether NestJS validation strips what a DTO does not declare: `yes` when a `ValidationPipe` is built
 * with `whitelist: true` anywhere (the usual global pipe), `no` when every `ValidationPipe` the program
 * builds has readable options without it (or none, or it is registered as a class through `APP_PIPE`),
 * `unknown` when some options cannot be read. Without stripping, `class-transformer` copies every key
 * the client sent onto the DTO, declared or not.
 */
export function nestPipeStripsUnknown(files: readonly string[], linker: ProgramLinker): 'yes' | 'no' | 'unknown' {
  let answer: 'no' | 'unknown' = 'no';
  for (const file of files) {
    const summary = linker.summary(file);
    for (const site of summary?.calls ?? []) {
      if (!site.construct || site.callee?.path.at(-1) !== 'ValidationPipe' && !(site.callee?.root.kind === 'import' && site.callee.root.name === 'ValidationPipe')) continue;
      const resolved = site.callee ? linker.resolveRef(file, site.callee) : null;
      if (resolved?.entity.kind !== 'external' || resolved.entity.module !== '@nestjs/common') continue;
      const options = site.args?.[0];
      if (!options) continue;
      if (options.kind !== 'object') {
        answer = 'unknown';
        continue;
      }
      const whitelist = options.properties.whitelist;
      if (whitelist?.kind === 'boolean' && whitelist.value) return 'yes';
      if (whitelist === undefined ? options.spread : whitelist.kind !== 'boolean') answer = 'unknown';
    }
  }
  return answer;
}
