import { z } from 'zod';
import { RULES } from '../rules/index.js';

const RULE_IDS = RULES.map((rule) => rule.meta.id);
const severityOrOff = z.enum(['error', 'warn', 'info', 'off']);

/** strata.config.json, a `strata` key in package.json, or the default export of strata.config.mjs/.ts. */
export const configSchema = z.strictObject({
  $schema: z.string().optional(),
  profile: z.enum(['recommended', 'strict-clean', 'legacy']).default('recommended').describe('Which architecture expectations apply: the detected shape (recommended), Clean Architecture everywhere (strict-clean), or errors only for adoption (legacy).'),
  failOn: z.enum(['error', 'warn', 'info', 'none']).default('error').describe('The lowest severity that makes `strata check` exit with 1.'),
  ignore: z.array(z.string()).default([]).describe('Globs, relative to the root, of files that are not analysed.'),
  rules: z
    .record(z.string(), severityOrOff)
    .default({})
    .superRefine((rules, context) => {
      for (const id of Object.keys(rules)) {
        if (!RULE_IDS.includes(id)) context.addIssue({ code: 'custom', path: [id], message: `unknown rule id; expected one of ${RULE_IDS.join(', ')}` });
      }
    })
    .describe('Severity per rule id, or "off".'),
  ruleOptions: z
    .record(z.string(), z.record(z.string(), z.unknown()))
    .default({})
    .superRefine((options, context) => {
      for (const [id, value] of Object.entries(options)) {
        const rule = RULES.find((candidate) => candidate.meta.id === id);
        if (!rule) {
          context.addIssue({ code: 'custom', path: [id], message: `unknown rule id; expected one of ${RULE_IDS.join(', ')}` });
          continue;
        }
        if (!rule.meta.options) {
          context.addIssue({ code: 'custom', path: [id], message: 'this rule takes no options' });
          continue;
        }
        const parsed = rule.meta.options.schema(z).safeParse(value);
        for (const issue of parsed.success ? [] : parsed.error.issues) context.addIssue({ code: 'custom', path: [id, ...issue.path.map(String)], message: issue.message });
      }
    })
    .describe('Options per rule id (thresholds and lists); each rule\'s page lists its options and defaults.'),
  layers: z
    .strictObject({
      preset: z.enum(['clean', 'nestjs', 'mvc']).optional().describe('Force a layer preset instead of detecting it.'),
      patterns: z.record(z.string(), z.array(z.string())).optional().describe('Layer name -> globs of files in it, checked before the preset.'),
      allowed: z.record(z.string(), z.array(z.string())).optional().describe('Layer name -> layers it may import.'),
    })
    .default({}),
  scope: z
    .strictObject({
      frontend: z.array(z.string()).optional().describe('Folders (globs, relative to the root) that are front-end code: not reviewed, whatever the evidence says.'),
      backend: z.array(z.string()).optional().describe('Folders (globs) reviewed as backend code even when they look like a front-end or their tsconfig excludes them.'),
    })
    .default({})
    .describe('What is reviewed: Strata detects front-end apps and UI libraries by evidence and leaves them out; this overrides it both ways.'),
  baseline: z.string().optional().describe('Path of a baseline file of known findings, relative to the root.'),
});

export type StrataConfig = z.output<typeof configSchema>;
export type StrataConfigInput = z.input<typeof configSchema>;
