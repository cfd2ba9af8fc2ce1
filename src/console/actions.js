// The console's actions: start, stop and redrive executions, answer waiting tasks, move the
// manual clock. Each is a POST through the same public API and checks as any client.
'use strict';

// GET or POST on one of Stepstone's own JSON endpoints (`/_stepstone/...`).
async function admin(path, body) {
  const init = body === undefined ? {} : {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  };
  const response = await fetch(path, init);
  const data = await response.json();
  if (!response.ok) throw new Error(path + ': ' + (data.message || response.status));
  return data;
}

// A JSON text from a textarea, or an error naming the field.
function jsonField(textarea, what) {
  try {
    JSON.parse(textarea.value);
    return textarea.value;
  } catch (e) {
    throw new Error(what + ' is not valid JSON: ' + e.message);
  }
}

function field(label, control) {
  return el('label', { className: 'field' }, el('span', { textContent: label }), control);
}

// Runs an action from a form or button: errors go to the banner, never to the console. The
// page says it is busy (aria-busy) until the action and the view it leads to are done.
function act(action) {
  return async (event) => {
    if (event) event.preventDefault();
    const main = document.querySelector('main');
    main.setAttribute('aria-busy', 'true');
    try {
      showError('');
      await action();
    } catch (e) {
      showError(e.message);
    } finally {
      main.removeAttribute('aria-busy');
    }
  };
}

// ---- Start ---------------------------------------------------------------------------------

// The start form: JSON input, optional name, the mock configuration's test case if one is
// loaded for this machine, and for an express machine the choice of StartSyncExecution.
async function startForm(machine) {
  const input = el('textarea', { id: 'start-input', value: '{}', spellcheck: false, rows: 5 });
  const name = el('input', { type: 'text', id: 'start-name', placeholder: 'optional' });
  const hint = el('div', { className: 'hint', id: 'start-input-hint', 'aria-live': 'polite' });
  input.setAttribute('aria-describedby', hint.id);
  input.addEventListener('input', () => checkJson(input, hint));
  const form = el('form', { className: 'panel start-form' }, el('h2', { textContent: 'Start execution' }),
    field('Input (JSON)', input), hint, field('Name', name));
  const target = await targetPicker(machine.stateMachineArn);
  if (target) form.append(field('Run', target));
  const mocks = await admin('/_stepstone/mock-config/test-cases?stateMachineName=' + encodeURIComponent(machine.name));
  let testCase = null;
  if (mocks.testCases.length) {
    testCase = el('select', { id: 'start-test-case' }, el('option', { value: '', textContent: '(none: real integrations)' }),
      ...mocks.testCases.map((c) => el('option', { value: c, textContent: c })));
    form.append(field('Mock test case (#TestCase)', testCase));
  }
  let sync = null;
  if (machine.type === 'EXPRESS') {
    sync = el('input', { type: 'checkbox', id: 'start-sync', checked: true });
    form.append(el('label', { className: 'check' }, sync, ' Wait for the result (StartSyncExecution)'));
  }
  const result = el('div', { className: 'sync-result' });
  form.append(el('p', {}, el('button', { type: 'submit', id: 'start-button', textContent: 'Start execution' })), result);
  form.addEventListener('submit', act(async () => {
    const body = { stateMachineArn: target ? target.value : machine.stateMachineArn, input: jsonField(input, 'The input') };
    if (testCase && testCase.value) body.stateMachineArn += '#' + testCase.value;
    if (name.value.trim()) body.name = name.value.trim();
    if (sync && sync.checked) {
      result.replaceChildren(syncResult(await api('StartSyncExecution', body)));
      return;
    }
    const started = await api('StartExecution', body);
    if (machine.type === 'EXPRESS') {
      showExpressRun(started.executionArn, result);
      return;
    }
    location.hash = 'execution=' + started.executionArn;
  }));
  return form;
}

// Says under the input whether it parses, as the user types.
function checkJson(textarea, hint) {
  try {
    JSON.parse(textarea.value);
    textarea.removeAttribute('aria-invalid');
    hint.textContent = '';
  } catch (e) {
    textarea.setAttribute('aria-invalid', 'true');
    hint.textContent = '\u2717 not valid JSON: ' + e.message;
  }
}

