// An execution's details beyond the graph: per-state visits (variables assigned, retries, Map
// iterations, Parallel branches), the timeline of states with their durations, and links to
// nested executions both ways.
'use strict';

const SCHEDULED = /(Task|Activity|LambdaFunction)Scheduled$/;
const MAX_ITERATIONS_SHOWN = 200;

// The history cut into visits of states: each visit's events from its StateEntered to its
// StateExited (or the end), with what happened inside. Nested states' events count for the
// innermost open state only.
function visitsOf(events) {
  const visits = [];
  const open = [];
  for (const event of events) {
    const entered = event.stateEnteredEventDetails;
    const exited = event.stateExitedEventDetails;
    if (entered) {
      const visit = { name: entered.name, type: event.type.replace(/StateEntered$/, ''), start: event.timestamp, events: [event], input: entered.input };
      visits.push(visit);
      open.push(visit);
    } else if (exited) {
      const at = open.map((v) => v.name).lastIndexOf(exited.name);
      if (at < 0) continue;
      const [visit] = open.splice(at, 1);
      Object.assign(visit, { end: event.timestamp, output: exited.output, assigned: exited.assignedVariables });
      visit.events.push(event);
    } else if (open.length) {
      open[open.length - 1].events.push(event);
    }
  }
  return visits;
}

// Attempts of a visit's task (retries are the attempts after the first), and its Map
// iterations or Parallel branches as the history tells them.
function visitFacts(visit) {
  const attempts = visit.events.filter((e) => SCHEDULED.test(e.type)).length;
  const iterations = {};
  for (const e of visit.events) {
    const m = /^MapIteration(Started|Succeeded|Failed|Aborted)$/.exec(e.type);
    if (!m) continue;
    const details = e.mapIterationStartedEventDetails || e.mapIterationSucceededEventDetails || e.mapIterationFailedEventDetails || e.mapIterationAbortedEventDetails || {};
    iterations[details.index] = m[1] === 'Started' ? 'RUNNING' : m[1].toUpperCase();
  }
  return { retries: Math.max(0, attempts - 1), attempts, iterations, children: childExecutions(visit.events) };
}

// Executions a Task state started (`states:startExecution`): their ARNs in the task's answer.
function childExecutions(events) {
  const arns = new Set();
  for (const e of events) {
    for (const key of ['taskSubmittedEventDetails', 'taskSucceededEventDetails']) {
      const output = e[key] && e[key].output;
      if (!output) continue;
      try {
        const parsed = JSON.parse(output);
        if (parsed && typeof parsed.ExecutionArn === 'string') arns.add(parsed.ExecutionArn);
      } catch (err) {
        // Not JSON: no execution to link.
      }
    }
  }
  return [...arns];
}

// The parent of a nested execution: AWS's console follows AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID
// in the child's input, which the parent passes as `$$.Execution.Id`.
function parentExecution(execution) {
  try {
    const input = JSON.parse(execution.input || '{}');
    const parent = input && input.AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID;
    return typeof parent === 'string' ? parent : null;
  } catch (e) {
    return null;
  }
}

// What a state's detail panel adds for its last visit: variables, retries, iterations,
// branches and child executions. `partLink(kind, index)` is the address of one iteration's or
// branch's drill-down.
function visitExtras(visit, definition, partLink) {
  const facts = visitFacts(visit);
  const parts = [];
  if (facts.attempts) {
    parts.push(el('p', { className: 'retries', textContent: 'Attempts: ' + facts.attempts + ' (retries: ' + facts.retries + ')' }));
  }
  if (visit.assigned && Object.keys(visit.assigned).length) {
    const table = el('table', { className: 'assigned' }, headRow(['Variable', 'Value']));
    for (const [name, value] of Object.entries(visit.assigned)) {
      table.append(el('tr', {}, el('td', { textContent: '$' + name }), el('td', { className: 'details', textContent: value })));
    }
    parts.push(el('h3', { textContent: 'Variables assigned' }), table);
  }
  const state = findState(definition, visit.name) || {};
  const results = resultsOf(visit.output, state);
  const indexes = Object.keys(facts.iterations);
  if (indexes.length) parts.push(el('h3', { textContent: 'Map iterations (' + indexes.length + ')' }), iterationTable(facts.iterations, results, partLink));
  if (state.Type === 'Parallel') parts.push(el('h3', { textContent: 'Parallel branches (' + (state.Branches || []).length + ')' }), branchList(state, results, partLink));
  if (facts.children.length) {
    parts.push(el('h3', { textContent: 'Started executions' }),
      el('ul', { className: 'children' }, ...facts.children.map((arn) => el('li', {}, link('execution=' + arn, arn.split(':').pop())))));
  }
  return parts;
}

