// The Stepstone console: plain DOM code over the Step Functions JSON API. Data is only ever
// placed with textContent or SVG attributes, never parsed as HTML.
'use strict';

const SVG_NS = 'http://www.w3.org/2000/svg';
// While an execution runs its view follows the server's event stream; this slower poll catches
// what the stream does not announce (a task token registered, an activity task picked up) and
// covers the time the stream is down.
const FALLBACK_POLL_MS = 5000;
// How soon a deferred re-read is tried again while the user types in one of the view's forms.
const TYPING_RETRY_MS = 1000;

// Status of a state in one execution: class name, marker and word (never colour alone).
const STATUS = {
  succeeded: { marker: '\u2713', word: 'succeeded' },
  failed: { marker: '\u2717', word: 'failed' },
  caught: { marker: '\u26a0', word: 'caught' },
  running: { marker: '\u25b6', word: 'running' },
  unreached: { marker: '\u25cb', word: 'not reached' },
};

let pollTimer = null;
let selectedState = null;
// The selected state's Map iteration or Parallel branch (`&iteration=N`, `&branch=N`), if any.
let selectedPart = null;

function partFromAddress(extras) {
  for (const extra of extras) {
    const match = /^(iteration|branch)=(\d+)$/.exec(extra);
    if (match) return { kind: match[1], index: Number(match[2]) };
  }
  return null;
}

// ---- Small helpers -------------------------------------------------------------------------

function el(tag, props, ...children) {
  const node = document.createElement(tag);
  Object.assign(node, props || {});
  for (const child of children) {
    if (child !== null && child !== undefined) {
      node.append(child);
    }
  }
  return node;
}

function svg(tag, attrs, text) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    node.setAttribute(key, value);
  }
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

function showError(message) {
  const box = document.getElementById('error');
  box.textContent = message || '';
  box.hidden = !message;
}

function date(epochSeconds) {
  return epochSeconds ? new Date(epochSeconds * 1000).toISOString().replace('T', ' ') : '';
}

function pretty(text) {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch (e) {
    return text;
  }
}

function badge(status, word) {
  return el('span', { className: 'badge ' + status, textContent: word || status });
}

function link(hash, text) {
  return el('a', { href: '#' + hash, textContent: text });
}

// ---- The API -------------------------------------------------------------------------------

async function api(operation, body) {
  const response = await fetch('/', {
    method: 'POST',
    headers: {
      'X-Amz-Target': 'AWSStepFunctions.' + operation,
      'Content-Type': 'application/x-amz-json-1.0',
    },
    body: JSON.stringify(body || {}),
  });
  const data = await response.json();
  if (!response.ok) {
    const kind = (data.__type || 'Error').split('#').pop();
    throw new Error(operation + ': ' + kind + ': ' + (data.message || response.status));
  }
  return data;
}

// Follows nextToken until every page of `field` is read.
async function listAll(operation, body, field) {
  let items = [];
  let token;
  do {
    const page = await api(operation, Object.assign({}, body, token ? { nextToken: token } : {}));
    items = items.concat(page[field] || []);
    token = page.nextToken;
  } while (token);
  return items;
}

// ---- The graph model: definition -> nested scopes of nodes and edges ----------------------

const CHAR_W = 8;
const KIND_CHAR_W = 6.3;
const NODE_H = 44;
const HEAD_H = 42;
const PAD = 14;
const ROW_GAP = 50;
const COL_GAP = 26;

function successors(state) {
  const out = [];
  if (state.Next) out.push({ to: state.Next, kind: 'next' });
  (state.Choices || []).forEach((rule) => out.push({ to: rule.Next, kind: 'choice', label: ruleLabel(rule) }));
  if (state.Default) out.push({ to: state.Default, kind: 'default', label: 'Default' });
  (state.Catch || []).forEach((c) => out.push({ to: c.Next, kind: 'catch', label: 'catch ' + (c.ErrorEquals || []).join(', ') }));
  return out;
}

const RULE_KEYS = ['Next', 'Variable', 'Comment', 'Assign', 'Output'];

// A Choice rule in one short line: its JSONata condition, or Variable, comparison and value.
function ruleLabel(rule) {
  if (rule.Condition !== undefined) return String(rule.Condition);
  for (const combinator of ['And', 'Or']) {
    if (rule[combinator]) return rule[combinator].map(ruleLabel).join(' ' + combinator.toLowerCase() + ' ');
  }
  if (rule.Not) return 'not (' + ruleLabel(rule.Not) + ')';
  const op = Object.keys(rule).find((key) => !RULE_KEYS.includes(key));
  return (rule.Variable || '') + ' ' + (op || '') + ' ' + JSON.stringify(op ? rule[op] : '');
}

function truncate(text, max) {
  return text.length > max ? text.slice(0, max - 1) + '\u2026' : text;
}

