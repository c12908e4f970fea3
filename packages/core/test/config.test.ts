import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../src/analyze.js';
import { loadConfig } from '../src/config/load.js';
import { validateConfig } from '../src/config/validate.js';
import { makeRepo } from './helpers/temp-repo.js';

const violation = {
  'src/domain/order.ts': "import { db } from '../infrastructure/db';\nexport const order = db;\n",
  'src/infrastructure/db.ts': 'export const db = {};\n',
  'src/application/x.ts': 'export {};\n',
};

describe('configuration', () => {
  it('uses the defaults when there is no config', async () => {
    const { config, source } = await loadConfig(makeRepo({}));
    expect(source).toBeNull();
    expect(config).toMatchObject({ profile: 'recommended', failOn: 'error', ignore: [], rules: {} });
    expect(Object.isFrozen(config)).toBe(true);
    // The defaults skip validation (and loading Zod): they must be exactly what the schema gives.
    expect(config).toEqual(validateConfig({}, null));
  });

  it.each([
    [{ failOn: 'critical' }, '"failOn": Invalid option: expected one of "error"|"warn"|"info"|"none"'],
    [{ rules: { 'no-circlar': 'warn' } }, '"rules.no-circlar": unknown rule id; expected one of layer-direction'],
    [{ rules: { 'no-circular': 'fatal' } }, '"rules.no-circular": Invalid option: expected one of "error"|"warn"|"info"|"off"'],
    [{ profil: 'legacy' }, 'Unrecognized key: "profil"'],
    [{ layers: { allowed: { domain: 'shared' } } }, '"layers.allowed.domain": Invalid input: expected array, received string'],
  ])('names the key and what was expected for %j', async (raw, expected) => {
    const root = makeRepo({ 'strata.config.json': JSON.stringify(raw) });
    await expect(loadConfig(root)).rejects.toMatchObject({ code: 'CONFIG_INVALID', message: expect.stringContaining(expected) });
  });

  it('reads strata.config.mjs, strata.config.ts and the strata key of package.json', async () => {
    const fromMjs = makeRepo({ 'strata.config.mjs': "export default { failOn: 'warn' };\n" });
    expect((await loadConfig(fromMjs)).config.failOn).toBe('warn');
    const fromTs = makeRepo({ 'strata.config.ts': "import type {} from 'node:fs';\nconst config: { profile: string } = { profile: 'legacy' };\nexport default config;\n" });
    expect((await loadConfig(fromTs)).config.profile).toBe('legacy');
    const fromPackage = makeRepo({ 'package.json': JSON.stringify({ name: 'x', strata: { ignore: ['scripts/**'] } }) });
    expect((await loadConfig(fromPackage)).config.ignore).toEqual(['scripts/**']);
  });

  it('reports a config file that does not parse as unreadable, naming the file', async () => {
    const root = makeRepo({ 'strata.config.json': '{ "failOn": ' });
    await expect(loadConfig(root)).rejects.toMatchObject({ code: 'CONFIG_UNREADABLE', message: expect.stringContaining('strata.config.json could not be read') });
  });

  it('applies rule severities, "off", ignore globs and layer overrides', async () => {
    const root = makeRepo({ ...violation, 'src/legacy/old.ts': "import './missing';\n" });
    const before = await analyze({ root, cache: false });
    expect(before.findings.map((finding) => `${finding.ruleId}:${finding.severity}`)).toEqual(['layer-direction:error', 'unresolved-import:warn']);

    writeFileSync(path.join(root, 'strata.config.json'), JSON.stringify({ rules: { 'layer-direction': 'warn' }, ignore: ['src/legacy/**'] }));
    const configured = await analyze({ root, cache: false });
    expect(configured.findings.map((finding) => `${finding.ruleId}:${finding.severity}`)).toEqual(['layer-direction:warn']);

    writeFileSync(path.join(root, 'strata.config.json'), JSON.stringify({ layers: { allowed: { domain: ['domain', 'infrastructure'] } }, rules: { 'unresolved-import': 'off' } }));
    expect((await analyze({ root, cache: false })).findings).toEqual([]);

    writeFileSync(path.join(root, 'strata.config.json'), JSON.stringify({ layers: { patterns: { domain: ['src/infrastructure/**'] } }, rules: { 'unresolved-import': 'off' } }));
    const reclassified = await analyze({ root, cache: false });
    expect(reclassified.graph.modules.find((node) => node.id === 'src/infrastructure/db.ts')?.layer).toBe('domain');
    expect(reclassified.findings).toEqual([]);
  });

  it('legacy profile keeps errors only', async () => {
    const root = makeRepo({ ...violation, 'src/a.ts': "import './b';\n", 'src/b.ts': "import './a';\n", 'strata.config.json': '{"profile":"legacy"}' });
    const result = await analyze({ root, cache: false });
    expect(result.findings.map((finding) => finding.ruleId)).toEqual(['layer-direction']);
  });
});
