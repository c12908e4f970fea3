/** The V8 flags the launcher sets for a V8 version string (`process.versions.v8`). */
export function launcherV8Flags(v8Version: string): string[];