function innerScopes(state) {
  if (state.Type === 'Parallel') return state.Branches || [];
  if (state.Type === 'Map') return [state.ItemProcessor || state.Iterator].filter(Boolean);
  return [];
}

function isTerminal(state) {
  return state.End === true || state.Type === 'Succeed' || state.Type === 'Fail';
}

// Row of each state: the longest forward path to it from StartAt, so that a state sits below
// everything that leads to it. Back edges (loops, found by depth-first search) are left out;
// states StartAt cannot reach go in the last row.
function depths(scope) {
  const states = scope.States || {};
  const forward = forwardEdges(states, scope.StartAt);
  const depth = {};
  if (states[scope.StartAt]) depth[scope.StartAt] = 0;
  for (let pass = 0, changed = true; changed && pass <= forward.length; pass++) {
    changed = false;
    for (const [from, to] of forward) {
      if (depth[from] !== undefined && !(depth[to] >= depth[from] + 1)) {
        depth[to] = depth[from] + 1;
        changed = true;
      }
    }
  }
  const last = Math.max(-1, ...Object.values(depth)) + 1;
  for (const name of Object.keys(states)) {
    if (depth[name] === undefined) depth[name] = last;
  }
  return depth;
}

function forwardEdges(states, startAt) {
  const forward = [];
  const onPath = new Set();
  const seen = new Set();
  const visit = (name) => {
    seen.add(name);
    onPath.add(name);
    for (const edge of successors(states[name])) {
      if (!states[edge.to] || onPath.has(edge.to)) continue;
      forward.push([name, edge.to]);
      if (!seen.has(edge.to)) visit(edge.to);
    }
    onPath.delete(name);
  };
  if (states[startAt]) visit(startAt);
  return forward;
}

function makeNode(name, state) {
  const children = innerScopes(state).map(layoutScope);
  const longestKind = kindLine(state, 'unreached').length * KIND_CHAR_W;
  const label = Math.max(name.length * CHAR_W, longestKind) + 2 * PAD;
  if (!children.length) return { name, state, children, w: label, h: NODE_H };
  const inner = children.reduce((sum, c) => sum + c.w, 0) + COL_GAP * (children.length - 1);
  const tallest = Math.max(...children.map((c) => c.h));
  return { name, state, children, w: Math.max(label, inner + 2 * PAD), h: HEAD_H + tallest + PAD };
}

// Lays one scope out in rows by depth, each row centred; nested scopes sit inside their node.
function layoutScope(scope) {
  const states = scope.States || {};
  const depth = depths(scope);
  const rows = [];
  const nodes = {};
  for (const name of Object.keys(states).sort((a, b) => depth[a] - depth[b])) {
    nodes[name] = makeNode(name, states[name]);
    (rows[depth[name]] = rows[depth[name]] || []).push(nodes[name]);
  }
  const packed = rows.filter(Boolean);
  const rowWidth = (row) => row.reduce((sum, n) => sum + n.w, 0) + COL_GAP * (row.length - 1);
  const w = Math.max(120, ...packed.map(rowWidth)) + 2 * PAD;
  let y = PAD + 10;
  packed.forEach((row, index) => {
    let x = (w - rowWidth(row)) / 2;
    for (const node of row) {
      Object.assign(node, { x, y, row: index });
      x += node.w + COL_GAP;
    }
    y += Math.max(...row.map((n) => n.h)) + ROW_GAP;
  });
  const edges = [];
  for (const node of Object.values(nodes)) {
    for (const edge of successors(node.state)) {
      if (nodes[edge.to]) edges.push(Object.assign({ from: node.name }, edge));
    }
  }
  const right = routeAround(nodes, edges);
  return { startAt: scope.StartAt, nodes, edges, w: Math.max(w, right + PAD), h: y - ROW_GAP + PAD };
}

// An edge to the next row goes straight down; any other (skipping rows, or going back up)
// gets a lane right of every box in the rows it spans, so it crosses none. Returns the
// rightmost lane.
function routeAround(nodes, edges) {
  let rightmost = 0;
  let lanes = 0;
  for (const edge of edges) {
    const a = nodes[edge.from];
    const b = nodes[edge.to];
    if (b.row === a.row + 1) continue;
    const [top, bottom] = [Math.min(a.row, b.row), Math.max(a.row, b.row)];
    const spanned = Object.values(nodes).filter((n) => n.row >= top && n.row <= bottom);
    edge.lane = Math.max(...spanned.map((n) => n.x + n.w)) + 18 + 10 * lanes++;
    rightmost = Math.max(rightmost, edge.lane + 40);
  }
  return rightmost;
}

// ---- Drawing -------------------------------------------------------------------------------

