// Pages for the service fakes a workflow touches: Lambda functions (Lambda's REST API), SQS
// queues (SQS's JSON protocol) and SNS topics (SNS's query protocol, plus the deliveries
// Stepstone keeps). Read-only: the console never receives a message, which would hide it from
// the workflow's consumers.
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
  view.append(await invocationsPanel(config.FunctionName));
}

// The function's last invocations and the end of each one's log, which Stepstone keeps
// (on AWS they would be in CloudWatch Logs).
async function invocationsPanel(name) {
  const response = await fetch('/_stepstone/lambda/invocations?functionName=' + encodeURIComponent(name));
  const invocations = response.ok ? (await response.json()).invocations || [] : [];
  const table = el('table', { className: 'invocations' }, headRow(['Time', 'Type', 'Version', 'Outcome', 'Request id', 'Log']));
  for (const i of invocations) {
    table.append(el('tr', {}, el('td', { textContent: i.timestamp }), el('td', { textContent: i.invocationType }),
      el('td', { textContent: i.version }), el('td', { className: 'outcome ' + i.outcome.toLowerCase(), textContent: i.outcome }),
      el('td', { textContent: i.requestId }), el('td', {}, el('pre', { textContent: i.log }))));
  }
  const empty = el('p', { textContent: 'Not invoked yet.' });
  return el('div', { className: 'panel' }, el('h2', { textContent: 'Recent invocations' }), invocations.length ? table : empty);
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
  view.append(el('div', { className: 'columns' },
    el('div', { className: 'panel queue-attributes' }, el('h2', { textContent: 'Attributes' }),
      table),
    el('div', { className: 'side-panel' }, await redrivePanel(url, Attributes), await tagsPanel(url))));
  view.append(await messagesPanel(url));
}

// The queue's messages as they stand, looked at without receiving them (a receive would hide
// them from the workflow's consumers).
async function messagesPanel(url) {
  const response = await fetch('/_stepstone/sqs/messages?queueUrl=' + encodeURIComponent(url));
  const { messages = [], total = 0 } = response.ok ? await response.json() : {};
  const shown = total > messages.length ? messages.length + ' of ' + total : String(total);
  const table = el('table', { className: 'messages' }, headRow(['Sent', 'State', 'Receives', 'Group', 'Body']));
  for (const m of messages) {
    table.append(el('tr', {}, el('td', { textContent: new Date(m.sentTimestamp).toISOString() }),
      el('td', { textContent: m.state }), el('td', { className: 'count', textContent: String(m.receiveCount) }),
      el('td', { textContent: m.messageGroupId || '' }), el('td', {}, el('pre', { textContent: m.body }))));
  }
  const empty = el('p', { textContent: 'No messages.' });
  return el('div', { className: 'panel' }, el('h2', { textContent: 'Messages (' + shown + ')' }),
    el('p', { className: 'meta', textContent: 'Looked at, not received: nothing about them changes.' }), messages.length ? table : empty);
}

// Where the queue's failed messages go (its RedrivePolicy, the dead-letter queue linked) and
// which queues send theirs here (ListDeadLetterSourceQueues).
async function redrivePanel(url, attributes) {
  const panel = el('div', { className: 'panel redrive' }, el('h2', { textContent: 'Dead-letter queues' }));
  const policy = parseJson(attributes.RedrivePolicy);
  if (policy && policy.deadLetterTargetArn) {
    const target = await queueUrlOf(policy.deadLetterTargetArn);
    const name = policy.deadLetterTargetArn.split(':').pop();
    panel.append(el('p', { className: 'dead-letter' }, 'After ' + policy.maxReceiveCount + ' receives a message moves to ',
      target ? link('sqs=' + target, name) : name + ' (no such queue)'));
  } else {
    panel.append(el('p', { className: 'meta', textContent: 'No redrive policy: failed messages stay in this queue.' }));
  }
  const { queueUrls = [] } = await sqs('ListDeadLetterSourceQueues', { QueueUrl: url });
  if (queueUrls.length) {
    panel.append(el('p', { textContent: 'The dead-letter queue of:' }),
      el('ul', { className: 'dead-letter-sources' }, ...queueUrls.map((u) => el('li', {}, link('sqs=' + u, u.split('/').pop())))));
  }
  return panel;
}

// A queue's URL from its ARN (arn:aws:sqs:region:account:name), or null when it does not exist.
async function queueUrlOf(arn) {
  const [, , , , account, name] = arn.split(':');
  try {
    return (await sqs('GetQueueUrl', { QueueName: name, QueueOwnerAWSAccountId: account })).QueueUrl;
  } catch (e) {
    return null;
  }
}

async function tagsPanel(url) {
  const { Tags = {} } = await sqs('ListQueueTags', { QueueUrl: url });
  const panel = el('div', { className: 'panel tags' }, el('h2', { textContent: 'Tags (' + Object.keys(Tags).length + ')' }));
  if (!Object.keys(Tags).length) return panel;
  const table = el('table', { className: 'tags' }, headRow(['Key', 'Value']));
  for (const key of Object.keys(Tags).sort()) {
    table.append(el('tr', {}, el('td', { textContent: key }), el('td', { className: 'details', textContent: Tags[key] })));
  }
  panel.append(table);
  return panel;
}

function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch (e) {
    return null;
  }
}

