import type { z } from 'zod';
import { StrataError } from '../errors.js';

/**
 * A rule's options, declared as plain data. The Zod schema the config is validated with is built
 * from it only when a config is validated (or the JSON Schema generated), so a review with no config
 * file never loads Zod: a rule module costs nothing at start-up for having options.
 */
export type OptionSpec = IntegerOption | StringListOption;

export interface IntegerOption {
  kind: 'integer';
  /** The smallest value accepted. */
  min: number;
  default: number;
  /** The sentence the JSON Schema shows in editors. */
  description?: string;
}

export interface StringListOption {
  kind: 'strings';
  default: readonly string[];
  description?: string;
}

type ValueOf<S extends OptionSpec> = S extends IntegerOption ? number : readonly string[];

export type OptionValues<S extends Record<string, OptionSpec>> = { [K in keyof S]: ValueOf<S[K]> };

export interface RuleOptions<S extends Record<string, OptionSpec> = Record<string, OptionSpec>> {
  readonly specs: S;
  /**
   * The defaults with the config's values over them. The config was validated against `schema` when it
   * was loaded; a value handed in by code that skipped that is still checked here, naming the option.
   */
  resolve(raw: Record<string, unknown> | undefined): OptionValues<S>;
  /** The Zod schema of these options, built with the Zod module the caller has loaded. */
  schema(zod: typeof z): z.ZodObject;
}

export const integerOption = (option: { min: number; default: number; description?: string }): IntegerOption => ({ kind: 'integer', ...option });

export const stringListOption = (option: { default: readonly string[]; description?: string }): StringListOption => ({ kind: 'strings', ...option });

function accepts(spec: OptionSpec, value: unknown): boolean {
  if (spec.kind === 'integer') return Number.isInteger(value) && (value as number) >= spec.min;
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

const expected = (spec: OptionSpec): string => (spec.kind === 'integer' ? `an integer >= ${spec.min}` : 'an array of strings');

export function defineOptions<S extends Record<string, OptionSpec>>(specs: S): RuleOptions<S> {
  return {
    specs,
    resolve(raw) {
      const values: Record<string, unknown> = {};
      for (const [name, spec] of Object.entries(specs)) {
        const value = raw?.[name];
        if (value !== undefined && !accepts(spec, value)) throw new StrataError('CONFIG_INVALID', `Invalid option ${name}: expected ${expected(spec)}, got ${JSON.stringify(value)}.`);
        values[name] = value ?? spec.default;
      }
      return values as OptionValues<S>;
    },
    schema(zod) {
      const shape: Record<string, z.ZodType> = {};
      for (const [name, spec] of Object.entries(specs)) {
        const base = spec.kind === 'integer' ? zod.number().int().min(spec.min).default(spec.default) : zod.array(zod.string()).default([...spec.default]);
        shape[name] = spec.description ? base.describe(spec.description) : base;
      }
      return zod.object(shape);
    },
  };
}
