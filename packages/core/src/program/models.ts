import type { ProjectModel } from '../project/model.js';
import { CallGraph, type ResolvedCall } from './call-graph.js';
import { DataAccessModel } from './data/model.js';
import { expressRoutes } from './http/express.js';
import { fastifyRoutes } from './http/fastify.js';
import { appFacts, type AppFacts } from './http/app-facts.js';
import { handlerBody } from './http/handler.js';
import { validationIn } from './http/validation.js';
import { koaRoutes } from './http/koa.js';
import { nestRoutes } from './http/nest.js';
import { tableRoutes } from './http/route-table.js';
import type { Route } from './http/route.js';
import { ProgramLinker } from './link.js';
import { compareText } from '../compare-text.js';

/** The models a rule may ask for; the engine builds each once per run, on first use. */
export type ModelName = 'program' | 'http' | 'data';

/**
 * The program models of one run: symbol links and the call graph over every file's program summary,
 * the HTTP model (routes from the adapter of each framework the context detected) and the data-access
 * model. Each is built when a rule first asks for it and shared by every rule after.
 */
export class ProgramModels {
  readonly linker: ProgramLinker;
  readonly calls: CallGraph;
  private routesMemo: Route[] | null = null;
  private dataMemo: DataAccessModel | null = null;
  private readonly files: string[];

  constructor(private readonly project: ProjectModel) {
    this.files = [...project.files.keys()].filter((file) => project.files.get(file)?.program).sort();
    this.linker = new ProgramLinker(project.files, project.graph);
    this.calls = new CallGraph(this.linker);
  }

  /** Files that have a program model (application code that parsed). */
  get programFiles(): readonly string[] {
    return this.files;
  }

  private everyCallMemo: ResolvedCall[] | null = null;

  /**
   * Every call site of the program files, module level included, with its callee resolved: one pass
   * shared by the rules that look at all of them (secrets, hashes, tokens, fan-outs, callers).
   */
  get everyCall(): readonly ResolvedCall[] {
    if (this.everyCallMemo) return this.everyCallMemo;
    const calls: ResolvedCall[] = [];
    for (const file of this.files) {
      const summary = this.linker.summary(file);
      if (!summary) continue;
      for (let fn = -1; fn < summary.functions.length; fn++) calls.push(...this.calls.callsIn({ file, fn }));
    }
    this.everyCallMemo = calls;
    return calls;
  }

  get routes(): readonly Route[] {
    if (this.routesMemo) return this.routesMemo;
    const frameworks = new Set(this.project.context.frameworks.map((item) => item.name.toLowerCase()));
    const uses = (name: string) => [...frameworks].some((framework) => framework.includes(name));
    const framework = [
      ...(uses('express') ? expressRoutes(this.files, this.linker, this.calls) : []),
      ...(uses('fastify') ? fastifyRoutes(this.files, this.linker, this.calls) : []),
      ...(uses('nest') ? nestRoutes(this.files, this.linker) : []),
      ...(uses('koa') ? koaRoutes(this.files, this.linker, this.calls) : []),
    ];
    this.routesMemo = [...framework, ...tableRoutes(this.files, this.linker, this.calls, framework)].sort(
      (a, b) => compareText(a.file, b.file) || a.line - b.line || compareText(a.method, b.method),
    );
    // Validation the handler does itself (`schema.parse(req.body)`, a validator call two calls deep)
    // is validation too: the route says so, and where.
    for (const route of this.routesMemo) {
      const start = route.validation ? null : (handlerBody(route, this.linker) ?? route.handler);
      const found = start ? validationIn(start, this.calls) : null;
      if (found) route.validation = `in the handler: ${found}`;
    }
    return this.routesMemo;
  }

  private factsMemo: AppFacts | null = null;

  /** Security headers, CORS, rate limits, body limits, error handlers and health routes of the application. */
  get app(): AppFacts {
    this.factsMemo ??= appFacts(this.files, this.linker, this.routes);
    return this.factsMemo;
  }

  get routesBuilt(): boolean {
    return this.routesMemo !== null;
  }

  get data(): DataAccessModel {
    this.dataMemo ??= new DataAccessModel(this.files, this.linker, this.calls);
    return this.dataMemo;
  }
}
