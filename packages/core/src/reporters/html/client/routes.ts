/** The routes table (from the HTTP model) and the files outside every layer, grouped by folder. */
export const ROUTES = String.raw`
function initRoutes() {
  var root = byId('routes-root');
  if (!root || !D.routes) return;
  if (!D.routes.length) { root.appendChild(h('p', { text: 'The HTTP model found no routes.' })); return; }
  var counts = {};
  D.findings.forEach(function (finding) { if (finding.route) counts[finding.route] = (counts[finding.route] || 0) + 1; });
  var body = h('tbody');
  D.routes.forEach(function (route) {
    var name = route.method.toUpperCase() + ' ' + route.path;
    var count = counts[name] || 0;
    body.appendChild(h('tr', null, [
      h('td', { class: 'method mono', text: route.method.toUpperCase() }),
      h('td', { class: 'mono', text: route.path }),
      h('td', null, [route.handler, h('br'), h('span', { class: 'mono muted', text: route.file + ':' + route.line }),
        route.middleware.length ? h('div', { class: 'muted', text: 'middleware: ' + route.middleware.join(', ') }) : null]),
      h('td', route.validation ? { text: route.validation } : { class: 'missing', text: 'none seen' }),
      h('td', route.auth ? { text: route.auth } : { class: 'muted', text: 'none seen' }),
      h('td', { class: 'num' }, count ? h('button', { type: 'button', text: String(count), 'aria-label': plural(count, 'finding') + ' on ' + name, onclick: function () { emit('filter-route', name); } }) : '0'),
    ]));
  });
  root.appendChild(h('table', { class: 'routes' }, [
    h('thead', null, h('tr', null, ['Method', 'Path', 'Handler', 'Validation', 'Auth', 'Findings'].map(function (title) { return h('th', { scope: 'col', text: title }); }))),
    body,
  ]));
}

function initUnlayered() {
  var root = byId('unlayered-root');
  if (!root) return;
  var groups = new Map();
  FILES.forEach(function (file, index) {
    if (D.fileLayer[index] >= 0) return;
    var folder = D.folders[D.fileFolder[index]];
    if (!groups.has(folder)) groups.set(folder, []);
    groups.get(folder).push(index);
  });
  if (!groups.size) { root.appendChild(h('p', { text: 'Every source file is in a layer.' })); return; }
  var total = 0;
  groups.forEach(function (files) { total += files.length; });
  root.appendChild(h('p', { class: 'muted', text: plural(total, 'file') + ' in ' + plural(groups.size, 'folder') + ' fall into no layer: the layer rules do not judge them.' }));
  Array.from(groups.keys()).sort().forEach(function (folder) {
    var files = groups.get(folder);
    root.appendChild(h('details', { class: 'folder' }, [
      h('summary', null, [h('span', { class: 'mono', text: folder ? folder + '/' : './' }), ' (' + files.length + ')']),
      limitedList(files, 300, function (file) { return h('li', { class: 'mono', text: D.fileName[file] }); }),
    ]));
  });
}
`;
