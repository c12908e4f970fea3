// `node scripts/bench/profile-summary.mjs <file.cpuprofile> [top]`: where a V8 CPU profile (from
// `npm run bench -- --cpu-prof <dir>`) spent its time: self time per function and per package, so
// the README's claims about what bounds an endpoint can be re-checked from a fresh profile.
import { readFileSync } from 'node:fs';

const [file, topArgument = '25'] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: profile-summary.mjs <file.cpuprofile> [top]\n');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8'));
const top = Number(topArgument);

// Sample intervals are attributed to the node that was on top of the stack (self time).
const selfMicros = new Map();
for (let index = 0; index < profile.samples.length; index++) {
  const delta = profile.timeDeltas[index + 1] ?? 0;
  selfMicros.set(profile.samples[index], (selfMicros.get(profile.samples[index]) ?? 0) + delta);
}
const total = [...selfMicros.values()].reduce((sum, value) => sum + value, 0);

/** A package name (or the repo's own src/, node: internals, the engine) for a script URL. */
function owner(url) {
  if (!url) return '(engine: gc, idle, program, native)';
  const modules = url.lastIndexOf('node_modules/');
  if (modules !== -1) {
    const parts = url.slice(modules + 'node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  if (url.startsWith('node:')) return 'node: internals';
  const source = url.indexOf('/src/');
  return source === -1 ? url : `conduit ${url.slice(source + 1).split('/').slice(0, 3).join('/')}`;
}

const byFunction = new Map();
const byOwner = new Map();
for (const node of profile.nodes) {
  const micros = selfMicros.get(node.id) ?? 0;
  if (micros === 0) continue;
  const frame = node.callFrame;
  const name = `${frame.functionName || '(anonymous)'} ${frame.url ? `${frame.url.split('/').slice(-2).join('/')}:${frame.lineNumber + 1}` : ''}`;
  byFunction.set(name, (byFunction.get(name) ?? 0) + micros);
  const who = owner(frame.url);
  byOwner.set(who, (byOwner.get(who) ?? 0) + micros);
}

const percent = (micros) => `${((micros / total) * 100).toFixed(1).padStart(5)}%`;
const print = (title, map) => {
  process.stdout.write(`\n${title}\n`);
  for (const [name, micros] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) process.stdout.write(`${percent(micros)}  ${name}\n`);
};
process.stdout.write(`${file}: ${(total / 1e6).toFixed(1)} s sampled\n`);
print('self time by package', byOwner);
print('self time by function', byFunction);
