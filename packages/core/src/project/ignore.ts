/**
 * Folders and files that are never the team's own source: dependencies, build output, coverage,
 * generated and vendored code. Applied in and out of git, on top of .gitignore.
 */
const SKIPPED_DIRECTORIES = new Set([
  'node_modules',
  'bower_components',
  'jspm_packages',
  'dist',
  'build',
  'out',
  'lib-cov',
  'coverage',
  '.nyc_output',
  '.next',
  '.nuxt',
  '.output',
  '.svelte-kit',
  '.turbo',
  '.cache',
  '.git',
  '.hg',
  '.svn',
  'vendor',
  'vendors',
  'third_party',
  'generated',
  '__generated__',
  '.generated',
  'tmp',
  '.tmp',
  // Test fixtures are sample inputs, often deliberately broken, not the team's production code.
  'fixtures',
  '__fixtures__',
]);

const GENERATED_FILE = /(\.min\.[cm]?js|\.bundle\.[cm]?js|\.generated\.[cm]?[jt]sx?|\.gen\.[cm]?[jt]s|-lock\.[cm]?js)$/;

export function isSkippedDirectory(name: string): boolean {
  return SKIPPED_DIRECTORIES.has(name);
}

/** True when any folder of the relative path, or the file name itself, marks non-team code. */
export function isSkippedPath(relativePath: string): boolean {
  const parts = relativePath.split('/');
  const fileName = parts.pop() ?? '';
  return parts.some(isSkippedDirectory) || GENERATED_FILE.test(fileName);
}
