import type { ResolvedCall } from '../call-graph.js';
import type { ProgramLinker } from '../link.js';
import type { Value } from '../summary.js';

/** A call that opens, writes, lists or removes a file by a path, or sends one to the client. */
export interface FileSink {
  /** `fs.readFile`, `res.sendFile`… as the finding names it. */
  what: string;
  /** The path arguments. */
  paths: Value[];
  /** `read`, `write` or `delete`: what a path outside the intended folder gives away. */
  access: 'read' | 'write' | 'delete';
}

const FS_MODULES = /^(node:)?fs(\/promises)?$|^fs-extra$/;
const ACCESS: Readonly<Record<string, FileSink['access']>> = {
  readFile: 'read', readFileSync: 'read', createReadStream: 'read', readdir: 'read', readdirSync: 'read', open: 'read', openSync: 'read', readJson: 'read', readJsonSync: 'read',
  writeFile: 'write', writeFileSync: 'write', appendFile: 'write', appendFileSync: 'write', createWriteStream: 'write', outputFile: 'write', writeJson: 'write', copyFile: 'write', copyFileSync: 'write', rename: 'write', renameSync: 'write', copy: 'write', move: 'write',
  unlink: 'delete', unlinkSync: 'delete', rm: 'delete', rmSync: 'delete', rmdir: 'delete', rmdirSync: 'delete', remove: 'delete', removeSync: 'delete',
};
/** Calls whose second path is a destination too. */
const TWO_PATHS = new Set(['copyFile', 'copyFileSync', 'rename', 'renameSync', 'copy', 'move']);

/**
 * The file a call touches by path: the `fs` family (and fs-extra), and Express's `res.sendFile` and
 * `res.download` without a `root` option (with one, `send` refuses paths that climb out of it).
 */
export function fileSinkOf(call: ResolvedCall, linker: ProgramLinker): FileSink | null {
  const args = call.site.args ?? [];
  const resolved = call.callee;
  if (resolved?.entity.kind === 'external' && !resolved.rest.length && FS_MODULES.test(resolved.entity.module)) {
    const steps = resolved.entity.path.filter((step) => step !== 'promises' && step !== 'default');
    const name = steps.at(-1);
    const access = steps.length === 1 && name ? ACCESS[name] : undefined;
    if (access && args[0]) return { what: `fs.${name}`, paths: TWO_PATHS.has(name!) ? args.slice(0, 2) : args.slice(0, 1), access };
  }
  // `res.sendFile(path)`, `res.download(path)` on the handler's response.
  const callee = call.site.callee;
  const method = callee?.path.at(-1);
  if (callee?.root.kind === 'param' && callee.path.length === 1 && (method === 'sendFile' || method === 'download') && args[0]) {
    const options = args.find((arg, index) => index > 0 && arg.kind === 'object');
    if (options?.kind === 'object' && 'root' in options.properties) return null;
    const owner = linker.summary(call.file)?.functions[callee.root.fn];
    // The response is a handler's second parameter (`(req, res)`); other `sendFile`s (Fastify's with a root) are not this.
    if (callee.root.index !== 1 || !owner) return null;
    return { what: `res.${method}`, paths: args.slice(0, 1), access: 'read' };
  }
  return null;
}
