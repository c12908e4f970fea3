import type { ProgramModels } from '../models.js';

/**
 * Libraries that validate configuration against a schema: general schema libraries (a module that
 * reads the environment and imports one is taken to validate it) and the environment-specific ones.
 */
const SCHEMA_LIBRARIES = ['zod', 'joi', '@hapi/joi', 'yup', 'valibot', 'superstruct', 'class-validator', 'ajv', '@sinclair/typebox', 'typebox', 'io-ts', 'runtypes', 'arktype', '@effect/schema', 'effect'];
const ENV_LIBRARIES = ['envalid', 'convict', 'env-schema', '@t3-oss/env-core', '@t3-oss/env-nextjs', 'znv', 'env-var', 'dotenv-safe', '@fastify/env', 'fastify-env', 'getenv', 'nestjs-typed-config'];

const imports = (models: ProgramModels, file: string, names: readonly string[]) =>
  models.linker.importedModules(file).some((module) => names.some((name) => module === name || module.startsWith(`${name}/`)));

/** The environment library a module uses (envalid, convict, env-var…), or null. */
export function envLibraryOf(models: ProgramModels, file: string): string | null {
  return ENV_LIBRARIES.find((name) => imports(models, file, [name])) ?? null;
}

/** Whether a module imports a schema library (Zod, Joi, class-validator, TypeBox…). */
export function importsSchemaLibrary(models: ProgramModels, file: string): boolean {
  return imports(models, file, SCHEMA_LIBRARIES);
}

/**
 * NestJS: `ConfigModule.forRoot({ validationSchema })` or `({ validate })` validates the whole
 * environment at start-up, wherever the module is declared.
 */
export function nestConfigValidation(models: ProgramModels, file: string): boolean {
  if (!imports(models, file, ['@nestjs/config'])) return false;
  return (models.linker.summary(file)?.calls ?? []).some((site) => {
    if (!site.callee || site.callee.path.at(-1) !== 'forRoot' || site.callee.root.kind !== 'import' || site.callee.root.specifier !== '@nestjs/config') return false;
    const options = site.args?.[0];
    return options?.kind === 'object' && ('validationSchema' in options.properties || 'validate' in options.properties);
  });
}

/** Configuration systems without a schema of their own: node-config, nconf, rc, `@nestjs/config`. */
const CONFIG_LIBRARIES = ['config', 'nconf', 'rc', '@nestjs/config', 'dotenv-flow'];

/** The configuration library a module loads (`config` is node-config), or null. */
export function configLibraryOf(models: ProgramModels, file: string): string | null {
  const modules = models.linker.importedModules(file);
  return CONFIG_LIBRARIES.find((name) => modules.includes(name)) ?? null;
}