function arrowMarkers() {
  const defs = svg('defs');
  for (const id of ['arrow', 'arrow-catch']) {
    const marker = svg('marker', { id, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' });
    marker.append(svg('path', { d: 'M0,0 L10,5 L0,10 z' }));
    defs.append(marker);
  }
  return defs;
}

function drawGraph(definition, statuses, onSelect) {
  const layout = layoutScope(definition);
  const root = svg('svg', { class: 'graph', width: layout.w, height: layout.h, role: 'img', 'aria-label': 'State machine graph' });
  root.append(arrowMarkers());
  drawScope(root, layout, 0, 0, statuses, onSelect);
  return root;
}

function drawScope(parent, layout, ox, oy, statuses, onSelect) {
  const start = layout.nodes[layout.startAt];
  if (start) {
    parent.append(svg('circle', { class: 'start', cx: ox + start.x + start.w / 2, cy: oy + start.y - 12, r: 5 }));
    parent.append(svg('line', { class: 'edge', x1: ox + start.x + start.w / 2, y1: oy + start.y - 7, x2: ox + start.x + start.w / 2, y2: oy + start.y, 'marker-end': 'url(#arrow)' }));
  }
  const fanOut = {};
  for (const edge of layout.edges) {
    (fanOut[edge.from] = fanOut[edge.from] || []).push(edge);
  }
  for (const list of Object.values(fanOut)) {
    list.forEach((edge, i) => drawEdge(parent, layout, edge, (i + 1) / (list.length + 1), ox, oy));
  }
  for (const node of Object.values(layout.nodes)) {
    drawNode(parent, node, ox, oy, statuses, onSelect);
  }
}

function drawEdge(parent, layout, edge, along, ox, oy) {
  const a = layout.nodes[edge.from];
  const b = layout.nodes[edge.to];
  let d;
  let mid;
  if (edge.lane === undefined) {
    const x1 = ox + a.x + a.w * along;
    const y1 = oy + a.y + a.h;
    const x2 = ox + b.x + b.w / 2;
    const y2 = oy + b.y;
    d = `M${x1},${y1} C${x1},${y1 + 30} ${x2},${y2 - 30} ${x2},${y2}`;
    mid = { x: (x1 + x2) / 2, y: (y1 + y2) / 2 };
  } else {
    const lane = ox + edge.lane;
    const x1 = ox + a.x + a.w;
    const y1 = oy + a.y + a.h * along;
    const x2 = ox + b.x + b.w;
    const y2 = oy + b.y + b.h / 2;
    d = `M${x1},${y1} L${lane},${y1} L${lane},${y2} L${x2},${y2}`;
    mid = { x: lane + 4, y: (y1 + y2) / 2 };
  }
  const kind = edge.kind;
  parent.append(svg('path', { class: 'edge ' + kind, d, 'marker-end': kind === 'catch' ? 'url(#arrow-catch)' : 'url(#arrow)' }));
  if (edge.label) {
    const anchor = edge.lane === undefined ? 'middle' : 'start';
    const label = svg('text', { class: 'edge-label ' + kind, x: mid.x, y: mid.y, 'text-anchor': anchor }, truncate(edge.label, 34));
    label.append(svg('title', {}, edge.label));
    parent.append(label);
  }
}

function drawNode(parent, node, ox, oy, statuses, onSelect) {
  const x = ox + node.x;
  const y = oy + node.y;
  const status = statuses ? statuses[node.name] || 'unreached' : null;
  const group = svg('g', { class: 'state' + (isTerminal(node.state) ? ' terminal' : ''), 'data-name': node.name, tabindex: 0, role: 'button' });
  if (status) group.setAttribute('data-status', status);
  if (node.name === selectedState) group.classList.add('selected');
  group.append(svg('rect', { class: 'box', x, y, width: node.w, height: node.h, rx: 6 }));
  group.append(svg('text', { class: 'name', x: x + PAD, y: y + 17 }, node.name));
  group.append(svg('text', { class: 'kind', x: x + PAD, y: y + 34 }, kindLine(node.state, status)));
  group.append(svg('title', {}, node.name + ' (' + node.state.Type + ')' + (status ? ': ' + STATUS[status].word : '')));
  if (onSelect) {
    group.addEventListener('click', (event) => { event.stopPropagation(); onSelect(node.name); });
    group.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); onSelect(node.name); }
    });
  }
  parent.append(group);
  let cx = x + (node.w - node.children.reduce((s, c) => s + c.w, 0) - COL_GAP * (node.children.length - 1)) / 2;
  for (const child of node.children) {
    group.append(svg('rect', { class: 'scope', x: cx, y: y + HEAD_H - 6, width: child.w, height: child.h, rx: 4 }));
    drawScope(group, child, cx, y + HEAD_H - 6, statuses, onSelect);
    cx += child.w + COL_GAP;
  }
}

function kindLine(state, status) {
  const parts = [state.Type || '?'];
  if (isTerminal(state)) parts.push('\u25a0 end');
  if (status) parts.push(STATUS[status].marker + ' ' + STATUS[status].word);
  return parts.join(' \u00b7 ');
}

function legend() {
  const box = el('div', { className: 'legend' });
  for (const [key, s] of Object.entries(STATUS)) {
    box.append(badge(key, s.marker + ' ' + s.word));
  }
  return box;
}

