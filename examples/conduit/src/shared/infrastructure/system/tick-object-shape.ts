import { executionAsyncResource } from 'node:async_hooks';

/**
 * Keeps one of Node's tick objects (what `process.nextTick` queues) alive for the life of the process.
 *
 * `process.nextTick` builds each tick as an object literal with two computed keys (Node 20:
 * `{ [async_id_symbol]: …, [trigger_async_id_symbol]: …, callback, args }`), and V8 remembers, weakly,
 * the hidden class the literal has after its first key. A tick lives for one turn of the event loop,
 * so a full garbage collection that runs while none is queued (as the idle-time collections of a
 * process with Conduit's heap do; the bare Fastify route's small heap rarely gets one) frees those
 * hidden classes and clears what V8 remembered. The literal's next run then marks that key's site
 * megamorphic, for good: every later `nextTick` in the process (Node's streams make about ten per HTTP
 * response) defines the key through V8's runtime (`Runtime_DefineKeyedOwnPropertyInLiteral`). Under
 * callgrind that was 22,000 to 38,000 more instructions per response in 10 of 16 Conduit processes. In
 * a bare script, one forced full collection with no tick queued turned 300,000 later ticks into
 * 225,000 runtime calls; with one tick object held, as here, the same script made none after it (its
 * hidden class keeps the ones before it alive).
 *
 * Call it first thing at start-up: once the site is megamorphic, holding a tick no longer helps.
 */
let held: object | undefined;
let requested = false;

export function keepTickObjectShapeAlive(): void {
  if (requested) return;
  requested = true;
  // Inside a nextTick callback the current async resource is the tick object itself.
  process.nextTick(() => {
    held = executionAsyncResource();
  });
}

/** The tick object held (undefined until the first tick after the call has run). */
export function heldTickObject(): object | undefined {
  return held;
}
