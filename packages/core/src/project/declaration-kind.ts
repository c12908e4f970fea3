/**
 * What a file's exports are, read from its text: only types (interfaces, type aliases), only
 * abstractions (those plus abstract classes: a port), or run-time code. An import of the first two
 * depends on a contract, not on an implementation.
 */
export type DeclarationKind = 'types' | 'abstractions' | 'runtime';

const EXPORT = /^[ \t]*export\s+(?:declare\s+)?(default\s+)?(abstract\s+class|interface|type\s+[A-Za-z_$][\w$]*|type\s*\{|[a-zA-Z{*=]+)/gm;
const COMMONJS_EXPORT = /\b(module\.exports|exports\.[A-Za-z_$])/;

export function declarationKind(source: string): DeclarationKind {
  if (COMMONJS_EXPORT.test(source)) return 'runtime';
  let exports = 0;
  let abstractClasses = 0;
  for (const match of source.matchAll(EXPORT)) {
    exports++;
    const [, isDefault, what] = match;
    if (what === 'interface' || what!.startsWith('type')) {
      if (isDefault && what !== 'interface') return 'runtime';
      continue;
    }
    if (what!.startsWith('abstract')) {
      abstractClasses++;
      continue;
    }
    return 'runtime';
  }
  if (exports === 0) return 'runtime';
  return abstractClasses ? 'abstractions' : 'types';
}
