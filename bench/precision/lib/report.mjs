// Renders a precision run (pure: the run's data in, text out): a terminal table, a Markdown table for
// bench/precision/README.md, and the skeleton of ledger entries for the findings not yet judged.

import { PRECISION_TARGET } from './measure.mjs';

const percent = (share) => (share === null || share === undefined ? '–' : `${Math.round(share * 100)}%`);
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const FRONTEND_LIST_LIMIT = 10;

function rowOf(record) {
  return [record.name, record.files, record.findings, record.true, record.debatable, record.false, record.unjudged, percent(record.shareTrue), record.parseErrors, record.frontendFindings, seconds(record.durationMs)];
}

const HEADER = ['repository', 'files', 'warn+error', 'true', 'debatable', 'false', 'unjudged', 'true/judged', 'parse errors', 'front-end', 'time'];

function targetLines(run) {
  const { precision, parseErrors, frontends, complete } = run.summary.targets;
  const mark = (met) => (met ? 'MET    ' : 'NOT MET');
  const totals = run.summary.totals;
  const precisionDetail = precision.unjudged
    ? `${totals.true} of ${totals.findings} true so far; ${precision.unjudged} not yet judged`
    : `${totals.true} of ${totals.findings} true (${percent(precision.shareOfAll)})`;
  const lines = [
    `${mark(precision.met)}  at least ${PRECISION_TARGET * 100}% of warn/error findings judged true: ${precisionDetail}`,
    `${mark(parseErrors.met)}  zero parse errors on legal code: ${parseErrors.count} (parse errors not judged "true")`,
    `${mark(frontends.met)}  nothing from front-end code: ${frontends.count} finding(s) in front-end folders`,
  ];
  if (!complete.met) lines.push(`${mark(false)}  every repository measured: analysis failed on ${complete.failed.join(', ')}`);
  return lines;
}

function table(rows) {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => String(row[column]).length)));
  return rows.map((row) => row.map((cell, column) => (column === 0 ? String(cell).padEnd(widths[column]) : String(cell).padStart(widths[column]))).join('  ').trimEnd());
}

const findingLine = (repo, finding) => `  ${repo}  ${finding.fingerprint}  ${finding.rule}  ${finding.file}:${finding.line}  ${finding.message}`;

/** The terminal report: table, notes, targets, then the unjudged and stale lists. */
export function textReport(run) {
  const { records, summary } = run;
  const out = [`Precision of Strata ${run.strata.version}${run.strata.commit ? ` (${run.strata.commit})` : ''} on ${run.corpus}`, ''];
  const totals = summary.totals;
  out.push(...table([HEADER, ...records.map(rowOf), ['total', totals.files, totals.findings, totals.true, totals.debatable, totals.false, totals.unjudged, percent(totals.shareTrue), totals.parseErrors, totals.frontendFindings, seconds(totals.durationMs)]]));
  out.push('');
  for (const record of records) {
    const named = record.frontends.detected.map((folder) => (record.frontends.reasons[folder] ? `${folder} (${record.frontends.reasons[folder]})` : folder));
    if (named.length) out.push(`${record.name}: front-ends detected: ${named.join(', ')}`);
    if (record.frontends.undetected.length) out.push(`${record.name}: front-ends declared in repos.json but not (wholly) detected: ${record.frontends.undetected.join(', ')}`);
  }
  for (const failure of run.failed) out.push(`${failure.name}: ANALYSIS FAILED: ${failure.error}`);
  if (run.absent.length) out.push(`not checked out (node bench/precision/checkout.mjs): ${run.absent.join(', ')}`);
  if (run.unknownLedgerRepos.length) out.push(`ledger names repositories missing from repos.json: ${run.unknownLedgerRepos.join(', ')}`);
  out.push('', 'Targets', ...targetLines(run).map((line) => `  ${line}`));

  const unjudged = records.flatMap((record) => record.unjudgedFindings.map((finding) => findingLine(record.name, finding)));
  out.push('', `Not yet judged (${unjudged.length}; paste a skeleton with --unjudged)`, ...(unjudged.length ? unjudged : ['  none']));
  const notTrue = records.flatMap((record) =>
    record.notTrueFindings.map((finding) => `${findingLine(record.name, finding)}  ${finding.verdict}: ${finding.reason}`.trimEnd()),
  );
  out.push('', `Produced and judged debatable or false (${notTrue.length})`, ...(notTrue.length ? notTrue : ['  none']));
  const frontend = records.filter((record) => record.frontendFindingList.length);
  if (frontend.length) {
    out.push('', 'Findings from front-end folders');
    for (const record of frontend) {
      out.push(...record.frontendFindingList.slice(0, FRONTEND_LIST_LIMIT).map((finding) => findingLine(record.name, finding)));
      const more = record.frontendFindingList.length - FRONTEND_LIST_LIMIT;
      if (more > 0) out.push(`  ${record.name}  … and ${more} more (--json lists all)`);
    }
  }
  const stale = records.flatMap((record) => record.stale.map((entry) => `  ${record.name}  ${entry.fingerprint}  ${entry.rule ?? '?'}  ${entry.file ?? '?'}  was ${entry.verdict || 'unjudged'}: ${entry.reason ?? ''}`.trimEnd()));
  out.push('', `Stale judgments: in the ledger, no longer produced (${stale.length}; not an error)`, ...(stale.length ? stale : ['  none']));
  return `${out.join('\n')}\n`;
}

