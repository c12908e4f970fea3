/**
 * The page's stylesheet. System fonts only (the page must not fetch anything); every text colour
 * keeps a contrast of at least 4.5:1 on its background; severity is always written as a word as
 * well as coloured, so nothing depends on colour alone.
 */
export const STYLES = `
:root { color-scheme: light; --fg: #1b1f24; --muted: #4a5360; --line: #d0d7de; --bg: #ffffff; --panel: #f6f8fa;
  --error: #b3261e; --warn: #8a4600; --info: #0b57d0; --ok: #1a7f37; --focus: #0b57d0; --cycle: #6f42c1; }
* { box-sizing: border-box; }
html { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Ubuntu, sans-serif; color: var(--fg); background: var(--bg); }
body { margin: 0; }
code, pre, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 13px; }
a { color: var(--info); }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.skip { position: absolute; left: -999px; top: 0; background: var(--bg); padding: 8px; z-index: 10; }
.skip:focus { left: 8px; }
header.top { padding: 16px 24px 8px; border-bottom: 1px solid var(--line); }
header.top h1 { margin: 0; font-size: 22px; }
header.top p { margin: 4px 0 0; color: var(--muted); }
nav.sections { position: sticky; top: 0; z-index: 5; background: var(--bg); border-bottom: 1px solid var(--line); padding: 6px 24px; display: flex; gap: 4px; flex-wrap: wrap; }
nav.sections a { padding: 4px 10px; border-radius: 6px; text-decoration: none; color: var(--fg); }
nav.sections a:hover { background: var(--panel); }
main { padding: 0 24px 48px; max-width: 1400px; }
section { padding-top: 16px; scroll-margin-top: 40px; }
h2 { font-size: 19px; margin: 16px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 16px; margin: 12px 0 6px; }
.muted { color: var(--muted); }
table { border-collapse: collapse; }
th, td { text-align: left; padding: 4px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: var(--panel); font-weight: 600; }
table.context th { background: none; color: var(--muted); font-weight: 500; width: 120px; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.meter { display: inline-block; width: 120px; height: 10px; background: #e6e9ed; border-radius: 5px; vertical-align: middle; overflow: hidden; }
.meter > span { display: block; height: 100%; }
.meter.good > span { background: var(--ok); } .meter.fair > span { background: #bf8700; } .meter.poor > span { background: var(--error); }
.sev { display: inline-block; min-width: 52px; font-size: 12px; font-weight: 700; text-transform: uppercase; letter-spacing: .03em; }
.sev-error { color: var(--error); } .sev-warn { color: var(--warn); } .sev-info { color: var(--info); }
.toolbar { display: flex; flex-wrap: wrap; gap: 8px 14px; align-items: end; background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 8px 12px; margin: 8px 0; }
.toolbar label { display: flex; flex-direction: column; font-size: 12px; color: var(--muted); gap: 2px; }
.toolbar label.inline { flex-direction: row; align-items: center; gap: 6px; font-size: 14px; color: var(--fg); }
select, input[type=search], button { font: inherit; font-size: 14px; color: var(--fg); }
select, input[type=search] { padding: 3px 6px; border: 1px solid #8c959f; border-radius: 6px; background: var(--bg); min-width: 150px; }
#filter-path, #route-filter, #module-search { min-width: 240px; }
button { padding: 3px 10px; border: 1px solid #8c959f; border-radius: 6px; background: var(--bg); cursor: pointer; }
button:hover { background: #eaeef2; }
ul.findings { list-style: none; margin: 0; padding: 0; }
li.finding { border: 1px solid var(--line); border-left-width: 4px; border-radius: 6px; margin: 6px 0; }
li.finding.finding-error { border-left-color: var(--error); } li.finding.finding-warn { border-left-color: var(--warn); } li.finding.finding-info { border-left-color: var(--info); }
button.finding-head { display: grid; grid-template-columns: 64px minmax(120px, 200px) minmax(160px, 320px) 1fr; gap: 8px; width: 100%; text-align: left; border: 0; border-radius: 6px; padding: 6px 10px; background: none; }
button.finding-head .where { overflow-wrap: anywhere; }
.finding-body { padding: 4px 14px 12px; border-top: 1px solid var(--line); }
.finding-body dt { font-weight: 600; margin-top: 6px; }
.finding-body dd { margin: 0 0 0 0; }
pre.excerpt { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 6px 0; overflow-x: auto; margin: 6px 0; }
pre.excerpt span.ln { display: inline-block; width: 48px; padding-right: 8px; text-align: right; color: var(--muted); user-select: none; }
pre.excerpt .hit { background: #fff1c2; display: block; }
ol.trace { list-style: none; counter-reset: step; padding: 0; margin: 6px 0; }
ol.trace li { counter-increment: step; position: relative; padding: 2px 0 10px 36px; }
ol.trace li::before { content: counter(step); position: absolute; left: 0; top: 2px; width: 24px; height: 24px; border-radius: 50%; background: var(--info); color: #fff; text-align: center; font-size: 12px; line-height: 24px; font-weight: 700; }
ol.trace li:not(:last-child)::after { content: ""; position: absolute; left: 11px; top: 28px; bottom: 0; width: 2px; background: #9fb6e0; }
ol.trace li:last-child::before { background: var(--error); }
ol.trace code { display: block; color: var(--muted); }
.finding-body .data { overflow-wrap: anywhere; }
.message code, .finding-body dd > code { background: #eef1f4; border-radius: 3px; padding: 0 3px; overflow-wrap: anywhere; }
.more { margin: 8px 0; }
.diagram { border: 1px solid var(--line); border-radius: 8px; overflow: auto; background: #fff; }
.diagram svg { display: block; }
.lane-label { font-weight: 600; fill: var(--fg); }
.lane-count { fill: var(--muted); font-size: 12px; }
.flow { cursor: pointer; }
.flow .hit { stroke: transparent; fill: none; }
.flow:hover .line, .flow:focus .line, .flow.selected .line { stroke-opacity: 1; filter: drop-shadow(0 0 2px #0008); }
.flow:focus { outline: none; }
.flow:focus-visible .hit { stroke: #0b57d033; }
.panel { border: 1px solid var(--line); border-radius: 8px; padding: 8px 12px; margin: 8px 0; background: var(--panel); }
.panel ul { margin: 4px 0; padding-left: 20px; max-height: 320px; overflow: auto; }
.graph-wrap { display: grid; grid-template-columns: 1fr 320px; gap: 10px; }
.viewport { height: 70vh; min-height: 300px; border: 1px solid var(--line); border-radius: 8px; overflow: hidden; position: relative; touch-action: none; }
.viewport svg { width: 100%; height: 100%; display: block; cursor: grab; }
.node rect { stroke: #57606a; stroke-width: 1; rx: 5; }
.node text { font-size: 12px; fill: var(--fg); pointer-events: none; }
.node { cursor: pointer; }
.node.folder rect { stroke-dasharray: 4 2; }
.node.tangled rect { stroke: var(--cycle); stroke-width: 2.5; }
.node.match rect { stroke: var(--focus); stroke-width: 3; }
.node.selected rect { stroke: var(--fg); stroke-width: 3; }
.node:focus { outline: none; } .node:focus-visible rect { stroke: var(--focus); stroke-width: 4; }
.edge { fill: none; stroke: #6e7781; stroke-opacity: .45; }
.edge.violation { stroke: var(--error); stroke-opacity: .9; }
.edge.cycle { stroke: var(--cycle); stroke-opacity: .8; }
.edge.break { stroke: var(--cycle); stroke-dasharray: 6 3; stroke-opacity: 1; }
.edge-hit { fill: none; stroke: transparent; stroke-width: 10; pointer-events: stroke; cursor: pointer; }
.dim .edge:not(.lit), .dim .node:not(.lit) { opacity: .15; }
.col-label { font-weight: 600; font-size: 13px; fill: var(--muted); }
.legend { display: flex; flex-wrap: wrap; gap: 14px; font-size: 13px; color: var(--muted); margin: 6px 0; }
.legend i { display: inline-block; width: 22px; height: 0; border-top: 3px solid #6e7781; vertical-align: middle; margin-right: 4px; }
.legend i.violation { border-color: var(--error); } .legend i.cycle { border-color: var(--cycle); } .legend i.break { border-top-style: dashed; border-color: var(--cycle); }
ul.matches { list-style: none; margin: 4px 0; padding: 0; max-height: 220px; overflow: auto; }
ul.matches button { border: 0; background: none; padding: 2px 4px; text-align: left; width: 100%; }
.cycle-path { display: flex; flex-wrap: wrap; align-items: center; gap: 4px; margin: 6px 0; }
.cycle-path .step { background: var(--panel); border: 1px solid var(--line); border-radius: 4px; padding: 1px 6px; }
.cycle-path .arrow { color: var(--muted); } .cycle-path .arrow.break { color: var(--cycle); font-weight: 700; }
.method { font-weight: 700; }
.missing { color: var(--error); }
details.folder summary { cursor: pointer; }
details.folder .folder-body { padding-left: 18px; }
details.folder ul { margin: 2px 0 6px; }
details.rule-doc { margin-top: 8px; }
details.rule-doc > summary { cursor: pointer; color: var(--info); }
div.rule-doc { border-left: 3px solid var(--line); padding: 0 0 0 12px; margin-top: 6px; }
div.rule-doc h4 { margin: 12px 0 4px; font-size: 15px; }
div.rule-doc pre.doc-code { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 6px 10px; overflow-x: auto; }
div.rule-doc table { margin: 6px 0; }
footer { color: var(--muted); font-size: 13px; padding: 16px 24px; border-top: 1px solid var(--line); }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@media (max-width: 900px) { .graph-wrap { grid-template-columns: 1fr; } button.finding-head { grid-template-columns: 1fr; } }
@media print {
  nav.sections, .toolbar, .more, .skip, .no-print, button.show-in-graph { display: none !important; }
  main { max-width: none; padding: 0 8px; }
  section { break-inside: auto; }
  h2 { break-after: avoid; }
  li.finding, tr, .panel { break-inside: avoid; }
  .viewport { height: auto; min-height: 0; overflow: visible; border: 0; }
  .viewport svg { height: 60vh; }
  .graph-wrap { grid-template-columns: 1fr; }
  .finding-body[hidden] { display: block !important; }
  /* Paper cannot scroll sideways or open a disclosure: long lines wrap, wide diagrams shrink to the page. */
  pre, pre.excerpt, .mono { white-space: pre-wrap; overflow-wrap: anywhere; }
  .diagram { overflow: visible; }
  .diagram svg { max-width: 100%; height: auto; }
  details.rule-doc { display: none; }
  a { color: inherit; text-decoration: none; }
  html { font-size: 12px; }
}
`;
