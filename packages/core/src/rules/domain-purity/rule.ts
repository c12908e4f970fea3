import { literalString, memberPath } from '../../ast/nodes.js';
import type { AstNode } from '../../ast/walk.js';
import type { Rule } from '../types.js';
import { isTestFile } from '../../layers/classify.js';
import { impurityOf } from './impure-packages.js';

export const domainPurity: Rule = {
  meta: {
    id: 'domain-purity',
    category: 'architecture',
    severity: 'error',
    title: 'The domain imports no framework, ORM, driver, logger, HTTP client or environment',
    why: 'The domain holds the rules the business pays for. Once it imports a framework, an ORM, a logger or reads process.env, it can only run and be tested with them, and replacing any of them means rewriting business logic.',
    fix: 'Keep entities, value objects and domain services plain TypeScript. Pass configuration values in as arguments, raise domain events or return results instead of logging, and reach databases and HTTP through ports implemented in infrastructure. Imports of infrastructure source files are reported by layer-direction.',
  },
  triggers: /\bprocess\b/,
  // A spec beside the domain code it tests (a layer glob that takes `order.spec.ts` with `order.ts`)
  // reads the environment and imports its test framework: that is not the domain depending on them.
  skipsTestFiles: true,
  visitors({ report }) {
    const isProcess = (node: unknown): boolean => {
      const path = memberPath(node);
      return path === 'process' || path === 'globalThis.process' || path === 'global.process';
    };
    return {
      // process.env.X, process['env'].X, globalThis.process.env.X
      MemberExpression(node) {
        const property = node.property as AstNode;
        const isEnv = node.computed ? literalString(property) === 'env' : property.name === 'env';
        if (isEnv && isProcess(node.object)) report(node, 'reads `process.env`');
      },
      // const { env } = process
      VariableDeclarator(node) {
        const id = node.id as AstNode;
        if (id.type !== 'ObjectPattern' || !isProcess(node.init)) return;
        const takesEnv = (id.properties as AstNode[]).some((property) => property.type === 'Property' && ((property.key as AstNode).name === 'env' || literalString(property.key) === 'env'));
        if (takesEnv) report(node, 'reads `process.env`');
      },
    };
  },
  check({ project, fileReports, report }) {
    const domainFiles = project.graph.modules.filter((node) => node.kind === 'source' && node.layer === 'domain' && !isTestFile(node.id));
    const kindOf = new Map(project.graph.modules.map((node) => [node.id, node.kind]));
    const domainIds = new Set(domainFiles.map((node) => node.id));
    for (const edge of project.graph.edges) {
      if (!domainIds.has(edge.from)) continue;
      const kind = kindOf.get(edge.to);
      if (kind !== 'package' && kind !== 'builtin') continue;
      const impurity = impurityOf(kind, edge.to.replace(/^(npm|node):/, ''));
      if (!impurity) continue;
      report({
        file: edge.from,
        line: edge.line,
        column: edge.column,
        message: `Domain file imports ${impurity}.`,
        anchor: edge.specifier,
        data: { target: edge.to },
      });
    }
    for (const file of domainIds) {
      for (const env of fileReports(file)) {
        report({ file, line: env.line, column: env.column, message: `Domain file ${env.message}: configuration belongs to config/ and reaches the domain as values.`, anchor: env.anchor });
      }
    }
  },
};
