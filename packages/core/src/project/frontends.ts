import path from 'node:path';
import { toRelative } from './paths.js';
import type { WorkspacePackage } from './workspaces.js';

const UI_FRAMEWORKS = ['react', 'react-dom', 'vue', '@angular/core', 'svelte', 'solid-js', 'preact', 'next', 'nuxt', '@remix-run/react', 'react-native', 'expo'];
const SERVER_FRAMEWORKS = ['express', 'fastify', '@nestjs/core', 'koa', '@hapi/hapi', 'hono', 'restify'];

function dependsOn(manifest: Record<string, unknown>, names: readonly string[]): boolean {
  const fields = ['dependencies', 'peerDependencies', 'devDependencies'] as const;
  return fields.some((field) => names.some((name) => name in ((manifest[field] as Record<string, string> | undefined) ?? {})));
}

/**
 * Workspace packages that are front-end apps or UI libraries (a UI framework, no server framework).
 * Strata reviews backends: their folders (`components/`, `services/`, `lib/`) mean something else,
 * so they keep their place in the graph but are not placed in backend layers.
 */
export function frontendFolders(root: string, workspaces: readonly WorkspacePackage[]): string[] {
  return workspaces
    .filter(({ manifest }) => dependsOn(manifest, UI_FRAMEWORKS) && !dependsOn(manifest, SERVER_FRAMEWORKS))
    .map(({ directory }) => toRelative(root, path.resolve(directory)))
    .sort();
}
