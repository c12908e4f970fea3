import { globToRegexSource } from '../project/gitignore.js';
import { CLEAN_PRESET, folder, NO_LAYER, OUTSIDE_LAYERS, LAYER_FOLDERS, MVC_PRESET, NEST_PRESET, PRESETS, type LayerPattern, type PatternTiers, type Preset } from './presets.js';

export type Shape = 'clean' | 'nestjs' | 'mvc' | 'flat';

export interface LayerOverrides {
  preset?: Preset['name'];
  /** layer name -> globs relative to the root; checked before any preset pattern. */
  patterns?: Record<string, string[]>;
  /** layer name -> layers it may import; replaces the preset's entry for that layer. */
  allowed?: Record<string, string[]>;
}

export interface LayerModel {
  shape: Shape;
  preset: Preset;
  layerNames: string[];
  /** True when the config placed files or changed directions: messages then cite the config, not the preset. */
  customized: boolean;
  layerOf(relative: string): string | undefined;
  /** The layer a config glob or a folder named after a layer gives the file: explicit placement only. */
  explicitLayerOf(relative: string): string | undefined;
  /** The workspace package folder holding the file (`libs/shared/`), or '' outside any. */
  packageOf(relative: string): string;
  isAllowed(from: string, to: string): boolean;
}

/** Folders named after Clean Architecture layers: the strongest statement of the architecture. */
const CLEAN_MARKER = /(^|\/)(domain|application|infrastructure|interfaces|presentation|use-cases)\//;
/** DDD codebases name folders in camelCase or short forms; evidence too, beside the layer names. */
const DDD_MARKER = /(^|\/)(domain|application|infrastructure|infra|interfaces|presentation|use-cases|useCases|usecases|use_cases|repos|mappers)\//;
const MVC_MARKER = /(^|\/)(routes|controllers|services|models)\//;
const ROLE_MARKER = /\.(controller|service|model|repository|routes?)\.[cm]?[jt]s$/;

function distinctMatches(files: readonly string[], marker: RegExp): number {
  const seen = new Set<string>();
  for (const file of files) {
    const match = marker.exec(file);
    if (match) seen.add(match[2] ?? match[0]);
  }
  return seen.size;
}

/** Decides what the repository is, so it is judged by the architecture it has. */
export function detectShape(files: readonly string[], usesNest: boolean): Shape {
  return shapeOf(files, usesNest, holdsDeliveryInterfaces(files));
}

