import path from 'node:path';
import { isTestFile } from '../../layers/classify.js';
import { isSourceFile } from '../paths.js';
import { parseJsonc } from '../json.js';
import type { ManifestFile } from '../manifests.js';
import { CI_FILES, ciProvider, parseCiWorkflow, workflowsRunTests, type CiWorkflow, type TestRun } from './ci.js';
import { parseDockerfile, type Dockerfile } from './dockerfile.js';
import { readText } from './text.js';

export type { CiWorkflow, TestRun } from './ci.js';
export type { Dockerfile, DockerStage } from './dockerfile.js';

/** Dockerfiles and Containerfiles, including named variants (`Dockerfile.prod`, `api.Dockerfile`). */
const DOCKERFILE = /(^|\/)(Dockerfile(\.[^/]+)?|[^/]+\.Dockerfile|Containerfile(\.[^/]+)?)$/;
/** A Dockerfile for development, tests or a tool, not the image that ships (`Dockerfile.dev`, `e2e.Dockerfile`, `.devcontainer/`, `.gitpod.Dockerfile`). */
const AUXILIARY_DOCKERFILE = /(^|[/._-])(dev|develop|development|test|tests|testing|e2e|ci|local|debug|gitpod|devcontainer|maildev|docs|storybook)([/._-]|$)/i;
const COMPOSE = /(^|\/)(docker-)?compose(\.[^/]+)?\.ya?ml$/;
/** `.dockerignore` (templates keep it as `_dockerignore`) and BuildKit's per-Dockerfile `<name>.dockerignore`. */
const DOCKERIGNORE = /(^|\/)([._]dockerignore|[^/]+\.dockerignore)$/;
const ENV_FILE = /(^|\/)[._]env(\.[\w.-]+)?$|(^|\/)[^/]+\.env$/;
const TSCONFIG = /(^|\/)(tsconfig[^/]*|jsconfig)\.json$/;
/** A container started for development: a watcher or the project's development scripts. */
const DEVELOPMENT_START = /\bnodemon\b|\bts-node-dev\b|--watch\b|\b(npm|yarn|pnpm)\s+(run\s+)?([\w-]+:)?dev(:[\w-]+)?\b/;
/** Ways of deploying without a Dockerfile of one's own: a PaaS or serverless description. */
const PLATFORM_FILE = /(^|\/)(Procfile|app\.ya?ml|fly\.toml|vercel\.json|netlify\.toml|serverless\.ya?ml|render\.ya?ml|railway\.(json|toml)|nixpacks\.toml|apprunner\.ya?ml|template\.ya?ml|samconfig\.toml|Chart\.yaml|skaffold\.ya?ml)$/;

/**
 * The repository's operational files, read once per run and only when asked: manifests, tsconfigs,
 * Dockerfiles, Compose files, CI workflows, env files. Every reader is line-based and total: a
 * binary, huge or malformed file reads as unreadable or empty, never as an exception.
 */
export class RepoFiles {
  private dockerMemo: Dockerfile[] | null = null;
  private ciMemo: CiWorkflow[] | null = null;
  private ciFilesMemo: { file: string; provider: string }[] | null = null;
  private textMemo = new Map<string, string | null>();
  private tsconfigMemo: { file: string; compilerOptions: Record<string, unknown> }[] | null = null;
  private fileSet: Set<string> | null = null;
  /** Each path pattern's matches, listed once: a pattern over every file of a monorepo (novu: 5,800) costs milliseconds. */
  private matchMemo = new Map<RegExp, readonly string[]>();
  private byNameMemo: Map<string, string[]> | null = null;

  constructor(
    readonly root: string,
    /** Every file of the repository (relative), as discovery listed it. */
    readonly files: readonly string[],
    readonly manifests: readonly ManifestFile[],
    /** Every file before the config's `ignore`: a user who leaves tests out of the review still has them. */
    private readonly everyFile: readonly string[] = files,
  ) {}

  /** A file's text (null: missing, unreadable or binary), read once. */
  text(file: string): string | null {
    if (!this.textMemo.has(file)) this.textMemo.set(file, readText(path.join(this.root, file)));
    return this.textMemo.get(file) ?? null;
  }

  /** A file's text read now and not kept: for scanning source files, which the run does not need twice. */
  scan(file: string): string | null {
    return this.textMemo.get(file) ?? readText(path.join(this.root, file));
  }

  has(file: string): boolean {
    this.fileSet ??= new Set(this.files);
    return this.fileSet.has(file);
  }

  /** The files whose path matches a pattern, in discovery order. */
  private matching(pattern: RegExp): readonly string[] {
    let found = this.matchMemo.get(pattern);
    if (!found) {
      found = this.files.filter((file) => pattern.test(file));
      this.matchMemo.set(pattern, found);
    }
    return found;
  }

  /** The files with this exact name in any folder (`Procfile`), in discovery order. */
  filesNamed(name: string): readonly string[] {
    if (!this.byNameMemo) {
      this.byNameMemo = new Map();
      for (const file of this.files) {
        const base = file.slice(file.lastIndexOf('/') + 1);
        const list = this.byNameMemo.get(base);
        if (list) list.push(file);
        else this.byNameMemo.set(base, [file]);
      }
    }
    return this.byNameMemo.get(name) ?? [];
  }

  get dockerfilePaths(): readonly string[] {
    return this.matching(DOCKERFILE).filter((file) => !file.endsWith('.dockerignore'));
  }

