// The precision harness of issue 11 (bench/precision/run.mjs), run as `npm run precision` runs it, on a
// tiny corpus of made-up repositories with a tiny ledger: the figures it prints must follow the ledger.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { measureRepo } from '../../../bench/precision/lib/measure.mjs';

const RUN = fileURLToPath(new URL('../../../bench/precision/run.mjs', import.meta.url));

interface Listed {
  fingerprint: string;
  rule: string;
  file: string;
}

const TSCONFIG = JSON.stringify({ compilerOptions: { strict: true, module: 'NodeNext', moduleResolution: 'NodeNext' } });

/** alpha: a layer violation, an unresolved import, a file that does not parse, and a finding in its `panel/` front-end. */
const ALPHA = {
  'package.json': JSON.stringify({ name: 'alpha', type: 'module', dependencies: { fastify: '^5.0.0' } }),
  'tsconfig.json': TSCONFIG,
  'src/modules/orders/domain/order.ts': "import { store } from '../infrastructure/order-store.js';\nexport const order = store;\n",
  'src/modules/orders/infrastructure/order-store.ts': 'export const store = new Map<string, number>();\n',
  'src/modules/orders/application/place-order.ts': "import { missing } from './no-such-module.js';\nexport const place = missing;\n",
  'src/modules/orders/application/broken.ts': 'export const = ;\n',
  'panel/main.ts': "import { gone } from './gone.js';\nexport const shown = gone;\n",
};

/** gamma: one layer violation and nothing else. */
const GAMMA = {
  'package.json': JSON.stringify({ name: 'gamma', type: 'module', dependencies: { fastify: '^5.0.0' } }),
  'tsconfig.json': TSCONFIG,
  'src/modules/users/domain/user.ts': "import { table } from '../infrastructure/user-table.js';\nexport const user = table;\n",
  'src/modules/users/infrastructure/user-table.ts': "export const table = 'users';\n",
};

const REPOS = {
  repos: [
    { name: 'alpha', repo: 'example/alpha', commit: 'a'.repeat(40), kind: 'fastify', note: 'made up', frontends: ['panel'] },
    { name: 'beta', repo: 'example/beta', commit: 'b'.repeat(40), kind: 'express-ts', note: 'never checked out' },
    { name: 'gamma', repo: 'example/gamma', commit: 'c'.repeat(40), kind: 'ddd-hexagonal', note: 'made up' },
  ],
};

const created: string[] = [];
afterAll(() => created.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

// Not run-cli's tempDir: that module loads the CLI, and this suite needs nothing but node and run.mjs.
function corpus(): { dir: string; repos: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'strata-precision-'));
  created.push(dir);
  const files = [...Object.entries(ALPHA).map(([file, text]) => [`alpha/${file}`, text]), ...Object.entries(GAMMA).map(([file, text]) => [`gamma/${file}`, text])];
  for (const [file, text] of files) {
    mkdirSync(path.dirname(path.join(dir, file!)), { recursive: true });
    writeFileSync(path.join(dir, file!), text!);
  }
  const repos = path.join(dir, 'repos.json');
  writeFileSync(repos, JSON.stringify(REPOS));
  return { dir, repos };
}

function run(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const child = spawnSync(process.execPath, [RUN, ...args], { encoding: 'utf8' });
  return { code: child.status, stdout: child.stdout, stderr: child.stderr };
}

