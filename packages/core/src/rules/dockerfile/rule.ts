import { deployableServices } from '../../program/http/deployable.js';
import type { Dockerfile, DockerStage } from '../../project/repo-files/index.js';
import type { ProjectModel } from '../../project/model.js';
import type { ProjectFinding, Rule } from '../types.js';

/** Images that run as a non-root user of their own (distroless `:nonroot`, Chainguard). */
const NONROOT_IMAGE = /:nonroot\b|-nonroot\b|^cgr\.dev\/chainguard\/|\/distroless\/[^:]*:(\S*-)?nonroot/;
/** Servers whose master process starts as root by design and drops privileges itself: not a Node image. */
const NON_NODE_SERVER = /(^|\/)(nginx|httpd|caddy|traefik|envoy|haproxy|openresty)(:|@|$)/;
const ROOT_USER = /^(root|0)(:(root|0))?$/;
/** Privilege drop at start: an entrypoint that switches user after root-only setup. */
const DROPS_PRIVILEGES = /\b(gosu|su-exec|setpriv|runuser|chpst|s6-setuidgid|setuidgid)\b|\bsu\s+(-\w+\s+)*-?\s*\w+\s+-c\b/;
/** Installing the project's dependencies without the lockfile governing what is installed. */
const INSTALL = /(?:^|[\s;&|(])(npm\s+(?:install|i)\b|yarn(?:\s+install)?(?=\s*($|[;&|)]|--))|pnpm\s+(?:install|i)\b)([^;&|]*)/;
const FROZEN = /--(frozen-lockfile|immutable|ci)\b/;
/** A build step: the compiler and the dev dependencies are needed only for it. */
const BUILD = /\b(npm|yarn|pnpm)\s+(run\s+)?build\b|(^|\s)(npx\s+)?(tsc|nest\s+build|webpack|esbuild|vite\s+build|swc)(\s|$)/;
/** Dev dependencies left out or removed. */
const PRUNED = /--omit[= ]dev\b|--production\b|--only[= ]prod|\bprune\b|NODE_ENV=production\s+(npm|yarn|pnpm)|--prod\b|focus\s+--production/;
const WHOLE_CONTEXT = new Set(['.', './', '*', './*', '.*']);

/** Whether the file builds a Node.js image (a Node base, or Node's package managers at work). */
function buildsNode(dockerfile: Dockerfile): boolean {
  return dockerfile.stages.some((stage) => /(^|\/)(node|bun)(:|@|$)|nodejs/.test(stage.image) || stage.runs.some((run) => /\b(npm|yarn|pnpm|node)\b/.test(run.command)));
}

/** The user a stage runs as: its own `USER`, else its base stage's, else the image's default (root). */
function effectiveUser(dockerfile: Dockerfile, stage: DockerStage, depth = 0): { name: string; line: number } | 'image' | null {
  if (stage.user) return stage.user;
  const base = depth < 10 ? dockerfile.stages.find((candidate) => candidate !== stage && candidate.name && candidate.name === stage.image) : undefined;
  if (base) return effectiveUser(dockerfile, base, depth + 1);
  return NONROOT_IMAGE.test(stage.image) ? 'image' : null;
}

function runsAsRoot(project: ProjectModel, dockerfile: Dockerfile): ProjectFinding | null {
  const final = dockerfile.stages.at(-1);
  if (!final || NON_NODE_SERVER.test(final.image)) return null;
  const user = effectiveUser(dockerfile, final);
  if (user === 'image') return null;
  if (user && !ROOT_USER.test(user.name)) return null;
  if (dockerfile.command) {
    if (DROPS_PRIVILEGES.test(dockerfile.command.text)) return null;
    const script = project.repo.entrypointScript(dockerfile.command.text);
    // An entrypoint script that may switch user: read it when it is here, stay quiet when it is not.
    if (script === null || (script !== undefined && DROPS_PRIVILEGES.test(script))) return null;
  }
  const line = user ? user.line : final.line;
  return {
    file: dockerfile.file,
    line,
    column: 1,
    message: user
      ? `The image's final stage switches to \`USER ${user.name}\`: the service runs as root inside the container.`
      : `The image's final stage (\`FROM ${final.image}\`) sets no \`USER\`: the service runs as root inside the container.`,
    anchor: 'root-user',
  };
}

