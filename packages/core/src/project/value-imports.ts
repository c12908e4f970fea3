import { parseSource } from '../ast/raw-parse.js';

/**
 * TypeScript erases an import whose bindings are only used as types, even without the `type`
 * keyword: interfaces importing each other, an event naming its aggregate in a field's type. Such
 * an import cannot take part in a load-order cycle. This finds, for one file, the specifiers that
 * survive compilation: those with a binding used as a value (or imported for side effects).
 */
export interface CompilerFacts {
  /** `verbatimModuleSyntax` (or `preserveValueImports`): every import without `type` is kept. */
  keepsAllImports: boolean;
  /**
   * `emitDecoratorMetadata`: a decorated class's constructor parameter types become values (`all`
   * also counts decorated members' types, as the compiler emits them; `injection` only what a DI
   * container resolves, the constructor's parameters), or false.
   */
  decoratorMetadata: false | 'all' | 'injection';
}

type Node = { type: string; [key: string]: unknown };

/** Keys that hold only type syntax, wherever they appear. */
const TYPE_KEYS = new Set(['typeAnnotation', 'returnType', 'typeParameters', 'typeArguments', 'superTypeArguments', 'superTypeParameters', 'implements']);

/** TypeScript nodes that hold run-time code; every other `TS*` node is type syntax and erased. */
const VALUE_TS_NODES = new Set([
  'TSAsExpression',
  'TSSatisfiesExpression',
  'TSNonNullExpression',
  'TSTypeAssertion',
  'TSInstantiationExpression',
  'TSEnumDeclaration',
  'TSEnumBody',
  'TSEnumMember',
  'TSModuleDeclaration',
  'TSModuleBlock',
  'TSExportAssignment',
  'TSImportEqualsDeclaration',
  'TSExternalModuleReference',
  'TSParameterProperty',
]);

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as Node).type === 'string';
}

function children(node: Node, visit: (child: Node, key: string) => void): void {
  for (const key of Object.keys(node)) {
    if (TYPE_KEYS.has(key)) continue;
    const value = node[key];
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) visit(item, key);
    } else if (isNode(value)) visit(value, key);
  }
}

/** The left-most name of a type reference (`Repo` of `Repo<T>`, `ns` of `ns.Repo`). */
function typeReferenceName(node: unknown): string | undefined {
  if (!isNode(node)) return undefined;
  if (node.type === 'TSTypeAnnotation') return typeReferenceName(node.typeAnnotation);
  if (node.type === 'TSTypeReference') return typeReferenceName(node.typeName);
  if (node.type === 'TSQualifiedName') return typeReferenceName(node.left);
  if (node.type === 'Identifier') return node.name as string;
  return undefined;
}

function hasDecorators(node: Node): boolean {
  return Array.isArray(node.decorators) && node.decorators.length > 0;
}

/** With decorator metadata, the types a decorated class names in its constructor and decorated members are emitted as values. */
function metadataValueNames(classNode: Node, names: Set<string>, scope: 'all' | 'injection'): void {
  const members = ((classNode.body as Node | undefined)?.body as Node[] | undefined) ?? [];
  const decorated = hasDecorators(classNode) || members.some(hasDecorators);
  if (!decorated) return;
  const addParameters = (fn: unknown): void => {
    for (const parameter of ((fn as Node | undefined)?.params as Node[] | undefined) ?? []) {
      const target = parameter.type === 'TSParameterProperty' ? (parameter.parameter as Node) : parameter;
      const name = typeReferenceName(target?.typeAnnotation);
      if (name) names.add(name);
    }
  };
  for (const member of members) {
    const isConstructor = member.type === 'MethodDefinition' && member.kind === 'constructor';
    if (isConstructor) addParameters(member.value);
    if (scope === 'injection' || !hasDecorators(member)) continue;
    if (member.type === 'MethodDefinition') {
      addParameters(member.value);
      const returned = typeReferenceName((member.value as Node | undefined)?.returnType);
      if (returned) names.add(returned);
    } else {
      const name = typeReferenceName(member.typeAnnotation);
      if (name) names.add(name);
    }
  }
}

