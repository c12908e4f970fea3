/** The semi-space size, in MB, the main thread's young generation is held to on a V8 version (`process.versions.v8`), or null for V8's own or the user's (`userFlags`: execArgv and NODE_OPTIONS). */
export function youngGenerationCapMb(v8Version: string, userFlags?: string): number | null;
/** The flags that give threads started later that size from their start. */
export function threadYoungGenerationFlags(v8Version: string, userFlags?: string): string[];
/** Holds this thread's young generation to semi-spaces of `semiSpaceMb`; returns the function that stops it. */
export function capYoungGeneration(semiSpaceMb: number): () => void;