/** Sources that bring a lockfile into the image (`package*.json`, `yarn.lock`, the whole context). */
const LOCKFILE_SOURCE = /(^|\/)(package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lockb?|package\*\.json|\*\.json|\*)$|^\.\/?$/;
const LOCKFILE = /(^|\/)(package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lockb?)$/;

function installWithoutLockfile(project: ProjectModel, dockerfile: Dockerfile): ProjectFinding | null {
  const repositoryHasLockfile = project.repo.files.some((file) => LOCKFILE.test(file));
  for (const stage of dockerfile.stages) {
    for (const run of stage.runs) {
      const match = INSTALL.exec(run.command);
      if (!match) continue;
      const args = match[3] ?? '';
      // A global tool (`npm i -g pm2`) or named packages (`npm install sharp`) is not the project's install.
      if (/(^|\s)(-g|--global)\b/.test(args) || args.split(/\s+/).some((word) => word && !word.startsWith('-'))) continue;
      if (FROZEN.test(args)) continue;
      const tool = match[1]!.split(/\s+/)[0]!;
      const instead = tool === 'npm' ? '`npm ci`' : tool === 'yarn' ? '`yarn install --frozen-lockfile` (`--immutable` on Yarn 2+)' : '`pnpm install --frozen-lockfile`';
      const command = `\`${match[1]!.trim()}${args.trimEnd()}\``;
      // With the lockfile copied in, the install follows it, but rewrites it silently when package.json
      // disagrees instead of failing: a notice. Without one, every build resolves the ranges afresh.
      const lockfileCopied = repositoryHasLockfile && stage.copies.some((copy) => copy.from === null && copy.line < run.line && copy.sources.some((source) => LOCKFILE_SOURCE.test(source)));
      return {
        ...(lockfileCopied ? { severity: 'info' as const } : {}),
        file: dockerfile.file,
        line: run.line,
        column: 1,
        message: lockfileCopied
          ? `${command} installs from the lockfile copied in, but updates it silently where package.json disagrees instead of failing the build; use ${instead}.`
          : `${command} installs with no lockfile in the image${repositoryHasLockfile ? '' : ' (the repository has none)'}: each build resolves the version ranges afresh and may ship dependency versions nobody tested; commit a lockfile, copy it in and use ${instead}.`,
        anchor: `install:${tool}`,
      };
    }
  }
  return null;
}

function ignoresNodeModules(patterns: readonly string[] | null): boolean {
  return Boolean(patterns?.some((pattern) => /^(\/|\*\*\/|\*\/)?node_modules(\/(\*\*?)?)?$/.test(pattern)));
}

function copiesNodeModules(project: ProjectModel, dockerfile: Dockerfile): ProjectFinding | null {
  const ignored = ignoresNodeModules(project.repo.dockerignoreFor(dockerfile.file));
  for (const stage of dockerfile.stages) {
    let installed = false;
    const events = [...stage.copies.map((copy) => ({ kind: 'copy' as const, copy, line: copy.line })), ...stage.runs.map((run) => ({ kind: 'run' as const, run, line: run.line }))].sort((a, b) => a.line - b.line);
    for (const event of events) {
      if (event.kind === 'run') {
        if (INSTALL.test(event.run.command) || /\bnpm\s+ci\b/.test(event.run.command)) installed = true;
        continue;
      }
      const { copy } = event;
      if (copy.from !== null) continue; // from another stage: that stage's own install
      const explicit = copy.sources.find((source) => /(^|\/)node_modules(\/|$)/.test(source));
      if (explicit) {
        return { file: dockerfile.file, line: copy.line, column: 1, message: `\`COPY ${explicit}\` copies the host's node_modules into the image: packages built for another platform and whatever was installed by hand, instead of an install from the lockfile.`, anchor: 'copy-node-modules' };
      }
      // `COPY . .` after the install overwrites it with the host's node_modules unless .dockerignore leaves them out.
      if (installed && !ignored && copy.sources.some((source) => WHOLE_CONTEXT.has(source))) {
        return { file: dockerfile.file, line: copy.line, column: 1, message: '`COPY .` after the install, with no `.dockerignore` leaving out node_modules: the host\'s node_modules overwrite the ones installed in the image.', anchor: 'copy-context-node-modules' };
      }
    }
  }
  return null;
}

