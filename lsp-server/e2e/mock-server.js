#!/usr/bin/env node
// A stand-in language server that answers the harness's requests the way
// `oss lsp` is meant to, so that init.lua and nvim-e2e.sh can be tested on
// their own: `lsp-server/e2e/nvim-e2e.sh --mock`. It knows nothing of oss;
// it proves only that the harness sees what a correct server sends, and
// that each of its assertions fails when the server sends the wrong thing
// (OSS_MOCK_BREAK=diagnostics|hover|codelens|exit|crash).
'use strict';
const breakWhat = process.env.OSS_MOCK_BREAK || '';
let buf = Buffer.alloc(0);
const docs = new Map();

function send(msg) {
  const body = Buffer.from(JSON.stringify(Object.assign({ jsonrpc: '2.0' }, msg)), 'utf8');
  process.stdout.write('Content-Length: ' + body.length + '\r\n\r\n');
  process.stdout.write(body);
}

function publish(uri, version, text) {
  const diagnostics = [];
  if (breakWhat !== 'diagnostics') {
    const lines = text.split('\n');
    lines.forEach((l, i) => {
      const c = l.search(/\S/);
      const range = { start: { line: i, character: c }, end: { line: i, character: l.length } };
      if (/no_such_lock/.test(l)) {
        diagnostics.push({ range, severity: 1, code: 'OSS1101', source: 'oss', message: 'unknown name',
          codeDescription: { href: 'https://example.invalid/docs/diagnostics.md#oss1101--unknown-name' } });
      } else if (/^\s*expect deadlock/.test(l)) {
        diagnostics.push({ range, severity: 3, code: 'OSS2405', source: 'oss', message: 'deadlock found',
          codeDescription: { href: 'https://example.invalid/docs/diagnostics.md#oss2405--deadlock-found' },
          relatedInformation: [{ location: { uri, range }, message: 'here' }] });
      }
    });
  }
  send({ method: 'textDocument/publishDiagnostics', params: { uri, version, diagnostics } });
}

function handle(m) {
  if (m.method === 'initialize') {
    send({ id: m.id, result: { capabilities: { textDocumentSync: 1, hoverProvider: true, codeLensProvider: { resolveProvider: false } } } });
  } else if (m.method === 'textDocument/didOpen') {
    const d = m.params.textDocument;
    docs.set(d.uri, d.text);
    publish(d.uri, d.version, d.text);
  } else if (m.method === 'textDocument/didChange') {
    const text = m.params.contentChanges[m.params.contentChanges.length - 1].text;
    docs.set(m.params.textDocument.uri, text);
    publish(m.params.textDocument.uri, m.params.textDocument.version, text);
  } else if (m.method === 'textDocument/hover') {
    if (breakWhat === 'crash') process.exit(7);
    const known = docs.has(m.params.textDocument.uri);
    if (!known) send({ id: m.id, error: { code: -32602, message: 'unknown document' } });
    else if (breakWhat === 'hover' || m.params.position.line > 10000) send({ id: m.id, result: null });
    else send({ id: m.id, result: { contents: { kind: 'markdown', value: '**lock** — acquire a mutex\n\n---\n\n**A** (pid 2) at 0 ms: taken' } } });
  } else if (m.method === 'textDocument/codeLens') {
    const lenses = [];
    if (breakWhat !== 'codelens') {
      lenses.push({ range: { start: { line: 6, character: 0 }, end: { line: 6, character: 0 } }, command: { title: '▶ Run', command: 'oss.run' } });
      (docs.get(m.params.textDocument.uri) || '').split('\n').forEach((l, i) => {
        if (/^\s*expect\s/.test(l)) lenses.push({ range: { start: { line: i, character: 0 }, end: { line: i, character: 0 } }, command: { title: '✓ holds', command: '' } });
      });
    }
    send({ id: m.id, result: lenses });
  } else if (m.method === 'shutdown') {
    send({ id: m.id, result: null });
  } else if (m.method === 'exit') {
    process.exit(breakWhat === 'exit' ? 1 : 0);
  } else if (m.id !== undefined && m.method) {
    send({ id: m.id, error: { code: -32601, message: 'method not found: ' + m.method } });
  }
}

process.stdin.on('data', (chunk) => {
  buf = Buffer.concat([buf, chunk]);
  for (;;) {
    const sep = buf.indexOf('\r\n\r\n');
    if (sep < 0) return;
    const header = buf.slice(0, sep).toString('ascii');
    const len = parseInt((/Content-Length: *(\d+)/i.exec(header) || [])[1], 10);
    if (buf.length < sep + 4 + len) return;
    const body = buf.slice(sep + 4, sep + 4 + len).toString('utf8');
    buf = buf.slice(sep + 4 + len);
    handle(JSON.parse(body));
  }
});
process.stdin.on('end', () => process.exit(0));
