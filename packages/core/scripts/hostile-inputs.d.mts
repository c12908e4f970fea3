export declare function seededRandom(seed: number): () => number;
export declare const NESTING_SHAPES: readonly string[];
export declare function hostileFile(random: () => number, index: number): { kind: string; name: string; content: string | Uint8Array };
export declare function writeHostileRepo(root: string, options: { seed: number; files: number; hugeFileBytes?: number }): Record<string, number>;
