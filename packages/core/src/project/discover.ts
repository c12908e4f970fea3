import { existsSync, readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { isIgnored, parseGitignore, type IgnoreRule } from './gitignore.js';
import { isSkippedDirectory, isSkippedPath } from './ignore.js';
import { isSourceFile, toAbsolute, toRelative } from './paths.js';

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
  const relativeFiles = fromGit ?? listByWalking(root);
  const allFiles = relativeFiles.filter((file) => !isSkippedPath(file)).sort();
  const sourceFiles = allFiles.filter(isSourceFile).map((file) => toAbsolute(root, file));
  return { sourceFiles, allFiles, via: fromGit ? 'git' : 'walk' };
}

async function listWithGit(root: string): Promise<string[] | null> {
  // No `.git` above the folder: git has nothing to say, and starting it costs more than this check.
  if (!process.env.GIT_DIR && !underGitCheckout(root)) return null;
  try {
    // Loaded only for a git checkout: node:child_process is a twentieth of a small service's start-up.
    const run = promisify((await import('node:child_process')).execFile);
    // Outside a work tree (inside `.git`, a bare repository) ls-files fails, and the folder is walked:
    // no separate `rev-parse` first, which cost a second process on every run.
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

/** A `.git` folder (or, in a linked work tree or submodule, file) in the folder or one above it. */
function underGitCheckout(root: string): boolean {
  for (let directory = root; ; directory = path.dirname(directory)) {
    if (existsSync(path.join(directory, '.git'))) return true;
    if (path.dirname(directory) === directory) return false;
  }
}

function isRegularFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function readGitignore(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/**
 * Synchronous on purpose, like the result cache's stamps: a repository has hundreds to thousands of
 * folders, and each `readdir` through the thread pool costs several times the call itself (novu's
 * 1,389 folders: about 60 ms of a warm run's 0.45 s by the thread pool, a fraction of that inline).
 */
function listByWalking(root: string): string[] {
  const files: string[] = [];
  const visit = (directory: string, inherited: readonly IgnoreRule[]): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(directory, { withFileTypes: true });
    } catch {
      return; // unreadable folder: nothing to analyse inside it
    }
    const relativeDir = toRelative(root, directory);
    // The same array below a folder without a .gitignore: the matcher arranges each list once.
    const rules = entries.some((entry) => entry.name === '.gitignore' && entry.isFile())
      ? [...inherited, ...parseGitignore(readGitignore(path.join(directory, '.gitignore')), relativeDir)]
      : inherited;
    const subdirectories: string[] = [];
    for (const entry of entries) {
      const relative = relativeDir ? `${relativeDir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (isSkippedDirectory(entry.name) || isIgnored(rules, relative, true)) continue;
        subdirectories.push(entry.name);
      } else if ((entry.isFile() || entry.isSymbolicLink()) && !isIgnored(rules, relative, false)) {
        if (entry.isSymbolicLink() && !isRegularFile(path.join(directory, entry.name))) continue;
        files.push(relative);
      }
    }
    for (const name of subdirectories) visit(path.join(directory, name), rules);
  };
  visit(root, []);
  return files;
}
