/**
 * The static rules of `strata review` a finding can name: the rule that would have caught its cause in
 * source. A rule of the catalogue (RULES.md) that the engine does not check yet goes in PLANNED_RULES, and
 * the report says so rather than promise a check that does not run. A test holds both lists against the
 * engine's registry.
 */
export const LINKED_RULES = ['sync-io-in-request', 'event-loop-blocking-json', 'unbounded-concurrency', 'outbound-call-without-timeout', 'db-without-timeouts', 'stateful-process'] as const;

export type LinkedRule = (typeof LINKED_RULES)[number];

/** Catalogue rules `strata review` does not check yet: none since event-loop-blocking-json joined the engine. */
export const PLANNED_RULES: ReadonlySet<LinkedRule> = new Set<LinkedRule>();
