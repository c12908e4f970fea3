/**
 * Findings: filters (category, severity, rule, route, path), a list rendered a page at a time, and
 * per finding a body built on first opening: why, fix, rule page, code excerpt, trace as steps.
 */
export const FINDINGS = String.raw`
var FINDINGS_PAGE = 100;

function excerptBlock(finding) {
  var pre = h('pre', { class: 'excerpt', 'aria-label': 'Code around line ' + finding.line });
  finding.excerpt.lines.forEach(function (text, offset) {
    var number = finding.excerpt.start + offset;
    var row = h('span', number === finding.line ? { class: 'hit' } : null, [h('span', { class: 'ln', text: String(number) }), text]);
    pre.appendChild(row);
    if (number !== finding.line) pre.appendChild(document.createTextNode('\n'));
  });
  return pre;
}

function traceSteps(trace) {
  return h('ol', { class: 'trace', 'aria-label': 'Trace, ' + plural(trace.length, 'step') }, trace.map(function (step) {
    return h('li', null, [h('span', { class: 'mono', text: step.file + ':' + step.line + ':' + step.column }), ' ', step.message, step.code ? h('code', { text: step.code }) : null]);
  }));
}

function dataValue(key, value) {
  // A tangle's members and cuts are drawn under Cycles and tangles: here, what it amounts to.
  if (key === 'tangle' && value && Array.isArray(value.members)) {
    return value.members.length + ' modules' + (typeof value.share === 'number' ? ' (' + Math.max(1, Math.round(value.share * 100)) + '% of the codebase)' : '') +
      ', ' + plural((value.cut || []).length, 'import') + ' to cut: see Cycles and tangles';
  }
  if (Array.isArray(value) && value.every(function (item) { return typeof item === 'string'; })) return value.join(' \u2192 ');
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function fillFindingBody(body, finding) {
  var rule = D.rules[finding.rule];
  var rows = [
    ['Why it matters', richText(finding.why || rule.why)],
    ['How to fix it', richText(finding.fix || rule.fix)],
    ['Rule', rule.docHref ? h('a', { href: rule.docHref, text: rule.id + ' (' + rule.doc + ')' }) : h('span', null, [rule.id + ' \u00b7 ', h('span', { class: 'mono', text: rule.doc })])],
  ];
  if (finding.route) rows.push(['Route', h('button', { text: finding.route, onclick: function () { emit('filter-route', finding.route); } })]);
  if (finding.excerpt) rows.push(['Code', excerptBlock(finding)]);
  if (finding.trace) rows.push(['Trace', traceSteps(finding.trace)]);
  if (finding.data) Object.keys(finding.data).forEach(function (key) { rows.push([key, h('span', { class: 'mono data', text: dataValue(key, finding.data[key]) })]); });
  var list = h('dl');
  rows.forEach(function (row) { list.appendChild(h('dt', { text: row[0] })); list.appendChild(append(h('dd'), row[1])); });
  body.appendChild(list);
  if (rule.docHtml) {
    // The rule's page travels in the report (built from escaped text by the reporter): it reads the same from a pull request.
    var page = h('div', { class: 'rule-doc' });
    page.innerHTML = rule.docHtml;
    body.appendChild(h('details', { class: 'rule-doc' }, [h('summary', { text: 'The ' + rule.id + ' page: what it checks, bad and good code, configuration' }), page]));
  }
  if (FILE_INDEX.has(finding.file)) {
    body.appendChild(h('button', { class: 'show-in-graph', text: 'Show ' + finding.file + ' in the module graph', onclick: function () { emit('reveal-file', FILE_INDEX.get(finding.file)); } }));
  }
}

function findingItem(index) {
  var finding = D.findings[index];
  var bodyId = 'finding-' + index;
  var body = h('div', { class: 'finding-body', id: bodyId, hidden: true });
  var head = h('button', { class: 'finding-head', 'aria-expanded': 'false', 'aria-controls': bodyId }, [
    h('span', { class: 'sev sev-' + finding.severity, text: SEV_LABEL[finding.severity] }),
    h('span', { class: 'mono', text: D.rules[finding.rule].id }),
    h('span', { class: 'where mono', text: finding.file + ':' + finding.line + ':' + finding.column }),
    h('span', { class: 'message' }, richText(finding.message)),
  ]);
  head.addEventListener('click', function () { setFindingOpen(head, body, finding, body.hidden); });
  return h('li', { class: 'finding finding-' + finding.severity, 'data-finding': index }, [head, body]);
}

function setFindingOpen(head, body, finding, open) {
  if (open && !body.firstChild) fillFindingBody(body, finding);
  body.hidden = !open;
  head.setAttribute('aria-expanded', String(open));
}

function selectControl(label, id, options) {
  var select = h('select', { id: id }, [h('option', { value: '', text: 'all' })].concat(options.map(function (option) {
    return h('option', { value: option[0], text: option[1] });
  })));
  return { select: select, label: h('label', { for: id }, [label, select]) };
}

function initFindings() {
  var root = byId('findings-root');
  if (!root) return;
  if (!D.findings.length) {
    root.appendChild(h('p', { text: 'No findings: nothing to fix at the current rules and profile.' }));
    return;
  }
  var order = D.findings.map(function (_, i) { return i; }).sort(function (a, b) {
    var x = D.findings[a], y = D.findings[b];
    return SEV_RANK[y.severity] - SEV_RANK[x.severity] || D.rules[x.rule].id.localeCompare(D.rules[y.rule].id) || x.file.localeCompare(y.file) || x.line - y.line;
  });
  var routeNames = unique(D.findings.filter(function (f) { return f.route; }).map(function (f) { return f.route; })
    .concat((D.routes || []).map(function (r) { return r.method.toUpperCase() + ' ' + r.path; }))).sort();
  var category = selectControl('Category', 'filter-category', unique(D.rules.map(function (r) { return r.category; })).sort().map(function (c) { return [c, c]; }));
  var severity = selectControl('Severity', 'filter-severity', ['error', 'warn', 'info'].map(function (s) { return [s, SEV_LABEL[s]]; }));
  var rule = selectControl('Rule', 'filter-rule', D.rules.map(function (r) { return r.id; }).sort().map(function (id) { return [id, id]; }));
  var route = routeNames.length ? selectControl('Route', 'filter-route', routeNames.map(function (r) { return [r, r]; })) : null;
  var path = h('input', { type: 'search', id: 'filter-path', placeholder: 'e.g. src/modules/orders' });
  var reset = h('button', { type: 'button', text: 'Clear filters' });
  var status = h('p', { class: 'muted', role: 'status', 'aria-live': 'polite' });
  var list = h('ul', { class: 'findings', 'aria-label': 'Findings' });
  var more = h('button', { type: 'button', class: 'more' });
  root.appendChild(h('div', { class: 'toolbar', role: 'search', 'aria-label': 'Filter findings' }, [
    category.label, severity.label, rule.label, route ? route.label : null, h('label', { for: 'filter-path' }, ['Path contains', path]), reset,
  ]));
  append(root, [status, list, more]);

  var matches = [];
  var shown = FINDINGS_PAGE;
  function render() {
    list.textContent = '';
    var fragment = document.createDocumentFragment();
    matches.slice(0, shown).forEach(function (index) { fragment.appendChild(findingItem(index)); });
    list.appendChild(fragment);
    var total = D.findings.length;
    status.textContent = 'Showing ' + Math.min(shown, matches.length) + ' of ' + plural(matches.length, 'finding') + (matches.length < total ? ' (filtered from ' + total + ')' : '');
    more.hidden = matches.length <= shown;
    more.textContent = 'Show ' + Math.min(FINDINGS_PAGE, matches.length - shown) + ' more';
  }
  function apply() {
    var wanted = { category: category.select.value, severity: severity.select.value, rule: rule.select.value, route: route ? route.select.value : '', path: path.value.trim().toLowerCase() };
    matches = order.filter(function (index) {
      var finding = D.findings[index], r = D.rules[finding.rule];
      return (!wanted.category || r.category === wanted.category) && (!wanted.severity || finding.severity === wanted.severity) &&
        (!wanted.rule || r.id === wanted.rule) && (!wanted.route || finding.route === wanted.route) &&
        (!wanted.path || finding.file.toLowerCase().indexOf(wanted.path) !== -1);
    });
    shown = FINDINGS_PAGE;
    render();
  }
  [category.select, severity.select, rule.select].concat(route ? [route.select] : []).forEach(function (select) { select.addEventListener('change', apply); });
  path.addEventListener('input', apply);
  reset.addEventListener('click', function () {
    [category.select, severity.select, rule.select].concat(route ? [route.select] : []).forEach(function (select) { select.value = ''; });
    path.value = '';
    apply();
  });
  more.addEventListener('click', function () { shown += FINDINGS_PAGE; render(); });
  on('filter-route', function (name) {
    if (!route) return;
    route.select.value = name;
    apply();
    goTo('findings');
  });
  // Paper has no buttons: print every matching finding, opened.
  window.addEventListener('beforeprint', function () {
    shown = matches.length;
    render();
    list.querySelectorAll('li.finding').forEach(function (item) {
      setFindingOpen(item.firstChild, item.lastChild, D.findings[Number(item.getAttribute('data-finding'))], true);
    });
  });
  apply();
}
`;
