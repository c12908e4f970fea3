import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from './run-cli.js';

const BIN = fileURLToPath(new URL('../bin/strata.js', import.meta.url));

describe('the strata bin', () => {
  it('ends quietly with exit 0 when the reader closes the pipe early (strata review | head)', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 3000; i++) files[`src/modules/m${i}/domain/entity-${i}.ts`] = `import { x } from '../../m${(i + 1) % 3000}/domain/entity-${(i + 1) % 3000}.js';\nexport const x${i} = x;\n`;
    const root = tempDir(files);
    const child = spawn(process.execPath, [BIN, 'review', root, '--format', 'json', '--no-cache'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // Like `head -c`: take the first chunk, then close our end of the pipe.
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
