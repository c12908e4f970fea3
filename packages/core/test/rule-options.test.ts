import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { validateConfig } from '../src/config/validate.js';
import { StrataError } from '../src/errors.js';
import { defineOptions, integerOption, stringListOption } from '../src/rules/options.js';

const options = defineOptions({
  maxLines: integerOption({ min: 1, default: 1200, description: 'Lines past which it is reported.' }),
  minModules: integerOption({ min: 2, default: 5 }),
  smallTables: stringListOption({ default: [] }),
});

describe('rule options declared as data', () => {
  it('fills in the defaults and keeps what the config sets', () => {
    expect(options.resolve(undefined)).toEqual({ maxLines: 1200, minModules: 5, smallTables: [] });
    expect(options.resolve({ maxLines: 40, smallTables: ['roles'] })).toEqual({ maxLines: 40, minModules: 5, smallTables: ['roles'] });
  });

  it('rejects a value that skipped config validation, naming the option and what it expects', () => {
    expect(() => options.resolve({ minModules: 1 })).toThrow(StrataError);
    expect(() => options.resolve({ minModules: 1 })).toThrow('Invalid option minModules: expected an integer >= 2, got 1.');
    expect(() => options.resolve({ maxLines: 2.5 })).toThrow('expected an integer >= 1');
    expect(() => options.resolve({ smallTables: ['a', 3] })).toThrow('Invalid option smallTables: expected an array of strings');
  });

  it('builds a Zod schema with the same defaults, bounds and descriptions', () => {
    const schema = options.schema(z);
    expect(schema.parse({})).toEqual(options.resolve({}));
    expect(schema.safeParse({ minModules: 1 }).success).toBe(false);
    expect(schema.safeParse({ smallTables: 'roles' }).success).toBe(false);
    expect(z.toJSONSchema(schema, { io: 'input' })).toMatchObject({ properties: { maxLines: { description: 'Lines past which it is reported.', minimum: 1, default: 1200 } } });
  });

  it('are checked when a config is loaded, with the key named', () => {
    expect(() => validateConfig({ ruleOptions: { 'fat-controller': { maxStatements: 0 } } }, 'strata.config.json')).toThrow(/ruleOptions\.fat-controller\.maxStatements/);
    expect(() => validateConfig({ ruleOptions: { 'event-loop-blocking-json': { smallTables: [1] } } }, 'strata.config.json')).toThrow(/ruleOptions\.event-loop-blocking-json\.smallTables/);
    expect(validateConfig({ ruleOptions: { 'service-blob': { maxLines: 40 } } }, 'strata.config.json').ruleOptions).toEqual({ 'service-blob': { maxLines: 40 } });
  });
});
