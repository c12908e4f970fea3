/**
 * What one file's program model says about the file, in a serialisable shape: it is computed in a
 * parser thread from the typed syntax tree and cached with the rest of the file's analysis, so a warm
 * run links the call graph without parsing anything.
 */

/** Where a name comes from, as far as the file itself can tell. */
export type Origin =
  /** An imported binding: `default`, `*` (namespace or whole `require`) or an exported name. */
  | { kind: 'import'; specifier: string; name: string }
  /** A function or method declared in this file (index into `functions`). */
  | { kind: 'function'; fn: number }
  /** A class declared in this file (index into `classes`). */
  | { kind: 'class'; cls: number }
  /** `this` inside a method of a class of this file. */
  | { kind: 'this'; cls: number }
  /** A parameter of a function of this file, with its declared type when there is one. */
  | { kind: 'param'; fn: number; index: number; type?: Ref }
  /** A variable (index into `variables`, which holds its value when the file can name it). */
  | { kind: 'variable'; name: string; id: number }
  /** The error bound by a `catch` clause. */
  | { kind: 'caught' }
  /** A name declared nowhere in the file: a global (`fetch`, `JSON`, `Promise`). */
  | { kind: 'global'; name: string };

/** A member chain on an origin: `this.orders.create` is `{ root: this, path: ['orders', 'create'] }`. */
export interface Ref {
  root: Origin;
  path: string[];
}

/** What a variable, a property or an argument holds, when the syntax says. */
export type Value =
  | { kind: 'ref'; ref: Ref }
  /** The result of a call (index into `calls`): `express()`, `createPool({...})`. */
  | { kind: 'call'; call: number }
  /** `new X(...)`: the constructed thing and the call's index. */
  | { kind: 'new'; call: number }
  | { kind: 'function'; fn: number }
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  /** `line` is kept only for objects shaped like a route declaration (`{ method, path, handler }`): a route table entry. */
  | {
      kind: 'object';
      properties: Record<string, Value>;
      spread: boolean;
      line?: number;
      /** What `...x` spreads in, for spreads of a name or member (`{ ...req.body, userId }`): what a whole-object taint follows. */
      spreads?: Ref[];
    }
  | { kind: 'array'; elements: Value[] }
  /** `process.env.JWT_SECRET || 'dev-secret'` (or `??`): the variable, and the literal used when it is unset. */
  | { kind: 'env-default'; env: string; value: string }
  /** A template literal or concatenation: `dynamic` when an expression is spliced in. */
  | {
      kind: 'text';
      dynamic: boolean;
      head: string;
      /** The references whose values are spliced in (through `||`, `?:`, string methods): what taint follows. */
      from?: Ref[];
      /** The constant text after the last value spliced in (`'.json'` in `dir + '/' + name + '.json'`). */
      tail?: string;
    }
  /** A tagged template (`sql\`select … ${id}\``): the tag decides what the substitutions become (bound parameters for SQL tags). */
  | { kind: 'tagged'; tag: Ref | null; head: string }
  | { kind: 'other' };

/** How the value of a call is used where it is made: what decides whether a promise is handled. */
export type CallUse = 'await' | 'return' | 'statement' | 'void' | 'handled' | 'assigned' | 'argument' | 'other';

export interface CallSite {
  /** Enclosing function (index into `functions`), or -1 at module level. */
  fn: number;
  callee: Ref | null;
  /** What the callee evaluates to when it is not a name: `require('./routes')(app)`, `makeHandler()()`. */
  calleeValue?: Value;
  /** `new X()` rather than a call. */
  construct?: true;
  /** Absent when there are none. */
  args?: Value[];
  line: number;
  column: number;
  /** The callee's source text, short: `this.orders.create`, what a finding names. */
  text: string;
  use: CallUse;
  /** The nearest loop around the call inside its own function: `for`, `while`, `for-of`… */
  loop?: string;
  /** Inside the `try` block (not the handler) of a try statement of its own function. */
  inTry?: true;
  /** Inside a `catch` clause of its own function. */
  inCatch?: true;
  /** In a loop body whose statements after the call always leave the loop (`return`/`break`/`throw`): it runs at most once. */
  exitsLoop?: true;
  /** In a fallback branch (`else`, `if (!x)`, `if (x == null)`) inside its nearest loop body (or its function outside loops): it runs only for some elements. */
  inFallback?: true;
  /** What the nearest `for-of`/`for-in` loop iterates (`for (const x of items)`: `items`). */
  loopOver?: Value;
  /** The line of the nearest loop statement around the call, in its function. */
  loopLine?: number;
  /** Module-level variables tested by the `if`s around the call in its own function (`if (!cache) { cache = readFileSync(…) }`): with the function's `assigns`, a once-per-process memo or flag. Absent when there are none. */
  guards?: string[];
  /** Inside `if (process.env.NODE_ENV === 'development')` (or `'test'`): never runs in the deployed service. */
  devOnly?: true;
  /** When a `.then`/`.catch`/`.finally` in the chain makes `use` read `handled`: how the whole chain is used (`await x().catch(…)`: `await`; `x().catch(…);`: `statement`, fire-and-forget). */
  chainUse?: CallUse;
  /** Methods chained onto this call's result (`.limit(10)`, `.then(…)`), in order: what builders are asked. */
  chain?: ChainedCall[];
}

