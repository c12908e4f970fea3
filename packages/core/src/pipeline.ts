// The analysis itself, behind analyze(): loaded on a run that cannot reuse the last result.
import type { StrataConfig } from './config/schema.js';
import { detectContext, importedPackageCounts } from './context/detect.js';
import { nestScope } from './layers/nest-scope.js';
import { packageScope } from './layers/package-scope.js';
import { readManifests } from './project/manifests.js';
import { reviewScope } from './project/scope.js';
import { applyBaseline } from './findings/baseline.js';
import { buildLayerModel } from './layers/classify.js';
import { summariseLayers } from './layers/summary.js';
import { analyzeFiles, parserThreadPlan, type ParserThreads } from './project/analyze-files.js';
import type { FileAnalysis } from './project/file-analysis.js';
import { buildGraph } from './project/build-graph.js';
import { createGeneratedPathCheck } from './project/generated-paths.js';
import { createValueImportLookup } from './project/value-import-lookup.js';
import { cacheDirectoryOf, FileCache, isFirstRun } from './project/cache.js';
import { globToRegexSource } from './project/gitignore.js';
import { toAbsolute, toRelative } from './project/paths.js';
import { createModuleResolver, type Resolution } from './project/resolve.js';
import { resolutionLayoutKey } from './project/layout-key.js';
import { readWorkspaces } from './project/workspaces.js';
import { RULES } from './rules/index.js';
import { programModelsNeeded, runRules } from './rules/run.js';
import { routeInfos } from './program/http/route-info.js';
import { RESULT_SCHEMA_VERSION, type AnalysisResult } from './types.js';
import { VERSION } from './version.js';
import type { ProjectModel } from './project/model.js';
import { RepoFiles } from './project/repo-files/index.js';
import type { AnalyzeOptions, RunInputs } from './analyze.js';
import { monotonicMs } from './clock.js';

/** tsconfig `paths` keys anywhere in the repository, to tell an alias gone wrong from a package. */
function pathAliases(repo: RepoFiles): string[] {
  const keys = new Set<string>();
  for (const { compilerOptions } of repo.tsconfigs) {
    const paths = compilerOptions.paths as Record<string, unknown> | undefined;
    for (const key of Object.keys(paths ?? {})) if (key !== '*') keys.add(key);
  }
  return [...keys];
}

/** The per-file cache's signature: the engine, and which per-file work the enabled rules need. */
function perFileWork(engine: string, config: StrataConfig): { signature: string; program: boolean; visitorRules: string[] | undefined } {
  // A file's cached analysis holds its program model only when a rule needed it: the signature says which.
  const program = programModelsNeeded(RULES, config);
  // A rule turned off runs no visitor on any file; the cache then holds no reports for it, and says so.
  const visitorsOff = RULES.filter((rule) => rule.visitors && config.rules[rule.meta.id] === 'off').map((rule) => rule.meta.id);
  const visitorRules = visitorsOff.length ? RULES.filter((rule) => rule.visitors && !visitorsOff.includes(rule.meta.id)).map((rule) => rule.meta.id) : undefined;
  const signature = `${engine}${program ? ':program' : ''}${visitorsOff.length ? `:off=${visitorsOff.sort().join(',')}` : ''}`;
  return { signature, program, visitorRules };
}

export async function analyzeInputs(options: AnalyzeOptions, inputs: RunInputs, started: number, threads: ParserThreads): Promise<{ result: AnalysisResult; project: ProjectModel }> {
  const retired: Promise<void>[] = [];
  try {
    return await analyzeWithThreads(options, inputs, started, threads, retired);
  } finally {
    // Parsing closes the threads it used; this also closes threads started early if a step before it failed.
    await threads.started?.close();
    await Promise.all(retired);
  }
}

