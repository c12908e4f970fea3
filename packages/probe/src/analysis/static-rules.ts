/**
 * The static rules of `strata review` a finding can name: the rule that would have caught its cause in
 * source. One of them is in the rules catalogue (RULES.md) but not yet in the engine; the report says so
 * rather than promise a check that does not run. A test holds both lists against the engine's registry.
 */
export const LINKED_RULES = ['sync-io-in-request', 'event-loop-blocking-json', 'unbounded-concurrency', 'outbound-call-without-timeout', 'db-without-timeouts', 'stateful-process'] as const;

export type LinkedRule = (typeof LINKED_RULES)[number];

/** Catalogue rules `strata review` does not check yet. */
export const PLANNED_RULES: ReadonlySet<LinkedRule> = new Set(['event-loop-blocking-json']);
