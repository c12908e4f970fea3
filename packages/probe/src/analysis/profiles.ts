import path from 'node:path';
import type { SourceFiles } from './sources.js';

/** The parts of the DevTools profile formats the probe reads. */
export interface CallFrame {
  functionName: string;
  url: string;
  /** 0-based. */
  lineNumber: number;
  columnNumber: number;
}

export interface CpuProfile {
  /** `positionTicks`: the node's own samples by 1-based line of its function's file. */
  nodes: Array<{ id: number; callFrame: CallFrame; children?: number[]; positionTicks?: Array<{ line: number; ticks: number }> }>;
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
  /** The samples still held, each in the node of its stack; `ordinal` numbers them in allocation order. */
  samples?: Array<{ size: number; nodeId: number; ordinal: number }>;
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

/** A path as the report shows it: relative to the root, with forward slashes. */
export function relativeTo(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}

export function filePath(url: string): string {
  return url.startsWith('file://') ? decodeURIComponent(new URL(url).pathname) : url;
}

/** Where the analysis finds the project's code: its root, what never counts as its own, and its files. */
export interface ProjectCode {
  root: string;
  /** Path prefixes that are never the project's own (the probe's own files). */
  excluded: readonly string[];
  sources: SourceFiles;
}

/**
 * Classifies a frame; only files under `root` and outside node_modules count as the project's own. An own
 * frame of generated code with a source map is named at its original file and line (a TypeScript build's
 * `src/*.ts`, not `dist/*.js`).
 */
export function ownerOf(frame: CallFrame, code: ProjectCode): Owner {
  const { root, excluded } = code;
  if (frame.functionName === '(idle)') return { kind: 'idle' };
  if (frame.functionName === '(garbage collector)') return { kind: 'gc' };
  const file = filePath(frame.url);
  const dependency = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file);
  if (dependency) return { kind: 'dependency', name: dependency[1]! };
  if (!file.startsWith(`${root}/`) || excluded.some((prefix) => file.startsWith(prefix))) return { kind: 'runtime' };
  const original = code.sources.original(file, frame.lineNumber, frame.columnNumber);
  return {
    kind: 'own',
    location: {
      name: frame.functionName || '(anonymous)',
      file: original ? relativeTo(root, original.file) : file.slice(root.length + 1),
      line: original ? original.line : frame.lineNumber + 1,
    },
  };
}

export function locationKey(location: CodeLocation): string {
  return `${location.file}:${location.line}:${location.name}`;
}

export function formatLocation(location: CodeLocation): string {
  return `${location.name} (${location.file}:${location.line})`;
}
