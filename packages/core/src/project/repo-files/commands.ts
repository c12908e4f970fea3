/**
 * What a shell command of a CI step or a package script does, as far as the text says: runs the
 * tests, might (a make target, a shell script, a container whose name speaks of tests), or does not.
 */
export type TestVerdict = 'tests' | 'maybe' | 'none';

/** Test runners invoked by name (`npx jest`, `vitest run`, `node --test`, `c8 mocha`). */
const TEST_RUNNER = /(?:^|[\s/'"(=])(jest|vitest|mocha|ava|tap|tape|jasmine|karma|uvu|ts-mocha|lab|c8|nyc|cypress\s+run|playwright\s+test|(?:node|tsx)(?:\s+\S+)*?\s+--test(?![\w-]))(?=$|[\s'")])/;
const MANAGERS = new Set(['npm', 'pnpm', 'yarn', 'bun']);
/** Flags of the managers that take a value as the next word (`-w api`, `--filter api`, `--prefix dir`). */
const FLAG_WITH_VALUE = new Set(['-w', '--workspace', '--filter', '-F', '--prefix', '-C', '--dir', '--cwd']);
/** Package manager subcommands that are not scripts. */
const NOT_A_SCRIPT = new Set(['install', 'i', 'ci', 'add', 'remove', 'uninstall', 'publish', 'audit', 'exec', 'x', 'dlx', 'npx', 'config', 'cache', 'pack', 'version', 'set', 'link', 'login', 'whoami', 'outdated', 'prune', 'dedupe', 'rebuild', 'init', 'create', 'info', 'view', 'ls', 'list', 'why', 'workspaces', 'workspace', 'global', 'up', 'upgrade', 'update', 'setup', 'import', 'fetch', 'store', 'env', 'help', 'sync', 'plugin', 'constraints', 'dlx', 'stage', 'patch', 'bin', 'root', 'node', 'licenses', 'owner', 'deprecate', 'dist-tag', 'token', 'ping', 'doctor', 'search', 'star', 'team', 'explain', 'fund', 'query', 'shrinkwrap', 'hook', 'org', 'access', 'adduser', 'logout', 'profile', 'repo', 'docs', 'bugs', 'edit', 'explore', 'completion', 'prefix', 'diff', 'unpublish', 'restart', 'start', 'stop']);
/** A script name that is itself a test run (`test`, `t`, `test:unit`, `e2e`, `spec`, `cit`: install then test). */
const TEST_SCRIPT = /^(t|tst|it|cit|install-test|install-ci-test)$|test|spec|e2e/i;
/** Monorepo task runners given a test task (`nx affected -t test`, `turbo run test`, `lerna run test`). */
const TASK_RUNNER_TEST = /(?:^|\s)(nx|turbo|lerna|ultra|wireit|moon|rush)\b.*\btest/;
/** Words that leave a command we cannot see into possibly running the tests. */
const MAYBE_TESTS = /test|spec|e2e|check|verif|\bci\b|validat|coverage|\bqa\b/i;

/** A package.json script body by name, across the manifests (every one that has it). */
export type ScriptLookup = (name: string) => readonly string[];

/** The package scripts a command runs: `npm test`, `npm run test:unit`, `yarn e2e`, `pnpm -r --filter api test`, `yarn workspace api test`. */
function scriptNames(part: string): string[] {
  // Quotes and brackets around words (`bash -c "npm test"`, `$(npm run lint)`) are not part of them.
  const words = part.split(/\s+/).map((word) => word.replace(/^[$'"(]+|['")]+$/g, '')).filter(Boolean);
  const names: string[] = [];
  for (let at = 0; at < words.length; at++) {
    if (!MANAGERS.has(words[at]!.replace(/^.*\//, ''))) continue;
    let index = at + 1;
    const skipFlags = () => {
      while (index < words.length && words[index]!.startsWith('-')) index += FLAG_WITH_VALUE.has(words[index]!) ? 2 : 1;
    };
    skipFlags();
    let explicit = false;
    if (words[index] === 'workspace') index += 2; // yarn workspace <name> <script>
    else if (words[index] === 'workspaces' && (words[index + 1] === 'run' || words[index + 1] === 'foreach')) index += 2;
    skipFlags();
    if (words[index] === 'run' || words[index] === 'run-script') {
      explicit = true;
      index++;
      skipFlags();
    }
    const name = words[index];
    // `npm install`, `yarn add`: subcommands, not scripts (unless run through `run`).
    if (name && (explicit || !NOT_A_SCRIPT.has(name))) names.push(name.replace(/^['"]|['"]$/g, ''));
  }
  return names;
}

/** Whether one command (without `&&`, `;`) runs the tests. */
function partVerdict(part: string, scripts: ScriptLookup, depth: number): TestVerdict {
  if (TEST_RUNNER.test(part) || TASK_RUNNER_TEST.test(part)) return 'tests';
  let verdict: TestVerdict = 'none';
  let sawScript = false;
  for (const name of scriptNames(part)) {
    sawScript = true;
    // `start:test`, `build:test`: the service started or built for tests, not the tests.
    if (TEST_SCRIPT.test(name) && !/^(start|serve|build|dev|watch|compile)\b/.test(name)) return 'tests';
    const bodies = depth < 4 ? scripts(name) : [];
    if (!bodies.length) {
      if (MAYBE_TESTS.test(name)) verdict = 'maybe';
      continue;
    }
    for (const body of bodies) {
      const inner = commandRunsTests(body, scripts, depth + 1);
      if (inner === 'tests') return 'tests';
      if (inner === 'maybe') verdict = 'maybe';
    }
  }
  // A package manager's own subcommand (`npm ci`) is no test; other commands we cannot see into may be.
  if (!sawScript && !/(^|[\s/])(npm|pnpm|yarn|bun)(\s|$)/.test(part) && MAYBE_TESTS.test(part)) return 'maybe';
  return verdict;
}

/** Whether a command line (possibly several commands) runs the tests, as far as its text and the scripts say. */
export function commandRunsTests(command: string, scripts: ScriptLookup, depth = 0): TestVerdict {
  let verdict: TestVerdict = 'none';
  for (const part of command.split(/&&|\|\||;|\n|\|/)) {
    const found = partVerdict(part.trim(), scripts, depth);
    if (found === 'tests') return 'tests';
    if (found === 'maybe') verdict = 'maybe';
  }
  return verdict;
}