// ---- Execution history -> per-state outcome -----------------------------------------------

// Replays the history: a state entered and not exited is running; exited, succeeded; exited
// after an error event of its own, caught; a Fail state, or a state still open when the
// execution fails, failed.
function stateOutcomes(events) {
  const status = {};
  const visits = {};
  const open = [];
  for (const event of events) {
    const entered = event.stateEnteredEventDetails;
    const exited = event.stateExitedEventDetails;
    if (entered) {
      status[entered.name] = event.type === 'FailStateEntered' ? 'failed' : 'running';
      (visits[entered.name] = visits[entered.name] || []).push({ input: entered.input, events: [event] });
      if (event.type !== 'FailStateEntered') open.push({ name: entered.name, type: event.type });
    } else if (exited) {
      status[exited.name] = status[exited.name] === 'erroring' ? 'caught' : 'succeeded';
      const visit = lastVisit(visits, exited.name);
      if (visit) { visit.output = exited.output; visit.events.push(event); }
      const at = open.map((o) => o.name).lastIndexOf(exited.name);
      if (at >= 0) open.splice(at, 1);
    } else {
      settle(event, status, visits, open);
    }
  }
  for (const name of Object.keys(status)) {
    if (status[name] === 'erroring') status[name] = 'running';
  }
  return { status, visits };
}

// Events other than entering and leaving a state: errors, retries that succeed, the end.
function settle(event, status, visits, open) {
  const outcome = /^(\w+?)(Failed|TimedOut|Aborted|Succeeded)$/.exec(event.type);
  if (!outcome || outcome[1] === 'MapIteration' || outcome[1] === 'MapRun') return;
  const [, source, result] = outcome;
  if (source === 'Execution') {
    if (result !== 'Succeeded') open.forEach((o) => { status[o.name] = 'failed'; });
    open.length = 0;
    return;
  }
  // A ParallelStateFailed belongs to the open Parallel, a TaskFailed to the innermost state.
  const owner = [...open].reverse().find((o) => !source.endsWith('State') || o.type === source + 'Entered');
  if (!owner) return;
  if (result === 'Succeeded') {
    // A retry that succeeded: the earlier error did not leave the state.
    if (status[owner.name] === 'erroring') status[owner.name] = 'running';
    return;
  }
  status[owner.name] = 'erroring';
  const visit = lastVisit(visits, owner.name);
  if (visit) { visit.error = errorOf(event); visit.events.push(event); }
}

function lastVisit(visits, name) {
  const list = visits[name];
  return list ? list[list.length - 1] : null;
}

function errorOf(event) {
  for (const [key, value] of Object.entries(event)) {
    if (key.endsWith('EventDetails') && value && (value.error !== undefined || value.cause !== undefined)) {
      return { error: value.error, cause: value.cause };
    }
  }
  // ParallelStateFailed and MapStateFailed carry no details: the error is a branch's.
  const nested = /^(Parallel|Map)StateFailed$/.test(event.type);
  return { error: event.type, cause: nested ? 'carries no details: see the failed state inside' : undefined };
}

function eventStateName(event) {
  const details = event.stateEnteredEventDetails || event.stateExitedEventDetails;
  return details ? details.name : '';
}

function eventDetails(event) {
  const key = Object.keys(event).find((k) => k.endsWith('EventDetails'));
  return key ? JSON.stringify(event[key]) : '';
}

// ---- Views ---------------------------------------------------------------------------------

async function loadMachineList(currentArn) {
  const machines = await listAll('ListStateMachines', {}, 'stateMachines');
  const list = document.getElementById('machine-list');
  list.replaceChildren();
  for (const m of machines) {
    const a = link('machine=' + m.stateMachineArn, m.name);
    if (m.stateMachineArn === currentArn) a.classList.add('current');
    a.append(el('div', { className: 'meta', textContent: m.type + ' \u00b7 ' + date(m.creationDate) }));
    list.append(el('li', {}, a));
  }
  if (!machines.length) {
    list.append(el('li', { className: 'meta', textContent: 'None yet: create one with CreateStateMachine.' }));
  }
  return machines;
}

function homeView(view, machines) {
  view.append(el('h1', { textContent: 'State machines (' + machines.length + ')' }));
  if (!machines.length) {
    view.append(el('p', { textContent: 'No state machines yet: create one with CreateStateMachine, then open it here.' }));
    return;
  }
  const table = el('table', { className: 'machines' }, headRow(['Name', 'Type', 'Created']));
  for (const m of machines) {
    table.append(el('tr', {}, el('td', {}, link('machine=' + m.stateMachineArn, m.name)), el('td', {}, badge(m.type)),
      el('td', { textContent: date(m.creationDate) })));
  }
  view.append(el('div', { className: 'panel' }, table));
}

