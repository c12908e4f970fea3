import type { DetectedItem } from '../types.js';
import { detectSlot, type DependencyEvidence } from './slots.js';

/**
 * Node's own runner is started by a script, not installed: `node --test`, `node --import tsx --test`,
 * `tsx --test`, `node --loader ts-node/esm --test`. `--test` must be a flag of its own (not
 * `--test-reporter`, not Jest's `--testTimeout`) given to node or tsx in the same command.
 */
const NODE_TEST_COMMAND = /(?:^|[\s"'`(])((?:node|tsx)(?:\s+(?!&&|\|\||;)\S+)*?\s+--test(?![\w-]))/;

function nodeTestScript(evidence: DependencyEvidence): string | null {
  for (const { file, manifest } of evidence.manifests) {
    const scripts = (manifest.scripts as Record<string, unknown> | undefined) ?? {};
    for (const [name, script] of Object.entries(scripts)) {
      if (typeof script !== 'string') continue;
      for (const command of script.split(/&&|\|\||;|\|/)) {
        const found = NODE_TEST_COMMAND.exec(command)?.[1];
        if (found) return `\`${found}\` in the "${name}" script of ${file}`;
      }
    }
  }
  return null;
}

/** Installed runners from the manifests, and node:test from a script or from test files importing it. */
export function testRunners(evidence: DependencyEvidence, builtinImporters: (builtin: string) => number): DetectedItem[] {
  const detected = detectSlot('testRunners', evidence);
  const script = nodeTestScript(evidence);
  const importers = builtinImporters('node:test');
  if (script) detected.push({ name: 'node:test', evidence: script });
  else if (importers > 0) detected.push({ name: 'node:test', evidence: `node:test imported by ${importers} file${importers === 1 ? '' : 's'}` });
  return detected;
}
