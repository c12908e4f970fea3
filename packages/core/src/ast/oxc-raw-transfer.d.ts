// Subpaths oxc-parser exports (package.json `exports`) without typings: its raw-transfer building
// blocks, used by ./raw-parse.ts. Declared as far as Strata uses them.
declare module 'oxc-parser/src-js/bindings' {
  export function getBufferOffset(buffer: Uint8Array): number;
  export function parseRawSync(filename: string, block: Uint8Array, sourceStart: number, sourceByteLength: number, options: object): void;
}

declare module 'oxc-parser/src-js/generated/constants' {
  export const BLOCK_SIZE: number;
  export const BLOCK_ALIGN: number;
  export const BUFFER_SIZE: number;
  export const ACTIVE_SIZE: number;
  export const IS_TS_FLAG_POS: number;
}

declare module 'oxc-parser/src-js/generated/deserialize/js' {
  export function deserialize(buffer: Uint8Array, sourceText: string, sourceStart: number, sourceByteLength: number): import('oxc-parser').ParseResult;
}

declare module 'oxc-parser/src-js/generated/deserialize/ts' {
  export function deserialize(buffer: Uint8Array, sourceText: string, sourceStart: number, sourceByteLength: number): import('oxc-parser').ParseResult;
}
