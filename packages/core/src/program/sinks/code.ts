import type { ResolvedCall } from '../call-graph.js';
import type { ProgramLinker } from '../link.js';
import type { Value } from '../summary.js';

/** A call that runs code or a shell command it is given, and the values that become code. */
export interface CodeSink {
  /** `eval`, `vm.runInContext`, `child_process.exec`… as the finding names it. */
  what: string;
  /** `code` for JavaScript, `shell` for a command line. */
  runs: 'code' | 'shell';
  /** The arguments whose text is run. */
  inputs: Value[];
}

const VM_CODE = new Set(['runInThisContext', 'runInNewContext', 'runInContext', 'compileFunction', 'Script']);
const SHELL = new Set(['exec', 'execSync']);
const SPAWNING = new Set(['spawn', 'spawnSync', 'execFile', 'execFileSync']);

/**
 * `vm.runInContext('safeEval(orderLines)', { safeEval, orderLines })`: the code is a literal, but it
 * hands a member of the context to an evaluator; that member is code too.
 */
function evaluatedContextMembers(code: Value | undefined, given: Value | undefined, file: string, linker: ProgramLinker): Value[] {
  // The context is usually built first (`const sandbox = { … }; vm.createContext(sandbox)`).
  const held = given?.kind === 'ref' && given.ref.root.kind === 'variable' && !given.ref.path.length ? linker.summary(file)?.variables[given.ref.root.id]?.value : undefined;
  const context = held ?? given;
  if (code?.kind !== 'string' || context?.kind !== 'object') return [];
  const members: Value[] = [];
  for (const [name, value] of Object.entries(context.properties)) {
    if (new RegExp(`\\b(eval|safeEval|evaluate|Function)\\s*\\(\\s*${name.replace(/[$]/g, '\\$')}\\b`).test(code.value)) members.push(value);
  }
  return members;
}

/** The code or command a call runs, when it is one of Node's evaluators or shells. */
export function codeSinkOf(call: ResolvedCall, linker: ProgramLinker): CodeSink | null {
  const args = call.site.args ?? [];
  const callee = call.site.callee;
  // `eval(x)`, `new Function(a, body)`, `Function(body)`: globals, unless a local name shadows them.
  if (callee?.root.kind === 'global' && callee.path.length === 0) {
    if (callee.root.name === 'eval') return { what: 'eval', runs: 'code', inputs: args.slice(0, 1) };
    if (callee.root.name === 'Function') return { what: 'new Function', runs: 'code', inputs: args };
  }
  const resolved = call.callee ?? (callee ? linker.resolveRef(call.file, callee) : null);
  if (resolved?.entity.kind !== 'external' || resolved.rest.length) return null;
  const module = resolved.entity.module.replace(/^node:/, '');
  const steps = resolved.entity.path.filter((step) => step !== '()' && step !== 'new');
  const name = steps.at(-1);
  if (module === 'vm' && name && steps.length <= 2 && VM_CODE.has(name)) {
    return { what: `vm.${name}`, runs: 'code', inputs: [...args.slice(0, 1), ...evaluatedContextMembers(args[0], args[1], call.file, linker)] };
  }
  if (module === 'child_process' && name && steps.length === 1) {
    if (SHELL.has(name)) return { what: `child_process.${name}`, runs: 'shell', inputs: args.slice(0, 1) };
    // `spawn(cmd, args, { shell: true })`: the arguments are joined and given to a shell.
    const options = args.find((arg) => arg.kind === 'object');
    const shell = options?.kind === 'object' ? options.properties.shell : undefined;
    if (SPAWNING.has(name) && shell && !(shell.kind === 'boolean' && !shell.value)) return { what: `child_process.${name}`, runs: 'shell', inputs: args.filter((arg) => arg !== options) };
  }
  return null;
}