async function machineView(view, arn) {
  const machine = await api('DescribeStateMachine', { stateMachineArn: arn });
  const definition = JSON.parse(machine.definition);
  view.append(el('h1', {}, machine.name + ' ', badge(machine.type)), el('div', { className: 'arn', textContent: arn }));
  const drawn = drawGraph(definition, null, null);
  const graph = el('div', { className: 'panel graph-panel' }, el('h2', { textContent: 'Graph' }), drawn);
  const side = el('div', { className: 'panel' },
    el('h2', { textContent: 'Definition' }),
    el('pre', { className: 'definition', textContent: JSON.stringify(definition, null, 2) }));
  const start = await startForm(machine);
  const diagnostics = await diagnosticsPanel(machine.definition, drawn);
  view.append(el('div', { className: 'columns' }, graph, el('div', { className: 'side-panel' }, start, diagnostics, await versionsPanel(arn), side)));
  // AWS lists no express executions (ListExecutions refuses the type): their record is the
  // result StartSyncExecution answers, or the logs.
  view.append(machine.type === 'EXPRESS'
    ? el('div', { className: 'panel' }, el('h2', { textContent: 'Executions' }), el('p', { textContent: 'Express executions are not listed (ListExecutions does not serve them): start one above to see its result.' }))
    : await executionList(arn));
}

// ValidateStateMachineDefinition's diagnostics (a stored machine has no errors, but may have
// warnings), each marking the state its location points into.
async function diagnosticsPanel(definition, drawn) {
  // `severity: WARNING` asks for warnings too (the default is errors only).
  const { diagnostics = [] } = await api('ValidateStateMachineDefinition', { definition, severity: 'WARNING' });
  if (!diagnostics.length) return null;
  const list = el('ul', { className: 'diagnostics' });
  for (const d of diagnostics) {
    const state = diagnosedState(d.location || '');
    list.append(el('li', {}, badge(d.severity), ' ' + d.code + ': ' + d.message + (d.location ? ' (' + d.location + ')' : '')));
    const node = state && drawn.querySelector('.state[data-name="' + CSS.escape(state) + '"]');
    if (node) {
      node.classList.add('diagnosed');
      node.querySelector('title').textContent += ' \u2014 ' + d.severity + ': ' + d.message;
    }
  }
  return el('div', { className: 'panel' }, el('h2', { textContent: 'Validation (' + diagnostics.length + ')' }), list);
}

// The innermost state a JSON pointer such as `/States/P/Branches/0/States/X/Next` names.
function diagnosedState(location) {
  const parts = location.split('/');
  let name = null;
  for (let i = 0; i + 1 < parts.length; i++) {
    if (parts[i] === 'States') name = parts[i + 1].replace(/~1/g, '/').replace(/~0/g, '~');
  }
  return name;
}

// Published versions and aliases with their routing weights (each links to its executions
// through the machine's list, which takes any of them).
async function versionsPanel(arn) {
  const versions = await listAll('ListStateMachineVersions', { stateMachineArn: arn }, 'stateMachineVersions');
  const aliases = await listAll('ListStateMachineAliases', { stateMachineArn: arn }, 'stateMachineAliases');
  const panel = el('div', { className: 'panel versions' }, el('h2', { textContent: 'Versions and aliases' }));
  if (!versions.length && !aliases.length) {
    panel.append(el('p', { className: 'meta', textContent: 'No versions published (PublishStateMachineVersion) and no aliases.' }));
    return panel;
  }
  const list = el('ul', {});
  for (const v of versions) {
    list.append(el('li', {}, 'version ' + v.stateMachineVersionArn.split(':').pop() + ' \u00b7 ' + date(v.creationDate)));
  }
  for (const a of aliases) {
    const alias = await api('DescribeStateMachineAlias', { stateMachineAliasArn: a.stateMachineAliasArn });
    const routes = (alias.routingConfiguration || []).map((r) => 'v' + r.stateMachineVersionArn.split(':').pop() + ' ' + r.weight + '%');
    list.append(el('li', {}, 'alias ' + alias.name + ' \u2192 ' + routes.join(', ')));
  }
  panel.append(list);
  return panel;
}

const PAGE_SIZE = 20;
const STATUSES = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE'];

