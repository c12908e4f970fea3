/**
 * Cycles and tangles: each strongly connected component of the run-time imports, the cycle the
 * engine reported inside it drawn as steps, and the imports whose removal would break them all.
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
      path.appendChild(h('span', { class: 'arrow' + (cut ? ' break' : ''), role: 'listitem', 'aria-label': cut ? 'imports, break here' : 'imports', text: cut ? '\u2702\u2192' : '\u2192' }));
    }
    path.appendChild(h('span', { class: 'step mono', role: 'listitem', text: FILES[file] }));
  });
  return path;
}

function initCycles() {
  var root = byId('cycles-root');
  if (!root) return;
  if (!D.tangles.length) {
    root.appendChild(h('p', { text: 'No import cycles: every module can be loaded, tested and extracted on its own.' }));
    return;
  }
  root.appendChild(h('p', { class: 'muted', text: plural(D.tangles.length, 'group') + ' of modules import each other in a circle. Each lists the imports that, removed or inverted, would break every cycle in it (\u2702).' }));
  D.tangles.forEach(function (tangle, t) {
    var members = new Set(tangle.files);
    var cuts = new Set(tangle.breaks.map(function (pair) { return pair[0] + '>' + pair[1]; }));
    var reported = D.cycles.filter(function (cycle) { return members.has(cycle[0]); });
    var box = h('div', { class: 'panel tangle', 'data-tangle': t });
    append(box, [
      h('h3', { text: (tangle.files.length === 2 ? 'Cycle' : 'Tangle') + ' of ' + tangle.files.length + ' modules' }),
      reported.map(function (cycle) { return cyclePath(cycle, cuts); }),
      h('p', { text: 'Break here (' + plural(tangle.breaks.length, 'import') + '):' }),
      limitedList(tangle.breaks, 50, function (pair) {
        return h('li', { class: 'mono', text: FILES[pair[0]] + ':' + importLines(pair[0], pair[1]).join(',') + ' \u2192 ' + FILES[pair[1]] });
      }),
      tangle.files.length > 2 ? h('details', null, [h('summary', { text: 'All ' + tangle.files.length + ' modules' }), limitedList(tangle.files, 500, function (file) { return h('li', { class: 'mono', text: FILES[file] }); })]) : null,
      h('button', { type: 'button', class: 'show-in-graph', text: 'Show in the module graph', onclick: function () { emit('reveal-files', tangle.files); } }),
    ]);
    root.appendChild(box);
  });
}
`;
