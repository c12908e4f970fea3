/**
 * Cycles and tangles: each cycle the engine reported drawn as steps, the tangle around it when the
 * no-circular finding names one, and the imports to cut: the finding's own ranked list for a tangle,
 * otherwise the cycle's imports against the layer direction.
 */
export const CYCLES = String.raw`
function importLines(from, to) {
  var lines = [];
  for (var e = 0; e < EDGE_COUNT; e++) if (D.edges[4 * e] === from && D.edges[4 * e + 1] === to) lines.push(D.edges[4 * e + 2]);
  return lines;
}

function cyclePath(cycle, cuts) {
  var path = h('div', { class: 'cycle-path', role: 'list', 'aria-label': 'Cycle' });
  cycle.forEach(function (file, i) {
    if (i > 0) {
      var cut = cuts.has(cycle[i - 1] + '>' + file);
      path.appendChild(h('span', { class: 'arrow' + (cut ? ' break' : ''), role: 'listitem', 'aria-label': cut ? 'imports, cut here' : 'imports', text: cut ? '\u2702\u2192' : '\u2192' }));
    }
    path.appendChild(h('span', { class: 'step mono', role: 'listitem', text: FILES[file] }));
  });
  return path;
}

function cutList(entry) {
  if (entry.cutSource === 'none') {
    return h('p', { text: 'No import of this cycle goes against the layer direction: removing or inverting any one of them breaks it.' });
  }
  var title = entry.cutSource === 'finding'
    ? 'Cut first (chosen by no-circular: each cut leaves the fewest files tangled):'
    : 'Cut here: ' + (entry.cuts.length === 1 ? 'the import' : 'the imports') + ' of the cycle against the layer direction:';
  return h('div', { class: 'cut-list' }, [h('p', { text: title }), limitedList(entry.cuts, 50, function (cut) {
    var after = cut.leaves === null ? '' : cut.leaves === 0 ? ' (no cycle left)' : ' (leaves ' + cut.leaves + ' tangled)';
    return h('li', { class: 'mono', text: '\u2702 ' + FILES[cut.from] + ':' + importLines(cut.from, cut.to).join(',') + ' \u2192 ' + FILES[cut.to] + after });
  })]);
}

function initCycles() {
  var root = byId('cycles-root');
  if (!root) return;
  if (!D.cycles.length) {
    root.appendChild(h('p', { text: 'No import cycles: every module can be loaded, tested and extracted on its own.' }));
    return;
  }
  root.appendChild(h('p', { class: 'muted', text: plural(D.cycles.length, 'group') + ' of modules import each other in a circle. \u2702 marks the imports to cut.' }));
  D.cycles.forEach(function (entry, t) {
    var cuts = new Set(entry.cuts.map(function (cut) { return cut.from + '>' + cut.to; }));
    var tangled = entry.members.length > entry.cycle.length - 1;
    var share = entry.share === null ? '' : ' (' + Math.max(1, Math.round(entry.share * 100)) + '% of the codebase)';
    append(root, h('div', { class: 'panel tangle', 'data-cycle': t }, [
      h('h3', { text: (tangled ? 'Tangle of ' + entry.members.length + ' modules' + share : 'Cycle of ' + entry.members.length + ' modules') }),
      tangled ? h('p', { class: 'muted', text: 'One of its cycles:' }) : null,
      cyclePath(entry.cycle, cuts),
      cutList(entry),
      tangled ? h('details', null, [h('summary', { text: 'All ' + entry.members.length + ' modules' }), limitedList(entry.members, 500, function (file) { return h('li', { class: 'mono', text: FILES[file] }); })]) : null,
      h('button', { type: 'button', class: 'show-in-graph', text: 'Show in the module graph', onclick: function () { emit('reveal-files', entry.members); } }),
    ]));
  });
}
`;
