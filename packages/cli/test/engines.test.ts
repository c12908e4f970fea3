import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string; engines?: { node?: string } };
const range = readJson(path.join(REPO, 'package.json')).engines!.node!;

/** Every installed package folder under a node_modules, nested ones included (workspace links skipped). */
function installed(nodeModules: string): string[] {
  if (!existsSync(nodeModules)) return [];
  return readdirSync(nodeModules, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name.startsWith('.') || !entry.isDirectory()) return [];
    const dir = path.join(nodeModules, entry.name);
    if (entry.name.startsWith('@')) return installed(dir);
    return existsSync(path.join(dir, 'package.json')) ? [dir, ...installed(path.join(dir, 'node_modules'))] : [];
  });
}

describe('engines', () => {
  it('every workspace package declares the root range', () => {
    const manifests = ['packages', 'templates', 'examples'].flatMap((group) =>
      readdirSync(path.join(REPO, group))
        .map((dir) => path.join(REPO, group, dir, 'package.json'))
        .filter((file) => existsSync(file)),
    );
    const differing = manifests.filter((file) => readJson(file).engines?.node !== range).map((file) => path.relative(REPO, file));
    expect(differing).toEqual([]);
  });

  it(`every installed dependency accepts all of ${range}, so npm ci warns on no supported Node version`, () => {
    const workspaces = ['packages', 'templates', 'examples'].flatMap((group) => readdirSync(path.join(REPO, group)).map((dir) => path.join(REPO, group, dir, 'node_modules')));
    const refusing = [path.join(REPO, 'node_modules'), ...workspaces].flatMap(installed).flatMap((dir) => {
      const { name, version, engines } = readJson(path.join(dir, 'package.json'));
      return engines?.node && typeof engines.node === 'string' && !semver.subset(range, engines.node) ? [`${name}@${version} wants node ${engines.node}`] : [];
    });
    expect(refusing).toEqual([]);
  });
});
