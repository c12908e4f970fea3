import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CI_FILE_MAX_DEPTH, CI_FILES, ciProvider } from '../../src/project/repo-files/ci.js';
import { commandRunsTests } from '../../src/project/repo-files/commands.js';
import { parseDockerfile } from '../../src/project/repo-files/dockerfile.js';
import { RepoFiles } from '../../src/project/repo-files/index.js';
import { readYamlFacts } from '../../src/project/repo-files/yaml-lines.js';

const roots: string[] = [];
afterAll(async () => Promise.all(roots.map((root) => rm(root, { recursive: true, force: true }))));

async function repo(files: Record<string, string | Buffer>, manifests: { file: string; manifest: Record<string, unknown> }[] = []): Promise<RepoFiles> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'strata-repo-files-'));
  roots.push(root);
  for (const [file, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), content);
  }
  return new RepoFiles(root, Object.keys(files).sort(), manifests);
}

describe('Dockerfile reader', () => {
  it('reads stages, users, copies and commands, with continuations and comments', () => {
    const file = parseDockerfile(
      'Dockerfile',
      '# syntax=docker/dockerfile:1\nARG NODE=20\nFROM node:20 AS build\nWORKDIR /app\nCOPY --chown=node:node package*.json ./\nRUN npm ci \\\n  # a comment inside\n  && npm run build\nFROM node:20-slim\nCOPY --from=build /app/dist ./dist\nUSER node\nCMD ["node", "dist/main.js"]\n',
    );
    expect(file.stages.map((stage) => [stage.image, stage.name, stage.user?.name ?? null])).toEqual([
      ['node:20', 'build', null],
      ['node:20-slim', null, 'node'],
    ]);
    expect(file.stages[0]!.copies).toEqual([{ from: null, sources: ['package*.json'], line: 5 }]);
    expect(file.stages[0]!.runs).toEqual([{ command: 'npm ci && npm run build', line: 6 }]);
    expect(file.stages[1]!.copies[0]!.from).toBe('build');
    expect(file.command).toEqual({ text: 'node dist/main.js', line: 12 });
  });

  it('never throws on hostile text: NUL bytes, a huge line, no FROM, a dangling continuation', () => {
    expect(parseDockerfile('Dockerfile', `FROM node\0:20\nRUN ${'x'.repeat(300_000)}\n`).stages).toHaveLength(1);
    expect(parseDockerfile('Dockerfile', 'RUN npm install\nUSER root\n').stages).toEqual([]);
    expect(parseDockerfile('Dockerfile', 'FROM node:20\nRUN npm ci \\').stages[0]!.runs).toEqual([{ command: 'npm ci', line: 2 }]);
    expect(parseDockerfile('Dockerfile', 'FROM [not json\nCOPY\nUSER\n').stages[0]!.user).toBeNull();
  });
});

describe('CI YAML lines', () => {
  it('reads run scalars, block scalars, GitLab script lists and CircleCI commands', () => {
    const facts = readYamlFacts(
      'jobs:\n  test:\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm ci\n      - run: |\n          npm run lint\n          npm test\n        env:\n          CI: true\ntest:\n  script:\n    - npm ci\n    - npm run test:unit\n  - run:\n      name: Test\n      command: yarn jest --ci\n',
    );
    expect(facts.commands.map((command) => command.text)).toEqual(['npm ci', 'npm run lint', 'npm test', 'npm ci', 'npm run test:unit', 'yarn jest --ci']);
    expect(facts.uses.map((use) => use.text)).toEqual(['actions/checkout@v4']);
  });

  it('reads malformed YAML without throwing', () => {
    expect(() => readYamlFacts('run: [unclosed\n  - : :\n\t\tscript: |\nrun:\n- \0\n')).not.toThrow();
  });
});

describe('commands that run the tests', () => {
  const scripts = (table: Record<string, string>) => (name: string) => (table[name] ? [table[name]!] : []);
  it('follows package scripts and recognises runners, managers and task runners', () => {
    const table = scripts({ verify: 'npm run lint && npm run unit', unit: 'vitest run', build: 'tsc -b' });
    expect(commandRunsTests('npm test', table)).toBe('tests');
    expect(commandRunsTests('npm run verify', table)).toBe('tests');
    expect(commandRunsTests('pnpm -r --filter api test', table)).toBe('tests');
    expect(commandRunsTests('npx nx affected -t lint test build', table)).toBe('tests');
    expect(commandRunsTests('node --import tsx --test test/', table)).toBe('tests');
    expect(commandRunsTests('npm ci && npm run build', table)).toBe('none');
    expect(commandRunsTests('make check', table)).toBe('maybe');
    expect(commandRunsTests('bash -c "npm run verify"', table)).toBe('tests');
    expect(commandRunsTests('npm install --save-dev jest', table)).toBe('tests'); // names the runner: counted, a rare shape
  });
});

