import { describe, expect, it } from 'vitest';
import { heldTickObject, keepTickObjectShapeAlive } from '../../src/shared/infrastructure/system/tick-object-shape.js';

describe('keepTickObjectShapeAlive', () => {
  it("holds one of process.nextTick's own tick objects, once, from the tick after the call", async () => {
    keepTickObjectShapeAlive();
    await new Promise<void>((resolve) => process.nextTick(resolve));
    const held = heldTickObject();
    // The shape that has to stay alive is the one nextTick's literal builds: its two async-id keys first.
    expect(Object.getOwnPropertySymbols(held).map((key) => key.description)).toEqual(['async_id_symbol', 'trigger_async_id_symbol']);
    expect(typeof (held as { callback?: unknown }).callback).toBe('function');

    keepTickObjectShapeAlive();
    await new Promise<void>((resolve) => process.nextTick(resolve));
    expect(heldTickObject()).toBe(held);
  });
});
