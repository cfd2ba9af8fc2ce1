// Unit tests of the console's graph model (definition -> rows, edges, lanes), of the history
// replay (events -> each state's outcome) and of the execution details read from the history
// (visits, retries, Map iterations, child executions, the state a waiting task belongs to). console_chromium.sh runs them in headless
// Chromium and reads the verdict from #results.
'use strict';

const failures = [];

function expect(name, actual, expected) {
  const [a, e] = [JSON.stringify(actual), JSON.stringify(expected)];
  if (a !== e) failures.push(name + ': expected ' + e + ', got ' + a);
}

const loop = {
  StartAt: 'A',
  States: {
    A: { Type: 'Choice', Choices: [{ Variable: '$.n', NumericGreaterThan: 3, Next: 'C' }], Default: 'B' },
    B: { Type: 'Task', Resource: 'x', Next: 'A', Catch: [{ ErrorEquals: ['States.ALL'], Next: 'C' }] },
    C: { Type: 'Succeed' },
    Orphan: { Type: 'Pass', End: true },
  },
};

(function rows() {
  const layout = layoutScope(loop);
  const row = (n) => layout.nodes[n].row;
  expect('StartAt is the first row', row('A'), 0);
  expect('C sits below B, which leads to it', [row('B'), row('C')], [1, 2]);
  expect('an unreachable state goes last', row('Orphan'), 3);
})();

(function edges() {
  const layout = layoutScope(loop);
  const kinds = layout.edges.map((e) => e.from + '>' + e.to + ':' + e.kind);
  expect('every kind of edge', kinds, ['A>C:choice', 'A>B:default', 'B>A:next', 'B>C:catch']);
  const choice = layout.edges[0];
  expect('a choice edge names its rule', choice.label, '$.n NumericGreaterThan 3');
  const lanes = layout.edges.map((e) => e.lane !== undefined);
  expect('edges skipping rows or going back get a lane', lanes, [true, false, true, false]);
})();