function shapeOf(files: readonly string[], usesNest: boolean, deliveryInterfaces: boolean): Shape {
  const markers = deliveryInterfaces ? files : files.filter((file) => !/(^|\/)interfaces\//.test(file));
  if (distinctMatches(markers, CLEAN_MARKER) >= 2) return 'clean';
  // A Nest app with `usecases/` folders is still read by Nest's file roles; elsewhere DDD folders decide.
  if (!usesNest && distinctMatches(markers, DDD_MARKER) >= 2) return 'clean';
  // Role-suffixed files (users.controller.ts) are common in Express apps too: only Nest itself makes a Nest app.
  if (usesNest) return 'nestjs';
  if (distinctMatches(files, MVC_MARKER) >= 2 || files.filter((file) => ROLE_MARKER.test(file)).length >= 3) return 'mvc';
  return 'flat';
}

/** The first tier with a match decides; within it, the match nearest the file name wins. */
function layerByTiers(tiers: PatternTiers, relative: string): string | undefined {
  for (const tier of tiers) {
    let best: { layer: string; at: number } | undefined;
    for (const candidate of tier) {
      const match = candidate.pattern.exec(relative);
      if (!match) continue;
      const at = match.index + match[0].length;
      if (!best || at > best.at) best = { layer: candidate.layer, at };
    }
    if (best) return best.layer === NO_LAYER ? undefined : best.layer;
  }
  return undefined;
}

function globPattern(layer: string, glob: string): LayerPattern {
  return { layer, pattern: new RegExp(`^${globToRegexSource(glob.replace(/^\.\//, ''))}$`) };
}

/**
 * `interfaces/` is also where TypeScript code keeps its interface declarations. It names the
 * delivery layer only when it holds delivery code: http/, controllers/, routes/… or controllers.
 */
const DELIVERY_INTERFACES = /(^|\/)interfaces\/((http|controllers|routes|rest|graphql|grpc|cli|web|api|middlewares?|consumers)\/|(.*\/)?[^/]*[.-](controller|route|routes|resolver|handler)\.[cm]?[jt]sx?$)/;

function holdsDeliveryInterfaces(files: readonly string[]): boolean {
  return files.some((file) => DELIVERY_INTERFACES.test(file));
}

function withoutTypeFolders(tiers: PatternTiers, deliveryInterfaces: boolean): PatternTiers {
  if (deliveryInterfaces) return tiers;
  const interfacesFolder = folder('interfaces|presentation').source;
  return tiers.map((tier) =>
    tier.map((candidate) =>
      candidate.pattern.source === interfacesFolder ? { layer: candidate.layer, pattern: folder('presentation') } : candidate,
    ),
  );
}

export function buildLayerModel(
  files: readonly string[],
  usesNest: boolean,
  overrides: LayerOverrides = {},
  /**
   * The path conventions apply inside a package: in a monorepo, `services/orders/src/x.ts` is read
   * as `src/x.ts`, so container folders (`services/`, `apps/api/`) are not mistaken for layers.
   */
  withinPackage: (relative: string) => string = (relative) => relative,
  /** Nest's file roles apply to files of a package built on NestJS, not to an SDK beside it in the monorepo. */
  isNestFile: (relative: string) => boolean = () => usesNest,
): LayerModel {
  const packagePaths = files.map(withinPackage);
  const deliveryInterfaces = holdsDeliveryInterfaces(packagePaths);
  const shape = shapeOf(packagePaths, usesNest, deliveryInterfaces);
  const presetName = overrides.preset ?? (shape === 'flat' ? 'mvc' : shape);
  const preset = PRESETS.find((candidate) => candidate.name === presetName) ?? CLEAN_PRESET;
  // Folder conventions mix in real repositories (Nest apps with clean folders inside modules,
  // MVC apps growing a domain/ folder): the chosen preset speaks first, the others fill gaps.
  const fallbacks = [CLEAN_PRESET, ...(usesNest ? [NEST_PRESET] : []), MVC_PRESET].filter((candidate) => candidate !== preset);
  const custom = Object.entries(overrides.patterns ?? {}).flatMap(([layer, globs]) => globs.map((glob) => globPattern(layer, glob)));
  // Config globs are checked before every convention, in the order the user wrote them.
  const configuredLayerOf = (relative: string): string | undefined => custom.find((candidate) => candidate.pattern.test(relative))?.layer;
  const tiers: PatternTiers = withoutTypeFolders([OUTSIDE_LAYERS, ...preset.tiers, ...fallbacks.flatMap((candidate) => candidate.tiers)], deliveryInterfaces);
  const nestFree = [preset, ...fallbacks].filter((candidate) => candidate !== NEST_PRESET);
  const tiersWithoutNest: PatternTiers = withoutTypeFolders([OUTSIDE_LAYERS, ...nestFree.flatMap((candidate) => candidate.tiers)], deliveryInterfaces);
  const explicitTier = withoutTypeFolders([LAYER_FOLDERS], deliveryInterfaces);
  const allowed: Record<string, readonly string[]> = { ...preset.allowed, ...overrides.allowed };
  const layerNames = [...new Set([...Object.keys(preset.allowed), ...Object.keys(overrides.patterns ?? {})])];
  const cache = new Map<string, string | undefined>();
  return {
    shape,
    preset,
    layerNames,
    customized: Boolean(overrides.patterns || overrides.allowed),
    layerOf(relative) {
      if (cache.has(relative)) return cache.get(relative);
      const conventions = usesNest && !isNestFile(relative) ? tiersWithoutNest : tiers;
      const layer = configuredLayerOf(relative) ?? (isTestFile(relative) ? undefined : layerByTiers(conventions, withinPackage(relative)));
      cache.set(relative, layer);
      return layer;
    },
    explicitLayerOf(relative) {
      return configuredLayerOf(relative) ?? layerByTiers(explicitTier, withinPackage(relative));
    },
    packageOf(relative) {
      return relative.slice(0, relative.length - withinPackage(relative).length);
    },
    isAllowed(from, to) {
      const permitted = allowed[from];
      return permitted === undefined || permitted.includes(to);
    },
  };
}

/** Tests may import any layer to exercise it: they sit outside the layering. */
const TEST_FILE = /((^|\/)(test|tests|__tests__|__mocks__|e2e|spec|specs|fixtures|cypress|playwright)\/|\.(test|spec|e2e-spec|e2e|cy)\.[cm]?[jt]sx?$)/;

export function isTestFile(relative: string): boolean {
  return TEST_FILE.test(relative);
}

const FEATURE_FOLDER = /(^|\/)(modules|features|contexts|bounded-contexts|domains|components)\/([^/]+)\//;

/** The feature module a file belongs to: `modules/<name>/…`, else the first folder under src/. */
export function featureOf(relative: string): string | undefined {
  const match = FEATURE_FOLDER.exec(relative);
  if (match) return match[3];
  const parts = relative.split('/');
  const srcIndex = parts.indexOf('src');
  const rest = srcIndex >= 0 ? parts.slice(srcIndex + 1) : parts;
  return rest.length > 1 ? rest[0] : undefined;
}
