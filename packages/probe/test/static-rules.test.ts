import { RULES } from '@strata/core';
import { describe, expect, it } from 'vitest';
import { LINKED_RULES, PLANNED_RULES } from '../src/analysis/static-rules.js';
import { ruleText } from '../src/report/figures.js';
import type { ProbeFinding } from '../src/report/types.js';

describe('the static rules a probe finding names', () => {
  const engine = new Set(RULES.map((rule) => rule.meta.id));

  it('are in strata review, or listed as planned; a planned rule that the engine gained is no longer planned', () => {
    expect(LINKED_RULES.filter((id) => !engine.has(id) && !PLANNED_RULES.has(id))).toEqual([]);
    expect([...PLANNED_RULES].filter((id) => engine.has(id))).toEqual([]);
  });

  it('says that strata review checks event-loop-blocking-json, the rule a blocking finding in JSON.parse/stringify names', () => {
    const finding = { rule: 'event-loop-blocking-json' } as ProbeFinding;
    expect(engine.has('event-loop-blocking-json')).toBe(true);
    expect(ruleText(finding)).toBe('static rule: event-loop-blocking-json (strata review catches the cause in source)');
  });
});
