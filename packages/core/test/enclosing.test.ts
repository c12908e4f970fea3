import { parseSync } from 'oxc-parser';
import { describe, expect, it } from 'vitest';
import { enclosingOf } from '../src/ast/enclosing.js';
import { walk, type AstNode } from '../src/ast/walk.js';

/** For each call in the source, `callee: function / loop / try / class` as the tracker answers while the call is visited, off the walk's ancestors. */
function enclosingOfCalls(source: string): string[] {
  const program = parseSync('case.ts', source).program as unknown as AstNode;
  const ancestors: AstNode[] = [];
  const text = (node: AstNode | null, what: (node: AstNode) => string) => (node ? what(node) : '-');
  const name = (node: AstNode) => ((node.id as AstNode | null)?.name as string | undefined) ?? node.type;
  const found: string[] = [];
  walk(
    program,
    [
      {
        CallExpression(node) {
          const around = enclosingOf(ancestors);
          const callee = source.slice((node.callee as AstNode).start, (node.callee as AstNode).end);
          found.push(`${callee}: ${text(around.function, name)} / ${text(around.loop, (loop) => loop.type)} / ${text(around.try, (statement) => `try@${source.slice(0, statement.start).split('\n').length}`)} / ${text(around.class, name)}`);
        },
      },
    ],
    ancestors,
  );
  return found;
}

describe('enclosing function, loop, try and class of a node', () => {
  it('answers for the node being visited, a function starting a new frame and only the protected block of a try counting', () => {
    const source = [
      'start();',
      'class Orders {',
      '  async load(ids: string[]) {',
      '    try {',
      '      for (const id of ids) {',
      '        await fetchOne(id);',
      '        ids.forEach(function each(x) { later(x); });',
      '      }',
      '      while (more()) step();',
      '    } catch (error) {',
      '      report(error);',
      '    } finally {',
      '      close();',
      '    }',
      '    after();',
      '  }',
      '}',
      'const make = () => { try { inner(); } catch {} };',
    ].join('\n');
    expect(enclosingOfCalls(source)).toEqual([
      'start: - / - / - / -',
      'fetchOne: FunctionExpression / ForOfStatement / try@4 / Orders',
      'ids.forEach: FunctionExpression / ForOfStatement / try@4 / Orders',
      'later: each / - / - / Orders',
      'more: FunctionExpression / WhileStatement / try@4 / Orders',
      'step: FunctionExpression / WhileStatement / try@4 / Orders',
      'report: FunctionExpression / - / - / Orders',
      'close: FunctionExpression / - / - / Orders',
      'after: FunctionExpression / - / - / Orders',
      'inner: ArrowFunctionExpression / - / try@18 / -',
    ]);
  });
});