// One SNS query call; the answer as an XML document. Form posts are routed by the SigV4
// scope their Authorization names (Stepstone checks no signature); a web page on another
// site cannot send this header without a preflight Stepstone never grants.
async function snsCall(action, params) {
  const body = new URLSearchParams(Object.assign({ Action: action, Version: '2010-03-31' }, params || {}));
  const response = await fetch('/', {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Authorization: 'AWS4-HMAC-SHA256 Credential=console/20260101/us-east-1/sns/aws4_request, SignedHeaders=host, Signature=0',
    },
    body,
  });
  const doc = new DOMParser().parseFromString(await response.text(), 'application/xml');
  if (!response.ok) throw new Error('SNS ' + action + ': ' + xmlText(doc, 'Code') + ': ' + xmlText(doc, 'Message'));
  return doc;
}

function xmlText(node, name) {
  const found = node.getElementsByTagName(name)[0];
  return found ? found.textContent : '';
}

// Every `member` under the document's `listName`, as objects of their child elements' text.
function xmlMembers(doc, listName) {
  const list = doc.getElementsByTagName(listName)[0];
  if (!list) return [];
  return [...list.children].map((member) => Object.fromEntries([...member.children].map((c) => [c.tagName, c.textContent])));
}

// A topic's attributes (GetTopicAttributes' entries).
async function topicAttributes(arn) {
  const entries = xmlMembers(await snsCall('GetTopicAttributes', { TopicArn: arn }), 'Attributes');
  return Object.fromEntries(entries.map((e) => [e.key, e.value]));
}

async function snsView(view, arn) {
  if (arn) return topicView(view, arn);
  const topics = xmlMembers(await snsCall('ListTopics'), 'Topics').map((t) => t.TopicArn);
  view.append(el('h1', { textContent: 'SNS topics (' + topics.length + ')' }));
  if (!topics.length) {
    view.append(el('p', { textContent: 'No topics yet: create one with CreateTopic.' }));
    return;
  }
  const table = el('table', { className: 'topics' }, headRow(['Topic', 'Subscriptions', 'Pending']));
  [...table.querySelectorAll('th')].slice(1).forEach((th) => th.classList.add('count'));
  for (const topic of topics) {
    const a = await topicAttributes(topic);
    table.append(el('tr', {}, el('td', {}, link('sns=' + topic, topic.split(':').pop())),
      el('td', { className: 'count', textContent: a.SubscriptionsConfirmed || '0' }),
      el('td', { className: 'count', textContent: a.SubscriptionsPending || '0' })));
  }
  view.append(el('div', { className: 'panel' }, table));
}

async function topicView(view, arn) {
  const attributes = await topicAttributes(arn);
  view.append(el('h1', { textContent: arn.split(':').pop() }), el('div', { className: 'arn', textContent: arn }),
    el('p', {}, link('sns=', '\u2190 all topics')));
  const shown = ['DisplayName', 'FifoTopic', 'ContentBasedDeduplication', 'SubscriptionsConfirmed', 'SubscriptionsPending', 'SubscriptionsDeleted'];
  const table = el('table', { className: 'attributes' });
  for (const key of shown.filter((k) => attributes[k] !== undefined && attributes[k] !== '')) {
    table.append(el('tr', {}, el('th', { textContent: key }), el('td', { textContent: attributes[key] })));
  }
  view.append(el('div', { className: 'panel' }, el('h2', { textContent: 'Attributes' }), table));
  view.append(await subscriptionsPanel(arn), await deliveriesPanel(arn));
}

async function subscriptionsPanel(arn) {
  const subscriptions = xmlMembers(await snsCall('ListSubscriptionsByTopic', { TopicArn: arn }), 'Subscriptions');
  const table = el('table', { className: 'subscriptions' }, headRow(['Protocol', 'Endpoint', 'Subscription']));
  for (const s of subscriptions) {
    const endpoint = s.Protocol === 'sqs' ? queueLinkOf(s.Endpoint) : document.createTextNode(s.Endpoint);
    table.append(el('tr', {}, el('td', { textContent: s.Protocol }), el('td', {}, endpoint),
      el('td', { textContent: s.SubscriptionArn })));
  }
  const empty = el('p', { textContent: 'No subscriptions.' });
  return el('div', { className: 'panel' }, el('h2', { textContent: 'Subscriptions' }), subscriptions.length ? table : empty);
}

// A subscribed queue's name, linked to its page once its URL is known.
function queueLinkOf(queueArn) {
  const cell = el('span', { textContent: queueArn.split(':').pop() });
  queueUrlOf(queueArn).then((url) => { if (url) cell.replaceWith(link('sqs=' + url, queueArn.split(':').pop())); });
  return cell;
}

// What Stepstone kept instead of sending (email, SMS, mobile push, Firehose): the newest 20.
async function deliveriesPanel(arn) {
  const response = await fetch('/_stepstone/sns/deliveries?topic=' + encodeURIComponent(arn));
  const list = response.ok ? (await response.json()).deliveries || [] : [];
  const table = el('table', { className: 'deliveries' }, headRow(['Time', 'Type', 'Protocol', 'Endpoint', 'Subject', 'Message']));
  for (const d of list.slice(-20).reverse()) {
    table.append(el('tr', {}, el('td', { textContent: d.Timestamp || '' }), el('td', { textContent: d.Type || '' }),
      el('td', { textContent: d.Protocol || '' }), el('td', { textContent: d.Endpoint || '' }),
      el('td', { textContent: d.Subject || '' }), el('td', {}, el('pre', { textContent: d.Message || '' }))));
  }
  const empty = el('p', { textContent: 'Nothing kept: queue, Lambda and http subscribers get their messages.' });
  return el('div', { className: 'panel' }, el('h2', { textContent: 'Kept deliveries (email, SMS, push, Firehose)' }), list.length ? table : empty);
}