/** A Markdown table and the targets, to paste under "Figures" in bench/precision/README.md. */
export function markdownReport(run) {
  const { records, summary } = run;
  const totals = summary.totals;
  const escape = (cell) => String(cell).replaceAll('|', '\\|');
  const line = (cells) => `| ${cells.map(escape).join(' | ')} |`;
  const rows = records.map((record) => {
    const [name, ...rest] = rowOf(record);
    return line([name, record.kind, ...rest]);
  });
  const out = [
    `Run of ${run.date.slice(0, 10)}, Strata ${run.strata.version}${run.strata.commit ? ` at ${run.strata.commit}` : ''}, ${records.length} ${records.length === 1 ? 'repository' : 'repositories'} (\`npm run precision -- --markdown\`).`,
    '',
    line(['repository', 'kind', ...HEADER.slice(1)]),
    line(['---', '---', ...HEADER.slice(1).map(() => '---:')]),
    ...rows,
    line(['**total**', '', totals.files, totals.findings, totals.true, totals.debatable, totals.false, totals.unjudged, percent(totals.shareTrue), totals.parseErrors, totals.frontendFindings, seconds(totals.durationMs)]),
    '',
    ...targetLines(run).map((text) => `- ${text.replace(/^(MET|NOT MET)\s+/, (_, mark) => `**${mark}**: `)}`),
  ];
  if (run.absent.length) out.push(`- not checked out, so not measured: ${run.absent.join(', ')}`);
  return `${out.join('\n')}\n`;
}

/** The findings not yet judged as ledger entries with an empty verdict and reason, ready to fill in. */
export function ledgerSkeleton(run) {
  const skeleton = {};
  for (const record of run.records) {
    if (!record.unjudgedFindings.length) continue;
    skeleton[record.name] = Object.fromEntries(
      record.unjudgedFindings.map((finding) => [finding.fingerprint, { verdict: '', rule: finding.rule, file: finding.file, line: finding.line, message: finding.message, reason: '' }]),
    );
  }
  return skeleton;
}

/** The ledger with the skeleton's entries added; an entry already there (judged or not) is kept as it is. */
export function mergeSkeleton(ledger, skeleton) {
  const merged = structuredClone(ledger);
  for (const [repo, entries] of Object.entries(skeleton)) {
    merged[repo] ??= {};
    for (const [fingerprint, entry] of Object.entries(entries)) merged[repo][fingerprint] ??= entry;
  }
  return merged;
}
