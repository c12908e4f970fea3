import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { isIgnored, parseGitignore, type IgnoreRule } from './gitignore.js';
import { isSkippedDirectory, isSkippedPath } from './ignore.js';
import { isSourceFile, toRelative } from './paths.js';

const run = promisify(execFile);

export interface Discovery {
  /** Absolute paths of the source files to analyse, sorted. */
  sourceFiles: string[];
  /** Relative paths of every non-ignored file: context detection looks for Dockerfiles, CI and tests here. */
  allFiles: string[];
  via: 'git' | 'walk';
}

/**
 * Lists the repository's own files. Inside a git work tree git answers (tracked and untracked,
 * minus ignored); elsewhere a walk applies .gitignore files itself. Symlinked folders are not
 * followed, which also makes symlink loops harmless.
 */
export async function discoverFiles(root: string): Promise<Discovery> {
  // A folder that git ignores (generated, or a checkout inside another repository's ignored path)
  // lists nothing through git; the user asked for it explicitly, so walk it instead.
  const listed = await listWithGit(root);
  const fromGit = listed && listed.length > 0 ? listed : null;
  const relativeFiles = fromGit ?? (await listByWalking(root));
  const allFiles = relativeFiles.filter((file) => !isSkippedPath(file)).sort();
  const sourceFiles = allFiles.filter(isSourceFile).map((file) => path.join(root, file));
  return { sourceFiles, allFiles, via: fromGit ? 'git' : 'walk' };
}

async function listWithGit(root: string): Promise<string[] | null> {
  try {
    const inside = await run('git', ['rev-parse', '--is-inside-work-tree'], { cwd: root });
    if (inside.stdout.trim() !== 'true') return null;
    // ls-files still lists tracked files deleted from the work tree; git names them itself, which
    // is much cheaper than a stat per file on large repositories.
    const [{ stdout }, deleted] = await Promise.all([
      run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', '.'], { cwd: root, maxBuffer: 256 * 1024 * 1024 }),
      run('git', ['ls-files', '-z', '--deleted', '--', '.'], { cwd: root, maxBuffer: 64 * 1024 * 1024 }),
    ]);
    const gone = new Set(deleted.stdout.split('\0').filter(Boolean));
    return [...new Set(stdout.split('\0'))].filter((file) => file && !gone.has(file));
  } catch {
    return null;
  }
}

async function isRegularFile(file: string): Promise<boolean> {
  try {
    return (await fs.stat(file)).isFile();
  } catch {
    return false;
  }
}

async function listByWalking(root: string): Promise<string[]> {
  const files: string[] = [];
  const visit = async (directory: string, inherited: IgnoreRule[]): Promise<void> => {
    let entries;
    try {
      entries = await fs.readdir(directory, { withFileTypes: true });
    } catch {
      return; // unreadable folder: nothing to analyse inside it
    }
    const relativeDir = toRelative(root, directory);
    const rules = [...inherited];
    if (entries.some((entry) => entry.name === '.gitignore' && entry.isFile())) {
      const text = await fs.readFile(path.join(directory, '.gitignore'), 'utf8').catch(() => '');
      rules.push(...parseGitignore(text, relativeDir));
    }
    const subdirectories: Promise<void>[] = [];
    for (const entry of entries) {
      const relative = relativeDir ? `${relativeDir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (isSkippedDirectory(entry.name) || isIgnored(rules, relative, true)) continue;
        subdirectories.push(visit(path.join(directory, entry.name), rules));
      } else if ((entry.isFile() || entry.isSymbolicLink()) && !isIgnored(rules, relative, false)) {
        if (entry.isSymbolicLink() && !(await isRegularFile(path.join(directory, entry.name)))) continue;
        files.push(relative);
      }
    }
    await Promise.all(subdirectories);
  };
  await visit(root, []);
  return files;
}