function writeLedger(dir: string, ledger: unknown): string {
  const file = path.join(dir, `ledger-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(ledger));
  return file;
}

describe('npm run precision', () => {
  it('counts verdicts from the ledger, lists the unjudged and the stale, and says which targets are not met', () => {
    const { dir, repos } = corpus();
    const base = ['--corpus', dir, '--repos', repos];
    const skeletonRun = run([...base, '--ledger', writeLedger(dir, {}), '--unjudged', '--repo', 'alpha']);
    expect(skeletonRun.code).toBe(0);
    const skeleton = JSON.parse(skeletonRun.stdout) as Record<string, Record<string, Listed & { verdict: string; reason: string }>>;
    const listed = Object.entries(skeleton.alpha ?? {}).map(([fingerprint, entry]) => ({ ...entry, fingerprint }));
    expect(listed.every((entry) => entry.verdict === '' && entry.reason === '')).toBe(true);
    const pick = (rule: string, file: string): string => {
      const found = listed.find((entry) => entry.rule === rule && entry.file === file);
      if (!found) throw new Error(`no ${rule} finding in ${file} among ${JSON.stringify(listed)}`);
      return found.fingerprint;
    };
    const violation = pick('layer-direction', 'src/modules/orders/domain/order.ts');
    const unresolved = pick('unresolved-import', 'src/modules/orders/application/place-order.ts');
    const inPanel = pick('unresolved-import', 'panel/main.ts');
    pick('parse-error', 'src/modules/orders/application/broken.ts');

    const ledger = writeLedger(dir, {
      alpha: {
        [violation]: { verdict: 'true', rule: 'layer-direction', file: 'src/modules/orders/domain/order.ts', reason: 'domain reaches into infrastructure' },
        [unresolved]: { verdict: 'false', rule: 'unresolved-import', file: 'src/modules/orders/application/place-order.ts', reason: 'made-up verdict' },
        [inPanel]: { verdict: 'debatable', rule: 'unresolved-import', file: 'panel/main.ts', reason: 'made-up verdict' },
        'no-longer-produced': { verdict: 'true', rule: 'no-circular', file: 'src/gone.ts', reason: 'a judgment whose finding went away' },
      },
    });
    const measured = run([...base, '--ledger', ledger, '--json']);
    expect(measured.code).toBe(0);
    const report = JSON.parse(measured.stdout);
    expect(report.absent).toEqual(['beta']);
    const alpha = report.records.find((record: { name: string }) => record.name === 'alpha');
    expect({ true: alpha.true, debatable: alpha.debatable, false: alpha.false }).toEqual({ true: 1, debatable: 1, false: 1 });
    expect(alpha.unjudged).toBe(alpha.findings - 3);
    expect(alpha.shareTrue).toBeCloseTo(1 / 3);
    expect(alpha.parseErrors).toBeGreaterThanOrEqual(1);
    expect(alpha.parseErrorsOnLegalCode).toBe(alpha.parseErrors);
    expect(alpha.frontendFindingList.map((finding: Listed) => finding.file)).toContain('panel/main.ts');
    expect(alpha.unjudgedFindings.map((finding: Listed) => finding.fingerprint)).not.toContain(violation);
    expect(alpha.stale.map((entry: Listed) => entry.fingerprint)).toEqual(['no-longer-produced']);
    expect(report.summary.targets.precision.met).toBe(false);
    expect(report.summary.targets.parseErrors.met).toBe(false);
    expect(report.summary.targets.frontends.met).toBe(false);

    const text = run([...base, '--ledger', ledger, '--repo', 'alpha']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/NOT MET +at least 90% of warn\/error findings judged true/);
    expect(text.stdout).toContain(`alpha  ${inPanel}  unresolved-import  panel/main.ts:1`);
    expect(text.stdout).toMatch(/Stale judgments[^\n]*\(1; not an error\)\n  alpha  no-longer-produced  no-circular  src\/gone.ts  was true/);
  });

  it('adds the unjudged findings to the ledger, then reports every target met once all are judged true, in Markdown too', () => {
    const { dir, repos } = corpus();
    const base = ['--corpus', dir, '--repos', repos, '--repo', 'gamma'];
    const ledger = writeLedger(dir, { gamma: {} });
    const added = run([...base, '--ledger', ledger, '--add-unjudged']);
    expect(added.stdout).toMatch(/^added [1-9]\d* unjudged finding/);
    const filled = JSON.parse(readFileSync(ledger, 'utf8')) as Record<string, Record<string, { verdict: string; rule: string }>>;
    const entries = Object.values(filled.gamma ?? {});
    expect(entries.map((entry) => entry.rule)).toContain('layer-direction');
    expect(entries.every((entry) => entry.verdict === '')).toBe(true);
    // An empty verdict, as added, still counts as not judged; adding again changes nothing.
    expect(JSON.parse(run([...base, '--ledger', ledger, '--json']).stdout).records[0].unjudged).toBe(entries.length);
    expect(run([...base, '--ledger', ledger, '--add-unjudged']).stdout).toMatch(/^no unjudged finding missing/);

    for (const entry of entries) entry.verdict = 'true';
    writeFileSync(ledger, JSON.stringify(filled));
    const report = JSON.parse(run([...base, '--ledger', ledger, '--json']).stdout);
    expect(report.summary.allMet).toBe(true);
    expect(report.records[0].shareTrue).toBe(1);
    const markdown = run([...base, '--ledger', ledger, '--markdown']);
    expect(markdown.stdout).toContain('| repository | kind | files | warn+error |');
    expect(markdown.stdout).toMatch(/\| gamma \| ddd-hexagonal \| \d+ \| \d+ \| \d+ \| 0 \| 0 \| 0 \| 100% \| 0 \| 0 \|/);
    expect(markdown.stdout).toContain('- **MET**: nothing from front-end code');
  });

  it('refuses a verdict outside true, debatable, false with one line and exit code 2', () => {
    const { dir, repos } = corpus();
    const ledger = writeLedger(dir, { gamma: { abc: { verdict: 'maybe', rule: 'x', file: 'y', reason: 'z' } } });
    const refused = run(['--corpus', dir, '--repos', repos, '--ledger', ledger]);
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toContain('verdict "maybe" is not one of true, debatable, false');
  });
});

describe('front-end folders in the measurement', () => {
  const finding = (file: string) => ({ ruleId: 'no-circular', severity: 'warn', file, line: 1, message: 'm', fingerprint: file });
  const result = (frontends: unknown) => ({ findings: [finding('web/app.ts'), finding('api/main.ts')], context: { frontends }, stats: { files: 2 } });

  it('reads context.frontends as folder names or as { folder, reason } objects', () => {
    const entry = { name: 'r', kind: 'k' };
    for (const frontends of [['web'], [{ folder: 'web', reason: 'react dependency' }]]) {
      const record = measureRepo(entry, result(frontends));
      expect(record.frontends.detected).toEqual(['web']);
      expect(record.frontends.reasons).toEqual(typeof frontends[0] === 'string' ? {} : { web: 'react dependency' });
      expect(record.frontendFindingList.map((listed) => listed.file)).toEqual(['web/app.ts']);
    }
  });

  it('counts findings in a front-end declared by hand even when the engine does not detect it', () => {
    const record = measureRepo({ name: 'r', kind: 'k', frontends: ['web'] }, result([]));
    expect(record.frontendFindings).toBe(1);
    expect(record.frontends.undetected).toEqual(['web']);
  });
});