/** Names referenced as values anywhere in the file (shadowing ignored, which only keeps more imports). */
function valueNames(program: Node, facts: CompilerFacts): Set<string> {
  const names = new Set<string>();
  const visit = (node: Node, key: string, parent: Node | undefined): void => {
    if (node.type.startsWith('TS') && !VALUE_TS_NODES.has(node.type)) return;
    if (node.declare === true) return; // ambient declarations emit nothing
    switch (node.type) {
      case 'ImportDeclaration':
        return;
      case 'Identifier':
        if (parent && isNameOnly(parent, key)) return;
        names.add(node.name as string);
        return;
      case 'JSXIdentifier':
        if (/^[A-Z]/.test(node.name as string)) names.add(node.name as string);
        return;
      case 'ClassDeclaration':
      case 'ClassExpression':
        if (facts.decoratorMetadata) metadataValueNames(node, names, facts.decoratorMetadata);
        break;
    }
    children(node, (child, childKey) => visit(child, childKey, node));
  };
  visit(program, '', undefined);
  return names;
}

/** An identifier in this position is a property or label name, not a reference to a binding. */
function isNameOnly(parent: Node, key: string): boolean {
  switch (parent.type) {
    case 'MemberExpression':
      return key === 'property' && !parent.computed;
    case 'Property':
    case 'PropertyDefinition':
    case 'MethodDefinition':
    case 'AccessorProperty':
      return key === 'key' && !parent.computed;
    case 'LabeledStatement':
    case 'BreakStatement':
    case 'ContinueStatement':
      return key === 'label';
    default:
      return false;
  }
}

/** For each surviving specifier, the imported names used as values, or `all` (a side-effect or namespace import, or every name kept). */
export type ValueImports = Map<string, Set<string> | 'all'>;

/**
 * The specifiers of `source` whose import survives TypeScript's compilation, with the names that
 * make it survive; null when the file cannot be read that way (it does not parse): then every
 * import is kept.
 */
export function valueImportSpecifiers(relative: string, source: string, facts: CompilerFacts): ValueImports | null {
  let parsed;
  try {
    // By raw transfer when the run has turned it on (hundreds of files): these files were parsed once
    // already, and on Node 20 the JSON path's deserialising was over half of parsing them again.
    parsed = parseSource(relative, source, { sourceType: 'module' }, true);
  } catch {
    return null;
  }
  if (parsed.errors.some((error) => error.severity === 'Error')) return null;
  const program = parsed.program as unknown as Node;
  const used = facts.keepsAllImports ? null : valueNames(program, facts);
  const kept: ValueImports = new Map();
  for (const statement of (program.body as Node[]) ?? []) {
    if (statement.type !== 'ImportDeclaration' || statement.importKind === 'type') continue;
    const specifier = (statement.source as Node).value as string;
    const bindings = ((statement.specifiers as Node[]) ?? []).filter((binding) => binding.importKind !== 'type');
    const explicitTypesOnly = (statement.specifiers as Node[]).length > 0 && bindings.length === 0;
    if (explicitTypesOnly) continue;
    // A bare `import './x'` runs the module; so does every import when the compiler keeps them verbatim.
    if (!used || bindings.length === 0 || bindings.some((binding) => binding.type === 'ImportNamespaceSpecifier' && used.has((binding.local as Node).name as string))) {
      kept.set(specifier, 'all');
      continue;
    }
    const names = new Set(bindings.filter((binding) => used.has((binding.local as Node).name as string)).map(importedName));
    if (!names.size) continue;
    const known = kept.get(specifier);
    if (known === 'all') continue;
    kept.set(specifier, known ? new Set([...known, ...names]) : names);
  }
  return kept;
}

function importedName(binding: Node): string {
  if (binding.type === 'ImportDefaultSpecifier') return 'default';
  const imported = binding.imported as Node;
  return (imported.name ?? imported.value) as string;
}
