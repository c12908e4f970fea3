/** The parts of a generated package.json that the generator edits. */
export interface PackageJson {
  name: string;
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies?: Record<string, string>;
  [key: string]: unknown;
}

const sorted = (record: Record<string, string>) => Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));

export function editDependencies(
  pkg: PackageJson,
  change: { add?: Record<string, string>; addDev?: Record<string, string>; remove?: readonly string[] },
): PackageJson {
  const dependencies = { ...pkg.dependencies, ...change.add };
  const devDependencies = { ...pkg.devDependencies, ...change.addDev };
  for (const name of change.remove ?? []) {
    delete dependencies[name];
    delete devDependencies[name];
  }
  return { ...pkg, dependencies: sorted(dependencies), devDependencies: sorted(devDependencies) };
}

/** Loads `.env` for the commands that run the service, when the user chose a PostgreSQL URL. */
export function useEnvFile(pkg: PackageJson): PackageJson {
  const scripts = { ...pkg.scripts };
  for (const [name, command] of Object.entries(scripts)) {
    scripts[name] = command.replace(/^node dist\//, 'node --env-file=.env dist/').replace(/^tsx /, 'tsx --env-file=.env ');
  }
  return { ...pkg, scripts };
}