async function analyzeWithThreads(
  options: AnalyzeOptions,
  inputs: RunInputs,
  started: number,
  threads: ParserThreads,
  /** Threads ended unused, still stopping: awaited once the run is done. */
  retired: Promise<void>[],
): Promise<{ result: AnalysisResult; project: ProjectModel }> {
  const { engine, root, config, discovery } = inputs;
  const { signature, program, visitorRules } = perFileWork(engine, config);
  const cacheLoading = options.cache !== false ? FileCache.open(cacheDirectoryOf(options.cache), root, signature) : Promise.resolve(null);
  const ignored = config.ignore.map((glob) => new RegExp(`^${globToRegexSource(glob.replace(/^\.\//, ''))}(/.*)?$`));
  const isKept = (relative: string): boolean => !ignored.some((pattern) => pattern.test(relative));
  const allFiles = discovery.allFiles.filter(isKept);
  // Strata reviews backends: front-ends and what the tsconfig leaves out are named, never parsed.
  const candidates = discovery.sourceFiles.map((file) => toRelative(root, file)).filter(isKept);
  const manifests = await readManifests(root, allFiles);
  // The operational files (tsconfigs, Dockerfiles, CI, env files), read once and only when asked.
  const repo = new RepoFiles(root, allFiles, manifests, discovery.allFiles);
  const scope = await reviewScope(root, allFiles, candidates, manifests, config.scope);
  const sourceFiles = candidates.filter((relative) => !scope.isOutOfScope(relative)).map((relative) => toAbsolute(root, relative));
  // A first run parses every file in scope: when they are enough for threads, the threads start now
  // (analyze.ts starts them earlier still for a listing of twice the bar) and load their code (about
  // 0.1 s each) while this thread reads the workspaces and the cache and stats the files, instead of
  // after the first 500 stats. Only without a cache (a later run may parse a few files), and only once
  // the scope is known: counted before it, a repository with a large front-end (juice-shop: 251 files
  // in scope of over 500) started a thread its review did not need.
  const plan = parserThreadPlan(threads);
  // Threads started before the scope was known (analyze.ts) go unused when the scope leaves too few
  // files for them: a thread would cost more than it saves, as below the bar on any first run.
  // Stopping a thread takes 4-12 ms of waiting (juice-shop), so it stops while the run goes on.
  if (threads.started && sourceFiles.length < plan.from) {
    retired.push(threads.started.close());
    delete threads.started;
  }
  if (!threads.started && plan.count > 0 && sourceFiles.length >= plan.from && isFirstRun(options.cache, root)) {
    threads.started = new (await import('./project/worker-pool.js')).ParsePool(plan.count);
  }
  const workspaces = await readWorkspaces(root, manifests.find(({ file }) => file === 'package.json')?.manifest ?? null);

  const cache = await cacheLoading;
  const memo = cache ? cache.resolutionsFor<Resolution>(await resolutionLayoutKey(root, allFiles)) : undefined;
  const knownResolutions = memo?.size ?? 0;
  const resolve = createModuleResolver({
    sourceFiles: new Set(sourceFiles),
    workspaces,
    pathAliases: pathAliases(repo),
    ...(memo ? { memo } : {}),
  });
  // Resolving while the parser threads work puts the main thread's idle time to use; the graph
  // below then takes each parsed file's answers as they were found, in the order of its imports.
  const resolvedImports = new Map<string, Resolution[]>();
  const resolveImports = (relative: string, analysis: FileAnalysis): void => {
    const absolute = toAbsolute(root, relative);
    resolvedImports.set(relative, analysis.imports.map((entry) => resolve(absolute, entry.specifier)));
  };
  const analysed = await analyzeFiles(
    root,
    sourceFiles,
    RULES,
    cache,
    threads,
    resolveImports,
    program,
    visitorRules,
  );

  const nest = nestScope(manifests, analysed.files);
  const { withinPackage } = packageScope(root, workspaces);
  const layers = buildLayerModel([...analysed.files.keys()], nest.usesNest, config.layers, withinPackage, nest.isNestFile);
  const [isGeneratedPath, valueImportsOf] = await Promise.all([createGeneratedPathCheck(root, allFiles), createValueImportLookup(root, allFiles, cache ?? undefined)]);
  const graph = buildGraph(root, analysed.files, resolve, layers, isGeneratedPath, valueImportsOf, resolvedImports);
  // The per-file cache is written while the context and the rules run: its writes wait on the disk,
  // not on this thread, which sat idle about 20 ms for them on novu (13 MB). Awaited before the result
  // is returned; a cache that cannot be written never fails the run (save catches everything).
  let cacheSaved: Promise<void> = Promise.resolve();
  if (cache) {
    cache.retain(new Set(analysed.files.keys()));
    if (memo && memo.size !== knownResolutions) cache.touch();
    cacheSaved = cache.save();
  }

  const context = await detectContext(
    { root, manifests, allFiles, repo, analyses: analysed.files, importedPackages: importedPackageCounts(graph), workspaces: workspaces.length, frontends: scope.frontends, excluded: scope.excluded },
    layers.shape,
  );

  const model: ProjectModel = { root, files: analysed.files, graph, layers, context, profile: config.profile, ruleIds: RULES.map((rule) => rule.meta.id), manifests, repo };
  const { findings, models } = runRules(RULES, model, config);
  const { fresh, known } = options.baseline ? applyBaseline(findings, options.baseline) : { fresh: findings, known: 0 };
  await cacheSaved;

  const result: AnalysisResult = {
    schemaVersion: RESULT_SCHEMA_VERSION,
    tool: { name: 'strata', version: VERSION },
    root,
    context,
    layers: summariseLayers(graph, layers),
    graph,
    findings: fresh,
    baselined: known,
    stats: {
      files: sourceFiles.length,
      parsed: analysed.parsed,
      cached: analysed.cached,
      workers: analysed.workers,
      durationMs: Math.round(monotonicMs() - started),
    },
    ...(models?.routesBuilt ? { routes: routeInfos(models.routes) } : {}),
  };
  return { result, project: model };
}
