import { promises as fs } from 'node:fs';
import { StrataError } from '../errors.js';
import type { Finding } from '../types.js';
import { compareText } from '../compare-text.js';

export interface Baseline {
  version: 1;
  findings: { fingerprint: string; ruleId: string; file: string; message: string }[];
}

export function createBaseline(findings: readonly Finding[]): Baseline {
  const entries = findings
    .map(({ fingerprint, ruleId, file, message }) => ({ fingerprint, ruleId, file, message }))
    .sort((a, b) => compareText(a.file, b.file) || compareText(a.ruleId, b.ruleId) || compareText(a.fingerprint, b.fingerprint));
  return { version: 1, findings: entries };
}

export async function readBaseline(file: string): Promise<Baseline> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    throw new StrataError('BASELINE_INVALID', `Baseline file not found: ${file} (create it with --update-baseline).`);
  }
  try {
    // Zod is loaded only when a baseline is read.
    const { baselineSchema } = await import('./baseline-schema.js');
    return baselineSchema.parse(JSON.parse(text));
  } catch {
    throw new StrataError('BASELINE_INVALID', `${file} is not a Strata baseline (expected {"version": 1, "findings": [...]}).`);
  }
}

export async function writeBaseline(file: string, baseline: Baseline): Promise<void> {
  await fs.writeFile(file, `${JSON.stringify(baseline, null, 2)}\n`);
}

/** Splits findings into new ones and those the baseline already knows. */
export function applyBaseline(findings: readonly Finding[], baseline: Baseline): { fresh: Finding[]; known: number } {
  const known = new Set(baseline.findings.map((entry) => entry.fingerprint));
  const fresh = findings.filter((finding) => !known.has(finding.fingerprint));
  return { fresh, known: findings.length - fresh.length };
}
