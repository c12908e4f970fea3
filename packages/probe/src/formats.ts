/** The report formats `strata probe --format` accepts; a module of its own so the CLI can list them without loading the probe. */
export const PROBE_FORMATS = ['text', 'json', 'markdown', 'html'] as const;
export type ProbeFormat = (typeof PROBE_FORMATS)[number];
