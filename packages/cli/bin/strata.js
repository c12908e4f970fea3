#!/usr/bin/env node
// A committed launcher so npm can link the bin before the TypeScript build has run.
import { existsSync } from 'node:fs';
import module from 'node:module';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { launcherV8Flags } from './v8-flags.js';
import { capYoungGeneration, threadYoungGenerationFlags, youngGenerationCapMb } from './young-generation.js';

// Node ships a code cache of its own modules (node:crypto and the rest) that V8 accepts only under the
// flags it was made with. Once the flags below are set, every node: module loaded afterwards is
// compiled from source and its cache made again: 35 M instructions of a 46-file service's review, 5 %
// of its main thread (bench/README.md). Every command loads these (the code cache's loader, the
// engine's file reads, the argument parser), so they load first, under the flags Node's cache expects.
const require = module.createRequire(import.meta.url);
for (const name of ['node:crypto', 'node:os', 'node:vm', 'node:fs/promises']) require(name);
// node:util builds its parseArgs on first use.
void require('node:util').parseArgs;

// Tiering flags for a run of a second or two (v8-flags.js says which and why). Process-wide, so the
// parser threads take them too; set here, in the process the CLI owns, never by the library.
for (const flag of launcherV8Flags(process.versions.v8)) setFlagsFromString(flag);
// On Node 24 the young generation is held to Node 20's size (young-generation.js says why), unless the
// user sized it.
const userFlags = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].join(' ');
for (const flag of threadYoungGenerationFlags(process.versions.v8, userFlags)) setFlagsFromString(flag);
const youngGenerationCap = youngGenerationCapMb(process.versions.v8, userFlags);
if (youngGenerationCap !== null) capYoungGeneration(youngGenerationCap);

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
// must not end in a stack trace. Nor must any other failed write (a full disk behind a redirection),
// which Node reports here, after the command may have finished: what it wrote is incomplete, so one
// line on standard error and exit 2, whatever the command's own code was (unless it failed already).
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    if (process.exitCode === 2) process.exit(2);
    if (stream !== process.stderr) {
      try {
        process.stderr.write(`strata: could not write to standard output: ${error.message} [OUTPUT_UNWRITABLE]\n`);
      } catch {
        // standard error is gone too: the exit code is all that is left
      }
    }
    process.exit(2);
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
