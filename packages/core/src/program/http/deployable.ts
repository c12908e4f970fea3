import { isTestFile } from '../../layers/classify.js';
import type { ProjectModel } from '../../project/model.js';
import type { ProgramModels } from '../models.js';
import { isCommandLinePackage, packageDirOf } from '../ops/services.js';
import type { Route } from './route.js';
import { compareText } from '../../compare-text.js';

/** A package of the repository that serves HTTP: what a Dockerfile, CI, health checks and migrations are for. */
export interface DeployableService {
  /** The folder of its package.json (`''`: the repository root). */
  packageDir: string;
  routes: Route[];
}

/** Folders of one-off tools and samples: routes there are not a service that ships. */
const NOT_SHIPPED = /(^|\/)(scripts?|bin|tools|cli|dev-server|examples?|samples?|fixtures|__fixtures__)\//;

/**
 * The HTTP services of the repository: packages with routes outside tests, tools and samples. A
 * package under a manifest that declares `bin` is a command-line tool or a generator (its template
 * services are its output, not a deployment), so it is not one. Libraries, CLIs and front-ends have
 * no routes here and are never judged on how a service is deployed. Where a service starts listening
 * is `serviceEntries` (program/ops/services.ts); both share what a package and a command-line package are.
 */
export function deployableServices(project: ProjectModel, models: ProgramModels): DeployableService[] {
  const known = servicesMemo.get(models);
  if (known) return known;
  const services = new Map<string, Route[]>();
  for (const route of models.routes) {
    if (isTestFile(route.file) || NOT_SHIPPED.test(route.file)) continue;
    const dir = packageDirOf(project, route.file);
    if (isCommandLinePackage(project, dir)) continue;
    const routes = services.get(dir);
    if (routes) routes.push(route);
    else services.set(dir, [route]);
  }
  const found = [...services].map(([packageDir, routes]) => ({ packageDir, routes })).sort((a, b) => compareText(a.packageDir, b.packageDir));
  servicesMemo.set(models, found);
  return found;
}

/** Five rules (Dockerfile, CI, health, migrations, tests) ask for the services in one run: found once per run. */
const servicesMemo = new WeakMap<ProgramModels, DeployableService[]>();
