// Pages for the service fakes a workflow touches: Lambda functions (Lambda's REST API) and SQS
// queues (SQS's JSON protocol). Read-only: the console never receives a message, which would
// hide it from the workflow's consumers.
'use strict';

async function lambda(path) {
  const response = await fetch('/2015-03-31/functions/' + path);
  const data = await response.json();
  if (!response.ok) throw new Error('Lambda: ' + (data.Type || data.__type || '') + ' ' + (data.Message || data.message || response.status));
  return data;
}

async function sqs(operation, body) {
  const response = await fetch('/', {
    method: 'POST',
    headers: { 'X-Amz-Target': 'AmazonSQS.' + operation, 'Content-Type': 'application/x-amz-json-1.0' },
    body: JSON.stringify(body || {}),
  });
  const data = await response.json();
  if (!response.ok) throw new Error('SQS ' + operation + ': ' + (data.__type || '').split('#').pop() + ': ' + (data.message || response.status));
  return data;
}

async function lambdaList() {
  let functions = [];
  let marker;
  do {
    const page = await lambda(marker ? '?Marker=' + encodeURIComponent(marker) : '');
    functions = functions.concat(page.Functions || []);
    marker = page.NextMarker;
  } while (marker);
  return functions;
}

async function lambdaView(view, name) {
  if (name) return lambdaFunctionView(view, name);
  const functions = await lambdaList();
  view.append(el('h1', { textContent: 'Lambda functions (' + functions.length + ')' }));
  if (!functions.length) {
    view.append(el('p', { textContent: 'No functions yet: create one with CreateFunction.' }));
    return;
  }
  const table = el('table', { className: 'functions' }, headRow(['Name', 'Runtime', 'Handler', 'Memory', 'Timeout', 'Last modified']));
  for (const f of functions) {
    table.append(el('tr', {}, el('td', {}, link('lambda=' + f.FunctionName, f.FunctionName)), el('td', { textContent: f.Runtime || f.PackageType || '' }),
      el('td', { textContent: f.Handler || '' }), el('td', { textContent: (f.MemorySize || '') + ' MB' }),
      el('td', { textContent: (f.Timeout || '') + ' s' }), el('td', { textContent: f.LastModified || '' })));
  }
  view.append(el('div', { className: 'panel' }, table));
}

async function lambdaFunctionView(view, name) {
  const config = await lambda(encodeURIComponent(name) + '/configuration');
  view.append(el('h1', { textContent: config.FunctionName }), el('div', { className: 'arn', textContent: config.FunctionArn }),
    el('p', {}, link('lambda=', '\u2190 all functions')));
  const rows = ['Runtime', 'Handler', 'MemorySize', 'Timeout', 'State', 'LastModified', 'CodeSize', 'Role', 'Description'];
  const table = el('table', { className: 'configuration' });
  for (const key of rows) {
    if (config[key] !== undefined && config[key] !== '') table.append(el('tr', {}, el('th', { textContent: key }), el('td', { textContent: String(config[key]) })));
  }
  const env = (config.Environment && config.Environment.Variables) || {};
  view.append(el('div', { className: 'panel' }, el('h2', { textContent: 'Configuration' }), table));
  if (Object.keys(env).length) {
    view.append(el('div', { className: 'panel' }, el('h2', { textContent: 'Environment' }), el('pre', { textContent: JSON.stringify(env, null, 2) })));
  }
}

// The counts GetQueueAttributes gives: how many messages wait, are in flight or delayed.
const QUEUE_COUNTS = ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'];

async function sqsView(view, url) {
  if (url) return queueView(view, url);
  const { QueueUrls = [] } = await sqs('ListQueues', {});
  view.append(el('h1', { textContent: 'SQS queues (' + QueueUrls.length + ')' }));
  if (!QueueUrls.length) {
    view.append(el('p', { textContent: 'No queues yet: create one with CreateQueue.' }));
    return;
  }
  const table = el('table', { className: 'queues' }, headRow(['Queue', 'Waiting', 'In flight', 'Delayed']));
  [...table.querySelectorAll('th')].slice(1).forEach((th) => th.classList.add('count'));
  for (const queueUrl of QueueUrls) {
    const { Attributes = {} } = await sqs('GetQueueAttributes', { QueueUrl: queueUrl, AttributeNames: QUEUE_COUNTS });
    table.append(el('tr', {}, el('td', {}, link('sqs=' + queueUrl, queueUrl.split('/').pop())),
      ...QUEUE_COUNTS.map((k) => el('td', { className: 'count', textContent: Attributes[k] || '0' }))));
  }
  view.append(el('div', { className: 'panel' }, table));
}

async function queueView(view, url) {
  const { Attributes = {} } = await sqs('GetQueueAttributes', { QueueUrl: url, AttributeNames: ['All'] });
  view.append(el('h1', { textContent: url.split('/').pop() }), el('div', { className: 'arn', textContent: url }),
    el('p', {}, link('sqs=', '\u2190 all queues')));
  const table = el('table', { className: 'attributes' });
  for (const key of Object.keys(Attributes).sort()) {
    table.append(el('tr', {}, el('th', { textContent: key }), el('td', { className: 'details', textContent: Attributes[key] })));
  }
  view.append(el('div', { className: 'panel' }, el('h2', { textContent: 'Attributes' }),
    el('p', { className: 'meta', textContent: 'Counts only: the console never receives messages, which would hide them from consumers.' }), table));
}
