import { ConfigError, loadConfig } from '../config/env.js';
import { runCreateAdmin } from './create-admin-command.js';

/** The operator's entry point; every outcome is one line and an exit code, never a stack trace. */
try {
  const outcome = await runCreateAdmin(process.argv.slice(2), loadConfig(), process.env.ADMIN_PASSWORD);
  (outcome.exitCode === 0 ? process.stdout : process.stderr).write(`${outcome.message}\n`);
  process.exitCode = outcome.exitCode;
} catch (error) {
  const message = error instanceof ConfigError || error instanceof Error ? error.message : String(error);
  process.stderr.write(`create-admin failed: ${message}\n`);
  process.exitCode = 1;
}