// Which ARN to start: the machine itself (its latest revision), one of its published versions,
// or an alias (which picks a version by its weights). Null when there are neither.
async function targetPicker(arn) {
  const versions = await listAll('ListStateMachineVersions', { stateMachineArn: arn }, 'stateMachineVersions');
  const aliases = await listAll('ListStateMachineAliases', { stateMachineArn: arn }, 'stateMachineAliases');
  if (!versions.length && !aliases.length) return null;
  return el('select', { id: 'start-target' }, el('option', { value: arn, textContent: 'latest revision' }),
    ...aliases.map((a) => el('option', { value: a.stateMachineAliasArn, textContent: 'alias ' + a.stateMachineAliasArn.split(':').pop() })),
    ...versions.map((v) => el('option', { value: v.stateMachineVersionArn, textContent: 'version ' + v.stateMachineVersionArn.split(':').pop() })));
}

// An asynchronous express execution has no page (DescribeExecution and the history serve only
// standard ones): its result is shown in the form once Stepstone's wait endpoint answers.
function showExpressRun(arn, result) {
  result.replaceChildren(el('p', { className: 'meta', textContent: 'Started ' + arn + '; waiting for its result\u2026' }));
  admin('/_stepstone/executions/wait?timeout=3600&executionArn=' + encodeURIComponent(arn))
    .then((run) => result.replaceChildren(syncResult(run)))
    .catch((e) => showError(e.message));
}

function syncResult(run) {
  const box = el('div', { className: 'panel' }, el('h3', {}, 'Result ', badge(run.status)));
  if (run.output !== undefined) box.append(el('pre', { className: 'sync-output', textContent: pretty(run.output) }));
  if (run.error !== undefined || run.cause !== undefined) {
    box.append(el('pre', { className: 'error', textContent: (run.error || '') + '\n' + (run.cause || '') }));
  }
  return box;
}

// ---- Stop and redrive ------------------------------------------------------------------------

// StopExecution of a running execution: the button opens a form with StopExecution's optional
// error and cause (recorded in ExecutionAborted and shown by DescribeExecution), which the user
// confirms or cancels. Which execution's form is open survives the view's live re-renders.
let stopFormFor = null;

function stopButton(execution) {
  if (execution.status !== 'RUNNING') return null;
  const button = el('button', { type: 'button', className: 'action', id: 'stop-button', textContent: 'Stop execution\u2026' });
  button.setAttribute('aria-expanded', String(stopFormFor === execution.executionArn));
  button.addEventListener('click', () => {
    stopFormFor = stopFormFor === execution.executionArn ? null : execution.executionArn;
    const form = document.getElementById('stop-form');
    form.hidden = stopFormFor === null;
    button.setAttribute('aria-expanded', String(!form.hidden));
    if (!form.hidden) form.querySelector('input').focus();
  });
  return button;
}

function stopForm(execution) {
  if (execution.status !== 'RUNNING') return null;
  const error = el('input', { type: 'text', id: 'stop-error', maxLength: 256, placeholder: 'optional, e.g. Operator.Cancelled' });
  const cause = el('input', { type: 'text', id: 'stop-cause', placeholder: 'optional' });
  const cancel = el('button', { type: 'button', id: 'stop-cancel', textContent: 'Cancel' });
  const form = el('form', { className: 'panel stop-form', id: 'stop-form', hidden: stopFormFor !== execution.executionArn },
    el('h2', { textContent: 'Stop ' + execution.name + '?' }),
    el('div', { className: 'pair' }, field('Error', error), field('Cause', cause)),
    el('p', {}, el('button', { type: 'submit', id: 'stop-confirm', textContent: 'Stop execution' }), ' ', cancel));
  cancel.addEventListener('click', () => {
    stopFormFor = null;
    form.hidden = true;
    document.getElementById('stop-button').focus();
  });
  form.addEventListener('submit', act(async () => {
    await api('StopExecution', Object.assign({ executionArn: execution.executionArn }, failureBody(error, cause)));
    stopFormFor = null;
    await route();
  }));
  return form;
}

// RedriveExecution of a failed, aborted or timed-out execution that can be redriven.
function redriveButton(execution) {
  if (execution.redriveStatus !== 'REDRIVABLE') return null;
  const button = el('button', { type: 'button', className: 'action', id: 'redrive-button', textContent: 'Redrive' });
  button.title = 'Run again from the states that did not succeed (RedriveExecution)';
  button.addEventListener('click', act(async () => {
    await api('RedriveExecution', { executionArn: execution.executionArn });
    await route();
  }));
  return button;
}

// ---- Waiting tasks -------------------------------------------------------------------------

