/// <reference path="./oxc-raw-transfer.d.ts" />
import { parseSync, type Comment, type ParseResult, type ParserOptions } from 'oxc-parser';
import { getBufferOffset, parseRawSync } from 'oxc-parser/src-js/bindings';
import { ACTIVE_SIZE, BLOCK_ALIGN, BLOCK_SIZE, BUFFER_SIZE, IS_TS_FLAG_POS } from 'oxc-parser/src-js/generated/constants';
import { importModule } from '../import-module.js';

/**
 * Parsing with the syntax tree handed to JavaScript by raw transfer: the parser writes the tree into
 * a buffer JavaScript shares, and oxc-parser's generated deserializer builds the objects from it. On
 * Node 20 the tree otherwise crosses as JSON (serialised in Rust, then `JSON.parse`), which costs more
 * than the parse itself.
 *
 * oxc-parser turns raw transfer on from Node 22 only, because it first views its whole buffer (6 GiB
 * of address space, committed only where written) as one Uint8Array, which Node 20 caps at 4 GiB - 1.
 * The parser needs only the address of a 4 GiB boundary inside the buffer, and one always lies within
 * its first 4 GiB: viewing that much is enough, and every other view fits Node 20's limits. The rest
 * is the package's own exported pieces (the native binding, its constants and deserializers).
 */

type RawBuffer = Uint8Array & { int32: Int32Array; float64: Float64Array; block: Uint8Array };
type Deserialize = (buffer: Uint8Array, sourceText: string, sourceStart: number, sourceByteLength: number) => ParseResult;

/** Node 20's largest typed array, in bytes. */
const LARGEST_VIEW = 2 ** 32 - 1;
/** The parser reserves three bytes of the buffer per character of source: longer text takes the JSON path. */
const LONGEST_SOURCE = (1 << 30) / 3;

const encoder = new TextEncoder();
/** One buffer per thread, reused file after file: the deserializer copies everything it reads out of it. */
let shared: RawBuffer | null | undefined;

function createBuffer(): RawBuffer | null {
  try {
    // Shared memory, though no other thread ever sees it: V8 counts a plain ArrayBuffer's 6 GiB as
    // memory the heap keeps alive and answers with a memory-reducing full collection at once (19-25 ms
    // on each parsing thread, compacting the heap and dropping compiled code it then compiles again);
    // a SharedArrayBuffer's backing store does not count towards that pressure.
    const memory = new SharedArrayBuffer(BLOCK_SIZE + BLOCK_ALIGN);
    const offset = getBufferOffset(new Uint8Array(memory, 0, Math.min(memory.byteLength, LARGEST_VIEW)));
    const buffer = new Uint8Array(memory, offset, BUFFER_SIZE) as RawBuffer;
    buffer.int32 = new Int32Array(memory, offset, BUFFER_SIZE / 4);
    buffer.float64 = new Float64Array(memory, offset, BUFFER_SIZE / 8);
    buffer.block = new Uint8Array(memory, offset, BLOCK_SIZE);
    return buffer;
  } catch {
    // No room for the address space (a ulimit, a 32-bit build): every file takes the JSON path.
    return null;
  }
}

function parseRaw(buffer: RawBuffer, deserialize: { js: Deserialize; ts: Deserialize }, filename: string, source: string, options: ParserOptions): ParseResult {
  const room = source.length * 3;
  const sourceStart = ACTIVE_SIZE - room;
  const { read, written } = encoder.encodeInto(source, new Uint8Array(buffer.buffer, buffer.byteOffset + sourceStart, room));
  if (read !== source.length) throw new Error('the source did not fit the parser buffer');
  parseRawSync(filename, buffer.block, sourceStart, written, options);
  const javascript = buffer[IS_TS_FLAG_POS] === 0;
  const result = (javascript ? deserialize.js : deserialize.ts)(buffer, source, sourceStart, written);
  // The JSON path lists a JavaScript file's hashbang (`#!/usr/bin/env node`) as its first comment.
  const hashbang = javascript ? (result.program as { hashbang?: { value: string; start: number; end: number } | null }).hashbang : null;
  if (hashbang) result.comments.unshift({ type: 'Line', value: hashbang.value, start: hashbang.start, end: hashbang.end } as Comment);
  return result;
}

/** The deserializers, once `enableRawTransfer` has loaded them. */
let deserializers: { js: Deserialize; ts: Deserialize } | null = null;

/**
 * Loads what raw transfer needs, for a thread about to parse many files. On Node 22 and later
 * oxc-parser offers raw transfer itself (`experimentalRawTransfer`), but over a plain ArrayBuffer,
 * which costs each parsing thread a memory-reducing full collection (novu on Node 22.23: 22-36 ms on
 * each thread, `--trace-gc`); this module's buffer does not (see `createBuffer`), so it is used on
 * every version. The deserializers are 330 KB of JavaScript: loading them, and running them before
 * V8 has optimised them, costs a 46-file service (fastify/demo) a tenth more main-thread instructions
 * than `JSON.parse`, which is native from the first file; juice-shop and novu (hundreds to thousands
 * of files) save 5-12% of their main thread's instructions. Until it is called, trees come by JSON.
 */
export async function enableRawTransfer(): Promise<void> {
  if (deserializers) return;
  try {
    const [js, ts] = await Promise.all([
      importModule<typeof import('oxc-parser/src-js/generated/deserialize/js')>('oxc-parser/src-js/generated/deserialize/js'),
      importModule<typeof import('oxc-parser/src-js/generated/deserialize/ts')>('oxc-parser/src-js/generated/deserialize/ts'),
    ]);
    deserializers = { js: js.deserialize, ts: ts.deserialize };
  } catch {
    // An oxc-parser without these modules: trees keep coming by JSON.
  }
}

/** The tree by raw transfer once `enableRawTransfer` has loaded the deserializers and the buffer could be reserved, else by JSON. */
export function parseWithRawTransfer(filename: string, source: string, options: ParserOptions): ParseResult {
  if (deserializers && shared === undefined) shared = createBuffer();
  return deserializers && shared ? parseRaw(shared, deserializers, filename, source, options) : parseSync(filename, source, options);
}

/**
 * Parses `source`. With `wantsTree`, the tree comes by raw transfer where it is enabled; without, by
 * oxc-parser's JSON path, whose tree is only built when read (a file answered by the module record
 * never reads it).
 */
export function parseSource(filename: string, source: string, options: ParserOptions, wantsTree: boolean): ParseResult {
  if (!wantsTree || source.length > LONGEST_SOURCE) return parseSync(filename, source, options);
  return parseWithRawTransfer(filename, source, options);
}