export interface ChainedCall {
  name: string;
  args: Value[];
}

export interface Variable {
  name: string;
  /** Its declared type (`const plugin: FastifyPluginAsync = …`). */
  type?: Ref;
  /** What it was initialised or first assigned with (`const app = express()`). */
  value?: Value;
  /**
   * When that value is not one the summary can name (`q === undefined ? '' : q`, `a || b`), or the
   * variable is reassigned: the references its values are made of, for taint to follow.
   */
  from?: Ref[];
}

export interface Decorator {
  /** The imported name (`Get`), or the local chain when it is not an import. */
  name: string;
  /** The package or file it is imported from (`@nestjs/common`). */
  from?: string;
  /** The decorator's arguments, when literal. */
  args: Value[];
}

export interface Param {
  name: string | null;
  type?: Ref;
  decorators: Decorator[];
}

export interface FunctionInfo {
  /** `createOrder`, `OrdersController.create`, or `<anonymous>`. */
  name: string;
  kind: 'function' | 'arrow' | 'method' | 'constructor' | 'getter' | 'setter';
  /** The class this is a method of (index into `classes`). */
  cls?: number;
  /** The function this one is nested in, or -1. */
  parent: number;
  async: boolean;
  line: number;
  column: number;
  endLine: number;
  params: Param[];
  decorators: Decorator[];
  /** Statements in the body, nested blocks included: how much a function does. */
  statements: number;
  /** `if`, `switch` cases, ternaries, `&&`/`||`/`??`, loops, catch: paths through the function. */
  branches: number;
  /** Member reads on the parameters, as `index.path` (`0.body`, `0.query.page`): what a handler takes from the request. */
  paramReads: string[];
  /** Passed as a callback to an array iteration (`map`, `forEach`, `reduce`…): it runs once per element. */
  iteration?: string;
  /** The collection the iteration callback walks (`items.map(cb)`: `items`), when it has a name or is a call. */
  iterationOver?: Value;
  /** An `await` or `for await` in its own body (not in functions nested in it). Absent when there is none. */
  awaits?: true;
  /** `try` around its whole body or most of it. */
  hasTry: boolean;
  /** What it returns, when the first value-returning `return` names a function, a binding or a construction: factories of handlers (`login()` returning `(req, res) => …`). */
  returns?: Value;
  /** Module-level variables this function assigns (`cache = …`, `ready = true`): a memo or once-flag when a guard tests them. Absent when there are none. */
  assigns?: string[];
  /** `public` methods only; a method with `private`/`protected` or a `#name` is not part of the class's face. */
  visibility?: 'public' | 'private' | 'protected';
  static?: boolean;
}

export interface ClassInfo {
  name: string;
  line: number;
  column: number;
  endLine: number;
  decorators: Decorator[];
  superClass: Ref | null;
  /** `implements OrderRepository`: the ports the class says it implements. */
  implements?: Ref[];
  /** An abstract class: a port, whose code runs in a subclass. */
  abstract?: true;
  /** Constructor parameters and typed fields: name → declared type (`this.orders: OrderService`). */
  members: Record<string, Ref>;
  /** Constructor parameters in order, with their decorators (`@Inject(TOKEN)`, `@InjectRepository(User)`). */
  constructorParams: Param[];
  /** Methods by name (index into `functions`). */
  methods: Record<string, number>;
  /** Field initialisers that name a value: `private repo = new Repo()`. */
  fieldValues: Record<string, Value>;
  /** Instance fields declared in the class body, with their decorators (`@Column({ select: false }) password`): what an entity holds. Absent when there are none. */
  fields?: Record<string, Decorator[]>;
}

export interface ProgramSummary {
  functions: FunctionInfo[];
  classes: ClassInfo[];
  calls: CallSite[];
  variables: Variable[];
  /** Exported name → what it is (ES exports and `module.exports`/`exports.x` assignments). */
  exports: Record<string, Value>;
  /** Assignments to members of imports, globals and variables (`axios.defaults.timeout = 5000`): configuration set on a package's objects. Absent when there are none. */
  memberWrites?: MemberWrite[];
}

export interface MemberWrite {
  target: Ref;
  value: Value;
  line: number;
  /** For a write to a member of a parameter (`req.user = …`, a call or a name written): the function it is in. */
  fn?: number;
}
