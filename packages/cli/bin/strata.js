#!/usr/bin/env node
// A committed launcher so npm can link the bin before the TypeScript build has run.
import { main } from '../dist/main.js';

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
