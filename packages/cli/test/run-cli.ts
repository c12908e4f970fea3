import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll } from 'vitest';
import { main } from '../src/main.js';

class Capture extends Writable {
  text = '';
  isTTY = false;
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

const created: string[] = [];
afterAll(() => created.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

export function tempDir(files: Record<string, string> = {}): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'strata-cli-'));
  created.push(root);
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
  }
  return root;
}

/** How the captured streams look to the CLI: a terminal or a pipe, and extra environment (NO_COLOR, …). */
export interface RunOptions {
  tty?: boolean;
  env?: Record<string, string>;
}

/** Runs the CLI in-process exactly as the bin does, with captured streams and a private cache. */
export async function runCli(args: string[], cwd: string, options: RunOptions = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new Capture();
  const stderr = new Capture();
  stdout.isTTY = stderr.isTTY = options.tty ?? false;
  const cacheHome = tempDir();
  const code = await main(args, { stdout, stderr, cwd, env: { XDG_CACHE_HOME: cacheHome, ...options.env } });
  return { code, stdout: stdout.text, stderr: stderr.text };
}
