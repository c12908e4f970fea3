import { literalString, memberPath } from '../../ast/nodes.js';
import type { AstNode, Visitors } from '../../ast/walk.js';
import { isTestFile } from '../../layers/classify.js';
import { ormDoubleOf, type TestDouble } from '../../program/data/test-doubles.js';
import { serviceEntries } from '../../program/ops/services.js';
import type { Rule } from '../types.js';

const MODULE_MOCKERS = new Set(['jest.mock', 'vi.mock', 'jest.doMock', 'vi.doMock', 'jest.unstable_mockModule', 'jest.setMock']);
const TOKEN_FUNCTIONS = new Set(['getRepositoryToken', 'getModelToken', 'getConnectionToken', 'getDataSourceToken', 'getEntityManagerToken']);
const TYPED_FAKES = new Set(['mockDeep', 'mock', 'createMock']);
interface Binding {
  name: string;
  specifier: string;
}

/** How many places a finding names. */
const SHOWN = 3;

/** The identifier a double is made of: `User` in `User`, `User.prototype`, `new User({…})`, `User({…})`. */
function rootName(node: AstNode | undefined): string | null {
  if (!node) return null;
  if (node.type === 'NewExpression' || node.type === 'CallExpression') return rootName(node.callee as AstNode);
  const path = memberPath(node);
  return path ? path.split('.')[0]! : null;
}

/** The first type argument's name: `PrismaClient` in `mockDeep<PrismaClient>()`, `Repository` in `mock<Repository<User>>()`. */
function typeArgumentName(node: AstNode): string | null {
  const params = ((node.typeArguments ?? node.typeParameters) as AstNode | undefined)?.params as AstNode[] | undefined;
  const first = params?.[0];
  if (first?.type !== 'TSTypeReference') return null;
  const name = first.typeName as AstNode;
  return name.type === 'Identifier' ? (name.name as string) : null;
}

/** The test double a call makes, as its syntax says, or null. */
function doubleOf(node: AstNode): TestDouble | null {
  const callee = node.callee as AstNode;
  const args = node.arguments as AstNode[];
  const path = memberPath(callee);
  if (!path) return null;
  if (MODULE_MOCKERS.has(path)) {
    const specifier = literalString(args[0]);
    return specifier ? { kind: 'module', specifier } : null;
  }
  const method = path.split('.').at(-1)!;
  if ((method === 'spyOn' || method === 'stub') && args.length >= 2) {
    const name = rootName(args[0]);
    const replaced = literalString(args[1]);
    return name && replaced ? { kind: 'object', name, method: replaced } : null;
  }
  if (path === 'sinon.mock' || (method === 'mock' && path.includes('.') && !path.startsWith('jest.') && !path.startsWith('vi.'))) {
    const name = rootName(args[0]);
    return name && args[0]?.type !== 'Literal' ? { kind: 'object', name, method: null } : null;
  }
  if (TOKEN_FUNCTIONS.has(path)) return { kind: 'token', name: path };
  if (TYPED_FAKES.has(path)) {
    const name = typeArgumentName(node);
    return name ? { kind: 'typed', name } : null;
  }
  return null;
}

export const ormMocking: Rule = {
  meta: {
    id: 'orm-mocking',
    category: 'testing',
    severity: 'info',
    title: 'Tests fake ports, not the ORM',
    why: 'A test that mocks the ORM (its module, a model\'s `findOne`, a TypeORM repository from `getRepositoryToken`, a deep Prisma mock) asserts which queries the code makes rather than what it does: it breaks on every refactor of the query, still passes when the real query is wrong, and couples the business logic\'s tests to the persistence library.',
    fix: 'Put data access behind a repository port the use case depends on, and give unit tests an in-memory fake of that port; test the repository adapter itself against a real database (a container, PGlite, an in-memory MongoDB) in integration tests.',
    // No program models: the visitors must see test files, which model rules skip; the check still
    // asks the models whether the project is a service.
  },
  // Test files that build no double keep the parser's fast path (no syntax tree): every call
  // `doubleOf` knows is named here. Application files are not matched at all.
  onlyTestFiles: true,
  triggers: /\b(jest|vi)\.(mock|doMock|unstable_mockModule|setMock|spyOn)\(|\bspyOn\(|\.(stub|mock)\(|\bget(Repository|Model|Connection|DataSource|EntityManager)Token\(|\b(mockDeep|createMock|mock)</,
  visitors({ file, report }): Visitors {
    if (!isTestFile(file)) return {};
    // Where the doubles' names come from, reported only for a file that makes a double (a file that
    // makes none reports nothing, as on the parser's fast path).
    const bindings: [AstNode, Binding][] = [];
    let doubles = 0;
    return {
      CallExpression(node) {
        const double = doubleOf(node);
        if (!double) return;
        doubles++;
        report(node, 'test double', { double });
      },
      // `import User from '../models/user'`, `const User = require('…')`.
      ImportDeclaration(node) {
        const specifier = literalString(node.source);
        for (const item of (node.specifiers as AstNode[]) ?? []) {
          const local = (item.local as AstNode | undefined)?.name;
          if (specifier && typeof local === 'string') bindings.push([item, { name: local, specifier }]);
        }
      },
      VariableDeclarator(node) {
        const init = node.init as AstNode | null;
        const id = node.id as AstNode;
        if (init?.type !== 'CallExpression' || memberPath(init.callee) !== 'require' || id.type !== 'Identifier') return;
        const specifier = literalString((init.arguments as AstNode[])[0]);
        if (specifier) bindings.push([node, { name: id.name as string, specifier }]);
      },
      'Program:exit'() {
        if (doubles) for (const [node, binding] of bindings) report(node, 'binding', { binding });
      },
    };
  },
  check({ project, models, fileReports, report }) {
    const found: { file: string; line: number; column: number; what: string }[] = [];
    for (const file of [...project.files.keys()].filter(isTestFile).sort()) {
      const reports = fileReports(file);
      const bindings = new Map(reports.flatMap((item) => (item.data?.binding ? [[(item.data.binding as Binding).name, (item.data.binding as Binding).specifier] as const] : [])));
      for (const item of reports) {
        if (!item.data?.double) continue;
        const what = ormDoubleOf(project, file, item.data.double as TestDouble, (name) => bindings.get(name) ?? null);
        if (what) found.push({ file, line: item.line, column: item.column, what });
      }
    }
    if (!found.length || !serviceEntries(models, project).length) return;
    const files = [...new Set(found.map((item) => item.file))];
    const first = found[0]!;
    const places = files.slice(0, SHOWN).map((file) => found.find((item) => item.file === file)!).map((item) => `${item.file}:${item.line} ${item.what}`);
    report({
      file: first.file,
      line: first.line,
      column: first.column,
      message: `${files.length} test file${files.length === 1 ? ' replaces' : 's replace'} ORM internals instead of a port (${found.length} double${found.length === 1 ? '' : 's'}): ${places.join('; ')}${files.length > SHOWN ? `; and ${files.length - SHOWN} more file${files.length - SHOWN === 1 ? '' : 's'}` : ''}.`,
      anchor: 'orm-mocking',
    });
  },
};
