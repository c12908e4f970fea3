// Types of edges.mjs, for the TypeScript tests that call it directly.

/** A tool's graph as the comparison reads it (its fields are the comparison's own business). */
export interface ComparableGraph {
  tool: string;
  sources: Set<string>;
}

export interface DisagreementGroup {
  id: string;
  side: string;
  verdict: string | null;
  title: string;
  why: string;
  edges: { from: string; to: string; specifier?: string; kind?: string; detail: string }[];
}

export interface EdgeComparison {
  both: number;
  union: number;
  strataOnly: number;
  dcOnly: number;
  agreement: number;
  groups: DisagreementGroup[];
}

export declare function strataGraph(result: unknown): ComparableGraph;
export declare function dependencyCruiserGraph(result: unknown, root: string): ComparableGraph;
export declare function compareEdges(strata: ComparableGraph, dc: ComparableGraph, root: string): EdgeComparison;