function singleStageBuild(dockerfile: Dockerfile): ProjectFinding | null {
  if (dockerfile.stages.length !== 1) return null;
  const [stage] = dockerfile.stages;
  const build = stage!.runs.find((run) => BUILD.test(run.command));
  if (!build || stage!.runs.some((run) => PRUNED.test(run.command))) return null;
  return {
    file: dockerfile.file,
    line: build.line,
    column: 1,
    message: 'One stage builds and runs: the image ships the compiler, the dev dependencies and the sources beside the build output (bigger, slower to pull, more to patch).',
    anchor: 'single-stage',
  };
}

export const dockerfile: Rule = {
  meta: {
    id: 'dockerfile',
    category: 'production',
    severity: 'warn',
    title: 'The service ships in a lean image, as a non-root user, built from the lockfile',
    why: 'A container running as root turns any code execution into root in the container (and a step from the host); an install that ignores the lockfile ships versions nobody tested; host node_modules copied in carry binaries built for another platform; a single-stage build ships compilers and dev dependencies to production.',
    fix: 'Use a multi-stage build: install with `npm ci` (or the frozen-lockfile flag of your package manager) and build in one stage; copy the build output and production dependencies into a slim final stage that ends with `USER node`; keep node_modules out with `.dockerignore`.',
    models: ['program', 'http'],
  },
  check({ project, models, report }) {
    const services = deployableServices(project, models);
    if (!services.length) return;
    const outOfScope = [...project.context.frontends, ...project.context.excluded].map((entry) => entry.folder).filter((folder) => folder && folder !== '.');
    const binDirs = project.manifests.filter(({ manifest }) => manifest.bin).map(({ file }) => (file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : ''));
    const judged = (file: string) => !project.repo.isAuxiliaryDockerfile(file) && !outOfScope.some((folder) => file.startsWith(`${folder}/`)) && !binDirs.some((dir) => dir === '' || file.startsWith(`${dir}/`));
    const shipping = project.repo.dockerfilePaths.filter(judged);
    if (!shipping.length) {
      if (project.repo.platformFiles.length) return; // deployed by a platform (Procfile, fly.toml, serverless.yml, a Helm chart)
      const service = services[0]!;
      const manifest = service.packageDir ? `${service.packageDir}/package.json` : 'package.json';
      const routes = services.reduce((sum, entry) => sum + entry.routes.length, 0);
      report({
        severity: 'info',
        file: project.repo.has(manifest) ? manifest : service.routes[0]!.file,
        line: 1,
        column: 1,
        message: `The HTTP service (${routes} route${routes === 1 ? '' : 's'}) has no Dockerfile and no platform deployment file: how it is built and run in production is not in the repository.`,
        anchor: 'no-dockerfile',
      });
      return;
    }
    // One finding per problem, on the first Dockerfile that has it, counting the others: the fix is
    // the same in each (four services built by four copies of one Dockerfile are one finding).
    const byProblem = new Map<string, ProjectFinding[]>();
    for (const file of project.repo.dockerfiles.filter((entry) => judged(entry.file) && buildsNode(entry) && !project.repo.startsForDevelopment(entry))) {
      for (const finding of [runsAsRoot(project, file), installWithoutLockfile(project, file), copiesNodeModules(project, file), singleStageBuild(file)]) {
        if (!finding) continue;
        const key = `${finding.anchor}:${finding.severity ?? 'warn'}`;
        byProblem.set(key, [...(byProblem.get(key) ?? []), finding]);
      }
    }
    for (const [first, ...others] of byProblem.values()) {
      report(others.length ? { ...first!, message: `${first!.message} The same in ${others.length} other Dockerfile${others.length === 1 ? '' : 's'}: ${others.map((other) => other.file).join(', ')}.` } : first!);
    }
  },
};
