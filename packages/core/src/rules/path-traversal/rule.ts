import type { FunctionRef } from '../../program/call-graph.js';
import { classifiedCallsInRequests, routeSuffix, type CallInRequest } from '../../program/handler-reach.js';
import { routeLabel } from '../../program/http/route.js';
import type { ProgramModels } from '../../program/models.js';
import { fileSinkOf, type FileSink } from '../../program/sinks/files.js';
import type { Value } from '../../program/summary.js';
import { requestTaint } from '../../program/taint.js';
import type { Rule } from '../types.js';

/** Checks that keep a name inside a folder, or look for the characters that climb out of one. */
const CHECKING_METHODS = new Set(['startsWith', 'includes', 'indexOf', 'match', 'search']);
const CHECKING_PATH_FUNCTIONS = new Set(['basename', 'relative', 'isAbsolute']);

/**
 * A function on the way (the handler, the functions the trace passes through, the one that touches
 * the file) checks names: `name.includes('/')`, `full.startsWith(root)`, `path.basename(name)`,
 * `path.relative(root, full)`, a pattern test. The rule cannot tell a complete check from a partial
 * one, so any of them keeps it quiet.
 */
function checked(models: ProgramModels, entry: CallInRequest): boolean {
  const functions: FunctionRef[] = [entry.fn, ...entry.path.map((step) => ({ file: step.call.file, fn: step.call.site.fn }))];
  if (entry.route.handler) functions.push(entry.route.handler);
  return functions.some((fn) =>
    [fn, ...models.calls.nestedIn(fn)].some((ref) =>
      models.calls.callsIn(ref).some((call) => {
        const method = call.site.callee?.path.at(-1);
        if (method && CHECKING_METHODS.has(method)) return true;
        if (method === 'test' && call.site.callee?.root.kind !== 'param') return true;
        const entity = call.callee?.entity;
        return entity?.kind === 'external' && /^(node:)?path$/.test(entity.module) && CHECKING_PATH_FUNCTIONS.has(entity.path.at(-1) ?? '');
      }),
    ),
  );
}

/** The constant end of a path built from a value (`'.json'`): only files with that ending can be reached. */
function fixedEnding(models: ProgramModels, file: string, value: Value): string | null {
  let text = value;
  if (text.kind === 'ref' && text.ref.root.kind === 'variable' && !text.ref.path.length) text = models.linker.summary(file)?.variables[text.ref.root.id]?.value ?? text;
  const tail = text.kind === 'text' ? text.tail : undefined;
  return tail && /\.[A-Za-z0-9]{1,8}$/.test(tail) ? tail : null;
}

const ACCESS_WORDS: Record<FileSink['access'], string> = {
  read: 'read any file the service can read (configuration, keys, source)',
  write: 'write files anywhere the service can write',
  delete: 'delete files anywhere the service can write',
};

export const pathTraversal: Rule = {
  meta: {
    id: 'path-traversal',
    category: 'security',
    severity: 'error',
    title: 'Request data in a file path stays inside the folder meant for it',
    why: 'A name from the request joined to a folder can climb out of it: `../../.env`, `..%2F..%2Fetc%2Fpasswd` (route parameters are decoded) or an absolute path reach any file the process can open. Reading gives away secrets and source; writing or deleting plants code or destroys data.',
    fix: 'Reduce the input to a bare file name (`path.basename`) or look it up in an allow-list; resolve the full path and check it stays inside the folder (`path.relative(root, full)` does not start with `..`), or let the framework do it (`res.sendFile(name, { root })`, `@fastify/static`).',
    models: ['program', 'http'],
  },
  check({ models, report }) {
    for (const entry of classifiedCallsInRequests(models.routes, models.calls, (call) => fileSinkOf(call, models.linker))) {
      const sink = entry.match;
      let source: { text: string; path: Value } | null = null;
      for (const path of sink.paths) {
        const taint = requestTaint(entry.call.file, path, entry.path, models.calls, models.linker);
        if (taint) {
          source = { text: taint.text, path };
          break;
        }
      }
      if (!source || checked(models, entry)) continue;
      const ending = fixedEnding(models, entry.call.file, source.path);
      report({
        ...(ending ? { severity: 'info' as const } : {}),
        file: entry.call.file,
        line: entry.call.site.line,
        column: entry.call.site.column,
        message: ending
          ? `\`${sink.what}\` opens a path built from \`${source.text}\` with no check while serving ${routeSuffix(entry)}; the path ends in \`${ending}\`, so only files with that ending outside the folder can be reached (a notice).`
          : `\`${sink.what}\` opens a path built from \`${source.text}\` with no check while serving ${routeSuffix(entry)}: \`../\` in the value lets a client ${ACCESS_WORDS[sink.access]}.`,
        anchor: `${sink.what}:${entry.call.site.text}:${source.text}`,
        route: routeLabel(entry.route),
        trace: entry.trace,
      });
    }
  },
};
