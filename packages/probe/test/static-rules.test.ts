import { RULES } from '@strata/core';
import { describe, expect, it } from 'vitest';
import { LINKED_RULES, PLANNED_RULES } from '../src/analysis/static-rules.js';

describe('the static rules a probe finding names', () => {
  const engine = new Set(RULES.map((rule) => rule.meta.id));

  it('are in strata review, or listed as planned; a planned rule that the engine gained is no longer planned', () => {
    expect(LINKED_RULES.filter((id) => !engine.has(id) && !PLANNED_RULES.has(id))).toEqual([]);
    expect([...PLANNED_RULES].filter((id) => engine.has(id))).toEqual([]);
  });
});
