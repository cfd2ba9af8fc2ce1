// Export of one execution as a single self-contained HTML file (graph, states, timeline and
// history, with the console's styles inlined), built in the browser and downloaded. The file
// holds no script: every value is text in the document, escaped by the serializer.
'use strict';

async function exportExecution(execution, definition, outcomes, events) {
  const css = await (await fetch('console.css')).text();
  // Built in a document of its own and serialised, so every value is escaped text; the
  // console's own style sheet goes in as it is.
  const doc = document.implementation.createHTMLDocument('');
  const title = doc.createElement('title');
  title.textContent = execution.name + ' \u2014 Stepstone execution';
  doc.body.append(
    el('h1', {}, execution.name + ' ', badge(execution.status)),
    el('div', { className: 'arn', textContent: execution.executionArn }),
    el('p', { textContent: 'Started ' + date(execution.startDate) + (execution.stopDate ? ' \u00b7 stopped ' + date(execution.stopDate) : '') + ' \u00b7 exported from Stepstone ' + new Date().toISOString() }),
    el('div', { className: 'panel graph-panel' }, el('h2', { textContent: 'Graph' }), legend(), drawGraph(definition, outcomes.status, null)),
    stateTable(events, outcomes),
    executionIo(execution),
    timeline(events, execution),
    historyTable(events));
  const html = '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">' + title.outerHTML +
    '<style>' + css + '\nbody { padding: 12px 20px; }</style></head>' + doc.body.outerHTML + '</html>\n';
  const blob = new Blob([html], { type: 'text/html' });
  const a = el('a', { href: URL.createObjectURL(blob), download: safeFileName(execution.name) + '.html' });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}

// Every visited state with its outcome, input and output, for reading without the graph.
function stateTable(events, outcomes) {
  const table = el('table', { className: 'states' }, headRow(['State', 'Outcome', 'Input', 'Output']));
  for (const visit of visitsOf(events)) {
    const status = outcomes.status[visit.name] || 'unreached';
    table.append(el('tr', {}, el('td', { textContent: visit.name }),
      el('td', {}, badge(status, STATUS[status].marker + ' ' + STATUS[status].word)),
      el('td', { className: 'details', textContent: truncate(visit.input || '', 2000) }),
      el('td', { className: 'details', textContent: truncate(visit.output === undefined ? '' : visit.output, 2000) })));
  }
  return el('div', { className: 'panel' }, el('h2', { textContent: 'States' }), table);
}

function safeFileName(name) {
  return name.replace(/[^A-Za-z0-9._-]/g, '_') || 'execution';
}
