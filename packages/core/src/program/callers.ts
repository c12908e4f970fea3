import { CallGraph, keyOf, type FunctionKey, type ResolvedCall } from './call-graph.js';
import type { ProgramModels } from './models.js';
import { isTooling } from './tooling.js';

/**
 * Every call into a project function from the service's code (not scripts or CI helpers), by the
 * function called. One pass over all call sites; rules build it only when a finding depends on what
 * the callers pass (a hashing helper's argument, a token payload given as a parameter).
 */
export function callersIndex(models: ProgramModels): Map<FunctionKey, ResolvedCall[]> {
  const callers = new Map<FunctionKey, ResolvedCall[]>();
  for (const call of models.everyCall) {
    const target = isTooling(call.file) ? null : CallGraph.target(call);
    if (!target) continue;
    const key = keyOf(target);
    const list = callers.get(key) ?? [];
    list.push(call);
    callers.set(key, list);
  }
  return callers;
}
