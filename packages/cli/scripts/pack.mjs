// Builds the one installable package: the CLI, the core engine, the scaffold, the rule docs and the
// templates, bundled so that it depends on no unpublished workspace package.
//
//   node packages/cli/scripts/pack.mjs [--out <dir>]     (after `npm run build`; `npm run pack:cli` does both)
//
// Writes <out>/package/ (the staged package) and <out>/<name>-<version>.tgz, then prints the tarball's
// size and file count. <out> defaults to .tmp/pack in the repository.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const fromRepo = (...parts) => path.join(REPO, ...parts);
const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

/** The registry name: `strata` itself belongs to an unrelated package. The bin stays `strata`. */
export const PACKAGE_NAME = 'strata-architect';

/**
 * Pure-JS dependencies folded into the bundle: only the CLI uses them, and each would otherwise bring
 * its own tree (autocannon alone installs 60-odd packages). The native parsers stay dependencies, and
 * so does Zod, which the published declarations refer to.
 */
const BUNDLED = new Set(['@clack/prompts', 'autocannon']);
/**
 * Zod stays a dependency for the declarations, but its code is bundled too: as a package it is 95 ES
 * modules that every command would load before doing anything (about 50 ms of each start-up).
 * Strata's schemas never cross its API, so a second copy beside the user's cannot mix instances.
 */
const INLINED = new Set(['zod']);

/**
 * The registry packages the CLI only needs for some commands (prompts for `new` and `add`, the load
 * generator for `probe`, Zod for a config or a baseline): each is a CommonJS bundle of its own beside
 * the CLI's, required when first used. Inside the CLI's bundle they would cost every start the
 * scanning of 1.9 MB of source and a bigger code cache to restore.
 */
const VENDORED = ['zod', '@clack/prompts', 'autocannon'];
const vendorFile = (name) => `vendor/${name.replace(/^@/, '').replaceAll('/', '-')}.cjs`;

/** Bundled CommonJS code calls require() for Node's builtins; ESM output has none unless given one. */
const REQUIRE_SHIM = "import { createRequire as __strataCreateRequire } from 'node:module';\nconst require = __strataCreateRequire(import.meta.url);";

/** Workspace packages (never published) are bundled; everything else is a runtime dependency. */
const WORKSPACE_DIRS = readdirSync(fromRepo('packages')).filter((dir) => existsSync(fromRepo('packages', dir, 'package.json')));
const WORKSPACE = new Set(WORKSPACE_DIRS.map((dir) => readJson(fromRepo('packages', dir, 'package.json')).name));

/** Template folders that `strata new` and `strata add` read; build output and local state stay out. */
const TEMPLATES = ['fastify', 'express', 'generators'];
const TEMPLATE_SKIP = new Set(['node_modules', 'dist', '.data', 'coverage', '.tmp']);

const { values } = parseArgs({ options: { out: { type: 'string' } } });
const out = path.resolve(values.out ?? fromRepo('.tmp', 'pack'));
const stage = path.join(out, 'package');

const cli = readJson(fromRepo('packages/cli/package.json'));
const root = readJson(fromRepo('package.json'));

