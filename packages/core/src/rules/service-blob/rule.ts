import type { ClassInfo, ProgramSummary, Value } from '../../program/summary.js';
import type { Rule } from '../types.js';
import { defineOptions, integerOption } from '../options.js';

const options = defineOptions({
  /** Public methods a service may have before it reads as several services in one. */
  maxPublicMethods: integerOption({ min: 1, default: 15 }),
  /** Constructor dependencies a service may take before it coordinates too much. */
  maxDependencies: integerOption({ min: 1, default: 8 }),
  /**
   * Public methods a class with too many dependencies may have and still be one orchestrating use
   * case: both signals are needed, as either alone is weak (Nest orchestrators inject many services;
   * API clients and cohesive facades have one method per endpoint or operation).
   */
  minPublicMethods: integerOption({ min: 1, default: 8 }),
  /** Lines past which a service class is several services in one whatever its counts. */
  maxLines: integerOption({ min: 1, default: 1200 }),
});

/** Roles that are not services even in a service folder: their size follows other rules. */
const NOT_A_SERVICE = /(Controller|Repository|Repo|Entity|Dto|DTO|Module|Gateway|Guard|Interceptor|Pipe|Filter|Strategy|Resolver|Schema|Model|Error|Exception|Mapper|Middleware|Subscriber|Listener|Command|Query|Event|Handler|Factory|Config|Client)$/;
const NOT_A_SERVICE_DECORATOR = new Set(['Controller', 'Entity', 'Module', 'Schema', 'Resolver', 'WebSocketGateway', 'Catch', 'EventSubscriber']);
const SERVICE_NAME = /(Service|Manager)$/;
const USE_CASE_FILE = /(^|\/|\.)(use-?cases?|use_cases?|commands?|queries)(\/|\.)/i;
const SERVICE_FILE = /\.(service|manager)\.[cm]?[jt]s$/;
const SERVICE_MODULE_FILE = /(^|\/|\.)(service|manager)s?\.[cm]?[jt]s$|\/services?\/[^/]+\.[cm]?[jt]s$/;

function isService(info: ClassInfo, file: string, layer: string | undefined): boolean {
  if (NOT_A_SERVICE.test(info.name) || info.decorators.some((decorator) => NOT_A_SERVICE_DECORATOR.has(decorator.name))) return false;
  if (SERVICE_NAME.test(info.name)) return true;
  // A use case is one operation with its own collaborators; its size is not a service's.
  if (USE_CASE_FILE.test(file)) return false;
  const injectable = info.decorators.some((decorator) => decorator.name === 'Injectable');
  return (injectable && SERVICE_FILE.test(file)) || layer === 'application';
}

function publicMethods(summary: ProgramSummary, info: ClassInfo): string[] {
  return Object.entries(info.methods)
    .filter(([name, index]) => {
      const fn = summary.functions[index];
      return fn && fn.kind === 'method' && !fn.static && (fn.visibility ?? 'public') === 'public' && !name.startsWith('_');
    })
    .map(([name]) => name);
}

const isFunction = (value: Value) => value.kind === 'function' || (value.kind === 'ref' && value.ref.root.kind === 'function' && value.ref.path.length === 0);

/** Functions a service module (`user.service.js` exporting functions) offers. */
function exportedFunctions(summary: ProgramSummary): number {
  const whole = summary.exports['*'] ?? summary.exports.default;
  const values = whole?.kind === 'object' ? Object.values(whole.properties) : Object.entries(summary.exports).filter(([name]) => name !== '*' && name !== 'default').map(([, value]) => value);
  return values.filter(isFunction).length;
}

export const serviceBlob: Rule = {
  meta: {
    id: 'service-blob',
    category: 'architecture',
    severity: 'warn',
    title: 'Services stay focused: a bounded number of public operations and dependencies',
    why: 'A service with dozens of public methods or a long constructor is several services in one: every change touches it, its tests need every dependency mocked, unrelated use cases share state and transactions by accident, and nobody can say what it is responsible for.',
    fix: 'Split it along its use cases: one class (or function) per use case or per cohesive group of operations, each taking only the dependencies it uses; move rules that belong to an entity into the domain.',
    models: ['program'],
    options,
  },
  check({ models, project, report, options: raw }) {
    const { maxPublicMethods, maxDependencies, minPublicMethods, maxLines } = options.resolve(raw);
    for (const file of models.programFiles) {
      const summary = models.linker.summary(file);
      if (!summary) continue;
      const layer = project.layers.layerOf(file);
      for (const info of summary.classes) {
        if (!isService(info, file, layer)) continue;
        const methods = publicMethods(summary, info);
        // One public operation is a use case or a command handler: its dependencies serve that one operation.
        if (methods.length <= 1) continue;
        const dependencies = info.constructorParams.length;
        const size = info.endLine - info.line + 1;
        const both = dependencies > maxDependencies && methods.length > minPublicMethods;
        if (!both && size <= maxLines) continue;
        const parts: string[] = [];
        if (both) parts.push(`${dependencies} constructor dependencies (limit ${maxDependencies}) behind ${methods.length} public methods`);
        else if (methods.length > maxPublicMethods) parts.push(`${methods.length} public methods (limit ${maxPublicMethods})`);
        if (size > maxLines) parts.push(`${size} lines (limit ${maxLines})`);
        report({
          file,
          line: info.line,
          column: info.column,
          message: `\`${info.name}\` has ${parts.join(' and ')}: it reads as several services in one.`,
          anchor: `class:${info.name}`,
          data: { publicMethods: methods.length, dependencies, lines: size },
        });
      }
      if (summary.classes.length || !SERVICE_MODULE_FILE.test(file)) continue;
      const functions = exportedFunctions(summary);
      if (functions > maxPublicMethods) {
        report({
          file,
          line: 1,
          column: 1,
          message: `This service module exports ${functions} functions (limit ${maxPublicMethods}): it reads as several services in one.`,
          anchor: 'module',
          data: { publicMethods: functions },
        });
      }
    }
  },
};
