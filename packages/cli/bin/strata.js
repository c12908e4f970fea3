#!/usr/bin/env node
// A committed launcher so npm can link the bin before the TypeScript build has run.
import { existsSync } from 'node:fs';
import module from 'node:module';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';

// Node ships a code cache of its own modules (node:crypto and the rest) that V8 accepts only under the
// flags it was made with. Once the flags below are set, every node: module loaded afterwards is
// compiled from source and its cache made again: 35 M instructions of a 46-file service's review, 5 %
// of its main thread (bench/README.md). Every command loads these (the code cache's loader, the
// engine's file reads, the argument parser), so they load first, under the flags Node's cache expects.
const require = module.createRequire(import.meta.url);
for (const name of ['node:crypto', 'node:os', 'node:vm', 'node:fs/promises']) require(name);
// node:util builds its parseArgs on first use.
void require('node:util').parseArgs;

// A review runs for a second or two, and V8's optimising compiler, inlining callees into every hot
// function it compiles, spent more CPU than the review's own parser thread on a large repository
// (novu: 10.9 of 31.1 G instructions in V8's background threads). Without inlining the optimised code
// runs as fast here (main thread 14.4 -> 14.1 G) and the compiler's work falls to 6.3 G: -13% wall on
// novu, -5% on juice-shop, on two cores (bench/README.md). The flag is process-wide, so the parser
// threads take it too; it is set here, in the process the CLI owns, never by the library.
setFlagsFromString('--no-turbo-inlining');
// Only flags V8 reads afresh at each use may be set here, after Node has started. --no-regexp-tier-up
// is not one: a regular expression Node compiled to bytecode before it was set is then run as machine
// code, and V8 jumps into its interpreter's trampoline (SIGSEGV in NativeRegExpMacroAssembler::Execute;
// novu: 2 of 30 runs in a row crashed with it, sooner under load, 0 of 100 without; bench/README.md).
// It saved 5 % of a small service's instructions; a review that crashes saves nothing.
// V8 sends a function to its optimising compiler after a few turns of an interrupt budget (67,584
// bytes of bytecode run). A review lasts a second or two, so most of what that compiler was sent came
// back too late to pay for itself: on two cores it took a quarter of a large review's CPU (novu: 24 %
// of all samples in V8's compiler threads, `perf record`), and the second core is the parser thread's.
// Eight times the budget sends it only the functions that stay hot: novu cold 1.97 -> 1.72 s wall,
// 3.2 -> 2.5 s CPU; juice-shop 0.50 -> 0.47 s, 0.68 -> 0.52 s CPU (bench/README.md).
// V8 12 (Node 22 and later) tiers up by invocation counts and has no such flag: setting it there only
// printed "Error: unrecognized flag" on every run.
if (Number(process.versions.v8.split('.')[0]) < 12) setFlagsFromString('--interrupt-budget=540672');

// Node 22.1 and later keep the compiled code of the ES modules a run loads on disk (in the system's
// temp folder) for the next run; the parser threads' modules take it. It must be on before they load,
// hence the dynamic imports below. A cache that cannot be written leaves the run as it was.
module.enableCompileCache?.();

// The installed package runs the CLI as one CommonJS bundle restored from V8's code cache
// (src/code-cache.ts): compiling the engine at every start was a sixth of a small service's review on
// Node 20, which has no compile cache (fastify/demo, main thread: 0.97 -> 0.81 G instructions), and it
// does better than Node 22's compile cache of the ES modules (1.04 -> 0.82 G). In the repository (no
// bundle) the TypeScript build runs as is.
const bundle = fileURLToPath(new URL('../dist/cli.cjs', import.meta.url));
let codeCache;
let main;
let isCommand;
if (existsSync(bundle)) {
  const { CodeCache, codeCacheDirectory } = await import('../dist/code-cache.js');
  codeCache = new CodeCache({ directory: codeCacheDirectory(), profile: process.argv[2], bundlePrefix: './vendor/' });
  ({ main, isCommand } = codeCache.load(bundle).exports);
} else {
  ({ main } = await import('../dist/main.js'));
}

// `strata review | head` closes the pipe early: that is the reader's choice, not a failure, and it
// must not end in a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
});
// After the run, so that the cache holds what this command compiled; only for a real command, so
// that typos and --help leave no file behind.
if (isCommand?.(process.argv[2])) codeCache.save();
