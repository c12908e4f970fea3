import { commandRunsTests, type ScriptLookup, type TestVerdict } from './commands.js';
import { readYamlFacts, type YamlCommand } from './yaml-lines.js';

/** CI configuration files by provider. Templates keep dotfiles as `_name` (renamed when copied): `_github` counts. */
export const CI_FILES: readonly [RegExp, string][] = [
  [/^[._]github\/workflows\/[^/]+\.ya?ml$/, 'GitHub Actions'],
  [/^[._]gitlab-ci\.ya?ml$/, 'GitLab CI'],
  [/^[._]circleci\/config\.ya?ml$/, 'CircleCI'],
  [/^Jenkinsfile$/, 'Jenkins'],
  [/^azure-pipelines\.ya?ml$/, 'Azure Pipelines'],
  [/^bitbucket-pipelines\.ya?ml$/, 'Bitbucket Pipelines'],
  [/^[._]travis\.ya?ml$/, 'Travis CI'],
];

export interface CiWorkflow {
  file: string;
  provider: string;
  /** The shell commands of its steps (each line of a multi-line `run:` on its own). */
  commands: YamlCommand[];
  /** GitHub `uses:` targets: actions and reusable workflows. */
  uses: YamlCommand[];
  /** The provider runs `npm test` itself when the file names no script (Travis on Node). */
  testsByDefault: boolean;
  /** Configuration pulled from elsewhere (GitLab `include:`): jobs this file does not show. */
  includesRemote: boolean;
}

/** The most folders a CI file lies under (`.github/workflows/x.yml`): every pattern above is anchored at the root. */
export const CI_FILE_MAX_DEPTH = 2;

export function ciProvider(file: string): string | null {
  // Most of a monorepo's files lie deeper than any CI file: one scan of the path instead of seven patterns each.
  let slashes = 0;
  for (let index = file.indexOf('/'); index !== -1; index = file.indexOf('/', index + 1)) if (++slashes > CI_FILE_MAX_DEPTH) return null;
  return CI_FILES.find(([pattern]) => pattern.test(file))?.[1] ?? null;
}

export function parseCiWorkflow(file: string, provider: string, text: string): CiWorkflow {
  if (provider === 'Jenkins') {
    // A Groovy pipeline: the string given to each `sh`/`bat`/`powershell` step is a command; the rest is not YAML.
    const commands = text.split('\n').flatMap((line, index) =>
      [...line.matchAll(/\b(?:sh|bat|powershell|pwsh)\s*\(?\s*(?:script\s*:\s*)?(['"])((?:\\.|(?!\1).)*)\1/g)].map((match) => ({ text: match[2]!, line: index + 1 })),
    );
    return { file, provider, commands, uses: [], testsByDefault: false, includesRemote: false };
  }
  const facts = readYamlFacts(text);
  const testsByDefault = provider === 'Travis CI' && /node/i.test(facts.topLevel.get('language') ?? 'node_js') && !facts.keys.has('script');
  const uses = [...facts.uses];
  // CircleCI orb jobs and commands (`- node/test`, `- node/install-packages`) are list items naming `<orb>/<job>`.
  if (provider === 'CircleCI') text.split('\n').forEach((line, index) => {
    const orb = /^\s*-\s+([\w-]+\/[\w.-]+)\s*:?\s*$/.exec(line);
    if (orb) uses.push({ text: orb[1]!, line: index + 1 });
  });
  return { file, provider, commands: facts.commands, uses, testsByDefault, includesRemote: provider === 'GitLab CI' && facts.keys.has('include') };
}

export interface TestRun {
  verdict: TestVerdict;
  /** Where the tests run (`.github/workflows/ci.yml:31 npm test`), when they do. */
  evidence: { file: string; line: number; text: string } | null;
}

/**
 * Whether any workflow runs the tests, following local reusable workflows (`uses: ./.github/workflows/x.yml`)
 * and package scripts. A step whose text cannot be seen into but speaks of tests (a make target, a
 * shell script, a third-party test action) makes the answer `maybe`.
 */
export function workflowsRunTests(workflows: readonly CiWorkflow[], scripts: ScriptLookup): TestRun {
  let verdict: TestVerdict = 'none';
  for (const workflow of workflows) {
    if (workflow.testsByDefault) return { verdict: 'tests', evidence: { file: workflow.file, line: 1, text: 'npm test (Travis runs it when no script is given)' } };
    for (const command of workflow.commands) {
      const found = commandRunsTests(command.text, scripts);
      if (found === 'tests') return { verdict: 'tests', evidence: { file: workflow.file, line: command.line, text: command.text } };
      if (found === 'maybe') verdict = 'maybe';
    }
    if (workflow.includesRemote) verdict = 'maybe';
    for (const use of workflow.uses) {
      // Local reusable workflows are read as workflows of their own (they are in the list); a
      // remote action that speaks of tests (a Cypress or test-runner action) may run them.
      if (!use.text.startsWith('./') && /test|cypress|playwright|e2e|jest|vitest/i.test(use.text.replace(/@.*$/, ''))) verdict = 'maybe';
      // A reusable workflow of another repository: what it runs is not here.
      if (/^[\w.-]+\/[\w.-]+\/\.github\/workflows\//.test(use.text)) verdict = 'maybe';
    }
  }
  return { verdict, evidence: null };
}
