import type { AnalysisResult, Category, EdgeKind, Finding, GraphLevel, RouteInfo, Severity } from '../../types.js';
import { cycleEntries, type CycleEntry } from './cycles.js';
import { ruleDocHtml } from './rule-doc.js';
import { compareText } from '../../compare-text.js';

/**
 * The page's data, embedded once as JSON and read by the client script. Built for size: files are
 * numbered once and split into folder and name, imports are a flat array of numbers, and a rule's
 * why/fix is stored once per rule instead of once per finding.
 */
export interface ReportData {
  root: string;
  folders: string[];
  /** Per file: its folder index and its name. */
  fileFolder: number[];
  fileName: string[];
  /** Per file: its layer index, -1 outside every layer. */
  fileLayer: number[];
  layers: { name: string; description: string; files: number }[];
  flows: { from: string; to: string; count: number; allowed: boolean }[];
  /** Source-to-source imports, four numbers each: from file, to file, line, kind index. */
  edges: number[];
  kinds: EdgeKind[];
  rules: { id: string; category: Category; why: string; fix: string; doc: string; docHref: string | null; docHtml: string | null }[];
  findings: FindingData[];
  routes: RouteInfo[] | null;
  cycles: CycleEntry[];
  graph: { level: GraphLevel; focus: string | null };
}

export interface FindingData {
  rule: number;
  severity: Severity;
  file: string;
  line: number;
  column: number;
  message: string;
  /** Only when it differs from the rule's own text. */
  why?: string;
  fix?: string;
  route?: string;
  trace?: { file: string; line: number; column: number; message: string; code?: string }[];
  excerpt?: { start: number; lines: string[] };
  data?: Record<string, unknown>;
}

export interface DataOptions {
  readSource?: (file: string) => string | undefined;
  docsBase?: string;
  ruleDoc?: (ruleId: string) => string | undefined;
  level?: GraphLevel;
  focus?: string;
}

const EXCERPT_CONTEXT = 3;
const MAX_LINE = 240;
const MAX_DATA_JSON = 2000;
const KINDS: EdgeKind[] = ['import', 're-export', 'dynamic-import', 'require', 'type-only'];

/** Splits each source once into lines, however many findings point into it. */
function lineReader(readSource: DataOptions['readSource']): (file: string) => string[] | undefined {
  const cache = new Map<string, string[] | undefined>();
  return (file) => {
    if (!readSource) return undefined;
    if (!cache.has(file)) cache.set(file, readSource(file)?.split(/\r?\n/));
    return cache.get(file);
  };
}

const clip = (line: string): string => (line.length > MAX_LINE ? `${line.slice(0, MAX_LINE)}…` : line);

function findingData(finding: Finding, rule: number, ruleText: { why: string; fix: string }, lines: ReturnType<typeof lineReader>): FindingData {
  const entry: FindingData = { rule, severity: finding.severity, file: finding.file, line: finding.line, column: finding.column, message: finding.message };
  if (finding.why !== ruleText.why) entry.why = finding.why;
  if (finding.fix !== ruleText.fix) entry.fix = finding.fix;
  if (finding.route) entry.route = finding.route;
  const source = lines(finding.file);
  if (source && finding.line >= 1 && finding.line <= source.length) {
    const start = Math.max(1, finding.line - EXCERPT_CONTEXT);
    entry.excerpt = { start, lines: source.slice(start - 1, finding.line + EXCERPT_CONTEXT).map(clip) };
  }
  if (finding.trace?.length) {
    entry.trace = finding.trace.map((step) => {
      const code = lines(step.file)?.[step.line - 1];
      return { file: step.file, line: step.line, column: step.column, message: step.message, ...(code !== undefined ? { code: clip(code.trim()) } : {}) };
    });
  }
  if (finding.data && JSON.stringify(finding.data).length <= MAX_DATA_JSON) entry.data = finding.data;
  return entry;
}

function inFocus(focus: string | undefined): (file: string) => boolean {
  const folder = focus?.replace(/^\.\/?/, '').replace(/\/+$/, '');
  return (file) => !folder || file === folder || file.startsWith(`${folder}/`);
}

export function buildReportData(result: AnalysisResult, options: DataOptions = {}): ReportData {
  const keep = inFocus(options.focus);
  const sources = result.graph.modules.filter((node) => node.kind === 'source' && keep(node.id)).sort((a, b) => compareText(a.id, b.id));
  const layerIndex = new Map(result.layers.layers.map((layer, index) => [layer.name, index]));
  const fileIndex = new Map(sources.map((node, index) => [node.id, index]));
  const folderIndex = new Map<string, number>();
  const fileFolder: number[] = [];
  const fileName: string[] = [];
  for (const node of sources) {
    const slash = node.id.lastIndexOf('/');
    const folder = slash === -1 ? '' : node.id.slice(0, slash);
    if (!folderIndex.has(folder)) folderIndex.set(folder, folderIndex.size);
    fileFolder.push(folderIndex.get(folder)!);
    fileName.push(node.id.slice(slash + 1));
  }
  const fileLayer = sources.map((node) => (node.layer === undefined ? -1 : (layerIndex.get(node.layer) ?? -1)));

  const edges: number[] = [];
  for (const edge of result.graph.edges) {
    const from = fileIndex.get(edge.from);
    const to = fileIndex.get(edge.to);
    if (from === undefined || to === undefined || from === to) continue;
    edges.push(from, to, edge.line, KINDS.indexOf(edge.kind));
  }
  // The engine's own judgement of an import, as its graph view makes it: against the direction when
  // both files have layers, the layers differ and the pair is not an allowed flow.
  const allowedPairs = new Set(result.layers.flows.filter((flow) => flow.allowed).map((flow) => `${flow.from}\0${flow.to}`));
  const layerOf = new Map(sources.map((node) => [node.id, node.layer]));
  const allowed = (from: string, to: string): boolean => {
    const [a, b] = [layerOf.get(from), layerOf.get(to)];
    return !a || !b || a === b || allowedPairs.has(`${a}\0${b}`);
  };

  const rules: ReportData['rules'] = [];
  const ruleIndex = new Map<string, number>();
  const lines = lineReader(options.readSource);
  const findings = result.findings
    .filter((finding) => keep(finding.file))
    .map((finding) => {
      if (!ruleIndex.has(finding.ruleId)) {
        ruleIndex.set(finding.ruleId, rules.length);
        const doc = `docs/rules/${finding.ruleId}.md`;
        const page = options.ruleDoc?.(finding.ruleId);
        rules.push({
          id: finding.ruleId,
          category: finding.category,
          why: finding.why,
          fix: finding.fix,
          doc,
          docHref: options.docsBase ? `${options.docsBase}${finding.ruleId}.md` : null,
          docHtml: page === undefined ? null : ruleDocHtml(page),
        });
      }
      const rule = ruleIndex.get(finding.ruleId)!;
      return findingData(finding, rule, rules[rule]!, lines);
    });

  return {
    root: result.root,
    folders: [...folderIndex.keys()],
    fileFolder,
    fileName,
    fileLayer,
    layers: result.layers.layers,
    flows: result.layers.flows,
    edges,
    kinds: KINDS,
    rules,
    findings,
    routes: result.routes ?? null,
    cycles: cycleEntries(result, fileIndex, allowed),
    graph: { level: options.level ?? 'module', focus: options.focus ?? null },
  };
}
