import { deployableServices } from '../../program/http/deployable.js';
import type { Rule } from '../types.js';

/** npm's placeholder test script: the project was initialised and never given tests. */
const PLACEHOLDER_TEST = /no test specified/i;

export const noTests: Rule = {
  meta: {
    id: 'no-tests',
    category: 'testing',
    severity: 'warn',
    title: 'The service has tests',
    why: 'Without tests every change is checked by hand or in production: refactoring stops because nobody can tell what it breaks, and the same defects come back. A service is where the cost of a regression lands on users.',
    fix: 'Add a test runner (Vitest, Jest, `node --test`) and start where the risk is: unit tests of the use cases with fakes for the ports, and a few integration tests of the routes against a real database; run them in CI.',
    models: ['program', 'http'],
  },
  check({ project, models, report }) {
    const { repo } = project;
    if (repo.testFiles.length) return;
    const services = deployableServices(project, models);
    if (!services.length) return;
    const service = services[0]!;
    const manifestFile = service.packageDir ? `${service.packageDir}/package.json` : 'package.json';
    const manifest = project.manifests.find((entry) => entry.file === manifestFile)?.manifest;
    const test = (manifest?.scripts as Record<string, unknown> | undefined)?.test;
    const runners = project.context.testRunners.map((item) => item.name);
    const routes = services.reduce((sum, entry) => sum + entry.routes.length, 0);
    const detail = typeof test === 'string' && PLACEHOLDER_TEST.test(test)
      ? 'its `test` script is still npm\'s placeholder'
      : runners.length
        ? `${runners.join(' and ')} ${runners.length === 1 ? 'is' : 'are'} installed but no test file exists`
        : 'no test runner and no test file';
    report({
      file: repo.has(manifestFile) ? manifestFile : service.routes[0]!.file,
      line: 1,
      column: 1,
      message: `The HTTP service (${routes} route${routes === 1 ? '' : 's'}) has no tests: ${detail}.`,
      anchor: 'no-tests',
    });
  },
};
