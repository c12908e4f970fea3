#!/usr/bin/env node
// A committed launcher so npm can link the bin before the TypeScript build has run.
import { main } from '../dist/main.js';

process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
});
