import type { LayerModel } from '../layers/classify.js';
import type { DependencyGraph, ProjectContext } from '../types.js';
import type { FileAnalysis } from './file-analysis.js';

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
}