/** Runtime dependencies of the bundle: those of every workspace package the CLI pulls in, with their declared ranges. */
function runtimeDependencies() {
  const all = {};
  for (const dir of WORKSPACE_DIRS) {
    const manifest = readJson(fromRepo('packages', dir, 'package.json'));
    if (dir === 'cli' || cli.dependencies?.[manifest.name]) Object.assign(all, manifest.dependencies);
  }
  const kept = Object.entries(all).filter(([name]) => !WORKSPACE.has(name) && !BUNDLED.has(name));
  return Object.fromEntries(kept.sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * Both caches are keyed by a hash of the engine's code, which core computes from the files beside it;
 * in the bundle there are none, so the hash is taken now from core's build and compiled in.
 */
async function fixedEngineSignature() {
  const { engineSignature } = await import(pathToFileURL(fromRepo('packages/core/dist/project/engine-signature.js')).href);
  const signature = engineSignature();
  return {
    name: 'engine-signature',
    setup(plugin) {
      plugin.onLoad({ filter: /packages[\\/]core[\\/]dist[\\/]project[\\/]engine-signature\.js$/ }, () => ({
        contents: `export function engineSignature() { return ${JSON.stringify(signature)}; }\n`,
        loader: 'js',
      }));
    },
  };
}

async function bundle(dependencies) {
  const result = await build({
    plugins: [await fixedEngineSignature()],
    absWorkingDir: REPO,
    entryPoints: {
      // The launcher's loader for the CLI's bundle (cliBundle below).
      'code-cache': 'packages/cli/dist/code-cache.js',
      index: 'packages/core/dist/index.js',
      config: 'packages/core/dist/config/index.js',
      // The worker pool starts ./parse-worker.js beside the module that creates it: dist/ here.
      'parse-worker': 'packages/core/dist/project/parse-worker.js',
    },
    outdir: path.join(stage, 'dist'),
    bundle: true,
    // Shared code goes to chunks beside the entries, and lazy imports (Zod, clack, the parser) stay lazy.
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    external: Object.keys(dependencies).filter((name) => !INLINED.has(name)),
    minifySyntax: true,
    legalComments: 'linked',
    metafile: true,
    banner: { js: REQUIRE_SHIM },
    logLevel: 'warning',
  });
  // The probe preloads its sampler into the measured service (`--import`), from ../sampler/preload.js
  // beside the module that starts it: one self-contained file there.
  const sampler = await build({
    absWorkingDir: REPO,
    entryPoints: ['packages/probe/dist/sampler/preload.js'],
    outfile: path.join(stage, 'sampler/preload.js'),
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    external: Object.keys(dependencies),
    minifySyntax: true,
    metafile: true,
    logLevel: 'warning',
  });
  // The parser threads compile these chunks from source at every start: ASCII keeps them one-byte strings.
  for (const output of Object.keys(result.metafile.outputs)) if (output.endsWith('.js')) asciiOnly(path.join(REPO, output));
  const cli = await cliBundle(dependencies);
  return { inputs: { ...result.metafile.inputs, ...sampler.metafile.inputs, ...cli.inputs } };
}

/**
 * The CLI as the launcher runs it: one CommonJS script (dist/cli.cjs) that V8 can restore from its
 * code cache (packages/cli/src/code-cache.ts), and the vendored packages as scripts of their own.
 *
 * A function restored from the code cache has no dynamic-import callback on Node 20, so the bundle
 * must hold no `import()`: `supported` turns every one into `require`, which serves bundled modules and
 * Node's builtins but not a config file's URL or an ES module package's deep path; the engine's imports
 * of those go through core's import-module, kept as a file of its own that Node loads. A dynamic import
 * of anything else fails the pack.
 */
async function cliBundle(dependencies) {
  const external = Object.keys(dependencies).filter((name) => !INLINED.has(name));
  const importMetaUrl = '__strataImportMetaUrl';
  const routing = {
    name: 'cli-bundle-routing',
    setup(plugin) {
      const vendored = new RegExp(`^(${VENDORED.map((name) => name.replace(/[/.]/g, '\\$&')).join('|')})$`);
      plugin.onResolve({ filter: vendored }, (args) => ({ path: `./${vendorFile(args.path)}`, external: true }));
      plugin.onResolve({ filter: /[\\/]import-module\.js$/ }, () => ({ path: './import-module.cjs', external: true }));
    },
  };
  const common = { absWorkingDir: REPO, bundle: true, format: 'cjs', platform: 'node', target: 'node20.19', charset: 'ascii', minifySyntax: true, legalComments: 'linked', metafile: true, logLevel: 'warning' };
  const cli = await build({
    ...common,
    plugins: [await fixedEngineSignature(), routing],
    entryPoints: { cli: 'packages/cli/dist/main.js' },
    outdir: path.join(stage, 'dist'),
    outExtension: { '.js': '.cjs' },
    external,
    supported: { 'dynamic-import': false },
    // The ES modules' import.meta.url (templates, docs, the parser threads' script beside the bundle).
    define: { 'import.meta.url': importMetaUrl },
    banner: { js: `var ${importMetaUrl} = require("node:url").pathToFileURL(__filename).href;` },
  });
  asciiOnly(path.join(stage, 'dist/cli.cjs'));
  await stampSourceHash(path.join(stage, 'dist/cli.cjs'));
  for (const [file, output] of Object.entries(cli.metafile.outputs)) {
    const dynamic = output.imports.filter((entry) => entry.kind === 'dynamic-import' && !entry.path.startsWith('node:'));
    if (dynamic.length) throw new Error(`${file} keeps dynamic imports (${dynamic.map((entry) => entry.path).join(', ')}): they fail in code restored from V8's cache`);
  }
  // Not bundled: a real module file, whose import() Node's own loader serves.
  const importer = await build({ ...common, bundle: false, entryPoints: ['packages/core/dist/import-module.js'], outfile: path.join(stage, 'dist/import-module.cjs') });
  const inputs = { ...cli.metafile.inputs, ...importer.metafile.inputs };
  for (const name of VENDORED) {
    const vendor = await build({
      ...common,
      stdin: { contents: `module.exports = require(${JSON.stringify(name)});`, resolveDir: fromRepo('packages/cli'), sourcefile: `${name}-entry.cjs`, loader: 'js' },
      outfile: path.join(stage, 'dist', vendorFile(name)),
      external,
      // Third-party code nobody debugs from here: minified, it is a third of the bytes to read and scan.
      minify: true,
    });
    asciiOnly(path.join(stage, 'dist', vendorFile(name)));
    await stampSourceHash(path.join(stage, 'dist', vendorFile(name)));
    Object.assign(inputs, vendor.metafile.inputs);
  }
  return { inputs };
}

/**
 * Escapes what esbuild leaves outside ASCII: only the odd character in a comment it keeps (`…`, `→`),
 * since its ASCII charset already escapes strings, templates and regular expressions. One such
 * character made the whole 0.9 MB script a two-byte string that every start decoded from UTF-8 and
 * hashed for the code cache at twice the size.
 */
function asciiOnly(file) {
  const text = readFileSync(file, 'utf8');
  const escaped = text.replace(/[^\x00-\x7f]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (escaped !== text) writeFileSync(file, escaped);
}

/**
 * Writes a bundle's SHA-1 as its first line, for the key of its code cache (code-cache.ts): hashing the
 * CLI's 0.9 MB bundle at every start was 2 % of a small service's review.
 */
async function stampSourceHash(file) {
  const { PACKED_HASH_PREFIX } = await import(pathToFileURL(fromRepo('packages/cli/dist/code-cache.js')).href);
  const text = readFileSync(file, 'utf8');
  writeFileSync(file, `${PACKED_HASH_PREFIX}${createHash('sha1').update(text).digest('hex')}\n${text}`);
}

/** The licences of the registry packages folded into the bundle, which their terms ask to keep with it. */
function writeBundledLicenses(metafile) {
  // Package folder (relative to the repository) -> name; a nested node_modules names its own package.
  const packages = new Map();
  for (const input of Object.keys(metafile.inputs)) {
    const at = input.lastIndexOf('node_modules/');
    if (at === -1) continue;
    const parts = input.slice(at + 'node_modules/'.length).split('/');
    const name = parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
    packages.set(`${input.slice(0, at)}node_modules/${name}`, name);
  }
  const sections = [...packages].sort(([, a], [, b]) => a.localeCompare(b)).map(([folder, name]) => {
    const dir = fromRepo(folder);
    const licence = readdirSync(dir).find((file) => /^licen[cs]e/i.test(file));
    const { version, license } = readJson(path.join(dir, 'package.json'));
    return `## ${name}@${version} (${license})\n\n${licence ? readFileSync(path.join(dir, licence), 'utf8').trim() : 'No licence file shipped.'}\n`;
  });
  writeFileSync(path.join(stage, 'dist/THIRD-PARTY-LICENSES.md'), `# Bundled third-party packages\n\n${sections.join('\n')}`);
}

/** The public types are core's declarations, laid out as tsc wrote them. */
function copyDeclarations(from, to) {
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    if (entry.isDirectory()) copyDeclarations(source, path.join(to, entry.name));
    else if (entry.name.endsWith('.d.ts')) {
      mkdirSync(to, { recursive: true });
      cpSync(source, path.join(to, entry.name));
    }
  }
}

/**
 * `strata new` writes a package-lock.json cut from the repository's lockfile (the versions CI tested), so
 * that a generated project's `npm ci` and Dockerfile work; the package carries the part of it the templates reach.
 */
async function writeTemplatesLockfile() {
  const { cutPackedLockfile, PACKED_LOCKFILE } = await import(pathToFileURL(fromRepo('packages/scaffold/dist/template-lockfile.js')).href);
  const lock = await cutPackedLockfile(fromRepo('templates'), readJson(fromRepo('package-lock.json')));
  writeFileSync(path.join(stage, 'templates', PACKED_LOCKFILE), JSON.stringify(lock));
}

function copyAssets() {
  for (const name of TEMPLATES) {
    cpSync(fromRepo('templates', name), path.join(stage, 'templates', name), {
      recursive: true,
      filter: (source) => !TEMPLATE_SKIP.has(path.basename(source)) && !source.endsWith('.tsbuildinfo'),
    });
  }
  cpSync(fromRepo('docs/rules'), path.join(stage, 'docs/rules'), { recursive: true });
  cpSync(fromRepo('packages/core/schema.json'), path.join(stage, 'schema.json'));
  // The launcher and the V8 flags it imports.
  for (const file of ['strata.js', 'v8-flags.js', 'young-generation.js']) cpSync(fromRepo('packages/cli/bin', file), path.join(stage, 'bin', file));
  for (const file of ['README.md', 'LICENSE', 'CHANGELOG.md']) cpSync(fromRepo(file), path.join(stage, file));
}

function manifest(dependencies) {
  return {
    name: PACKAGE_NAME,
    version: cli.version,
    description: 'A senior Node.js backend architect as a CLI: reviews Express, Fastify and NestJS repositories for layering, dependency direction and production readiness, gates CI with SARIF, draws the dependency flow and scaffolds production-ready services.',
    keywords: ['architecture', 'clean-architecture', 'ddd', 'layers', 'dependency-graph', 'static-analysis', 'code-review', 'express', 'fastify', 'nestjs', 'sarif', 'scaffold', 'cli'],
    license: 'MIT',
    // Carried over only when the repository declares them: no invented URLs.
    ...(root.repository ? { repository: root.repository } : {}),
    ...(root.homepage ? { homepage: root.homepage } : {}),
    ...(root.bugs ? { bugs: root.bugs } : {}),
    type: 'module',
    bin: { strata: 'bin/strata.js' },
    exports: {
      '.': { types: './dist/types/index.d.ts', default: './dist/index.js' },
      './config': { types: './dist/types/config/index.d.ts', default: './dist/config.js' },
      './schema.json': './schema.json',
      './package.json': './package.json',
    },
    types: './dist/types/index.d.ts',
    files: ['bin', 'dist', 'sampler', 'docs', 'templates', 'schema.json', 'CHANGELOG.md'],
    engines: cli.engines,
    dependencies,
  };
}

function listSize(file) {
  const kib = (statSync(file).size / 1024).toFixed(1);
  const files = execFileSync('tar', ['-tzf', file], { encoding: 'utf8' }).trim().split('\n').length;
  return { kib, files };
}

rmSync(stage, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });
for (const required of ['packages/cli/dist/main.js', 'packages/core/dist/index.js', 'packages/scaffold/dist/template-lockfile.js', 'packages/probe/dist/sampler/preload.js']) {
  if (!existsSync(fromRepo(required))) throw new Error(`${required} is missing: run \`npm run build\` first (or \`npm run pack:cli\`).`);
}
const dependencies = runtimeDependencies();
writeBundledLicenses(await bundle(dependencies));
copyDeclarations(fromRepo('packages/core/dist'), path.join(stage, 'dist/types'));
copyAssets();
await writeTemplatesLockfile();
writeFileSync(path.join(stage, 'package.json'), `${JSON.stringify(manifest(dependencies), null, 2)}\n`);

// npm pack inherits npm_config_* from an enclosing `npm run`/`npm test -w`, which could point it at a workspace.
const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_')));
const [{ filename }] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', out], { cwd: stage, env, encoding: 'utf8' }));
const tarball = path.join(out, filename);
const { kib, files } = listSize(tarball);
process.stdout.write(`${tarball}\n${PACKAGE_NAME}@${cli.version}: ${kib} KiB tarball, ${files} files, ${Object.keys(dependencies).length} direct dependencies (${Object.keys(dependencies).join(', ')})\n`);
