/** The routes table (from the HTTP model) and the files outside every layer, grouped by folder. */
export const ROUTES = String.raw`
function initRoutes() {
  var root = byId('routes-root');
  if (!root || !D.routes) return;
  if (!D.routes.length) { root.appendChild(h('p', { text: 'The HTTP model found no routes.' })); return; }
  var counts = {}, unchecked = {};
  D.findings.forEach(function (finding) {
    if (!finding.route) return;
    counts[finding.route] = (counts[finding.route] || 0) + 1;
    if (D.rules[finding.rule].id === 'missing-input-validation') unchecked[finding.route] = true;
  });
  // The HTTP model sees validation declared on the route (a schema, a validating middleware or pipe);
  // a handler that parses its input itself is judged by missing-input-validation, which names the
  // routes that read input unchecked. So: red only where that rule says so.
  function validationCell(route, name) {
    if (route.validation) return h('td', { text: route.validation });
    if (unchecked[name]) return h('td', { class: 'missing', text: 'missing: input read unchecked' });
    return h('td', { class: 'muted', title: 'No schema or validating middleware on the route; validation inside the handler is not listed here', text: 'none on the route' });
  }
  var body = h('tbody');
  var rows = [];
  D.routes.forEach(function (route) {
    var name = route.method.toUpperCase() + ' ' + route.path;
    var count = counts[name] || 0;
    var row = h('tr', null, [
      h('td', { class: 'method mono', text: route.method.toUpperCase() }),
      h('td', { class: 'mono', text: route.path }),
      h('td', null, [route.handler, h('br'), h('span', { class: 'mono muted', text: route.file + ':' + route.line }),
        route.middleware.length ? h('div', { class: 'muted', text: 'middleware: ' + route.middleware.join(', ') }) : null]),
      validationCell(route, name),
      h('td', route.auth ? { text: route.auth } : { class: 'muted', text: 'none seen' }),
      h('td', { class: 'num' }, count ? h('button', { type: 'button', text: String(count), 'aria-label': plural(count, 'finding') + ' on ' + name, onclick: function () { emit('filter-route', name); } }) : '0'),
    ]);
    rows.push({ row: row, text: (name + ' ' + route.handler + ' ' + route.file + ' ' + route.middleware.join(' ') + ' ' + (route.auth || '') + ' ' + (route.validation || '')).toLowerCase(), count: count });
    body.appendChild(row);
  });
  // A service has hundreds of routes: narrow them by text, or to those with findings.
  var query = h('input', { type: 'search', id: 'route-filter', placeholder: 'e.g. /orders or OrdersController' });
  var withFindings = h('input', { type: 'checkbox', id: 'route-with-findings' });
  var status = h('p', { class: 'muted', role: 'status', 'aria-live': 'polite' });
  function apply() {
    var wanted = query.value.trim().toLowerCase(), shown = 0;
    rows.forEach(function (entry) {
      entry.row.hidden = Boolean((wanted && entry.text.indexOf(wanted) === -1) || (withFindings.checked && !entry.count));
      if (!entry.row.hidden) shown++;
    });
    status.textContent = 'Showing ' + shown + ' of ' + plural(rows.length, 'route') + ' the HTTP model resolved (method, full path, handler, middleware)';
  }
  query.addEventListener('input', apply);
  withFindings.addEventListener('change', apply);
  root.appendChild(h('div', { class: 'toolbar', role: 'search', 'aria-label': 'Filter routes' }, [
    h('label', { for: 'route-filter' }, ['Method, path, handler or file contains', query]),
    h('label', { for: 'route-with-findings', class: 'inline' }, [withFindings, 'Only routes with findings']),
  ]));
  root.appendChild(status);
  apply();
  root.appendChild(h('table', { class: 'routes' }, [
    h('thead', null, h('tr', null, ['Method', 'Path', 'Handler', 'Validation', 'Auth', 'Findings'].map(function (title) { return h('th', { scope: 'col', text: title }); }))),
    body,
  ]));
}

/** A folder tree of the files outside every layer; a folder whose only content is one folder is shown merged with it. */
function unlayeredTree() {
  var top = { path: '', children: new Map(), files: [], count: 0 };
  FILES.forEach(function (file, index) {
    if (D.fileLayer[index] >= 0) return;
    var folder = D.folders[D.fileFolder[index]];
    var node = top;
    node.count++;
    (folder ? folder.split('/') : []).forEach(function (part) {
      if (!node.children.has(part)) node.children.set(part, { path: node.path ? node.path + '/' + part : part, children: new Map(), files: [], count: 0 });
      node = node.children.get(part);
      node.count++;
    });
    node.files.push(index);
  });
  return top;
}

function throughSingleFolders(node) {
  while (node.files.length === 0 && node.children.size === 1) node = node.children.values().next().value;
  return node;
}

function unlayeredFolder(node, open) {
  var children = Array.from(node.children.values()).map(throughSingleFolders).sort(function (a, b) { return a.path.localeCompare(b.path); });
  return h('details', { class: 'folder', open: open }, [
    h('summary', null, [h('span', { class: 'mono', text: node.path + '/' }), ' (' + node.count + ')']),
    h('div', { class: 'folder-body' }, children.map(function (child) { return unlayeredFolder(child, open); }).concat(
      node.files.length ? [limitedList(node.files, 300, function (file) { return h('li', { class: 'mono', text: D.fileName[file] }); })] : [])),
  ]);
}

function initUnlayered() {
  var root = byId('unlayered-root');
  if (!root) return;
  var top = unlayeredTree();
  if (!top.count) { root.appendChild(h('p', { text: 'Every source file is in a layer.' })); return; }
  var folders = new Set();
  FILES.forEach(function (_, index) { if (D.fileLayer[index] < 0) folders.add(D.fileFolder[index]); });
  root.appendChild(h('p', { class: 'muted', text: plural(top.count, 'file') + ' in ' + plural(folders.size, 'folder') + ' fall into no layer: the layer rules do not judge them. Folders are nested, each with the number of such files under it.' }));
  // A handful of folders reads best open; a large repository starts at its top folders.
  var open = folders.size <= 12;
  if (top.files.length) {
    root.appendChild(h('details', { class: 'folder', open: open }, [h('summary', null, [h('span', { class: 'mono', text: './' }), ' (' + top.files.length + ')']),
      limitedList(top.files, 300, function (file) { return h('li', { class: 'mono', text: D.fileName[file] }); })]));
  }
  Array.from(top.children.values()).map(throughSingleFolders).sort(function (a, b) { return a.path.localeCompare(b.path); })
    .forEach(function (node) { root.appendChild(unlayeredFolder(node, open)); });
}
`;
