import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

const created: string[] = [];
afterAll(() => {
  for (const dir of created) rmSync(dir, { recursive: true, force: true });
});

/** Writes a throwaway repository outside this git work tree; optionally makes it a git repository of its own. */
export function makeRepo(files: Record<string, string | Uint8Array>, options: { git?: boolean } = {}): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'strata-test-'));
  created.push(root);
  for (const [file, content] of Object.entries(files)) {
    const target = path.join(root, file);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
  if (options.git) {
    execFileSync('git', ['init', '-q'], { cwd: root });
    execFileSync('git', ['add', '-A'], { cwd: root });
  }
  return root;
}

/** A private cache folder per test, so runs never share state. */
export function tempCacheDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'strata-cache-'));
  created.push(dir);
  return dir;
}
