import type { AstNode } from './walk.js';

/** The string value of a string literal or a template literal without expressions, else null. */
export function literalString(node: unknown): string | null {
  const candidate = node as AstNode | null | undefined;
  if (!candidate) return null;
  if (candidate.type === 'Literal' && typeof candidate.value === 'string') return candidate.value;
  if (candidate.type === 'TemplateLiteral') {
    const expressions = candidate.expressions as unknown[];
    const quasis = candidate.quasis as { value: { cooked: string | null } }[];
    if (expressions.length === 0 && quasis.length === 1) return quasis[0]!.value.cooked;
  }
  return null;
}

/** `a.b.c` for a chain of identifiers and non-computed members, else null. */
export function memberPath(node: unknown): string | null {
  const candidate = node as AstNode | null | undefined;
  if (!candidate) return null;
  if (candidate.type === 'Identifier') return candidate.name as string;
  if (candidate.type === 'ThisExpression') return 'this';
  if (candidate.type === 'MemberExpression' && !candidate.computed) {
    const object = memberPath(candidate.object);
    const property = (candidate.property as AstNode).name as string | undefined;
    return object && property ? `${object}.${property}` : null;
  }
  return null;
}