(function nesting() {
  const parallel = {
    StartAt: 'P',
    States: {
      P: { Type: 'Parallel', End: true, Branches: [
        { StartAt: 'L', States: { L: { Type: 'Pass', End: true } } },
        { StartAt: 'R', States: { R: { Type: 'Map', End: true,
          ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Pass', End: true } } } } } },
      ] },
    },
  };
  const p = layoutScope(parallel).nodes.P;
  expect('one scope per branch', p.children.length, 2);
  const r = p.children[1].nodes.R;
  expect('a Map inside a branch holds its processor', Object.keys(r.children[0].nodes), ['I']);
  expect('the Parallel box holds its branches', p.w >= p.children[0].w + p.children[1].w, true);
})();

(function outcomes() {
  const entered = (type, name) => ({ type, stateEnteredEventDetails: { name, input: '{}' } });
  const exited = (type, name) => ({ type, stateExitedEventDetails: { name, output: '{}' } });
  const events = [
    { type: 'ExecutionStarted' },
    entered('ParallelStateEntered', 'P'),
    entered('PassStateEntered', 'L'), exited('PassStateExited', 'L'),
    entered('FailStateEntered', 'R'),
    { type: 'ParallelStateFailed', parallelStateFailedEventDetails: { error: 'Boom' } },
    exited('ParallelStateExited', 'P'),
    entered('TaskStateEntered', 'T'),
    { type: 'TaskFailed', taskFailedEventDetails: { error: 'E1' } },
    { type: 'TaskSucceeded' },
    exited('TaskStateExited', 'T'),
    entered('TaskStateEntered', 'U'),
    { type: 'TaskFailed', taskFailedEventDetails: { error: 'E2', cause: 'why' } },
    { type: 'ExecutionFailed' },
  ];
  const { status, visits } = stateOutcomes(events);
  // T failed once, then its retry succeeded: not caught.
  expect('outcomes', status, { P: 'caught', L: 'succeeded', R: 'failed', T: 'succeeded', U: 'failed' });
  expect('the error is kept with its state', visits.U[0].error, { error: 'E2', cause: 'why' });
})();

(function details() {
  const events = [
    { type: 'ExecutionStarted', timestamp: 10 },
    { type: 'TaskStateEntered', timestamp: 10, stateEnteredEventDetails: { name: 'Call', input: '{}' } },
    { type: 'TaskScheduled', timestamp: 10, taskScheduledEventDetails: { parameters: '{"token":"tok-1"}' } },
    { type: 'TaskFailed', timestamp: 11, taskFailedEventDetails: { error: 'E' } },
    { type: 'TaskScheduled', timestamp: 12, taskScheduledEventDetails: { parameters: '{"token":"tok-2"}' } },
    { type: 'TaskSucceeded', timestamp: 13, taskSucceededEventDetails: { output: '{"ExecutionArn":"arn:child"}' } },
    { type: 'TaskStateExited', timestamp: 13.5, stateExitedEventDetails: { name: 'Call', output: '[1]', assignedVariables: { x: '1' } } },
    { type: 'MapStateEntered', timestamp: 14, stateEnteredEventDetails: { name: 'M', input: '[]' } },
    { type: 'MapIterationStarted', timestamp: 14, mapIterationStartedEventDetails: { name: 'M', index: 0 } },
    { type: 'MapIterationStarted', timestamp: 14, mapIterationStartedEventDetails: { name: 'M', index: 1 } },
    { type: 'MapIterationSucceeded', timestamp: 15, mapIterationSucceededEventDetails: { name: 'M', index: 0 } },
    { type: 'MapIterationFailed', timestamp: 15, mapIterationFailedEventDetails: { name: 'M', index: 1 } },
  ];
  const visits = visitsOf(events);
  expect('one visit per state entered', visits.map((v) => [v.name, v.start, v.end]), [['Call', 10, 13.5], ['M', 14, undefined]]);
  expect('variables assigned on exit', visits[0].assigned, { x: '1' });
  const call = visitFacts(visits[0]);
  expect('two attempts, one retry', [call.attempts, call.retries], [2, 1]);
  expect('a started execution is linked', call.children, ['arn:child']);
  expect('iterations by index', visitFacts(visits[1]).iterations, { 0: 'SUCCEEDED', 1: 'FAILED' });
  expect('a token found in TaskScheduled names its state', taskState({ taskToken: 'tok-2' }, events), 'Call');
  expect('an unknown token names none', taskState({ taskToken: 'other' }, events), null);
  expect('the parent from the input', parentExecution({ input: '{"AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID":"arn:p"}' }), 'arn:p');
  expect('a diagnostic points at its innermost state', diagnosedState('/States/P/Branches/0/States/X/Next'), 'X');
  expect('a diagnostic of the whole machine at none', diagnosedState('/StartAt'), null);
  expect('results under a ResultPath', resultsOf('{"a":1,"r":{"s":[5,6]}}', { ResultPath: '$.r.s' }), [5, 6]);
  expect('results as the whole output', resultsOf('[1,2]', {}), [1, 2]);
  expect('no results once an OutputPath reshapes', resultsOf('[1,2]', { OutputPath: '$[0]' }), null);
  expect('no results for a discarded result', resultsOf('{}', { ResultPath: null }), null);
  expect('durations read well', [duration(0.25), duration(3), duration(600), duration(7200)], ['250 ms', '3.00 s', '10.0 min', '2.0 h']);
})();

// Drill-down: two Map iterations whose events interleave, and a Parallel's two branches, are
// told apart by their previousEventId chains.
(function parts() {
  const entered = (id, prev, name, input) => ({ id, previousEventId: prev, type: 'PassStateEntered', stateEnteredEventDetails: { name, input } });
  const exited = (id, prev, name, output) => ({ id, previousEventId: prev, type: 'PassStateExited', stateExitedEventDetails: { name, output } });
  const map = { Type: 'Map', ItemProcessor: { StartAt: 'A', States: { A: { Type: 'Pass', End: true } } } };
  const mapEvents = [
    { id: 2, previousEventId: 0, type: 'MapStateEntered', stateEnteredEventDetails: { name: 'M', input: '[1,2]' } },
    { id: 3, previousEventId: 2, type: 'MapStateStarted' },
    { id: 4, previousEventId: 3, type: 'MapIterationStarted', mapIterationStartedEventDetails: { name: 'M', index: 0 } },
    { id: 5, previousEventId: 4, type: 'MapIterationStarted', mapIterationStartedEventDetails: { name: 'M', index: 1 } },
    entered(6, 5, 'A', '2'), entered(7, 4, 'A', '1'), exited(8, 7, 'A', '10'),
    { id: 9, previousEventId: 6, type: 'TaskFailed', taskFailedEventDetails: { error: 'E', cause: 'c' } },
    { id: 10, previousEventId: 8, type: 'MapIterationSucceeded', mapIterationSucceededEventDetails: { name: 'M', index: 0 } },
    { id: 11, previousEventId: 9, type: 'MapIterationFailed', mapIterationFailedEventDetails: { name: 'M', index: 1 } },
  ];
  const iterations = partsOf(mapEvents, mapEvents[0], map).parts;
  expect('iteration 0 has its own events', iterations[0].map((e) => e.id), [4, 7, 8, 10]);
  expect('iteration 1 has its own events', iterations[1].map((e) => e.id), [5, 6, 9, 11]);
  expect('an iteration\'s state outcome', stateOutcomes(iterations[0]).status, { A: 'succeeded' });
  const parallel = { Type: 'Parallel', Branches: [{ StartAt: 'L', States: { L: { Type: 'Pass', End: true } } }, { StartAt: 'R', States: { R: { Type: 'Pass', End: true } } }] };
  const parallelEvents = [
    { id: 20, previousEventId: 1, type: 'ParallelStateEntered', stateEnteredEventDetails: { name: 'P', input: '{}' } },
    { id: 21, previousEventId: 20, type: 'ParallelStateStarted' },
    entered(22, 21, 'R', '{}'), entered(23, 21, 'L', '{}'), exited(24, 22, 'R', '"r"'), exited(25, 23, 'L', '"l"'),
    { id: 26, previousEventId: 25, type: 'ParallelStateSucceeded' },
    { id: 27, previousEventId: 25, type: 'ParallelStateExited', stateExitedEventDetails: { name: 'P', output: '["l","r"]' } },
  ];
  const branches = partsOf(parallelEvents, parallelEvents[0], parallel).parts;
  expect('branch 0 by its states', branches[0].map((e) => e.id), [23, 25]);
  expect('branch 1 by its states', branches[1].map((e) => e.id), [22, 24]);
})();

document.getElementById('results').textContent =
  failures.length ? 'FAIL\n' + failures.join('\n') : 'PASS';