// The machine's executions a page at a time, optionally of one status (ListExecutions'
// statusFilter); earlier pages' tokens are kept so Previous goes back.
async function executionList(arn) {
  const panel = el('div', { className: 'panel executions-panel' });
  const filter = el('select', { id: 'status-filter' }, el('option', { value: '', textContent: 'all statuses' }),
    ...STATUSES.map((s) => el('option', { value: s, textContent: s })));
  const body = el('div', {});
  const tokens = [undefined];
  let timer = null;
  let shown = '';
  const show = async (page) => {
    clearTimeout(timer);
    const request = { stateMachineArn: arn, maxResults: PAGE_SIZE };
    if (filter.value) request.statusFilter = filter.value;
    if (tokens[page]) request.nextToken = tokens[page];
    const answer = await api('ListExecutions', request);
    tokens[page + 1] = answer.nextToken;
    const executions = answer.executions || [];
    // Re-drawn only when what it lists changed, so a focused link or button stays put.
    const signature = JSON.stringify([page, executions, answer.nextToken]);
    if (signature !== shown) body.replaceChildren(executionTable(executions), pager(page, answer.nextToken, show));
    shown = signature;
    // Executions end without a history event on this page to follow: while one it lists runs,
    // the page is re-read every few seconds (until the user leaves it).
    if (executions.some((x) => x.status === 'RUNNING')) {
      timer = setTimeout(() => { if (panel.isConnected) show(page).catch((e) => showError(e.message)); }, FALLBACK_POLL_MS);
    }
  };
  filter.addEventListener('change', act(async () => { tokens.length = 1; await show(0); }));
  panel.append(el('div', { className: 'toolbar' }, el('h2', { textContent: 'Executions' }), field('Status', filter)), body);
  await show(0);
  return panel;
}

function executionTable(executions) {
  if (!executions.length) return el('p', { textContent: 'No executions.' });
  const table = el('table', { className: 'executions' });
  table.append(headRow(['Name', 'Status', 'Started', 'Stopped', 'Redrives']));
  for (const x of executions) {
    table.append(el('tr', {}, el('td', {}, link('execution=' + x.executionArn, x.name)),
      el('td', {}, badge(x.status)), el('td', { textContent: date(x.startDate) }), el('td', { textContent: date(x.stopDate) }),
      el('td', { textContent: x.redriveCount || 0 })));
  }
  return table;
}

function pager(page, nextToken, show) {
  const previous = el('button', { type: 'button', id: 'page-previous', textContent: '\u2190 Previous', disabled: page === 0 });
  const next = el('button', { type: 'button', id: 'page-next', textContent: 'Next \u2192', disabled: !nextToken });
  previous.addEventListener('click', act(() => show(page - 1)));
  next.addEventListener('click', act(() => show(page + 1)));
  return el('div', { className: 'pager' }, previous, el('span', { className: 'meta', textContent: ' page ' + (page + 1) + ' ' }), next);
}

function headRow(titles) {
  return el('tr', {}, ...titles.map((t) => el('th', { textContent: t })));
}

async function executionView(view, arn) {
  const execution = await api('DescribeExecution', { executionArn: arn });
  const machine = await api('DescribeStateMachineForExecution', { executionArn: arn });
  const events = await listAll('GetExecutionHistory', { executionArn: arn, maxResults: 1000 }, 'events');
  const definition = JSON.parse(machine.definition);
  const outcomes = stateOutcomes(events);
  const tasks = await waitingTasksPanel(execution, events);
  const mapRuns = await mapRunsPanel(execution);
  const page = { view, execution, machine, definition, outcomes, events, tasks, mapRuns };
  view.dataset.signature = JSON.stringify([execution.status, events.length, tasks ? tasks.dataset.tokens : '']);
  page.render = () => renderExecution(page);
  page.render();
  if (execution.status === 'RUNNING') {
    followExecution(arn, Math.max(0, ...events.map((e) => e.id)));
    pollTimer = setTimeout(() => refresh('poll'), FALLBACK_POLL_MS);
  } else {
    stopFollowing();
  }
}

// ---- Live updates --------------------------------------------------------------------------

// The event stream of the execution on screen (`/_stepstone/executions/events`): each history
// event newer than the view re-reads it, and `end` (the execution stopped) closes the stream.
// EventSource reconnects by itself after a drop, sending Last-Event-ID, so nothing is missed.
let live = null;
let liveTimer = null;
let refreshCause = 'navigation';

function followExecution(arn, lastId) {
  // A stream the server refused (EventSource gives up on a non-200 answer) is opened again.
  if (live && live.arn === arn && live.source.readyState !== EventSource.CLOSED) {
    live.lastId = Math.max(live.lastId, lastId);
    return;
  }
  stopFollowing();
  const source = new EventSource('/_stepstone/executions/events?executionArn=' + encodeURIComponent(arn));
  const current = { arn, source, lastId, connected: false };
  live = current;
  source.onopen = () => { current.connected = true; showLiveStatus(); };
  source.onerror = () => { current.connected = false; showLiveStatus(); };
  // The stream starts from the first event: those the view already shows change nothing.
  source.onmessage = (message) => {
    if (Number(message.lastEventId) > current.lastId) refreshSoon();
  };
  source.addEventListener('end', () => { stopFollowing(); refreshSoon(); });
}

function stopFollowing() {
  if (live) live.source.close();
  live = null;
}

// Events come in bursts (a state's exit and the next one's entry): one re-read covers them.
function refreshSoon() {
  clearTimeout(liveTimer);
  liveTimer = setTimeout(() => refresh('stream'), 50);
}

