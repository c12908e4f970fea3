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

/** Collects every module reference a file makes, with the kind of edge it creates. */
export function importCollector(lines: LineIndex, imports: RawImport[]): Visitors {
  const add = (specifier: string | null, kind: EdgeKind, node: AstNode): void => {
    if (specifier === null || specifier === '') return;
    imports.push({ specifier, kind, ...lines.locate(node.start) });
  };
  return {
    ImportDeclaration(node) {
      const typeOnly = node.importKind === 'type' || allSpecifiersTypeOnly(node.specifiers, 'importKind');
      add(literalString(node.source), typeOnly ? 'type-only' : 'import', node);
    },
    ExportNamedDeclaration(node) {
      if (!node.source) return;
      const typeOnly = node.exportKind === 'type' || allSpecifiersTypeOnly(node.specifiers, 'exportKind');
      add(literalString(node.source), typeOnly ? 'type-only' : 're-export', node);
    },
    ExportAllDeclaration(node) {
      add(literalString(node.source), node.exportKind === 'type' ? 'type-only' : 're-export', node);
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
