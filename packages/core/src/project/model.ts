import type { LayerModel } from '../layers/classify.js';
import type { DependencyGraph, ProjectContext } from '../types.js';
import type { FileAnalysis } from './file-analysis.js';
import type { RepoFiles } from './repo-files/index.js';

/** What project rules query: the files, the resolved graph, the layer model and the detected context. */
export interface ProjectModel {
  root: string;
  files: ReadonlyMap<string, FileAnalysis>;
  graph: DependencyGraph;
  layers: LayerModel;
  context: ProjectContext;
  /** The profile in force (`recommended`, `strict-clean`, `legacy`). */
  profile: string;
  /** Every rule id Strata knows, enabled or not: what a suppression comment may name. */
  ruleIds: readonly string[];
  /** The package.json files in scope (path relative to the root, parsed): dependency versions for rules that depend on them. */
  manifests: readonly { file: string; manifest: Record<string, unknown> }[];
  /** The operational files (Dockerfiles, Compose, CI workflows, env files, tsconfigs), read once on first use. */
  repo: RepoFiles;
}
