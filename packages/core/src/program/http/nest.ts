import type { ProgramLinker } from '../link.js';
import type { Decorator, Value } from '../summary.js';
import { isAuthName, joinPaths, UNKNOWN_SEGMENT, type Route } from './route.js';

const NEST = '@nestjs/common';
const METHOD_DECORATORS = new Set(['Get', 'Post', 'Put', 'Patch', 'Delete', 'All', 'Head', 'Options']);
const INPUT_DECORATORS = new Set(['Body', 'Query', 'Param']);

/** `'users'`, `{ path: 'users' }`, `['users']` or a constant naming one (`routes.users.root`). */
function pathArg(args: readonly Value[], file: string, linker: ProgramLinker): string {
  const first = args[0];
  if (first?.kind === 'object') return linker.stringOf(file, first.properties.path) ?? '';
  if (first?.kind === 'array') return linker.stringOf(file, first.elements[0]) ?? '';
  return linker.stringOf(file, first) ?? '';
}

const fromNest = (decorator: Decorator, name: string) => decorator.name === name && decorator.from === NEST;

function guardNames(decorators: readonly Decorator[], file: string, linker: ProgramLinker): string[] {
  return decorators.filter((decorator) => fromNest(decorator, 'UseGuards')).flatMap((decorator) => decorator.args.map((arg) => argName(arg, file, linker)));
}

function argName(arg: Value, file: string, linker: ProgramLinker): string {
  if (arg.kind === 'ref') return [arg.ref.root.kind === 'import' || arg.ref.root.kind === 'global' || arg.ref.root.kind === 'variable' ? arg.ref.root.name : arg.ref.root.kind, ...arg.ref.path].join('.');
  if (arg.kind === 'new' || arg.kind === 'call') return linker.summary(file)?.calls[arg.call]?.text ?? '<call>';
  return '<expression>';
}

/**
 * NestJS: `@Controller(prefix)` classes and their `@Get`/`@Post`… methods, the global prefix set in
 * bootstrap, guards from `@UseGuards`, and validation from a global or local `ValidationPipe` (or a
 * pipe on the parameter) applied to `@Body`/`@Query`/`@Param` inputs.
 */
export function nestRoutes(files: readonly string[], linker: ProgramLinker): Route[] {
  let globalPrefix = '';
  let uriVersioning = false;
  let globalPipe: string | null = null;
  let globalGuard: string | null = null;
  for (const file of files) {
    for (const site of linker.summary(file)?.calls ?? []) {
      const method = site.callee?.path.at(-1);
      if (method === 'setGlobalPrefix') globalPrefix = linker.stringOf(file, site.args?.[0]) ?? UNKNOWN_SEGMENT;
      // enableVersioning() defaults to URI versioning: `@Controller({ version: '1' })` serves under /v1.
      if (method === 'enableVersioning') uriVersioning = !site.args?.[0] || site.args[0].kind !== 'object' || !site.args[0].properties.type || /URI/.test(JSON.stringify(site.args[0].properties.type));
      if (method === 'useGlobalPipes' && site.args?.length) globalPipe = site.args.map((arg) => argName(arg, file, linker)).join(', ');
      if (method === 'useGlobalGuards' && site.args?.length) globalGuard = site.args.map((arg) => argName(arg, file, linker)).join(', ');
    }
    // `{ provide: APP_PIPE, useClass: ValidationPipe }` / `APP_GUARD` in a module's providers.
    for (const variable of linker.summary(file)?.calls ?? []) {
      for (const arg of variable.args ?? []) scanProviders(arg, file, linker, (token, name) => {
        if (token === 'APP_PIPE') globalPipe ??= name;
        if (token === 'APP_GUARD') globalGuard ??= name;
      });
    }
  }
  const routes: Route[] = [];
  for (const file of files) {
    const summary = linker.summary(file);
    if (!summary) continue;
    for (const cls of summary.classes) {
      const controller = cls.decorators.find((decorator) => fromNest(decorator, 'Controller'));
      if (!controller) continue;
      const prefix = pathArg(controller.args, file, linker);
      const options = controller.args[0];
      const version = uriVersioning && options?.kind === 'object' ? linker.stringOf(file, options.properties.version) : null;
      const classGuards = guardNames(cls.decorators, file, linker);
      const classPipes = cls.decorators.filter((decorator) => fromNest(decorator, 'UsePipes'));
      for (const [, fn] of Object.entries(cls.methods)) {
        const info = summary.functions[fn]!;
        const verb = info.decorators.find((decorator) => decorator.from === NEST && METHOD_DECORATORS.has(decorator.name));
        if (!verb) continue;
        const guards = [...classGuards, ...guardNames(info.decorators, file, linker)];
        const pipes = [...classPipes, ...info.decorators.filter((decorator) => fromNest(decorator, 'UsePipes'))].flatMap((decorator) => decorator.args.map((arg) => argName(arg, file, linker)));
        const inputs = info.params.filter((param) => param.decorators.some((decorator) => decorator.from === NEST && INPUT_DECORATORS.has(decorator.name)));
        const paramPipes = inputs.flatMap((param) => param.decorators.flatMap((decorator) => decorator.args.slice(decorator.args[0]?.kind === 'string' ? 1 : 0).map((arg) => argName(arg, file, linker))));
        routes.push({
          framework: 'nestjs',
          method: verb.name.toUpperCase(),
          path: joinPaths(globalPrefix, version ? `v${version}` : '', prefix, pathArg(verb.args, file, linker)),
          handler: { file, fn },
          handlerName: info.name,
          file,
          line: info.line,
          column: info.column,
          middleware: [...guards, ...pipes],
          validation: pipes[0] ?? paramPipes[0] ?? globalPipe,
          auth: guards.find(isAuthName) ?? guards[0] ?? globalGuard,
        });
      }
    }
  }
  return routes;
}

function scanProviders(value: Value, file: string, linker: ProgramLinker, found: (token: string, name: string) => void, depth = 0): void {
  if (depth > 4) return;
  if (value.kind === 'array') for (const element of value.elements) scanProviders(element, file, linker, found, depth + 1);
  if (value.kind !== 'object') return;
  const provide = value.properties.provide;
  const use = value.properties.useClass ?? value.properties.useValue ?? value.properties.useFactory;
  if (provide?.kind === 'ref' && provide.ref.root.kind === 'import' && provide.ref.root.specifier === '@nestjs/core' && use) found(provide.ref.root.name, argName(use, file, linker));
  for (const property of Object.values(value.properties)) scanProviders(property, file, linker, found, depth + 1);
}