describe('RepoFiles', () => {
  it('finds Dockerfiles, tells auxiliary ones, reads the nearest .dockerignore, and treats a binary Dockerfile as unreadable', async () => {
    const files = await repo({
      Dockerfile: Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01]),
      'api/Dockerfile': 'FROM node:20\nUSER node\n',
      'api/Dockerfile.dev': 'FROM node:20\n',
      '.gitpod.Dockerfile': 'FROM gitpod/workspace-full\n',
      '.dockerignore': 'node_modules\n# comment\n',
      '_github/workflows/ci.yml': 'jobs:\n  t:\n    steps:\n      - run: npm test\n',
    });
    expect(files.dockerfilePaths).toEqual(['.gitpod.Dockerfile', 'Dockerfile', 'api/Dockerfile', 'api/Dockerfile.dev']);
    expect(files.dockerfilePaths.filter((file) => files.isAuxiliaryDockerfile(file))).toEqual(['.gitpod.Dockerfile', 'api/Dockerfile.dev']);
    expect(files.dockerfiles.map((file) => file.file)).toEqual(['.gitpod.Dockerfile', 'api/Dockerfile', 'api/Dockerfile.dev']);
    expect(files.dockerignoreFor('api/Dockerfile')).toEqual(['node_modules']);
    expect(files.ciProviders).toEqual(['GitHub Actions']);
    expect(files.ciTestRun.verdict).toBe('tests');
  });

  it('reads Jenkins, Azure Pipelines and Bitbucket Pipelines steps, and a GitLab include as a possible test run', async () => {
    expect((await repo({ Jenkinsfile: "pipeline {\n  stages {\n    stage('t') { steps { sh 'npm ci' \n sh 'npm test' } }\n  }\n}\n" })).ciTestRun.evidence).toEqual({ file: 'Jenkinsfile', line: 4, text: 'npm test' });
    expect((await repo({ 'azure-pipelines.yml': 'steps:\n  - script: npm ci\n  - bash: npx vitest run\n' })).ciTestRun.verdict).toBe('tests');
    expect((await repo({ 'bitbucket-pipelines.yml': 'pipelines:\n  default:\n    - step:\n        script:\n          - npm ci\n          - npm run build\n' })).ciTestRun.verdict).toBe('none');
    expect((await repo({ '.gitlab-ci.yml': "include:\n  - project: 'org/ci'\n    file: '/node.yml'\nbuild:\n  script:\n    - npm run build\n" })).ciTestRun.verdict).toBe('maybe');
  });

  it('says Travis runs npm test by default on Node, and no test run for a build-only workflow', async () => {
    expect((await repo({ '.travis.yml': 'language: node_js\nnode_js:\n  - 20\n' })).ciTestRun.verdict).toBe('tests');
    const build = await repo({ '.github/workflows/build.yml': 'on: push\njobs:\n  b:\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm ci\n      - run: npm run build\n' }, [
      { file: 'package.json', manifest: { scripts: { build: 'tsc' } } },
    ]);
    expect(build.ciTestRun).toEqual({ verdict: 'none', evidence: null });
  });

  it('finds CI files only where a provider reads them, and names every provider in catalogue order', async () => {
    const files = await repo({
      '.travis.yml': 'language: node_js\n',
      '.github/workflows/ci.yml': 'jobs: {}\n',
      'packages/api/.github/workflows/ci.yml': 'jobs: {}\n',
      'a/b/c/Jenkinsfile': "sh 'npm test'\n",
      'docs/Jenkinsfile': "sh 'npm test'\n",
    });
    expect(files.ciWorkflows.map((workflow) => workflow.file)).toEqual(['.github/workflows/ci.yml', '.travis.yml']);
    expect(files.ciProviders).toEqual(['GitHub Actions', 'Travis CI']);
    // The depth bound that skips deeper paths holds for every pattern: anchored at the root, no deeper than it.
    for (const [pattern] of CI_FILES) {
      expect(pattern.source.startsWith('^')).toBe(true);
      expect(pattern.source.split('\\/').length - 1).toBeLessThanOrEqual(CI_FILE_MAX_DEPTH);
    }
    expect(ciProvider('.circleci/config.yml')).toBe('CircleCI');
    expect(ciProvider('x/.circleci/config.yml')).toBeNull();
  });

  it('lists files by exact name and by kind once, in discovery order', async () => {
    const files = await repo({ Procfile: 'web: node a.js\n', 'api/Procfile': 'web: node b.js\n', 'api/Procfile.dev': '', 'NotProcfile': '', 'fly.toml': '', '.env': '', 'api/.env.test': '' });
    expect(files.filesNamed('Procfile')).toEqual(['Procfile', 'api/Procfile']);
    expect(files.filesNamed('missing')).toEqual([]);
    expect(files.platformFiles).toEqual(['Procfile', 'api/Procfile', 'fly.toml']);
    expect(files.platformFiles).toBe(files.platformFiles);
    expect(files.envFiles).toEqual(['.env', 'api/.env.test']);
  });

  it('reads each file on its own: a short file after a long one holds none of the long one, a binary one after text is still unreadable', async () => {
    const files = await repo({ 'a.env': `A=${'x'.repeat(4_000)}\n`.repeat(3), 'b.env': 'SHORT=1\n', 'c.env': Buffer.from([0x41, 0x00, 0x42]), 'd.env': '' });
    expect(files.text('a.env')).toBe(`A=${'x'.repeat(4_000)}\n`.repeat(3));
    expect(files.text('b.env')).toBe('SHORT=1\n');
    expect(files.text('c.env')).toBeNull();
    expect(files.text('d.env')).toBe('');
  });
});
