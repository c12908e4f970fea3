#!/usr/bin/env node
// Strata's security rules beside eslint-plugin-security (its recommended config), on the same files
// of each repository given: both tools' counts by rule, the overlap (same file, within two lines),
// and, where the code marks its own vulnerable lines (OWASP Juice Shop's `vuln-code-snippet vuln-line`
// comments), how many of those lines each tool points at.
//
//   node bench/security-vs-eslint.mjs <dir> [<dir>…] [--json <file>]
//
// A bench to read, not a test. eslint and the plugin are installed on first use into
// bench/.tools/eslint-security (pinned below; nothing is added to the repository's own dependencies).
// Both tools see the files Strata reviews (application code: not tests, front-ends, fixtures or
// generated code), so neither is charged for the other's scope.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const STRATA = path.join(repo, 'packages/cli/bin/strata.js');
const TOOLS = path.join(here, '.tools/eslint-security');
const PINNED = ['eslint@9.39.5', 'eslint-plugin-security@3.0.1', 'typescript-eslint@8.74.0', 'typescript@5.9.3'];
const NEAR = 2;
const MARKER = /\/\/\s*vuln-code-snippet vuln-line/;

function ensureEslint() {
  const bin = path.join(TOOLS, 'node_modules/eslint/bin/eslint.js');
  const config = path.join(TOOLS, 'eslint.config.mjs');
  if (!existsSync(bin)) {
    mkdirSync(TOOLS, { recursive: true });
    process.stderr.write(`installing ${PINNED.join(' ')} into ${TOOLS} …\n`);
    const install = spawnSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', TOOLS, ...PINNED], { encoding: 'utf8' });
    if (install.status !== 0) throw new Error(`npm install failed: ${install.stderr.slice(0, 1000)}`);
  }
  // The plugin's recommended config, with a parser that reads TypeScript as well as JavaScript.
  writeFileSync(
    config,
    [
      "import security from 'eslint-plugin-security';",
      "import tseslint from 'typescript-eslint';",
      'export default [',
      "  { files: ['**/*.{js,cjs,mjs,jsx,ts,cts,mts,tsx}'], languageOptions: { parser: tseslint.parser, ecmaVersion: 'latest', sourceType: 'module' } },",
      '  security.configs.recommended,',
      '];',
      '',
    ].join('\n'),
  );
  return { bin, config };
}

function strataReview(dir) {
  const run = spawnSync(process.execPath, [STRATA, 'review', dir, '--format', 'json', '--quiet', '--no-cache'], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  if (run.status !== 0 && run.status !== 1) throw new Error(`strata failed on ${dir}: ${run.stderr.slice(0, 1000)}`);
  return JSON.parse(run.stdout);
}

function eslintRun(eslint, dir, files) {
  const messages = [];
  // In chunks: a command line has a length limit.
  for (let start = 0; start < files.length; start += 400) {
    const chunk = files.slice(start, start + 400);
    const run = spawnSync(process.execPath, [eslint.bin, '--no-config-lookup', '-c', eslint.config, '--no-inline-config', '--format', 'json', ...chunk], { cwd: dir, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
    if (run.status !== 0 && run.status !== 1) throw new Error(`eslint failed on ${dir}: ${run.stderr.slice(0, 1000)}`);
    for (const result of JSON.parse(run.stdout)) {
      const file = path.relative(dir, result.filePath).split(path.sep).join('/');
      for (const message of result.messages) messages.push({ file, line: message.line, rule: message.ruleId ?? '(parse error)' });
    }
  }
  return messages;
}

const countBy = (items, key) => Object.entries(items.reduce((counts, item) => ({ ...counts, [key(item)]: (counts[key(item)] ?? 0) + 1 }), {})).sort((a, b) => b[1] - a[1]);
const near = (a, b) => a.file === b.file && Math.abs(a.line - b.line) <= NEAR;

/** The lines the code marks as vulnerable itself, with the challenge names after the marker. */
function markedLines(dir, files) {
  const marked = [];
  for (const file of files) {
    const lines = readFileSync(path.join(dir, file), 'utf8').split('\n');
    lines.forEach((text, index) => {
      const found = MARKER.exec(text);
      if (found) marked.push({ file, line: index + 1, what: text.slice(found.index + found[0].length).trim() });
    });
  }
  return marked;
}

function compare(dir, eslint) {
  const review = strataReview(dir);
  const files = review.graph.modules.filter((module) => module.kind === 'source').map((module) => module.id);
  // A finding points at its own line and at every step of its trace (a password handed to an md5 helper is reported
  // at the digest, and its trace starts where the password is passed).
  const strata = review.findings
    .filter((finding) => finding.category === 'security')
    .map((finding) => ({ file: finding.file, line: finding.line, rule: finding.ruleId, severity: finding.severity, steps: [{ file: finding.file, line: finding.line }, ...(finding.trace ?? []).map((step) => ({ file: step.file, line: step.line }))] }));
  const lint = eslintRun(eslint, dir, files);
  const security = lint.filter((message) => message.rule.startsWith('security/'));
  const overlap = strata.filter((finding) => security.some((message) => near(finding, message)));
  const marked = markedLines(dir, files);
  return {
    dir,
    files: files.length,
    strata: { total: strata.length, warnOrError: strata.filter((finding) => finding.severity !== 'info').length, byRule: countBy(strata, (finding) => finding.rule) },
    eslint: { total: security.length, byRule: countBy(security, (message) => message.rule), parseErrors: lint.filter((message) => message.rule === '(parse error)').length },
    overlap: overlap.length,
    marked: marked.length
      ? {
          lines: marked.length,
          strata: marked.filter((line) => strata.some((finding) => finding.steps.some((step) => near(step, line)))).map((line) => `${line.file}:${line.line} ${line.what}`),
          eslint: marked.filter((line) => security.some((message) => near(message, line))).map((line) => `${line.file}:${line.line} ${line.what}`),
        }
      : null,
  };
}

function print(result) {
  const out = [`== ${result.dir} (${result.files} files Strata reviews; both tools run on them)`];
  out.push(`   strata security findings: ${result.strata.total} (${result.strata.warnOrError} warn/error)`);
  for (const [rule, count] of result.strata.byRule) out.push(`     ${String(count).padStart(4)}  ${rule}`);
  out.push(`   eslint-plugin-security (recommended): ${result.eslint.total}${result.eslint.parseErrors ? ` (and ${result.eslint.parseErrors} files it could not parse)` : ''}`);
  for (const [rule, count] of result.eslint.byRule) out.push(`     ${String(count).padStart(4)}  ${rule}`);
  out.push(`   overlap: ${result.overlap} of Strata's findings are within ${NEAR} lines of one of eslint's`);
  if (result.marked) {
    out.push(`   lines the code marks vulnerable (${result.marked.lines}): Strata points at ${result.marked.strata.length}, eslint-plugin-security at ${result.marked.eslint.length}`);
    for (const line of result.marked.strata) out.push(`     strata  ${line}`);
    for (const line of result.marked.eslint) out.push(`     eslint  ${line}`);
  }
  return `${out.join('\n')}\n`;
}

const { values, positionals } = parseArgs({ allowPositionals: true, options: { json: { type: 'string' } } });
if (!positionals.length) {
  process.stderr.write('usage: node bench/security-vs-eslint.mjs <dir> [<dir>…] [--json <file>]\n');
  process.exit(2);
}
const eslint = ensureEslint();
const results = positionals.map((dir) => compare(path.resolve(dir), eslint));
for (const result of results) process.stdout.write(print(result));
if (values.json) writeFileSync(values.json, `${JSON.stringify(results, null, 2)}\n`);
