#!/usr/bin/env node
// A committed launcher so npm can link the bin before the TypeScript build has run.
import { setFlagsFromString } from 'node:v8';
import { main } from '../dist/main.js';

// A review runs for a second or two, and V8's optimising compiler, inlining callees into every hot
// function it compiles, spent more CPU than the review's own parser thread on a large repository
// (novu: 10.9 of 31.1 G instructions in V8's background threads). Without inlining the optimised code
// runs as fast here (main thread 14.4 -> 14.1 G) and the compiler's work falls to 6.3 G: -13% wall on
// novu, -5% on juice-shop, on two cores (bench/README.md). The flag is process-wide, so the parser
// threads take it too; it is set here, in the process the CLI owns, never by the library.
setFlagsFromString('--no-turbo-inlining');

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
