import { pathToFileURL } from 'node:url';
import { RULES } from '../rules/index.js';
import type { Severity, TraceStep } from '../types.js';
import type { Reporter } from './types.js';

const LEVELS: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warn: 'warning', info: 'note' };

const location = (step: TraceStep) => ({
  physicalLocation: {
    artifactLocation: { uri: step.file.split('/').map(encodeURIComponent).join('/'), uriBaseId: 'SRCROOT' },
    region: { startLine: step.line, startColumn: step.column },
  },
  message: { text: step.message },
});

/** A trace as one SARIF code flow: code scanning shows it as the steps from the handler to the line. */
function codeFlow(trace: readonly TraceStep[]) {
  return { threadFlows: [{ locations: trace.map((step) => ({ location: location(step) })) }] };
}

/** SARIF 2.1.0 for code scanning; fingerprints go in partialFingerprints so alerts survive line shifts. */
export const sarifReporter: Reporter = (result) => {
  const ruleIndex = new Map(RULES.map((rule, index) => [rule.meta.id, index]));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'strata',
            version: result.tool.version,
            rules: RULES.map(({ meta }) => ({
              id: meta.id,
              name: meta.id.replace(/(^|-)([a-z])/g, (_match, _dash: string, letter: string) => letter.toUpperCase()),
              shortDescription: { text: meta.title },
              fullDescription: { text: meta.why },
              help: { text: `${meta.why}\n\nHow to fix: ${meta.fix}\n\nDocs: docs/rules/${meta.id}.md`, markdown: `${meta.why}\n\n**How to fix:** ${meta.fix}\n\nDocs: \`docs/rules/${meta.id}.md\`` },
              defaultConfiguration: { level: LEVELS[meta.severity] },
              properties: { category: meta.category, tags: [meta.category] },
            })),
          },
        },
        originalUriBaseIds: { SRCROOT: { uri: pathToFileURL(`${result.root}/`).href } },
        results: result.findings.map((finding) => ({
          ruleId: finding.ruleId,
          ...(ruleIndex.has(finding.ruleId) ? { ruleIndex: ruleIndex.get(finding.ruleId) } : {}),
          level: LEVELS[finding.severity],
          message: { text: `${finding.message}\n\nWhy: ${finding.why}\nFix: ${finding.fix}` },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: finding.file.split('/').map(encodeURIComponent).join('/'), uriBaseId: 'SRCROOT' },
                region: { startLine: finding.line, startColumn: finding.column },
              },
            },
          ],
          partialFingerprints: { 'strata/v1': finding.fingerprint },
          ...(finding.route ? { properties: { route: finding.route } } : {}),
          ...(finding.trace?.length ? { codeFlows: [codeFlow(finding.trace)] } : {}),
        })),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};