// Says in the execution's heading how it is kept up to date.
function showLiveStatus() {
  const box = document.getElementById('live-status');
  if (!box) return;
  const connected = live && live.connected;
  box.dataset.connected = connected ? 'true' : 'false';
  box.textContent = connected ? '\u25cf live' : '\u25cb reconnecting; re-read every ' + FALLBACK_POLL_MS / 1000 + ' s';
  box.title = connected ? 'Updated as the server records each event (event stream)' : 'The event stream is down; the page re-reads the execution every few seconds';
}

// Re-reads the current view in place while an execution runs, unless the user is typing in
// one of its forms (a re-render would drop what they typed).
function refresh(cause) {
  const typing = document.activeElement && document.activeElement.closest && document.activeElement.closest('#view form, #view .task');
  if (typing) {
    clearTimeout(pollTimer);
    pollTimer = setTimeout(() => refresh(cause), TYPING_RETRY_MS);
    return;
  }
  refreshCause = cause;
  route(true);
}

// Which published version ran, and through which alias, when one was named.
function qualifierNote(execution) {
  const alias = execution.stateMachineAliasArn;
  const version = execution.stateMachineVersionArn;
  return (alias ? ' \u00b7 via alias ' + alias.split(':').pop() : '') + (version ? ' \u00b7 version ' + version.split(':').pop() : '');
}

function renderExecution(page) {
  const { view, execution, machine, definition, outcomes, events } = page;
  // The selected state is kept in the address (`&state=`), so a link can open it.
  const onSelect = (name) => {
    selectedState = name;
    selectedPart = null;
    history.replaceState(null, '', '#execution=' + execution.executionArn + '&state=' + encodeURIComponent(name));
    page.render();
    const focused = document.querySelector('svg .state[data-name="' + CSS.escape(name) + '"]');
    if (focused) focused.focus();
  };
  const exportButton = el('button', { type: 'button', className: 'action', id: 'export-button', textContent: 'Export HTML' });
  exportButton.addEventListener('click', act(() => exportExecution(execution, definition, outcomes, events)));
  const parent = parentExecution(execution);
  view.replaceChildren(
    el('h1', {}, execution.name + ' ', badge(execution.status), liveStatus(execution), stopButton(execution), redriveButton(execution), exportButton),
    stopForm(execution) || '',
    el('div', { className: 'arn', textContent: execution.executionArn }),
    el('p', {}, 'State machine: ', link('machine=' + execution.stateMachineArn, machine.name),
      ' \u00b7 started ' + date(execution.startDate) + (execution.stopDate ? ' \u00b7 stopped ' + date(execution.stopDate) : '') +
      (execution.redriveCount ? ' \u00b7 redriven ' + execution.redriveCount + ' time(s)' : '') + qualifierNote(execution),
      parent ? el('span', { className: 'parent' }, ' \u00b7 started by ', link('execution=' + parent, parent.split(':').pop())) : null,
      execution.mapRunArn ? el('span', { className: 'map-run' }, ' \u00b7 a child of ', link('maprun=' + execution.mapRunArn, 'its Map Run')) : null),
    page.tasks || '',
    el('div', { className: 'columns' },
      el('div', { className: 'panel graph-panel' }, el('h2', { textContent: 'Graph' }), legend(), drawGraph(definition, outcomes.status, onSelect)),
      el('div', { className: 'side-panel' }, stateDetail(execution, outcomes, events, definition), page.mapRuns || '', executionIo(execution))),
    selectedState && selectedPart ? partPanel(execution, definition, events, selectedState, selectedPart) : '',
    timeline(events, execution),
    historyTable(events));
  showLiveStatus();
}

function liveStatus(execution) {
  if (execution.status !== 'RUNNING') return null;
  return el('span', { id: 'live-status', className: 'live-status', 'aria-live': 'off' });
}

function stateDetail(execution, outcomes, events, definition) {
  const panel = el('div', { className: 'panel state-detail' });
  if (!selectedState) {
    panel.append(el('h2', { textContent: 'State' }), el('p', { textContent: 'Click a state in the graph (or focus it and press Enter) to see its input and output.' }));
    return panel;
  }
  const visits = outcomes.visits[selectedState] || [];
  const status = outcomes.status[selectedState] || 'unreached';
  panel.append(el('h2', {}, selectedState + ' ', badge(status, STATUS[status].marker + ' ' + STATUS[status].word)));
  const visit = visits[visits.length - 1];
  if (!visit) {
    panel.append(el('p', { textContent: 'Not reached in this execution.' }));
    return panel;
  }
  if (visits.length > 1) panel.append(el('p', { textContent: 'Entered ' + visits.length + ' times; the last visit is shown.' }));
  panel.append(el('h3', { textContent: 'Input' }), el('pre', { className: 'state-input', textContent: pretty(visit.input || '') }));
  const error = visit.error || failStateError(findState(definition, selectedState));
  if (error) {
    panel.append(el('h3', { textContent: 'Error' }), el('pre', { className: 'error', textContent: (error.error || '') + '\n' + (error.cause || '') }));
  }
  panel.append(el('h3', { textContent: 'Output' }), el('pre', { className: 'state-output', textContent: visit.output === undefined ? '(not exited yet)' : pretty(visit.output) }));
  const detailed = visitsOf(events).filter((v) => v.name === selectedState).pop();
  const partLink = (kind, index) => '#execution=' + execution.executionArn + '&state=' + encodeURIComponent(selectedState) + '&' + kind + '=' + index;
  if (detailed) panel.append(...visitExtras(detailed, definition, partLink));
  return panel;
}

