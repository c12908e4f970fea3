// The measurement, as pure functions: an analysis result and the ledger in, figures out. No I/O here,
// so the counts are the same whether they are printed as text, Markdown or JSON.

import { VERDICTS } from './inputs.mjs';

export const PRECISION_TARGET = 0.9;
const JUDGED_SEVERITIES = new Set(['warn', 'error']);

/**
 * The front-end folders the engine names in its context. `context.frontends` has been a list of
 * folder strings; it may become `{ folder, reason }` objects: both are read.
 */
export function detectedFrontends(context) {
  return frontendEntries(context).map((entry) => entry.folder);
}

/** The detected front-ends with the engine's reason, when it gives one (`{ folder, reason }` shape). */
export function frontendEntries(context) {
  const items = Array.isArray(context?.frontends) ? context.frontends : [];
  return items
    .map((item) => (typeof item === 'string' ? { folder: item } : { folder: item?.folder ?? item?.path ?? item?.name, reason: item?.reason }))
    .filter((entry) => typeof entry.folder === 'string')
    .map((entry) => ({ folder: entry.folder.replace(/^\.\/|\/+$/g, ''), ...(typeof entry.reason === 'string' ? { reason: entry.reason } : {}) }));
}

/** Whether a root-relative path lies in a folder ('' or '.' being the whole repository). */
export function inFolder(file, folder) {
  return folder === '' || folder === '.' || file === folder || file.startsWith(`${folder}/`);
}

const verdictOf = (judgments, finding) => {
  const verdict = judgments[finding.fingerprint]?.verdict;
  return VERDICTS.includes(verdict) ? verdict : null;
};

const listed = (finding) => ({
  fingerprint: finding.fingerprint,
  rule: finding.ruleId,
  severity: finding.severity,
  file: finding.file,
  line: finding.line,
  message: finding.message,
});

/**
 * One repository's figures. Precision counts only warn/error findings; parse errors are judged at
 * any severity (a "true" parse error is a file that really is not legal code, so only the others
 * count against the target). Front-end folders are the union of what the engine detected and what
 * repos.json declares by hand, so a front-end the engine misses still counts.
 */
export function measureRepo(entry, result, judgments = {}, durationMs = 0) {
  const findings = result.findings ?? [];
  const judged = findings.filter((finding) => JUDGED_SEVERITIES.has(finding.severity));
  const parseErrors = findings.filter((finding) => finding.ruleId === 'parse-error');
  const judgeable = [...new Set([...judged, ...parseErrors])];

  const counts = { true: 0, debatable: 0, false: 0, unjudged: 0 };
  for (const finding of judged) counts[verdictOf(judgments, finding) ?? 'unjudged'] += 1;
  const judgedCount = counts.true + counts.debatable + counts.false;

  const entries = frontendEntries(result.context);
  const detected = entries.map((entry) => entry.folder);
  const declared = entry.frontends ?? [];
  const frontendFolders = [...new Set([...detected, ...declared])];
  const fromFrontends = findings.filter((finding) => frontendFolders.some((folder) => inFolder(finding.file, folder)));

  const produced = new Set(judgeable.map((finding) => finding.fingerprint));
  const stale = Object.entries(judgments)
    .filter(([fingerprint]) => !produced.has(fingerprint))
    .map(([fingerprint, judgment]) => ({ fingerprint, verdict: judgment.verdict, rule: judgment.rule, file: judgment.file, reason: judgment.reason }));

  return {
    name: entry.name,
    kind: entry.kind,
    files: result.stats?.files ?? 0,
    findings: judged.length,
    ...counts,
    shareTrue: judgedCount ? counts.true / judgedCount : null,
    parseErrors: parseErrors.length,
    parseErrorsOnLegalCode: parseErrors.filter((finding) => verdictOf(judgments, finding) !== 'true').length,
    frontendFindings: fromFrontends.length,
    frontends: {
      detected,
      reasons: Object.fromEntries(entries.filter((entry) => entry.reason).map((entry) => [entry.folder, entry.reason])),
      declared,
      undetected: declared.filter((folder) => !detected.some((found) => inFolder(folder, found))),
    },
    durationMs: Math.round(durationMs),
    unjudgedFindings: judgeable.filter((finding) => !verdictOf(judgments, finding)).map(listed),
    // What keeps the share below 100%: the work list for the next precision pass.
    notTrueFindings: judged
      .filter((finding) => ['debatable', 'false'].includes(verdictOf(judgments, finding)))
      .map((finding) => ({ ...listed(finding), verdict: verdictOf(judgments, finding), reason: judgments[finding.fingerprint]?.reason ?? '' })),
    frontendFindingList: fromFrontends.map(listed),
    stale,
  };
}

/** Sums over the measured repositories, and whether each target of issue 11 is met. */
export function summarise(records, failed = []) {
  const sum = (key) => records.reduce((total, record) => total + record[key], 0);
  const totals = {
    repositories: records.length,
    files: sum('files'),
    findings: sum('findings'),
    true: sum('true'),
    debatable: sum('debatable'),
    false: sum('false'),
    unjudged: sum('unjudged'),
    parseErrors: sum('parseErrors'),
    parseErrorsOnLegalCode: sum('parseErrorsOnLegalCode'),
    frontendFindings: sum('frontendFindings'),
    stale: records.reduce((total, record) => total + record.stale.length, 0),
    durationMs: sum('durationMs'),
  };
  const judgedCount = totals.true + totals.debatable + totals.false;
  totals.shareTrue = judgedCount ? totals.true / judgedCount : null;
  // The target is over every warn/error finding: one not yet judged cannot be counted as true.
  const shareOfAll = totals.findings ? totals.true / totals.findings : 1;
  const targets = {
    precision: { met: totals.unjudged === 0 && shareOfAll >= PRECISION_TARGET, shareOfAll, unjudged: totals.unjudged },
    parseErrors: { met: totals.parseErrorsOnLegalCode === 0, count: totals.parseErrorsOnLegalCode },
    frontends: { met: totals.frontendFindings === 0, count: totals.frontendFindings },
    complete: { met: failed.length === 0, failed: failed.map((failure) => failure.name) },
  };
  return { totals, targets, allMet: Object.values(targets).every((target) => target.met) };
}