// Each iteration's status, and its result when the state's results could be read.
function iterationTable(iterations, results, partLink) {
  const table = el('table', { className: 'iterations' }, headRow(['Index', 'Status', 'Result']));
  const indexes = Object.keys(iterations).sort((a, b) => a - b);
  // A Map over thousands of items would bury the page: the first ones say enough.
  if (indexes.length > MAX_ITERATIONS_SHOWN) {
    table.append(el('caption', { textContent: 'The first ' + MAX_ITERATIONS_SHOWN + ' of ' + indexes.length + ' iterations' }));
  }
  for (const index of indexes.slice(0, MAX_ITERATIONS_SHOWN)) {
    const result = results && index < results.length ? JSON.stringify(results[index]) : '';
    const opener = el('a', { href: partLink('iteration', index), textContent: index, title: 'Open iteration ' + index });
    table.append(el('tr', {}, el('td', {}, opener), el('td', {}, badge(iterations[index])),
      el('td', { className: 'details', textContent: truncate(result, 200) })));
  }
  return table;
}

function branchList(state, results, partLink) {
  return el('ol', { className: 'branches' }, ...(state.Branches || []).map((branch, i) => el('li', {},
    el('a', { href: partLink('branch', i), textContent: 'starts at ' + branch.StartAt }), results && i < results.length ? ': ' : '',
    results && i < results.length ? el('code', { textContent: truncate(JSON.stringify(results[i]), 200) }) : null)));
}

// A Map's or Parallel's array of results, read from its output where its ResultPath put it
// (JSONPath: `$` or a plain `$.a.b`; a JSONata state's output is the results unless its Output
// reshapes them). Null when they cannot be told apart from the rest of the output.
function resultsOf(output, state) {
  let value;
  try {
    value = JSON.parse(output);
  } catch (e) {
    return null;
  }
  const path = state.ResultPath === undefined ? '$' : state.ResultPath;
  if (typeof path !== 'string' || !/^\$(\.[A-Za-z_][\w-]*)*$/.test(path) || state.OutputPath || state.ResultSelector || state.Output) return null;
  for (const key of path.split('.').slice(1)) {
    value = value && typeof value === 'object' ? value[key] : undefined;
  }
  return Array.isArray(value) ? value : null;
}

function findState(scope, name) {
  for (const [key, state] of Object.entries(scope.States || {})) {
    if (key === name) return state;
    for (const inner of innerScopes(state)) {
      const found = findState(inner, name);
      if (found) return found;
    }
  }
  return null;
}

// ---- Drill-down into one Map iteration or Parallel branch --------------------------------

// The events of each iteration (Map) or branch (Parallel) of the state's visit that starts with
// `entered`, by index, and whether that visit is over. The visit's events are those whose
// previousEventId chain leads back to `entered`, up to its own Succeeded, Failed or Aborted
// event (a nested state of the same type has its own, counted by depth). Within it, a Map's
// MapIterationStarted names its index; a branch begins with the StateEntered that follows the
// ParallelStateStarted directly, and is the branch holding that state.
function partsOf(events, entered, state) {
  const name = entered.stateEnteredEventDetails.name;
  const mine = new Set([entered.id]);
  const terminal = new RegExp('^' + state.Type + 'State(Succeeded|Failed|Aborted)$');
  const partOf = {};
  const parts = {};
  let started = null;
  let depth = 0;
  for (const e of events) {
    if (e.id <= entered.id || !mine.has(e.previousEventId)) continue;
    if (e.type === state.Type + 'StateEntered') depth++;
    if (terminal.test(e.type) && depth-- === 0) return { parts, over: true };
    if (e.stateExitedEventDetails && e.stateExitedEventDetails.name === name) return { parts, over: true };
    mine.add(e.id);
    if (!started && e.previousEventId === entered.id) started = e;
    let part = partOf[e.previousEventId];
    const iteration = e.mapIterationStartedEventDetails;
    if (state.Type === 'Map' && iteration && iteration.name === name) part = iteration.index;
    if (state.Type === 'Parallel' && e.previousEventId === started.id && e.stateEnteredEventDetails) {
      part = (state.Branches || []).findIndex((b) => Object.hasOwn(b.States || {}, e.stateEnteredEventDetails.name));
    }
    partOf[e.id] = part;
    if (part !== undefined && part >= 0) (parts[part] = parts[part] || []).push(e);
  }
  return { parts, over: false };
}

