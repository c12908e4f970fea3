/**
 * Scripts, CI helpers and test-support libraries are application code to the program models (they
 * parse and link like the rest) but never run inside the service: rules about how the service behaves
 * while running leave them out.
 */
const TOOLING = /(^|\/)(scripts?|\.github|testing|test-utils?)\/|(^|\/)(migrate|migrations?|seed|seeds|seeder)\.[cm]?[jt]s$/;

/** Asked for every call site by several rules: one test per file, kept (bounded) across runs of a long-lived process. */
const toolingMemo = new Map<string, boolean>();
const TOOLING_MEMO_LIMIT = 100_000;

export function isTooling(relative: string): boolean {
  let tooling = toolingMemo.get(relative);
  if (tooling === undefined) {
    if (toolingMemo.size >= TOOLING_MEMO_LIMIT) toolingMemo.clear();
    tooling = TOOLING.test(relative);
    toolingMemo.set(relative, tooling);
  }
  return tooling;
}

/** Libraries a command-line program is built on: a package that depends on one is a CLI. */
const CLI_LIBRARIES = ['commander', 'yargs', '@oclif/core', 'inquirer', '@inquirer/prompts', 'prompts', 'cac', 'clipanion'];
/** Server frameworks: a package that depends on one serves requests, whatever else it ships (a starter kit with a `create-app` bin). */
const SERVER_FRAMEWORKS = ['express', 'fastify', '@nestjs/core', 'koa', '@hapi/hapi', 'hapi', 'restify', '@adonisjs/core'];

interface Manifest {
  file: string;
  manifest: Record<string, unknown>;
}

const dependencyNames = (manifest: Record<string, unknown>) => {
  const dependencies = manifest.dependencies;
  return typeof dependencies === 'object' && dependencies !== null ? Object.keys(dependencies) : [];
};

/**
 * Command-line packages: the nearest package.json has a `bin` entry or depends on a CLI library
 * (commander, yargs, oclif, inquirer, prompts…), and depends on no server framework. A user runs
 * them in a terminal and can interrupt them: rules about how a service behaves under load leave them
 * out, as they leave out scripts. Returns a test on a file's path relative to the root.
 */
export function cliPackageTest(manifests: readonly Manifest[]): (relative: string) => boolean {
  const folders = manifests
    .map(({ file, manifest }) => {
      const names = dependencyNames(manifest);
      const cli = (manifest.bin !== undefined && manifest.bin !== null) || names.some((name) => CLI_LIBRARIES.includes(name));
      const folder = file === 'package.json' ? '' : file.slice(0, -'package.json'.length);
      return { folder, cli: cli && !names.some((name) => SERVER_FRAMEWORKS.includes(name)) };
    })
    .sort((a, b) => b.folder.length - a.folder.length);
  return (relative) => folders.find(({ folder }) => relative.startsWith(folder))?.cli ?? false;
}

interface ImportEdge {
  from: string;
  to: string;
  kind: string;
  reaches?: string[];
}

/**
 * Files a package.json starts: its `main`, and files its scripts name (`node app.js`, `ts-node src/server.ts`).
 * Paths relative to the root, as written (with or without an extension).
 */
export function manifestEntries(manifests: readonly Manifest[]): (relative: string) => boolean {
  const named: string[] = [];
  for (const { file, manifest } of manifests) {
    const folder = file === 'package.json' ? '' : file.slice(0, -'package.json'.length);
    if (typeof manifest.main === 'string') named.push(folder + manifest.main.replace(/^\.\//, ''));
    const scripts = manifest.scripts;
    if (typeof scripts === 'object' && scripts !== null) {
      for (const script of Object.values(scripts)) if (typeof script === 'string') for (const word of script.split(/\s+/)) if (/\.[cm]?[jt]s$/.test(word)) {
        const script = word.replace(/^\.\//, '');
        // `node dist/server.js` starts what `src/server.ts` compiles to.
        named.push(folder + script, folder + script.replace(/^(dist|build|lib)\//, 'src/'));
      }
    }
  }
  const strip = (name: string) => name.replace(/\.[cm]?[jt]s$/, '');
  const set = new Set(named.map(strip));
  return (relative) => set.has(strip(relative));
}

/**
 * Modules only test code runs: every file that imports one (through barrels and other such modules)
 * is a test, spec or e2e file. A client kept beside the service for its e2e tests looks like
 * application code by its path; by its importers it is test support. Type-only imports do not count.
 * `entry` files (where routes are declared, what package.json starts) are never test-only, even when
 * only tests import them: the app a test boots is the app.
 */
export function testOnlyModules(edges: readonly ImportEdge[], isApplicationCode: (relative: string) => boolean, entry: (relative: string) => boolean = () => false): Set<string> {
  const importers = new Map<string, Set<string>>();
  const add = (to: string, from: string) => {
    if (to === from) return;
    let set = importers.get(to);
    if (!set) importers.set(to, (set = new Set()));
    set.add(from);
  };
  for (const edge of edges) {
    if (edge.kind === 'type-only') continue;
    add(edge.to, edge.from);
    for (const target of edge.reaches ?? []) add(target, edge.from);
  }
  const testOnly = new Set([...importers.keys()].filter((file) => isApplicationCode(file) && !entry(file)));
  for (let changed = true; changed; ) {
    changed = false;
    for (const file of testOnly) {
      if ([...importers.get(file)!].some((from) => isApplicationCode(from) && !testOnly.has(from))) {
        testOnly.delete(file);
        changed = true;
      }
    }
  }
  return testOnly;
}
