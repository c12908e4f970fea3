import { isTestFile } from '../../layers/classify.js';
import { deployableServices } from '../../program/http/deployable.js';
import { dependencyCheckOf, healthLibrary, isReadinessPath } from '../../program/http/health.js';
import { routeLabel, type Route } from '../../program/http/route.js';
import type { ProjectModel } from '../../project/model.js';
import type { Rule } from '../types.js';

/** What the service talks to, from the detected context: a readiness check has something to check. */
function dependencies(project: ProjectModel): string[] {
  const { databases, orms, cache, queues } = project.context;
  const reached = [...databases, ...cache, ...queues].map((item) => item.name);
  return [...new Set(reached.length ? reached : orms.map((item) => `the database behind ${item.name}`))];
}

export const healthEndpoints: Rule = {
  meta: {
    id: 'health-endpoints',
    category: 'production',
    severity: 'warn',
    title: 'The service has liveness and readiness endpoints, and readiness checks its dependencies',
    why: 'An orchestrator or load balancer decides from health endpoints whether to send traffic to an instance and whether to restart it. Without them a process that is up but cannot reach its database keeps receiving requests and failing them; a readiness check that checks nothing says ready while the database is down.',
    fix: 'Serve a liveness route that answers while the process runs (`/health/live`) and a readiness route that checks what requests need (`/health/ready`: a `SELECT 1`, a Redis `PING`, with a short timeout) and answers 503 when one fails; point the orchestrator probes at them (`@nestjs/terminus`, `@godaddy/terminus` or a plain route).',
    models: ['program', 'http'],
  },
  check({ project, models, report }) {
    const services = deployableServices(project, models);
    if (!services.length) return;
    const health = models.app.healthRoutes.filter((route) => !isTestFile(route.file));
    const uses = dependencies(project);
    if (!health.length) {
      // Health served by a library the route model does not list, or probed by the image itself.
      if (healthLibrary(project) || project.repo.dockerfiles.some((file) => file.healthcheck)) return;
      const service = services[0]!;
      const manifest = service.packageDir ? `${service.packageDir}/package.json` : 'package.json';
      const routes = services.reduce((sum, service) => sum + service.routes.length, 0);
      // An image that ships is probed by whatever runs it; without one the deployment is not in the repository.
      const inContainer = project.repo.shippingDockerfiles.length > 0;
      report({
        // Without a container built here the deployment (and what probes it) is not in the repository: advice.
        ...(inContainer ? {} : { severity: 'info' as const }),
        file: project.repo.has(manifest) ? manifest : service.routes[0]!.file,
        line: 1,
        column: 1,
        message: `The service (${routes} route${routes === 1 ? '' : 's'}${inContainer ? ', with an image built here' : ''}) has no health endpoint: nothing tells an orchestrator or load balancer whether an instance is alive and ready${uses.length ? ` to reach ${uses.join(', ')}` : ''}.`,
        anchor: 'no-health-endpoint',
      });
      return;
    }
    // A service with nothing to depend on is ready when it is alive.
    if (!uses.length) return;
    const readiness = health.filter((route) => isReadinessPath(route.path));
    const blind = (routes: Route[]) => routes.filter((route) => dependencyCheckOf(route, models, project) === 'none');
    if (readiness.length) {
      for (const route of blind(readiness)) {
        report({
          file: route.file,
          line: route.line,
          column: route.column,
          message: `${routeLabel(route)} is a readiness check that checks no dependency (the service uses ${uses.join(', ')}): it answers ready while they are down.`,
          anchor: `blind-readiness:${routeLabel(route)}`,
          route: routeLabel(route),
        });
      }
      return;
    }
    // Health routes only, none checking anything: a liveness check, with no readiness to pair it.
    const unchecked = blind(health);
    if (unchecked.length !== health.length) return;
    const first = health[0]!;
    report({
      severity: 'info',
      file: first.file,
      line: first.line,
      column: first.column,
      message: `${routeLabel(first)}${health.length > 1 ? ` (and ${health.length - 1} other health route${health.length === 2 ? '' : 's'})` : ''} checks no dependency and there is no readiness route: the service uses ${uses.join(', ')}, and nothing says whether it can reach ${uses.length === 1 ? 'it' : 'them'}.`,
      anchor: 'liveness-only',
      route: routeLabel(first),
    });
  },
};
