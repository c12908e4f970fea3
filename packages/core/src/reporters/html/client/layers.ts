/**
 * The layer diagram: one lane per layer, outer to inner, and one vertical arrow per layer-to-layer
 * flow, its width growing with the import count. Each arrow is a keyboard-focusable button that lists
 * the imports behind it.
 */
export const LAYERS = String.raw`
function initLayers() {
  var root = byId('layers-root');
  if (!root) return;
  var lanes = D.layers.map(function (layer, index) { return { layer: layer, index: index }; }).filter(function (lane) { return lane.layer.files > 0; });
  if (!lanes.length) {
    root.appendChild(h('p', { text: 'No file falls into a known layer.' }));
    return;
  }
  var rowOf = {};
  lanes.forEach(function (lane, row) { rowOf[lane.layer.name] = row; });
  var flows = D.flows.filter(function (flow) { return flow.from !== flow.to && rowOf[flow.from] !== undefined && rowOf[flow.to] !== undefined; })
    .sort(function (a, b) { return rowOf[a.from] - rowOf[b.from] || rowOf[a.to] - rowOf[b.to]; });
  var LANE = 50, GAP = 22, LABEL = 250, STEP = 48, TOP = 8;
  var width = LABEL + Math.max(1, flows.length) * STEP + 24;
  var height = TOP + lanes.length * (LANE + GAP);
  var most = Math.max.apply(null, [1].concat(flows.map(function (flow) { return flow.count; })));
  var top = function (row) { return TOP + row * (LANE + GAP); };
  var parts = ['<defs>',
    '<marker id="lane-arrow-ok" viewBox="0 0 10 10" refX="8" refY="5" markerUnits="userSpaceOnUse" markerWidth="14" markerHeight="14" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="#57606a"/></marker>',
    '<marker id="lane-arrow-bad" viewBox="0 0 10 10" refX="8" refY="5" markerUnits="userSpaceOnUse" markerWidth="14" markerHeight="14" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="#b3261e"/></marker>',
    '</defs>'];
  lanes.forEach(function (lane, row) {
    var y = top(row);
    parts.push('<g class="lane"><title>' + esc(lane.layer.name + ': ' + lane.layer.description) + '</title><rect x="2" y="' + y + '" width="' + (width - 4) + '" height="' + LANE + '" rx="8" fill="' + layerFill(lane.index) + '" stroke="#8c959f"/>' +
      '<text class="lane-label" x="14" y="' + (y + 21) + '">' + esc(lane.layer.name) + '</text><text class="lane-count" x="14" y="' + (y + 39) + '">' + esc(plural(lane.layer.files, 'file')) + '</text></g>');
  });
  flows.forEach(function (flow, k) {
    var x = LABEL + k * STEP + STEP / 2;
    var from = rowOf[flow.from], to = rowOf[flow.to];
    var y1 = top(from) + LANE / 2;
    var y2 = to > from ? top(to) - 3 : top(to) + LANE + 3;
    var stroke = 1.5 + 6 * Math.log(1 + flow.count) / Math.log(1 + most);
    var label = flow.from + ' to ' + flow.to + ': ' + plural(flow.count, 'import') + (flow.allowed ? '' : ', not allowed');
    var colour = flow.allowed ? '#57606a' : '#b3261e';
    var mid = (y1 + y2) / 2;
    parts.push('<g class="flow' + (flow.allowed ? '' : ' violation') + '" tabindex="0" role="button" data-flow="' + k + '" aria-label="' + esc(label) + '"><title>' + esc(label) + '</title>' +
      '<path class="hit" d="M' + x + ',' + y1 + 'V' + y2 + '" stroke-width="18"/>' +
      '<circle cx="' + x + '" cy="' + y1 + '" r="' + (stroke / 2 + 2) + '" fill="' + colour + '"/>' +
      '<path class="line" d="M' + x + ',' + y1 + 'V' + y2 + '" stroke="' + colour + '" stroke-opacity="0.85" stroke-width="' + stroke.toFixed(1) + '"' + (flow.allowed ? '' : ' stroke-dasharray="7 3"') + ' marker-end="url(#lane-arrow-' + (flow.allowed ? 'ok' : 'bad') + ')"/>' +
      '<rect x="' + (x - 17) + '" y="' + (mid - 9) + '" width="34" height="18" rx="4" fill="#fff" stroke="' + colour + '"/>' +
      '<text x="' + x + '" y="' + (mid + 4) + '" text-anchor="middle" font-size="11" fill="' + colour + '">' + (flow.allowed ? '' : '\u2717') + flow.count + '</text></g>');
  });
  var diagram = h('div', { class: 'diagram' });
  diagram.innerHTML = '<svg xmlns="' + SVGNS + '" width="' + width + '" height="' + height + '" viewBox="0 0 ' + width + ' ' + height + '" role="group" aria-label="Layer flow diagram">' + parts.join('') + '</svg>';
  var panel = h('div', { class: 'panel', id: 'flow-panel', 'aria-live': 'polite' }, [h('p', { class: 'muted', text: flows.length ? 'Select an arrow to list its imports.' : 'No imports cross layers.' })]);
  var legend = h('div', { class: 'legend' }, [h('span', null, [h('i'), 'allowed direction']), h('span', null, [h('i', { class: 'violation' }), '\u2717 against the allowed direction'])]);
  append(root, [legend, diagram, panel]);

  function showFlow(k) {
    var flow = flows[k];
    diagram.querySelectorAll('.flow').forEach(function (node) { node.classList.toggle('selected', node.getAttribute('data-flow') === String(k)); });
    var from = D.layers.findIndex(function (layer) { return layer.name === flow.from; });
    var to = D.layers.findIndex(function (layer) { return layer.name === flow.to; });
    var imports = [];
    for (var e = 0; e < EDGE_COUNT; e++) if (D.fileLayer[D.edges[4 * e]] === from && D.fileLayer[D.edges[4 * e + 1]] === to) imports.push(e);
    panel.textContent = '';
    append(panel, [
      h('h3', { text: flow.from + ' \u2192 ' + flow.to + (flow.allowed ? '' : ' (not allowed)') }),
      h('p', { class: 'muted', text: plural(flow.count, 'import') + ' in the layer summary; ' + plural(imports.length, 'import') + ' listed below, file:line \u2192 imported file.' }),
      limitedList(imports, 500, function (e) { return h('li', { class: 'mono', text: edgeLabel(e) }); }),
    ]);
  }
  diagram.addEventListener('click', function (event) {
    var flow = event.target.closest('[data-flow]');
    if (flow) showFlow(Number(flow.getAttribute('data-flow')));
  });
  diagram.addEventListener('keydown', function (event) {
    var flow = event.target.closest('[data-flow]');
    if (flow && (event.key === 'Enter' || event.key === ' ')) { event.preventDefault(); showFlow(Number(flow.getAttribute('data-flow'))); }
  });
}
`;