// The panel of one iteration or branch of the selected state's last visit: its inner states
// drawn and coloured by their outcome in that part alone, and each inner visit's input and
// output. `part` is { kind: 'iteration' | 'branch', index }.
function partPanel(execution, definition, events, stateName, part) {
  const state = findState(definition, stateName);
  const entered = events.filter((e) => e.stateEnteredEventDetails && e.stateEnteredEventDetails.name === stateName).pop();
  const scope = !state ? null : part.kind === 'branch' ? (state.Branches || [])[part.index] : state.ItemProcessor || state.Iterator;
  const title = stateName + ' \u00b7 ' + part.kind + ' ' + part.index;
  const panel = el('div', { className: 'panel part-detail' });
  if (!scope || !entered) {
    panel.append(el('h2', { textContent: title }), el('p', { textContent: 'This state has no such ' + part.kind + ' in this execution.' }));
    return panel;
  }
  const { parts, over } = partsOf(events, entered, state);
  const own = parts[part.index] || [];
  const outcomes = stateOutcomes(own);
  const ended = over || execution.status !== 'RUNNING' || own.some((e) => /^MapIteration(Succeeded|Failed|Aborted)$/.test(e.type));
  // A state still open when its part is over did not finish: it failed (or was stopped).
  for (const name of Object.keys(outcomes.status)) {
    if (ended && outcomes.status[name] === 'running') outcomes.status[name] = 'failed';
  }
  const close = link('execution=' + execution.executionArn + '&state=' + encodeURIComponent(stateName), 'close');
  panel.append(el('h2', {}, title + ' ', close), legend(), el('div', { className: 'graph-scroll' }, drawGraph(scope, outcomes.status, null)), partVisits(own, outcomes));
  return panel;
}

function partVisits(own, outcomes) {
  const visits = visitsOf(own);
  if (!visits.length) return el('p', { textContent: 'No state entered yet.' });
  const table = el('table', { className: 'part-visits' }, headRow(['State', 'Status', 'Input', 'Output']));
  for (const visit of visits) {
    const status = visit.end === undefined ? outcomes.status[visit.name] || 'running' : outcomes.status[visit.name] === 'caught' ? 'caught' : 'succeeded';
    const error = (outcomes.visits[visit.name] || []).map((v) => v.error).filter(Boolean).pop();
    const output = visit.output === undefined ? (error ? (error.error || '') + ': ' + (error.cause || '') : '') : visit.output;
    table.append(el('tr', { className: 'part-visit' }, el('td', { textContent: visit.name }),
      el('td', {}, badge(status, STATUS[status].marker + ' ' + STATUS[status].word)),
      el('td', { className: 'details', textContent: truncate(visit.input || '', 300) }),
      el('td', { className: 'details', textContent: truncate(output, 300) })));
  }
  return table;
}

// ---- The timeline --------------------------------------------------------------------------

