import { deployableServices } from '../../program/http/deployable.js';
import type { Rule } from '../types.js';

export const ciPipeline: Rule = {
  meta: {
    id: 'ci-pipeline',
    category: 'production',
    severity: 'warn',
    title: 'A CI workflow runs the tests on every change',
    why: 'Tests that no pipeline runs stop being run: a change that breaks them merges anyway, and the suite rots until nobody trusts it. A pipeline is also where the lockfile install, the build and the migrations are proven before a deploy.',
    fix: 'Add a CI workflow (GitHub Actions, GitLab CI, CircleCI…) that runs on pushes and pull requests: install with `npm ci`, build, run the test script (`npm test`), ideally against the real database the service uses, with its migrations applied.',
    models: ['program', 'http'],
  },
  check({ project, models, report }) {
    const services = deployableServices(project, models);
    if (!services.length) return;
    const { repo } = project;
    const workflows = repo.ciWorkflows;
    if (!workflows.length) {
      const service = services[0]!;
      const manifest = service.packageDir ? `${service.packageDir}/package.json` : 'package.json';
      report({
        severity: 'info',
        file: repo.has(manifest) ? manifest : service.routes[0]!.file,
        line: 1,
        column: 1,
        message: 'No CI configuration in the repository (GitHub Actions, GitLab CI, CircleCI, Jenkins, Azure, Bitbucket, Travis): nothing shown here runs the tests or the build on a change.',
        anchor: 'no-ci',
      });
      return;
    }
    // Only a repository with tests can fail to run them; one with none is no-tests' finding.
    const tests = repo.testFiles.length;
    if (!tests) return;
    const run = repo.ciTestRun;
    // `maybe`: a step we cannot see into (a make target, a script, a remote workflow) may run them.
    if (run.verdict !== 'none') return;
    const [first] = workflows;
    report({
      file: first!.file,
      line: 1,
      column: 1,
      message: `${workflows.length === 1 ? 'The CI workflow' : `None of the ${workflows.length} CI workflows`} (${workflows.map((workflow) => workflow.file).slice(0, 3).join(', ')}${workflows.length > 3 ? ', …' : ''}) ${workflows.length === 1 ? 'does not run' : 'runs'} the tests: no pipeline step runs the ${tests} test file${tests === 1 ? '' : 's'} of the repository.`,
      anchor: 'ci-without-tests',
    });
  },
};
