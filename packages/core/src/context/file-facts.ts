import type { FileFacts } from '../project/file-analysis.js';
import { literalString, memberPath } from '../ast/nodes.js';
import type { AstNode, Visitors } from '../ast/walk.js';

const HTTP_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'all']);
const ROUTE_DECORATORS = new Set(['Get', 'Post', 'Put', 'Patch', 'Delete', 'Head', 'Options', 'All']);
const ENTITY_DECORATORS = new Set(['Entity', 'Schema', 'Table', 'ViewEntity']);
const TABLE_BUILDERS = new Set(['pgTable', 'mysqlTable', 'sqliteTable', 'pgView']);

declare module '../project/file-analysis.js' {
  interface FileFacts {
    /**
     * Routes registered with a `schema` option (Fastify validates them with Ajv). Declared here, by
     * the collector that counts it; absent means none, as in files read from the module record alone.
     */
    routeSchemas?: number;
  }
}

function hasProperty(node: AstNode | undefined, key: string): boolean {
  return node?.type === 'ObjectExpression' && (node.properties as AstNode[]).some((property) => property.type === 'Property' && (property.key as AstNode).name === key);
}

function countRouteSchema(facts: FileFacts): void {
  facts.routeSchemas = (facts.routeSchemas ?? 0) + 1;
}

function calleeName(node: AstNode): string | null {
  const callee = node.callee as AstNode;
  if (callee.type === 'Identifier') return callee.name as string;
  if (callee.type === 'MemberExpression' && !callee.computed) return (callee.property as AstNode).name as string;
  return null;
}

function isReExportStatement(statement: AstNode): boolean {
  if (statement.type === 'ExportAllDeclaration' || statement.type === 'ImportDeclaration') return true;
  return statement.type === 'ExportNamedDeclaration' && !statement.declaration;
}

/**
 * Counts routes and persistence entities across the frameworks and ORMs Strata knows, for the
 * size line of the context: `router.get('/x', …)`, `fastify.route({ url })`, `@Get()`, `pgTable(…)`,
 * `@Entity()`, `mongoose.model('X', …)`, `sequelize.define('x', …)`, `class X extends Model`; and
 * the routes among them that carry a Fastify `schema` option. A test file's routes and entities are
 * not the service's (a Fastify instance built in a spec, a model defined for a fixture): with
 * `sizes` false only the barrel fact is collected, so a test file needs no tree for the counts.
 */
export function factCollector(facts: FileFacts, sizes = true): Visitors {
  const barrel: Visitors = {
    Program(node) {
      const body = node.body as AstNode[];
      facts.barrel = body.length > 0 && body.every(isReExportStatement) && body.some((statement) => statement.type !== 'ImportDeclaration');
    },
  };
  if (!sizes) return barrel;
  return {
    ...barrel,
    CallExpression(node) {
      const name = calleeName(node);
      if (!name) return;
      const args = node.arguments as AstNode[];
      const first = literalString(args[0]);
      if (HTTP_METHODS.has(name) && first !== null && first.startsWith('/') && args.length >= 2) {
        facts.routes++;
        // `app.post('/x', { schema }, handler)`: the options sit between the path and the handler.
        if (args.length >= 3 && hasProperty(args[1], 'schema')) countRouteSchema(facts);
      }
      else if (TABLE_BUILDERS.has(name) && first !== null) facts.entities++;
      else if ((name === 'model' || name === 'define') && first !== null && args.length >= 2) {
        const receiver = memberPath((node.callee as AstNode).object) ?? '';
        if (name === 'define' ? /sequelize/i.test(receiver) : /mongoose|^$/i.test(receiver)) facts.entities++;
      }
    },
    // `fastify.route({ method: 'GET', url: '/x', handler })` and route tables `{ method, path, handler }`.
    ObjectExpression(node) {
      const literalOf = (key: string): string | null => {
        const property = (node.properties as AstNode[]).find((candidate) => candidate.type === 'Property' && (candidate.key as AstNode).name === key);
        return property ? literalString(property.value) : null;
      };
      const method = literalOf('method');
      const path = literalOf('url') ?? literalOf('path');
      if (method && HTTP_METHODS.has(method.toLowerCase()) && path?.startsWith('/')) {
        facts.routes++;
        if (hasProperty(node, 'schema')) countRouteSchema(facts);
      }
    },
    Decorator(node) {
      const expression = node.expression as AstNode;
      const target = expression.type === 'CallExpression' ? (expression.callee as AstNode) : expression;
      const name = target.type === 'Identifier' ? (target.name as string) : null;
      if (!name) return;
      if (ROUTE_DECORATORS.has(name)) facts.routes++;
      else if (ENTITY_DECORATORS.has(name)) facts.entities++;
    },
    ClassDeclaration(node) {
      const superClass = memberPath(node.superClass);
      if (superClass === 'Model' || superClass === 'Sequelize.Model') facts.entities++;
    },
  };
}