// One bar per state visit, placed by its start and end in the execution's time span; the
// duration is written beside it.
function timeline(events, execution) {
  const visits = visitsOf(events);
  const panel = el('div', { className: 'panel timeline' }, el('h2', { textContent: 'Timeline' }));
  if (!visits.length) {
    panel.append(el('p', { textContent: 'No state entered yet.' }));
    return panel;
  }
  const begin = execution.startDate;
  const finish = execution.stopDate || Math.max(...events.map((e) => e.timestamp));
  const span = Math.max(finish - begin, 0.001);
  const table = el('table', { className: 'timeline-table' }, headRow(['State', 'Type', 'Duration', '']));
  for (const visit of visits) {
    const end = visit.end === undefined ? finish : visit.end;
    const left = ((visit.start - begin) / span) * 100;
    const width = Math.max(((end - visit.start) / span) * 100, 0.5);
    const bar = el('div', { className: 'bar' + (visit.end === undefined ? ' open' : '') });
    bar.style.marginLeft = left.toFixed(2) + '%';
    bar.style.width = Math.min(width, 100 - left).toFixed(2) + '%';
    table.append(el('tr', {}, el('td', { textContent: visit.name }), el('td', { textContent: visit.type }),
      el('td', { className: 'duration', textContent: duration(end - visit.start) + (visit.end === undefined ? ' (open)' : '') }),
      el('td', { className: 'bar-cell' }, bar)));
  }
  panel.append(el('p', { className: 'meta', textContent: 'Total ' + duration(finish - begin) }), table);
  return panel;
}

function duration(seconds) {
  if (seconds < 1) return Math.round(seconds * 1000) + ' ms';
  if (seconds < 120) return seconds.toFixed(seconds < 10 ? 2 : 1) + ' s';
  if (seconds < 7200) return (seconds / 60).toFixed(1) + ' min';
  return (seconds / 3600).toFixed(1) + ' h';
}

// ---- Distributed Map runs ------------------------------------------------------------------

// The execution's Map Runs (a Distributed Map starts one per visit), each linking to its page.
async function mapRunsPanel(execution) {
  const runs = await listAll('ListMapRuns', { executionArn: execution.executionArn }, 'mapRuns');
  if (!runs.length) return null;
  return el('div', { className: 'panel map-runs' }, el('h2', { textContent: 'Map Runs (' + runs.length + ')' }),
    el('ul', {}, ...runs.map((r) => el('li', {}, link('maprun=' + r.mapRunArn, r.mapRunArn.split(':').slice(-2).join(':')),
      ' \u00b7 started ' + date(r.startDate) + (r.stopDate ? ' \u00b7 stopped ' + date(r.stopDate) : '')))));
}

// One Map Run: its status, item and child execution counts, and the child executions.
async function mapRunView(view, arn) {
  const run = await api('DescribeMapRun', { mapRunArn: arn });
  view.append(el('h1', {}, 'Map Run ', badge(run.status)), el('div', { className: 'arn', textContent: arn }),
    el('p', {}, 'Of execution ', link('execution=' + run.executionArn, run.executionArn.split(':').pop()),
      ' \u00b7 started ' + date(run.startDate) + (run.stopDate ? ' \u00b7 stopped ' + date(run.stopDate) : '') +
      ' \u00b7 max concurrency ' + (run.maxConcurrency ? run.maxConcurrency : 'unlimited')));
  const counts = el('table', { className: 'map-run-counts' }, headRow(['', 'Total', 'Pending', 'Running', 'Succeeded', 'Failed', 'Timed out', 'Aborted']));
  [...counts.querySelectorAll('th')].slice(1).forEach((th) => th.classList.add('count'));
  for (const [title, c] of [['Items', run.itemCounts || {}], ['Child executions', run.executionCounts || {}]]) {
    counts.append(el('tr', {}, el('th', { textContent: title }),
      ...['total', 'pending', 'running', 'succeeded', 'failed', 'timedOut', 'aborted'].map((k) => el('td', { className: 'count', textContent: c[k] || 0 }))));
  }
  view.append(el('div', { className: 'panel' }, el('h2', { textContent: 'Counts' }), counts));
  const children = await listAll('ListExecutions', { mapRunArn: arn }, 'executions');
  view.append(el('div', { className: 'panel' }, el('h2', { textContent: 'Child executions (' + children.length + ')' }), executionTable(children)));
  // A running Map Run has no stream of its own: its page is re-read every few seconds, and
  // redrawn only when its counts or children changed.
  view.dataset.signature = JSON.stringify([run.status, run.itemCounts, run.executionCounts, children.map((c) => c.status)]);
  if (run.status === 'RUNNING') pollTimer = setTimeout(() => refresh('poll'), FALLBACK_POLL_MS);
}
