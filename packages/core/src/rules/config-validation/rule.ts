import { literalString, memberPath } from '../../ast/nodes.js';
import type { AstNode } from '../../ast/walk.js';
import { configLibraryOf, envLibraryOf, importsSchemaLibrary, nestConfigValidation } from '../../program/ops/config.js';
import { filesOfService, firstEntryPerPackage, isToolFile, serviceEntries } from '../../program/ops/services.js';
import type { FileReport, Rule } from '../types.js';
import { defineOptions, integerOption } from '../options.js';

const options = defineOptions({
  minModules: integerOption({ min: 2, default: 5, description: 'How many modules outside the config module must read `process.env` for a finding.' }),
});

/** Where configuration belongs: a config folder, or a module named for the environment or settings. */
const CONFIG_MODULE = /(^|\/)\.?(config|configs|configuration|settings|env)(\/|\.[cm]?[jt]s$)|(^|\/)[^/]*(config|env|environment|settings)\.[cm]?[jt]s$/i;
/** Variables every runtime and bundler reads by convention, and those the system sets: reading them is not configuration. */
const CONVENTIONAL = new Set(['NODE_ENV', 'HOME', 'PATH', 'PWD', 'USER', 'OSTYPE', 'TMPDIR', 'HOSTNAME', 'CI', 'TZ', 'npm_package_version', 'npm_package_name']);
/** How many modules a finding names. */
const SHOWN = 3;

const isProcess = (node: unknown): boolean => {
  const path = memberPath(node);
  return path === 'process' || path === 'globalThis.process' || path === 'global.process';
};
const isEnv = (node: AstNode): boolean => node.type === 'MemberExpression' && isProcess(node.object) && (node.computed ? literalString(node.property) === 'env' : (node.property as AstNode).name === 'env');
const keyOf = (node: AstNode): string | null => (node.computed ? literalString(node.property) : ((node.property as AstNode).name as string));

/** The variables a module reads, NODE_ENV left out; `*` for the whole environment. */
const readsOf = (reports: readonly FileReport[]) => reports.map((report) => String(report.data?.name ?? '*')).filter((name) => !CONVENTIONAL.has(name));

export const configValidation: Rule = {
  meta: {
    id: 'config-validation',
    category: 'production',
    severity: 'warn',
    title: 'Configuration is read and validated in one module',
    why: 'When modules read `process.env` where they use it, nothing checks at start-up that the variables exist and parse: a missing or mistyped variable surfaces as `undefined` on the first request that needs it, possibly days after the deploy; every reader parses numbers and booleans its own way, and nobody can list what the service needs to run.',
    fix: 'Read the environment in one config module that validates it against a schema at start-up (Zod, Joi, envalid, convict, `@nestjs/config` with `validationSchema`), fails naming every bad variable, and exports typed, frozen values; the rest of the code imports that config (or receives it through injection) and never reads `process.env`.',
    models: ['program'],
    options,
  },
  triggers: /\bprocess\b/,
  visitors({ report }) {
    return {
      // `process.env.PORT`, `process.env['PORT']`; the whole `process.env` passed on; writes are not reads.
      MemberExpression(node, parent) {
        if (!isEnv(node)) return;
        if (parent?.type === 'MemberExpression' && parent.object === node) {
          const name = keyOf(parent);
          report(parent, 'reads `process.env`', name ? { name } : undefined);
          return;
        }
        if (parent?.type === 'AssignmentExpression' && parent.left === node) return;
        if (parent?.type === 'VariableDeclarator' && (parent.id as AstNode).type === 'ObjectPattern') {
          for (const property of (parent.id as AstNode).properties as AstNode[]) {
            const name = property.type === 'Property' ? ((property.key as AstNode).name as string | undefined) ?? literalString(property.key) : null;
            report(property, 'reads `process.env`', name ? { name } : undefined);
          }
          return;
        }
        report(node, 'reads `process.env`');
      },
      // `process.env.X = …`, `process.env.X ??= …`: a write, reported to be taken back out.
      AssignmentExpression(node) {
        const left = node.left as AstNode;
        if (left.type === 'MemberExpression' && isEnv(left.object as AstNode)) report(left, 'writes `process.env`', { write: true });
      },
    };
  },
  check({ models, project, fileReports, report, options: raw }) {
    const { minModules } = options.resolve(raw);
    const entries = serviceEntries(models, project);
    const imported = new Set(project.graph.edges.filter((edge) => edge.kind !== 'type-only').map((edge) => edge.to));
    // What a file reads and whether it validates depend on the file alone; a monorepo's services share
    // most of their files, so each is judged once, not once per service.
    const judged = new Map<string, { reads: FileReport[] | null; validated: boolean }>();
    const judge = (file: string) => {
      let known = judged.get(file);
      if (!known) {
        const all = fileReports(file);
        const writes = new Set(all.filter((item) => item.data?.write).map((item) => `${item.line}:${item.column}`));
        const own = all.filter((item) => !item.data?.write && !writes.has(`${item.line}:${item.column}`));
        const reads = readsOf(own).length ? own : null;
        // A config module that imports a schema library, an environment library anywhere, NestJS's
        // validated ConfigModule: the environment is validated.
        const validated = nestConfigValidation(models, file) || envLibraryOf(models, file) !== null || (CONFIG_MODULE.test(file) && reads !== null && importsSchemaLibrary(models, file));
        known = { reads, validated };
        judged.set(file, known);
      }
      return known;
    };
    for (const entry of firstEntryPerPackage(entries)) {
      // What the service runs: its entry and the modules something imports (not a Gruntfile, a tool's
      // config or a snippet nothing loads), outside tools and scripts.
      const files = [...filesOfService(models, project, entry.packageDir)].filter((file) => models.linker.summary(file) && !isToolFile(file) && (file === entry.file || imported.has(file))).sort();
      const reads = new Map<string, FileReport[]>();
      for (const file of files) {
        const own = judge(file).reads;
        if (own) reads.set(file, own);
      }
      // A config system without a schema (node-config, nconf, an unvalidated ConfigModule) still gives the reads one home.
      const validated = files.filter((file) => judge(file).validated);
      const configSystem = validated[0] ?? files.find((file) => configLibraryOf(models, file));
      const scattered = [...reads.keys()].filter((file) => !CONFIG_MODULE.test(file) && !judge(file).validated);
      if (scattered.length < minModules) continue;
      const first = scattered[0]!;
      const at = reads.get(first)![0]!;
      const names = [...new Set(scattered.flatMap((file) => readsOf(reads.get(file)!)))];
      const where = scattered.slice(0, SHOWN).join(', ') + (scattered.length > SHOWN ? ` and ${scattered.length - SHOWN} more` : '');
      const validation = validated[0];
      report({
        ...(configSystem ? { severity: 'info' as const } : {}),
        file: first,
        line: at.line,
        column: at.column,
        message: validation
          ? `${scattered.length} modules read \`process.env\` directly (${where}; ${names.length} variable${names.length === 1 ? '' : 's'}) around the validated config in ${validation}: those reads skip its checks and types.`
          : configSystem
            ? `${scattered.length} modules read \`process.env\` directly (${where}; ${names.length} variable${names.length === 1 ? '' : 's'}) beside the config system of ${configSystem} (${configLibraryOf(models, configSystem)}), and nothing validates them: a missing variable surfaces on the first request that needs it.`
          : `${scattered.length} modules read \`process.env\` directly (${where}; ${names.length} variable${names.length === 1 ? '' : 's'}), and no module validates the environment: a missing or malformed variable surfaces on the first request that needs it.`,
        anchor: `config-validation:${entry.packageDir}`,
      });
    }
  },
};
