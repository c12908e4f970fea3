import type { AstNode } from '../ast/walk.js';

/** Worth a look: it constructs something by class name. */
export const MAY_COMPOSE = /\bnew\s+[A-Z]/;

function isConstruction(node: AstNode | null | undefined): boolean {
  if (!node) return false;
  if (node.type === 'NewExpression') return true;
  // `container.resolve(X)`, `build(new Repo())`: a call whose arguments construct.
  if (node.type === 'AwaitExpression') return isConstruction(node.argument as AstNode);
  return false;
}

function constructsAll(declaration: AstNode): boolean {
  const declarators = declaration.declarations as AstNode[];
  return declarators.length > 0 && declarators.every((declarator) => isConstruction(declarator.init as AstNode | null));
}

/**
 * A file that only imports, constructs and exports (`const useCase = new CreateUser(repo);
 * export const controller = new CreateUserController(useCase)`) is a composition root for its
 * slice: wiring layers together is its job, so it may import every one of them, and the delivery
 * code that takes its instances from it is not importing a layer either.
 */
export function isCompositionFile(program: AstNode): boolean {
  let constructions = 0;
  // A helper function and its call (a debugging leftover, a start-up check) do not change what the file is,
  // as long as the constructions make up most of it.
  let asides = 0;
  for (const statement of program.body as AstNode[]) {
    switch (statement.type) {
      case 'ImportDeclaration':
        continue;
      case 'FunctionDeclaration':
        asides++;
        continue;
      case 'ExpressionStatement':
        if ((statement.expression as AstNode).type !== 'CallExpression') return false;
        asides++;
        continue;
      case 'ExportNamedDeclaration': {
        const declaration = statement.declaration as AstNode | null;
        if (!declaration) continue;
        if (declaration.type !== 'VariableDeclaration' || !constructsAll(declaration)) return false;
        constructions++;
        continue;
      }
      case 'VariableDeclaration':
        if (!constructsAll(statement)) return false;
        constructions++;
        continue;
      default:
        return false;
    }
  }
  return constructions > 0 && asides <= constructions;
}
