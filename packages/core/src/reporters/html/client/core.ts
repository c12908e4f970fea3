/**
 * Client-side helpers shared by every section: the decoded data, DOM builders and a tiny event bus
 * through which sections ask each other to show something (a route's findings, a file in the graph).
 * Client chunks are plain ES2017 in String.raw literals: no backticks, no `${` inside them.
 */
export const CORE = String.raw`
var D = JSON.parse(document.getElementById('strata-data').textContent);
var SVGNS = 'http://www.w3.org/2000/svg';
var SEV_RANK = { error: 3, warn: 2, info: 1 };
var SEV_LABEL = { error: 'error', warn: 'warning', info: 'advice' };
var LAYER_FILLS = ['#e8f0fe', '#e6f4ea', '#fef7e0', '#fce8e6', '#f3e8fd', '#e4f7fb', '#fdeee0', '#eceff1'];
var OUTSIDE_FILL = '#f6f8fa';

function byId(id) { return document.getElementById(id); }
function append(node, children) {
  if (children === undefined || children === null) return node;
  if (!Array.isArray(children)) children = [children];
  children.forEach(function (child) {
    if (child === undefined || child === null || child === false) return;
    if (Array.isArray(child)) { append(node, child); return; }
    node.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  });
  return node;
}
function h(tag, props, children) {
  var node = document.createElement(tag);
  Object.keys(props || {}).forEach(function (key) {
    var value = props[key];
    if (value === undefined || value === null || value === false) return;
    if (key === 'text') node.textContent = value;
    else if (key === 'class') node.className = value;
    else if (key.slice(0, 2) === 'on') node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  });
  return append(node, children);
}
function esc(text) {
  return String(text).replace(/[&<>"']/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]; });
}
/** Messages, why and fix write code between backticks (as Markdown does): shown as code, without the backticks. */
function richText(text) {
  var parts = String(text).split('\u0060');
  if (parts.length < 3 || parts.length % 2 === 0) return String(text);
  return parts.map(function (part, i) { return i % 2 ? h('code', { text: part }) : part; });
}
function unique(values) { return Array.from(new Set(values)); }
function layerFill(index) { return index < 0 ? OUTSIDE_FILL : LAYER_FILLS[index % LAYER_FILLS.length]; }
function plural(count, word) { return count + ' ' + word + (count === 1 ? '' : 's'); }

var FILES = D.fileName.map(function (name, i) { var folder = D.folders[D.fileFolder[i]]; return folder ? folder + '/' + name : name; });
var FILE_INDEX = new Map(FILES.map(function (file, i) { return [file, i]; }));
var EDGE_COUNT = D.edges.length / 4;
var TYPE_ONLY = D.kinds.indexOf('type-only');
var ALLOWED = new Set(D.flows.filter(function (flow) { return flow.allowed; }).map(function (flow) { return flow.from + '\u0000' + flow.to; }));
function layerName(file) { var index = D.fileLayer[file]; return index < 0 ? null : D.layers[index].name; }
/** The same judgement as the engine's graph view: an import is against the direction when its two layers differ and the pair is not allowed. */
function edgeAllowed(from, to) {
  var a = layerName(from), b = layerName(to);
  return !a || !b || a === b || ALLOWED.has(a + '\u0000' + b);
}
function edgeLabel(k) {
  var kind = D.kinds[D.edges[4 * k + 3]];
  return FILES[D.edges[4 * k]] + ':' + D.edges[4 * k + 2] + ' \u2192 ' + FILES[D.edges[4 * k + 1]] + (kind === 'import' ? '' : ' (' + kind + ')');
}
/** Lists at most limit lines, then says how many more there are: a panel must stay readable on 5,000 modules. */
function limitedList(items, limit, render) {
  var list = h('ul');
  if (!items.length) list.appendChild(h('li', { class: 'muted', text: 'none' }));
  items.slice(0, limit).forEach(function (item) { list.appendChild(render(item)); });
  if (items.length > limit) list.appendChild(h('li', { class: 'muted', text: '\u2026 and ' + (items.length - limit) + ' more' }));
  return list;
}

var listeners = {};
function on(name, handler) { (listeners[name] = listeners[name] || []).push(handler); }
function emit(name, value) { (listeners[name] || []).forEach(function (handler) { handler(value); }); }
function goTo(sectionId) { var section = byId(sectionId); if (section) section.scrollIntoView({ block: 'start' }); }
`;
