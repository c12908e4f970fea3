/** The parts of the DevTools profile formats the probe reads. */
export interface CallFrame {
  functionName: string;
  url: string;
  /** 0-based. */
  lineNumber: number;
  columnNumber: number;
}

export interface CpuProfile {
  nodes: Array<{ id: number; callFrame: CallFrame; children?: number[] }>;
  startTime: number;
  endTime: number;
  samples: number[];
  /** Microseconds before each sample. */
  timeDeltas: number[];
}

export interface HeapProfileNode {
  id: number;
  callFrame: CallFrame;
  selfSize: number;
  children: HeapProfileNode[];
}

export interface HeapProfile {
  head: HeapProfileNode;
}

/** A function of the project's own code. */
export interface CodeLocation {
  name: string;
  /** Relative to the service's root. */
  file: string;
  /** 1-based. */
  line: number;
}

/** Who a frame belongs to: the project's code, a dependency, Node/V8 itself, or a V8 pseudo-frame. */
export type Owner = { kind: 'own'; location: CodeLocation } | { kind: 'dependency'; name: string } | { kind: 'runtime' } | { kind: 'idle' } | { kind: 'gc' };

function filePath(url: string): string {
  return url.startsWith('file://') ? decodeURIComponent(new URL(url).pathname) : url;
}

/** Classifies a frame; only files under `root` and outside node_modules count as the project's own. */
export function ownerOf(frame: CallFrame, root: string, excluded: readonly string[]): Owner {
  if (frame.functionName === '(idle)') return { kind: 'idle' };
  if (frame.functionName === '(garbage collector)') return { kind: 'gc' };
  const file = filePath(frame.url);
  const dependency = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file);
  if (dependency) return { kind: 'dependency', name: dependency[1]! };
  if (!file.startsWith(`${root}/`) || excluded.some((prefix) => file.startsWith(prefix))) return { kind: 'runtime' };
  return {
    kind: 'own',
    location: { name: frame.functionName || '(anonymous)', file: file.slice(root.length + 1), line: frame.lineNumber + 1 },
  };
}

export function locationKey(location: CodeLocation): string {
  return `${location.file}:${location.line}:${location.name}`;
}

export function formatLocation(location: CodeLocation): string {
  return `${location.name} (${location.file}:${location.line})`;
}
