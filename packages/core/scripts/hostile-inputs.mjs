// Hostile repositories for `strata review`: files and folder shapes that have crashed parsers,
// resolvers and walkers. Seeded, so a failing run can be replayed with the same seed.
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** mulberry32: small, fast and good enough to vary inputs reproducibly. */
export function seededRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = (random, items) => items[Math.floor(random() * items.length)];
const between = (random, low, high) => low + Math.floor(random() * (high - low + 1));

/** Shapes that each recurse once per repetition in a recursive-descent parser. */
const NESTING = {
  parens: (n) => `export const x = ${'('.repeat(n)}1${')'.repeat(n)};\n`,
  brackets: (n) => `export const x = ${'['.repeat(n)}1${']'.repeat(n)};\n`,
  objects: (n) => `export const x = ${'{a:'.repeat(n)}1${'}'.repeat(n)};\n`,
  templates: (n) => `export const x = ${'`${'.repeat(n)}1${'}`'.repeat(n)};\n`,
  generics: (n) => `export type X = ${'A<'.repeat(n)}1${'>'.repeat(n)};\n`,
  arrows: (n) => `export const x = ${'() =>\n'.repeat(n)}1;\n`,
  ternaries: (n) => `export const x = ${'a ? '.repeat(n)}1${' : 2'.repeat(n)};\n`,
  ifs: (n) => `${'if (a) '.repeat(n)}x();\n`,
  blocks: (n) => `${'{'.repeat(n)}${'}'.repeat(n)}\n`,
  unary: (n) => `export const x = ${'!'.repeat(n * 5)}1;\n`,
  binary: (n) => `export const x = 1${' + 1'.repeat(n * 11)};\n`,
  jsx: (n) => `export const x = ${'<a>'.repeat(n)}${'</a>'.repeat(n)};\n`,
  calls: (n) => `f${'(1)'.repeat(n * 30)};\n`,
};
export const NESTING_SHAPES = Object.keys(NESTING);

const TOKENS = ['(', ')', '[', ']', '{', '}', '`', '${', "'", '"', '/', '/*', '*/', '//', '\n', '=>', '?', ':', ';', ',', '<', '>',
  'import', 'export', 'from', 'require(', 'class', 'function', 'async', 'await', 'if', 'else', '@Get(', 'x', '1', ' ', '\\', '#', '\u2028'];

function randomBytes(random, size) {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i += 1) bytes[i] = Math.floor(random() * 256);
  return bytes;
}

/** Valid-looking code with byte sequences that are not UTF-8 (lone continuation bytes, overlong forms, surrogates). */
function invalidUtf8(random) {
  const bad = pick(random, [[0xc3, 0x28], [0xa0, 0xa1], [0xe2, 0x28, 0xa1], [0xf0, 0x28, 0x8c, 0xbc], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xff]]);
  return Uint8Array.from([...Buffer.from('export const name = "'), ...bad, ...Buffer.from('";\n')]);
}

/** What a bundler emits: one huge line, short names, every construct packed together. */
function minifiedBundle(random, size) {
  const parts = [];
  let length = 0;
  for (let i = 0; length < size; i += 1) {
    const part = pick(random, [
      `var a${i}=function(e,t){return e&&e.__esModule?e:{default:e}}(r${i},${i});`,
      `!function(e){e.x${i}=e.y?e.y+${i}:(e.z||[]).map(n=>n*${i})}(window);`,
      `const c${i}=\`t\${a}-\${b?c:d}\`,d${i}=/[(){}\\[\\]]+/g.test(s)?1:0;`,
      `class K${i} extends B{constructor(){super(),this.v=${i}}get x(){return this.v??0}}`,
      `require("./m${i % 50}");import("./lazy${i}").then(m=>m.default);`,
    ]);
    parts.push(part);
    length += part.length;
  }
  return parts.join('');
}

function tokenSoup(random, tokens) {
  let out = '';
  for (let i = 0; i < tokens; i += 1) out += pick(random, TOKENS);
  return out;
}

