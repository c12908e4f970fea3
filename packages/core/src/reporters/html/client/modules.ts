/**
 * The module graph. Files are grouped by folder and only the folders the reader opened are split
 * into their contents, so a 5,000-file repository starts as a few dozen boxes; imports are summed
 * between whatever boxes are visible. Boxes stand in columns by layer. Zoom with the wheel, the
 * buttons or + and -, pan by dragging or with the arrow keys.
 */
export const MODULES = String.raw`
var NODE_W = 210, NODE_H = 26, COL_GAP = 90, ROW_GAP = 8, MAX_ROWS = 36, HEAD = 34;
/** Below this many screen pixels per SVG unit the 12-unit labels are under 8.4 px: the first view never starts smaller. */
var MIN_START_SCALE = 0.7;

function buildFolderTree() {
  var tree = new Map();
  function folder(path) {
    var node = tree.get(path);
    if (node) return node;
    var slash = path.lastIndexOf('/');
    var parent = path === '' ? null : folder(slash < 0 ? '' : path.slice(0, slash));
    node = { path: path, name: path.slice(slash + 1), parent: parent, folders: [], files: [], count: 0, layers: {} };
    tree.set(path, node);
    if (parent) parent.folders.push(node);
    return node;
  }
  FILES.forEach(function (_, file) {
    for (var node = folder(D.folders[D.fileFolder[file]]), first = node; node; node = node.parent) {
      node.count++;
      node.layers[D.fileLayer[file]] = (node.layers[D.fileLayer[file]] || 0) + 1;
      if (node === first) node.files.push(file);
    }
  });
  tree.forEach(function (node) { node.folders.sort(function (a, b) { return a.name.localeCompare(b.name); }); });
  return tree;
}

function majorityLayer(counts) {
  var best = -1, most = -1;
  Object.keys(counts).forEach(function (key) { if (counts[key] > most) { most = counts[key]; best = Number(key); } });
  return best;
}

function shortLabel(text) { return text.length > 30 ? '\u2026' + text.slice(text.length - 29) : text; }
/** The last segments name a module well enough in a box (users/domain/, users/domain/user.ts); the tooltip has the whole path. */
function tail(path, segments) { return path.split('/').slice(-segments).join('/'); }

function initModules() {
  var root = byId('modules-root');
  if (!root) return;
  if (!FILES.length) { root.appendChild(h('p', { text: 'No source modules.' })); return; }
  var tree = buildFolderTree();
  var top = tree.get('');
  var tangleOf = new Int32Array(FILES.length).fill(-1);
  var breaks = new Set();
  D.cycles.forEach(function (entry, t) {
    entry.members.forEach(function (file) { if (tangleOf[file] < 0) tangleOf[file] = t; });
    entry.cuts.forEach(function (cut) { breaks.add(cut.from * FILES.length + cut.to); });
  });
  var chains = D.folders.map(function (path) {
    var chain = [];
    for (var node = tree.get(path); node && node.parent; node = node.parent) chain.unshift(node.path);
    return chain;
  });
  var expanded = new Set(['']);
  var state = { selected: null, matches: new Set(), highlight: null, view: null, layout: null, reps: null, edges: null };

  function expand(node) {
    expanded.add(node.path);
    // A folder that only holds one folder says nothing on its own: open through it.
    while (node.files.length === 0 && node.folders.length === 1) { node = node.folders[0]; expanded.add(node.path); }
  }
  function visibleCount() {
    var count = 0;
    (function walk(node) { node.folders.forEach(function (child) { if (expanded.has(child.path)) walk(child); else count++; }); count += node.files.length; })(top);
    return count;
  }
  function openLevels(limit) {
    var queue = [top], count = visibleCount();
    while (queue.length) {
      var node = queue.shift();
      node.folders.forEach(function (child) {
        if (expanded.has(child.path)) { queue.push(child); return; }
        var cost = child.folders.length + child.files.length - 1;
        if (count + cost <= limit) { expand(child); count = visibleCount(); queue.push(child); }
      });
    }
  }
  function collapseAll() { expanded = new Set(['']); state.selected = null; }
  function repOf(file) {
    var chain = chains[D.fileFolder[file]];
    for (var i = 0; i < chain.length; i++) if (!expanded.has(chain[i])) return 'd:' + chain[i];
    return 'f:' + file;
  }
  function revealFile(file) {
    chains[D.fileFolder[file]].forEach(function (path) { expanded.add(path); });
  }

  // Toolbar, viewport, side panel.
  var search = h('input', { type: 'search', id: 'module-search', placeholder: 'file or folder name', autocomplete: 'off' });
  var matchesList = h('ul', { class: 'matches', 'aria-label': 'Search results' });
  var toolbar = h('div', { class: 'toolbar' }, [
    h('label', { for: 'module-search' }, ['Find a module', search]),
    h('button', { type: 'button', text: 'Zoom in', 'aria-label': 'Zoom in', onclick: function () { zoom(0.8); } }),
    h('button', { type: 'button', text: 'Zoom out', 'aria-label': 'Zoom out', onclick: function () { zoom(1.25); } }),
    h('button', { type: 'button', text: 'Fit', onclick: function () { fit(); } }),
    h('button', { type: 'button', text: 'Open one level', onclick: function () { openLevels(visibleCount() * 2 + 20); render(); fit(); } }),
    h('button', { type: 'button', text: 'Collapse all', onclick: function () { collapseAll(); render(); fit(); } }),
  ]);
  var viewport = h('div', { class: 'viewport' });
  viewport.innerHTML = '<svg xmlns="' + SVGNS + '" tabindex="0" role="group" aria-label="Module graph: arrow keys pan, plus and minus zoom, 0 fits"><defs>' +
    ['normal:#6e7781', 'violation:#b3261e', 'cycle:#6f42c1'].map(function (pair) {
      var parts = pair.split(':');
      return '<marker id="mg-' + parts[0] + '" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="10" markerHeight="10" orient="auto"><path d="M0,0L10,5L0,10z" fill="' + parts[1] + '"/></marker>';
    }).join('') + '</defs><g class="scene"></g></svg>';
  var svg = viewport.firstChild;
  var scene = svg.lastChild;
  var panel = h('div', { class: 'panel', id: 'module-panel', 'aria-live': 'polite' });
  var legend = h('div', { class: 'legend' }, [h('span', null, [h('i'), 'imports']), h('span', null, [h('i', { class: 'violation' }), 'against the layer direction']),
    h('span', null, [h('i', { class: 'cycle' }), 'inside a cycle']), h('span', null, [h('i', { class: 'break' }), 'break here to undo the cycle']), h('span', null, ['dashed box: folder, select to open'])]);
  append(root, [toolbar, matchesList, legend, h('div', { class: 'graph-wrap' }, [viewport, panel])]);

  function nodeInfo(key) {
    if (key.charAt(0) === 'd') {
      var folder = tree.get(key.slice(2));
      return { key: key, folder: folder, label: '\u25b8 ' + shortLabel(tail(folder.path, 2) + '/ (' + folder.count + ')'), title: folder.path + '/: ' + plural(folder.count, 'file'), layer: majorityLayer(folder.layers) };
    }
    var file = Number(key.slice(2));
    return { key: key, file: file, label: shortLabel(tail(FILES[file], 3)), title: FILES[file], layer: D.fileLayer[file] };
  }

  function layout() {
    var nodes = [];
    (function walk(node) {
      node.folders.forEach(function (child) { if (expanded.has(child.path)) walk(child); else nodes.push(nodeInfo('d:' + child.path)); });
      node.files.forEach(function (file) { nodes.push(nodeInfo('f:' + file)); });
    })(top);
    var layers = unique(nodes.map(function (node) { return node.layer; })).sort(function (a, b) { return (a < 0 ? 1e9 : a) - (b < 0 ? 1e9 : b); });
    var x = 0, columns = [], byKey = new Map();
    layers.forEach(function (layer) {
      var members = nodes.filter(function (node) { return node.layer === layer; });
      var subColumns = Math.ceil(members.length / MAX_ROWS);
      var rows = Math.ceil(members.length / subColumns);
      columns.push({ x: x, label: layer < 0 ? 'outside the layers' : D.layers[layer].name, layer: layer });
      members.forEach(function (node, i) {
        node.x = x + Math.floor(i / rows) * (NODE_W + 24);
        node.y = HEAD + (i % rows) * (NODE_H + ROW_GAP);
        byKey.set(node.key, node);
      });
      x += subColumns * (NODE_W + 24) - 24 + COL_GAP;
    });
    var height = HEAD + Math.max.apply(null, nodes.map(function (node) { return node.y; })) + NODE_H;
    return { nodes: nodes, byKey: byKey, columns: columns, width: x - COL_GAP, height: height };
  }

  function aggregate() {
    var reps = FILES.map(function (_, file) { return repOf(file); });
    var edges = new Map();
    for (var e = 0; e < EDGE_COUNT; e++) {
      var a = D.edges[4 * e], b = D.edges[4 * e + 1];
      var from = reps[a], to = reps[b];
      if (from === to) continue;
      var key = from + '>' + to;
      var edge = edges.get(key);
      if (!edge) { edge = { key: key, from: from, to: to, imports: [], violation: false, cycle: false, cut: false }; edges.set(key, edge); }
      edge.imports.push(e);
      if (!edgeAllowed(a, b)) edge.violation = true;
      if (D.edges[4 * e + 3] !== TYPE_ONLY && tangleOf[a] >= 0 && tangleOf[a] === tangleOf[b]) edge.cycle = true;
      if (breaks.has(a * FILES.length + b)) edge.cut = true;
    }
    state.reps = reps;
    return Array.from(edges.values());
  }

  function edgePath(from, to) {
    var sx = from.x + NODE_W, sy = from.y + NODE_H / 2, tx = to.x, ty = to.y + NODE_H / 2;
    if (tx > sx + 10) {
      var dx = Math.max(40, (tx - sx) / 2);
      return 'M' + sx + ',' + sy + 'C' + (sx + dx) + ',' + sy + ' ' + (tx - dx) + ',' + ty + ' ' + tx + ',' + ty;
    }
    // Same column or backwards: loop out on the right and come back into the target's right side.
    tx = to.x + NODE_W;
    // Upward loops bulge further, so that a pair importing each other shows two arrows, not one.
    var bulge = 50 + Math.abs(ty - sy) * 0.15 + (ty < sy ? 28 : 0);
    return 'M' + sx + ',' + sy + 'C' + (Math.max(sx, tx) + bulge) + ',' + sy + ' ' + (Math.max(sx, tx) + bulge) + ',' + ty + ' ' + tx + ',' + ty;
  }

  function render() {
    var placed = layout();
    var edges = aggregate();
    state.layout = placed;
    state.edges = new Map(edges.map(function (edge) { return [edge.key, edge]; }));
    var lit = litSet(edges);
    var matched = new Set();
    state.matches.forEach(function (file) { matched.add(state.reps[file]); });
    var parts = [];
    placed.columns.forEach(function (column) {
      parts.push('<text class="col-label" x="' + column.x + '" y="18">' + esc(column.label) + '</text>');
    });
    var most = Math.max.apply(null, [1].concat(edges.map(function (edge) { return edge.imports.length; })));
    edges.forEach(function (edge) {
      var kind = edge.cut ? 'break' : edge.violation ? 'violation' : edge.cycle ? 'cycle' : '';
      var marker = edge.violation ? 'violation' : (edge.cycle || edge.cut) ? 'cycle' : 'normal';
      var width = 1 + 4 * Math.log(1 + edge.imports.length) / Math.log(1 + most);
      var d = edgePath(placed.byKey.get(edge.from), placed.byKey.get(edge.to));
      parts.push('<path class="edge ' + kind + (lit && lit.has(edge.key) ? ' lit' : '') + '" d="' + d + '" stroke-width="' + width.toFixed(1) + '" marker-end="url(#mg-' + marker + ')"/>' +
        // A wide transparent twin takes the clicks: a one-pixel curve is hard to hit.
        '<path class="edge-hit" data-edge="' + esc(edge.key) + '" d="' + d + '"><title>' + esc(plural(edge.imports.length, 'import') + (edge.cut ? ', one would break a cycle' : '')) + '</title></path>');
    });
    placed.nodes.forEach(function (node) {
      var tangled = node.file !== undefined ? tangleOf[node.file] >= 0 : false;
      var classes = 'node' + (node.folder ? ' folder' : '') + (tangled ? ' tangled' : '') + (matched.has(node.key) ? ' match' : '') +
        (state.selected === node.key ? ' selected' : '') + (lit && lit.has(node.key) ? ' lit' : '') + (state.highlight && state.highlight.has(node.key) ? ' lit' : '');
      parts.push('<g class="' + classes + '" data-key="' + esc(node.key) + '" tabindex="0" role="button"' + (node.folder ? ' aria-expanded="false"' : '') +
        ' aria-label="' + esc((node.folder ? 'folder ' : 'file ') + node.title + (node.layer >= 0 ? ', layer ' + D.layers[node.layer].name : '')) + '" transform="translate(' + node.x + ',' + node.y + ')">' +
        '<title>' + esc(node.title) + '</title><rect width="' + NODE_W + '" height="' + NODE_H + '" fill="' + layerFill(node.layer) + '"/><text x="8" y="17">' + esc(node.label) + '</text></g>');
    });
    scene.innerHTML = parts.join('');
    svg.classList.toggle('dim', Boolean(lit));
    if (!state.view) fit();
  }

  function litSet(edges) {
    if (!state.selected && !state.highlight) return null;
    var lit = new Set(state.highlight || []);
    if (state.selected) {
      lit.add(state.selected);
      edges.forEach(function (edge) {
        if (edge.from === state.selected || edge.to === state.selected || edge.key === state.selected) { lit.add(edge.key); lit.add(edge.from); lit.add(edge.to); }
      });
    }
    if (state.highlight) edges.forEach(function (edge) { if (state.highlight.has(edge.from) && state.highlight.has(edge.to) && edge.cycle) lit.add(edge.key); });
    return lit;
  }

  // Zoom and pan through the viewBox.
  function applyView() { svg.setAttribute('viewBox', [state.view.x, state.view.y, state.view.w, state.view.h].join(' ')); }
  function fit() {
    var box = svg.getBoundingClientRect();
    var placed = state.layout;
    // Never magnify a small graph: at most one SVG unit per screen pixel.
    var w = Math.max(placed.width + 120, box.width || 800), hgt = Math.max(placed.height + 40, box.height || 500);
    var ratio = (box.width || 800) / (box.height || 500);
    if (w / hgt > ratio) hgt = w / ratio; else w = hgt * ratio;
    state.view = { x: -20, y: -10, w: w, h: hgt };
    applyView();
  }
  function zoom(factor, cx, cy) {
    var v = state.view;
    if (cx === undefined) { cx = v.x + v.w / 2; cy = v.y + v.h / 2; }
    v.x = cx - (cx - v.x) * factor; v.y = cy - (cy - v.y) * factor; v.w *= factor; v.h *= factor;
    applyView();
  }
  function centerOn(key) {
    var node = state.layout.byKey.get(key);
    if (!node) return;
    var v = state.view;
    if (v.w > 2400) { var f = 1400 / v.w; v.w *= f; v.h *= f; }
    v.x = node.x + NODE_W / 2 - v.w / 2; v.y = node.y - v.h / 2;
    applyView();
  }
  svg.addEventListener('wheel', function (event) {
    event.preventDefault();
    var box = svg.getBoundingClientRect(), v = state.view;
    zoom(event.deltaY > 0 ? 1.15 : 1 / 1.15, v.x + (event.clientX - box.left) / box.width * v.w, v.y + (event.clientY - box.top) / box.height * v.h);
  }, { passive: false });
  var drag = null;
  svg.addEventListener('pointerdown', function (event) {
    if (event.target.closest('[data-key],[data-edge]')) return;
    drag = { x: event.clientX, y: event.clientY, view: Object.assign({}, state.view) };
    svg.setPointerCapture(event.pointerId);
  });
  svg.addEventListener('pointermove', function (event) {
    if (!drag) return;
    var box = svg.getBoundingClientRect();
    state.view.x = drag.view.x - (event.clientX - drag.x) / box.width * drag.view.w;
    state.view.y = drag.view.y - (event.clientY - drag.y) / box.height * drag.view.h;
    applyView();
  });
  svg.addEventListener('pointerup', function () { drag = null; });
  svg.addEventListener('keydown', function (event) {
    var node = event.target.closest('[data-key]');
    if (node && (event.key === 'Enter' || event.key === ' ')) { event.preventDefault(); activate(node.getAttribute('data-key')); return; }
    var v = state.view, step = v.w / 10;
    var moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    if (moves[event.key] && !node) { event.preventDefault(); v.x += moves[event.key][0]; v.y += moves[event.key][1]; applyView(); }
    else if (event.key === '+' || event.key === '=') zoom(0.8);
    else if (event.key === '-') zoom(1.25);
    else if (event.key === '0') fit();
  });
  svg.addEventListener('click', function (event) {
    var node = event.target.closest('[data-key]');
    if (node) { activate(node.getAttribute('data-key')); return; }
    var edge = event.target.closest('[data-edge]');
    if (edge) showEdge(state.edges.get(edge.getAttribute('data-edge')));
  });

  function focusNode(key) {
    var target = Array.prototype.find.call(scene.querySelectorAll('[data-key]'), function (node) { return node.getAttribute('data-key') === key; });
    if (target) target.focus({ preventScroll: true });
  }
  function activate(key) {
    state.highlight = null;
    if (key.charAt(0) === 'd') {
      var folder = tree.get(key.slice(2));
      expand(folder);
      state.selected = null;
      render();
      var first = folder.folders.length ? 'd:' + folder.folders[0].path : 'f:' + folder.files[0];
      if (state.layout.byKey.has(first)) focusNode(first);
      showFolder(folder);
      return;
    }
    state.selected = state.selected === key ? null : key;
    render();
    focusNode(key);
    if (state.selected) showFile(Number(key.slice(2)));
  }

  function importsOf(file, outgoing) {
    var list = [];
    for (var e = 0; e < EDGE_COUNT; e++) if (D.edges[4 * e + (outgoing ? 0 : 1)] === file) list.push(e);
    return list;
  }
  function showFile(file) {
    var parent = tree.get(D.folders[D.fileFolder[file]]);
    panel.textContent = '';
    append(panel, [
      h('h3', { class: 'mono', text: FILES[file] }),
      h('p', { text: 'Layer: ' + (layerName(file) || 'none') + (tangleOf[file] >= 0 ? ' \u00b7 in an import cycle' : '') }),
      h('h3', { text: 'Imports' }), limitedList(importsOf(file, true), 200, function (e) { return h('li', { class: 'mono', text: edgeLabel(e) }); }),
      h('h3', { text: 'Imported by' }), limitedList(importsOf(file, false), 200, function (e) { return h('li', { class: 'mono', text: edgeLabel(e) }); }),
      parent && parent.path ? h('button', { type: 'button', text: 'Collapse ' + parent.path + '/', onclick: function () { collapse(parent); } }) : null,
    ]);
  }
  function showFolder(folder) {
    panel.textContent = '';
    append(panel, [h('h3', { class: 'mono', text: folder.path + '/' }), h('p', { text: plural(folder.count, 'file') + ', opened.' }),
      h('button', { type: 'button', text: 'Collapse ' + folder.path + '/', onclick: function () { collapse(folder); } })]);
  }
  function collapse(folder) {
    expanded.forEach(function (path) { if (path === folder.path || path.indexOf(folder.path + '/') === 0) expanded.delete(path); });
    state.selected = null;
    render();
    focusNode('d:' + folder.path);
    panel.textContent = '';
  }
  function showEdge(edge) {
    if (!edge) return;
    panel.textContent = '';
    append(panel, [
      h('h3', { text: plural(edge.imports.length, 'import') + (edge.violation ? ', some against the layer direction' : '') + (edge.cut ? ', one that would break a cycle' : '') }),
      limitedList(edge.imports, 300, function (e) {
        var cut = breaks.has(D.edges[4 * e] * FILES.length + D.edges[4 * e + 1]);
        return h('li', { class: 'mono' + (edgeAllowed(D.edges[4 * e], D.edges[4 * e + 1]) ? '' : ' missing'), text: edgeLabel(e) + (cut ? '  \u2702 break here' : '') });
      }),
    ]);
  }

  var searchTimer = 0;
  search.addEventListener('input', function () {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(runSearch, 120);
  });
  function runSearch() {
    var query = search.value.trim().toLowerCase();
    matchesList.textContent = '';
    state.matches = new Set();
    if (query) {
      FILES.forEach(function (file, index) { if (file.toLowerCase().indexOf(query) !== -1) state.matches.add(index); });
      var shown = Array.from(state.matches).slice(0, 30);
      shown.forEach(function (file) {
        matchesList.appendChild(h('li', null, [h('button', { type: 'button', class: 'mono', text: FILES[file], onclick: function () { reveal(file); } })]));
      });
      if (state.matches.size > shown.length) matchesList.appendChild(h('li', { class: 'muted', text: '\u2026 ' + (state.matches.size - shown.length) + ' more: type more of the name' }));
      if (!state.matches.size) matchesList.appendChild(h('li', { class: 'muted', text: 'No module matches.' }));
    }
    render();
  }
  function reveal(file) {
    revealFile(file);
    state.highlight = null;
    state.selected = 'f:' + file;
    render();
    centerOn(state.selected);
    focusNode(state.selected);
    showFile(file);
  }
  on('reveal-file', function (file) { goTo('modules'); reveal(file); });
  on('reveal-files', function (files) {
    files.forEach(revealFile);
    state.selected = null;
    state.highlight = new Set(files.map(function (file) { return 'f:' + file; }));
    goTo('modules');
    render();
    fit();
  });

  openLevels(D.graph.level === 'file' ? 400 : 60);
  render();
  // A small graph gets a short viewport instead of a tall empty one.
  var scale = svg.getBoundingClientRect().width / state.view.w;
  viewport.style.height = Math.round(Math.max(320, Math.min((state.layout.height + 60) * scale, window.innerHeight * 0.7))) + 'px';
  fit();
  // Fitted whole, a graph of many columns has labels too small to read: start at a readable size
  // from its top-left instead, the whole one key (0) or one button (Fit) away.
  var box = svg.getBoundingClientRect();
  var startScale = box.width / state.view.w;
  if (box.width && startScale < MIN_START_SCALE) {
    state.view = { x: -20, y: -10, w: box.width / MIN_START_SCALE, h: box.height / MIN_START_SCALE };
    applyView();
    panel.appendChild(h('p', { class: 'start-hint', text: 'A large graph: shown from its top-left at a readable size. Drag or use the arrow keys to pan; press 0 or Fit to see it whole.' }));
  }
  // Paper gets the whole graph.
  window.addEventListener('beforeprint', fit);
  panel.appendChild(h('p', { class: 'muted', text: 'Select a folder to open it, a file to see its imports, an arrow to list the imports behind it.' + (D.cycles.length ? ' Boxes outlined in purple are in an import cycle.' : '') }));
}
`;
