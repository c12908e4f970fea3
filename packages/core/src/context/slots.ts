import type { DetectedItem } from '../types.js';
import { SIGNATURES, type ContextSlot } from './signatures.js';

/** The evidence a slot is read from: manifests and the packages the source imports. */
export interface DependencyEvidence {
  /** package.json files (root first) with their relative paths. */
  manifests: readonly { file: string; manifest: Record<string, unknown> }[];
  /** External packages imported by the source, with how many files import each. */
  importedPackages: ReadonlyMap<string, number>;
}

/** Each manifest's names, listed once: every slot's every label asks every manifest (a monorepo has a hundred). */
const namesByManifest = new WeakMap<Record<string, unknown>, readonly string[]>();

export function dependencyNames(manifest: Record<string, unknown>): readonly string[] {
  let names = namesByManifest.get(manifest);
  if (!names) {
    names = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'].flatMap((field) =>
      Object.keys((manifest[field] as Record<string, string> | undefined) ?? {}),
    );
    namesByManifest.set(manifest, names);
  }
  return names;
}

/** The same names as a set, for the signature keys that name one package (most of them). */
const nameSets = new WeakMap<Record<string, unknown>, ReadonlySet<string>>();

function dependencyNameSet(manifest: Record<string, unknown>): ReadonlySet<string> {
  let names = nameSets.get(manifest);
  if (!names) nameSets.set(manifest, (names = new Set(dependencyNames(manifest))));
  return names;
}

/** A signature key ending in `*` names a family of packages (`passport-*`, `@mikro-orm/*`). */
const isFamily = (key: string): boolean => key.endsWith('*');

/** A signature key matches its package, or every package of a family. */
function matcher(key: string): (name: string) => boolean {
  return isFamily(key) ? (name) => name.startsWith(key.slice(0, -1)) : (name) => name === key;
}

/** Whether a manifest depends on a package the keys name: a lookup per exact key, a scan only for families. */
function declaresTest(keys: readonly string[], matchesAny: (name: string) => boolean): (manifest: Record<string, unknown>) => boolean {
  if (keys.some(isFamily)) return (manifest) => dependencyNames(manifest).some(matchesAny);
  return (manifest) => {
    const names = dependencyNameSet(manifest);
    return keys.some((key) => names.has(key));
  };
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/**
 * The items of one slot. Package.json wins over imports as evidence (it says what is installed);
 * the evidence names every package of the family that was found, so `passport, passport-jwt` reads
 * as one Passport with its strategy.
 */
export function detectItems(signatures: Readonly<Record<string, string>>, evidence: DependencyEvidence): DetectedItem[] {
  const byLabel = new Map<string, string[]>();
  for (const [key, label] of Object.entries(signatures)) byLabel.set(label, [...(byLabel.get(label) ?? []), key]);
  const detected: DetectedItem[] = [];
  for (const [name, keys] of byLabel) {
    const matches = keys.map(matcher);
    const matchesAny = (dependency: string): boolean => matches.some((match) => match(dependency));
    const declares = declaresTest(keys, matchesAny);
    const manifest = evidence.manifests.find(({ manifest: m }) => declares(m));
    if (manifest) {
      detected.push({ name, evidence: `${dependencyNames(manifest.manifest).filter(matchesAny).join(', ')} in ${manifest.file}` });
      continue;
    }
    const imported = [...evidence.importedPackages].filter(([dependency]) => matchesAny(dependency));
    if (imported.length === 0) continue;
    const importers = Math.max(...imported.map(([, count]) => count));
    detected.push({ name, evidence: `${imported.map(([dependency]) => dependency).join(', ')} imported by ${plural(importers, 'file')}` });
  }
  return detected;
}

export function detectSlot(slot: ContextSlot, evidence: DependencyEvidence): DetectedItem[] {
  return detectItems(SIGNATURES[slot], evidence);
}

/**
 * The dependency evidence of the backend alone: a React app's Jest, Cypress or Express dev server
 * says nothing of the service under review. Front-end files are never parsed, so their imports are
 * already absent; their manifests are left out here.
 */
export function backendEvidence(evidence: DependencyEvidence, frontendFolders: readonly string[]): DependencyEvidence {
  const folders = frontendFolders.filter((folder) => folder !== '.' && folder !== '');
  const inFrontend = (file: string): boolean => folders.some((folder) => file.startsWith(`${folder}/`));
  return { manifests: evidence.manifests.filter(({ file }) => !inFrontend(file)), importedPackages: evidence.importedPackages };
}