// A Fail state's error is in the definition, not in an event of its own.
function failStateError(state) {
  if (!state || state.Type !== 'Fail') return null;
  const from = (value, path) => (value !== undefined ? value : path !== undefined ? '(from ' + path + ')' : '');
  return { error: from(state.Error, state.ErrorPath), cause: from(state.Cause, state.CausePath) };
}

function executionIo(execution) {
  const panel = el('div', { className: 'panel' }, el('h2', { textContent: 'Execution input' }), el('pre', { textContent: pretty(execution.input || '') }));
  if (execution.output !== undefined) panel.append(el('h2', { textContent: 'Output' }), el('pre', { className: 'execution-output', textContent: pretty(execution.output) }));
  if (execution.error !== undefined || execution.cause !== undefined) {
    panel.append(el('h2', { textContent: 'Error' }), el('pre', { className: 'error', textContent: (execution.error || '') + '\n' + (execution.cause || '') }));
  }
  return panel;
}

function historyTable(events) {
  const table = el('table', { className: 'history' });
  table.append(headRow(['ID', 'Type', 'State', 'Time', 'Details']));
  for (const e of events) {
    table.append(el('tr', {}, el('td', { textContent: e.id }), el('td', { textContent: e.type }),
      el('td', { textContent: eventStateName(e) }), el('td', { textContent: date(e.timestamp) }),
      el('td', { className: 'details', textContent: truncate(eventDetails(e), 300) })));
  }
  return el('div', { className: 'panel' }, el('h2', { textContent: 'Event history (' + events.length + ')' }), table);
}

// ---- Routing: the hash names the view, so every view has a link ---------------------------

// Each call of route() supersedes those before it: a slower, older one never overwrites what a
// newer one shows.
let routeGeneration = 0;

// Shows the view the address names. A poll (`live`) re-reads only the view, and replaces it only
// when what it shows has changed, so nothing under the user's pointer or keyboard moves for
// nothing.
async function route(live) {
  clearTimeout(pollTimer);
  const generation = ++routeGeneration;
  const main = document.querySelector('main');
  main.setAttribute('aria-busy', 'true');
  const [target, state] = location.hash.slice(1).split('&state=');
  const [kind, ...rest] = decodeURIComponent(target).split('=');
  const arn = rest.join('=');
  const [stateName, ...extras] = state === undefined ? [] : state.split('&');
  selectedState = stateName === undefined ? null : decodeURIComponent(stateName);
  selectedPart = partFromAddress(extras);
  if (!(kind === 'execution' && live && live.arn === arn)) stopFollowing();
  const fresh = el('section', { id: 'view', 'aria-live': 'polite' });
  // What brought this view up to date: a navigation, the event stream or the fallback poll.
  fresh.dataset.refreshedBy = live === true ? refreshCause : 'navigation';
  if (live !== true) showNotice('');
  let failure = '';
  try {
    const machines = live === true ? null : await loadMachineList(kind === 'machine' ? arn : null);
    if (live !== true) await clockPanel();
    if (kind === 'machine') await machineView(fresh, arn);
    else if (kind === 'execution') await executionView(fresh, arn);
    else if (kind === 'maprun') await mapRunView(fresh, arn);
    else if (kind === 'lambda') await lambdaView(fresh, arn);
    else if (kind === 'sqs') await sqsView(fresh, arn);
    else if (kind === 'sns') await snsView(fresh, arn);
    else homeView(fresh, machines);
  } catch (e) {
    failure = e.message;
  }
  if (generation !== routeGeneration) return;
  showError(failure);
  markCurrentService(kind);
  const current = document.getElementById('view');
  const unchanged = live === true && fresh.dataset.signature && fresh.dataset.signature === current.dataset.signature;
  if (!unchanged) current.replaceWith(fresh);
  main.removeAttribute('aria-busy');
  // An iteration or branch just opened is drawn below the graph: bring it into view.
  const part = live !== true && fresh.querySelector('.part-detail');
  if (part) part.scrollIntoView({ block: 'start' });
}

function markCurrentService(kind) {
  for (const a of document.querySelectorAll('#services a')) {
    a.classList.toggle('current', a.getAttribute('href') === '#' + kind + '=');
  }
}

window.addEventListener('hashchange', route);
document.getElementById('refresh').addEventListener('click', route);
route();
