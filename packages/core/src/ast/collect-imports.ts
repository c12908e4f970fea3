import type { RawImport } from '../project/file-analysis.js';
import type { EdgeKind } from '../types.js';
import type { LineIndex } from './locate.js';
import { literalString } from './nodes.js';
import type { AstNode, Visitors } from './walk.js';

type Specifier = { importKind?: string; exportKind?: string };

function allSpecifiersTypeOnly(specifiers: unknown, field: 'importKind' | 'exportKind'): boolean {
  const list = (specifiers as Specifier[] | undefined) ?? [];
  return list.length > 0 && list.every((specifier) => specifier[field] === 'type');
}

/** `a` for an identifier, the value for a string literal (`export { x as "a-b" }`). */
function moduleExportName(node: unknown): string {
  const candidate = node as AstNode;
  return candidate.type === 'Identifier' ? (candidate.name as string) : String(candidate.value);
}

/** The names a binding pattern introduces: `a`, `[a, b]`, `{ a, b: c, ...rest }`, `a = 1`. */
function boundNames(pattern: AstNode | null | undefined): string[] {
  if (!pattern) return [];
  if (pattern.type === 'Identifier') return [pattern.name as string];
  if (pattern.type === 'ArrayPattern') return (pattern.elements as (AstNode | null)[]).flatMap(boundNames);
  if (pattern.type === 'ObjectPattern') {
    return (pattern.properties as AstNode[]).flatMap((property) => boundNames((property.type === 'RestElement' ? property : property.value) as AstNode));
  }
  if (pattern.type === 'RestElement') return boundNames(pattern.argument as AstNode);
  if (pattern.type === 'AssignmentPattern') return boundNames(pattern.left as AstNode);
  return [];
}

/** Names a declaration exports: `export const a = 1, [b, c] = d`, `export class C`, `export interface I`. */
function declaredNames(declaration: AstNode): string[] {
  if (declaration.type === 'VariableDeclaration') {
    return (declaration.declarations as AstNode[]).flatMap((declarator) => boundNames(declarator.id as AstNode));
  }
  const id = declaration.id as AstNode | null | undefined;
  return id?.type === 'Identifier' ? [id.name as string] : [];
}

/**
 * Collects every module reference a file makes, with the kind of edge it creates and the names it
 * takes, and the names the file exports itself: enough to follow an import through barrels.
 */
export function importCollector(lines: LineIndex, imports: RawImport[], exportedNames: string[]): Visitors {
  const add = (specifier: string | null, kind: EdgeKind, node: AstNode, detail: Pick<RawImport, 'names' | 'reExports'> = {}): void => {
    if (specifier === null || specifier === '') return;
    imports.push({ specifier, kind, ...lines.locate(node.start), ...detail });
  };
  return {
    // Declarations inside `declare module 'x' { … }` describe another module, not this file's own
    // imports and exports: only top-level statements count.
    ImportDeclaration(node, parent) {
      if (parent?.type !== 'Program') return;
      const typeOnly = node.importKind === 'type' || allSpecifiersTypeOnly(node.specifiers, 'importKind');
      const specifiers = node.specifiers as AstNode[];
      const whole = specifiers.some((specifier) => specifier.type === 'ImportNamespaceSpecifier');
      const names = whole ? [] : specifiers.map((specifier) => (specifier.type === 'ImportDefaultSpecifier' ? 'default' : moduleExportName(specifier.imported)));
      add(literalString(node.source), typeOnly ? 'type-only' : 'import', node, names.length === 0 ? {} : { names });
    },
    ExportNamedDeclaration(node, parent) {
      if (parent?.type !== 'Program') return;
      if (!node.source) {
        if (node.declaration) exportedNames.push(...declaredNames(node.declaration as AstNode));
        for (const specifier of (node.specifiers as AstNode[]) ?? []) exportedNames.push(moduleExportName(specifier.exported));
        return;
      }
      const typeOnly = node.exportKind === 'type' || allSpecifiersTypeOnly(node.specifiers, 'exportKind');
      const reExports = (node.specifiers as AstNode[]).map((specifier) => ({ exported: moduleExportName(specifier.exported), imported: moduleExportName(specifier.local) }));
      add(literalString(node.source), typeOnly ? 'type-only' : 're-export', node, { names: reExports.map((entry) => entry.imported), reExports });
    },
    ExportAllDeclaration(node, parent) {
      if (parent?.type !== 'Program') return;
      const exported = node.exported ? moduleExportName(node.exported) : '*';
      add(literalString(node.source), node.exportKind === 'type' ? 'type-only' : 're-export', node, { reExports: [{ exported, imported: '*' }] });
    },
    ExportDefaultDeclaration(_node, parent) {
      if (parent?.type === 'Program') exportedNames.push('default');
    },
    TSExportAssignment(_node, parent) {
      if (parent?.type === 'Program') exportedNames.push('default');
    },
    ImportExpression(node) {
      add(literalString(node.source), 'dynamic-import', node);
    },
    CallExpression(node) {
      const callee = node.callee as AstNode;
      const args = node.arguments as AstNode[];
      const isRequire =
        (callee.type === 'Identifier' && callee.name === 'require') ||
        (callee.type === 'MemberExpression' &&
          (callee.object as AstNode).type === 'Identifier' &&
          (callee.object as AstNode).name === 'require' &&
          (callee.property as AstNode).name === 'resolve');
      if (isRequire && args.length >= 1) add(literalString(args[0]), 'require', node);
    },
    TSImportEqualsDeclaration(node) {
      const reference = node.moduleReference as AstNode;
      if (reference.type !== 'TSExternalModuleReference') return;
      add(literalString(reference.expression), node.importKind === 'type' ? 'type-only' : 'require', node);
    },
  };
}