  /** Whether a Dockerfile is for development, tests or tooling rather than the image that ships. */
  isAuxiliaryDockerfile(file: string): boolean {
    return AUXILIARY_DOCKERFILE.test(file);
  }

  /**
   * The text of the script an `ENTRYPOINT`/`CMD` runs (`./entrypoint.sh`, `/opt/start.sh`), found in the
   * repository by name; null when it names one that is not here, undefined when it names none.
   */
  entrypointScript(command: string): string | null | undefined {
    const script = command.split(/\s+/).find((word) => /\.sh$|entrypoint/i.test(word));
    if (!script) return undefined;
    const name = script.replace(/^.*\//, '');
    const found = this.files.find((file) => file === name || file.endsWith(`/${name}`));
    return found ? this.text(found) : null;
  }

  /** Whether an image starts the service for development: a watcher or dev scripts in its command or entrypoint script. */
  startsForDevelopment(dockerfile: Dockerfile): boolean {
    const command = dockerfile.command?.text;
    if (!command) return false;
    if (DEVELOPMENT_START.test(command)) return true;
    const script = this.entrypointScript(command);
    return typeof script === 'string' && DEVELOPMENT_START.test(script);
  }

  /** Dockerfiles of images that ship: not named for development, tests or tools, and not started for development. */
  get shippingDockerfiles(): readonly Dockerfile[] {
    return this.dockerfiles.filter((file) => !this.isAuxiliaryDockerfile(file.file) && !this.startsForDevelopment(file));
  }

  /** The parsed Dockerfiles (unreadable ones left out). */
  get dockerfiles(): readonly Dockerfile[] {
    this.dockerMemo ??= this.dockerfilePaths.flatMap((file) => {
      const text = this.text(file);
      return text === null ? [] : [parseDockerfile(file, text)];
    });
    return this.dockerMemo;
  }

  /**
   * The ignore patterns that apply to a Dockerfile's build: its own `<name>.dockerignore`, else the
   * `.dockerignore` of its folder or the nearest one above (the build context is usually one of them).
   */
  dockerignoreFor(dockerfile: string): string[] | null {
    const own = `${dockerfile}.dockerignore`;
    const candidates = [own];
    for (let folder = path.posix.dirname(dockerfile); ; folder = path.posix.dirname(folder)) {
      const prefix = folder === '.' ? '' : `${folder}/`;
      candidates.push(`${prefix}.dockerignore`, `${prefix}_dockerignore`);
      if (folder === '.') break;
    }
    const found = candidates.find((file) => this.has(file));
    const text = found ? this.text(found) : null;
    return text === null ? null : text.split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('#'));
  }

  get composePaths(): readonly string[] {
    return this.matching(COMPOSE);
  }

  get dockerignorePaths(): readonly string[] {
    return this.matching(DOCKERIGNORE);
  }

  get envFiles(): readonly string[] {
    return this.matching(ENV_FILE);
  }

  /** Files that deploy the service through a platform (Procfile, fly.toml, serverless.yml, a Helm chart). */
  get platformFiles(): readonly string[] {
    return this.matching(PLATFORM_FILE);
  }

  /** tsconfig and jsconfig files with their own `compilerOptions` (no `extends` followed). */
  get tsconfigs(): readonly { file: string; compilerOptions: Record<string, unknown> }[] {
    this.tsconfigMemo ??= this.files
      .filter((file) => TSCONFIG.test(file))
      .map((file) => {
        let compilerOptions: Record<string, unknown> = {};
        try {
          const parsed = parseJsonc(this.text(file) ?? '{}') as { compilerOptions?: unknown };
          if (parsed && typeof parsed.compilerOptions === 'object' && parsed.compilerOptions) compilerOptions = parsed.compilerOptions as Record<string, unknown>;
        } catch {
          // malformed: no options
        }
        return { file, compilerOptions };
      });
    return this.tsconfigMemo;
  }

  /** The CI providers whose configuration the repository holds. */
  get ciProviders(): string[] {
    const found = new Set(this.ciFiles.map(({ provider }) => provider));
    return [...new Set(CI_FILES.map(([, name]) => name).filter((name) => found.has(name)))];
  }

  /** The CI configuration files with their provider, in discovery order. */
  private get ciFiles(): readonly { file: string; provider: string }[] {
    this.ciFilesMemo ??= this.files.flatMap((file) => {
      const provider = ciProvider(file);
      return provider ? [{ file, provider }] : [];
    });
    return this.ciFilesMemo;
  }

  /** The CI workflows, parsed (an unreadable one has no commands). */
  get ciWorkflows(): readonly CiWorkflow[] {
    this.ciMemo ??= this.ciFiles.map(({ file, provider }) => parseCiWorkflow(file, provider, this.text(file) ?? ''));
    return this.ciMemo;
  }

  /** Test sources of the repository (`*.test.ts`, `*.spec.js`, files under `test/`, `__tests__/`, `e2e/`). */
  get testFiles(): string[] {
    return this.everyFile.filter((file) => isSourceFile(file) && isTestFile(file) && !/(^|\/)(fixtures|__fixtures__|__mocks__)\//.test(file));
  }

  /** The bodies of a package.json script across the manifests. */
  scripts(name: string): string[] {
    return this.manifests.flatMap(({ manifest }) => {
      const body = (manifest.scripts as Record<string, unknown> | undefined)?.[name];
      return typeof body === 'string' ? [body] : [];
    });
  }

  /** Whether the CI workflows run the tests, and where. */
  get ciTestRun(): TestRun {
    return workflowsRunTests(this.ciWorkflows, (name) => this.scripts(name));
  }
}