/** One hostile source file of a kind chosen by the seed; `kind` names it in the figures. */
export function hostileFile(random, index) {
  const kind = pick(random, ['bytes', 'utf8', 'nesting', 'nesting', 'minified', 'soup', 'truncated', 'nul-late', 'long-line', 'bom-crlf']);
  const ext = pick(random, ['.ts', '.js', '.tsx', '.mjs', '.cjs', '.jsx']);
  const name = `src/${kind}-${index}${ext}`;
  switch (kind) {
    case 'bytes':
      return { kind, name, content: randomBytes(random, between(random, 1, 20_000)) };
    case 'utf8':
      return { kind, name, content: invalidUtf8(random) };
    case 'nesting': {
      const shape = pick(random, NESTING_SHAPES);
      return { kind: `nesting:${shape}`, name, content: NESTING[shape](between(random, 1_000, 12_000)) };
    }
    case 'minified':
      return { kind, name, content: minifiedBundle(random, between(random, 10_000, 300_000)) };
    case 'soup':
      return { kind, name, content: tokenSoup(random, between(random, 10, 30_000)) };
    case 'truncated': {
      const full = minifiedBundle(random, 5_000);
      return { kind, name, content: full.slice(0, between(random, 1, full.length)) };
    }
    case 'nul-late':
      // Past the 8,000 bytes the binary sniff reads, so the text reaches the parser.
      return { kind, name, content: `${'// pad\n'.repeat(1_500)}export const x = "\u0000";\n` };
    case 'long-line':
      return { kind, name, content: `export const s = "${'x'.repeat(between(random, 100_000, 1_400_000))}";\n` };
    default:
      return { kind, name, content: `\uFEFFimport a from './a';\r\nexport default a;\r\n${'\u2028'.repeat(3)}` };
  }
}

/**
 * Writes one hostile repository at `root`: `files` source files plus the structural traps (broken
 * manifests, circular tsconfig `extends`, symlink loops, an unreadable folder). Returns the kinds written.
 */
export function writeHostileRepo(root, { seed, files, hugeFileBytes = 0 }) {
  const random = seededRandom(seed);
  const kinds = {};
  const write = (name, content) => {
    const target = path.join(root, name);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, content);
  };
  for (let i = 0; i < files; i += 1) {
    const file = hostileFile(random, i);
    write(file.name, file.content);
    kinds[file.kind] = (kinds[file.kind] ?? 0) + 1;
  }
  write('package.json', pick(random, ['{"name":', '{"name":"x","workspaces":["packages/*"],"dependencies":{"express":5}}', '\u0000\u0001', '[]', 'null']));
  write('packages/broken/package.json', '{"name": "broken", "exports": {"./x": 42}, "imports": "#nope"');
  write('packages/broken/src/index.ts', "import x from '#nope';\nimport y from 'broken/x';\nexport { x, y };\n");
  write('tsconfig.json', '{"extends": "./tsconfig.a.json", "compilerOptions": {"paths": {"@/*": ["src/*"]}}}');
  write('tsconfig.a.json', '{"extends": "./tsconfig.b.json"}');
  write('tsconfig.b.json', '{"extends": "./tsconfig.json"}');
  write('packages/broken/tsconfig.json', '{"extends": "../../missing/tsconfig.json", "compilerOptions": ');
  write('src/uses-alias.ts', "import a from '@/bytes-0';\nimport b from '../packages/broken/src/index';\nexport { a, b };\n");
  mkdirSync(path.join(root, 'src/loop'), { recursive: true });
  symlinkSync(path.join(root, 'src'), path.join(root, 'src/loop/back'));
  symlinkSync(path.join(root, 'src/loop/self'), path.join(root, 'src/loop/self'));
  symlinkSync('/dev/zero', path.join(root, 'src/device.ts'));
  write('src/locked/secret.ts', 'export const secret = 1;\n');
  chmodSync(path.join(root, 'src/locked'), 0o000);
  kinds.structural = 9;
  if (hugeFileBytes > 0) {
    write('src/huge.ts', Buffer.alloc(hugeFileBytes, 'export const x = [1,2,3];\n'));
    kinds.huge = 1;
  }
  return kinds;
}