// The state each waiting task belongs to: a `.waitForTaskToken` call carries its token in the
// parameters TaskScheduled records; an activity task, its input in ActivityScheduled.
function taskState(task, events) {
  let owner = null;
  let current = null;
  for (const event of events) {
    if (event.stateEnteredEventDetails) current = event.stateEnteredEventDetails.name;
    const scheduled = event.taskScheduledEventDetails;
    if (scheduled && String(scheduled.parameters || '').includes(task.taskToken)) owner = current;
    const activity = event.activityScheduledEventDetails;
    if (activity && task.activityInput !== undefined && sameJson(activity.input, task.activityInput)) owner = current;
  }
  return owner;
}

function sameJson(a, b) {
  try {
    return JSON.stringify(JSON.parse(a)) === JSON.stringify(JSON.parse(b));
  } catch (e) {
    return a === b;
  }
}

// One form per waiting task: send success with a JSON output, failure with error and cause, or
// a heartbeat.
async function waitingTasksPanel(execution, events) {
  if (execution.status !== 'RUNNING') return null;
  const { tasks } = await admin('/_stepstone/executions/tasks?executionArn=' + encodeURIComponent(execution.executionArn));
  if (!tasks.length) return null;
  const panel = el('div', { className: 'panel waiting-tasks' }, el('h2', { textContent: 'Waiting for a task token (' + tasks.length + ')' }));
  tasks.forEach((task, i) => panel.append(taskForm(task, taskState(task, events), i)));
  panel.dataset.tokens = tasks.map((t) => t.taskToken).join(' ');
  return panel;
}

function taskForm(task, state, i) {
  const output = el('textarea', { id: 'task-output-' + i, className: 'task-output', value: '{}', spellcheck: false, rows: 3 });
  const error = el('input', { type: 'text', id: 'task-error-' + i, className: 'task-error', placeholder: 'error code' });
  const cause = el('input', { type: 'text', id: 'task-cause-' + i, className: 'task-cause', placeholder: 'cause' });
  const token = task.taskToken;
  const box = el('div', { className: 'task' },
    el('h3', { textContent: (state || 'A task') + (task.activityInput !== undefined ? ' (activity)' : ' (.waitForTaskToken)') }),
    el('div', { className: 'arn', textContent: 'token ' + truncate(token, 60) }));
  box.dataset.state = state || '';
  if (task.activityInput !== undefined) box.append(el('pre', { textContent: pretty(task.activityInput) }));
  const send = (operation, body, done) => act(async () => {
    await api(operation, Object.assign({ taskToken: token }, body()));
    await route();
    showNotice(done + ' (' + (state || 'the task') + ', ' + new Date().toISOString().slice(11, 19) + ' UTC)');
  });
  const succeed = send('SendTaskSuccess', () => ({ output: jsonField(output, 'The output') }), 'Success sent');
  const fail = send('SendTaskFailure', () => failureBody(error, cause), 'Failure sent');
  const beat = send('SendTaskHeartbeat', () => ({}), 'Heartbeat sent');
  box.append(el('div', { className: 'answers' },
    el('div', {}, field('Output (JSON)', output),
      el('p', {}, button('Send success', 'send-success', succeed), ' ', button('Send heartbeat', 'send-heartbeat', beat))),
    el('div', {}, field('Error', error), field('Cause', cause), el('p', {}, button('Send failure', 'send-failure', fail)))));
  return box;
}

// A short confirmation of what an action did, until the next view.
function showNotice(message) {
  const box = document.getElementById('notice');
  box.textContent = message;
  box.hidden = !message;
}

function failureBody(error, cause) {
  const body = {};
  if (error.value) body.error = error.value;
  if (cause.value) body.cause = cause.value;
  return body;
}

function button(text, className, onClick) {
  const b = el('button', { type: 'button', className, textContent: text });
  b.addEventListener('click', onClick);
  return b;
}

// ---- The manual clock ----------------------------------------------------------------------

// With --manual-clock, a form in the side bar moves the engine's time forward: Waits, retry
// back-offs and timeouts due by then fire.
async function clockPanel() {
  const clock = await admin('/_stepstone/clock');
  const box = document.getElementById('clock');
  box.replaceChildren();
  box.hidden = !clock.manual;
  if (!clock.manual) return;
  const seconds = el('input', { type: 'number', id: 'clock-seconds', min: 0, step: 'any', value: 60 });
  const form = el('form', {}, el('h2', { textContent: 'Manual clock' }),
    el('div', { className: 'meta', id: 'clock-now', textContent: date(clock.epochSeconds) }),
    field('Advance by (seconds)', seconds), el('button', { type: 'submit', id: 'clock-advance', textContent: 'Advance' }));
  form.addEventListener('submit', act(async () => {
    await admin('/_stepstone/clock/advance', { seconds: Number(seconds.value) });
    await route();
  }));
  box.append(form);
}
