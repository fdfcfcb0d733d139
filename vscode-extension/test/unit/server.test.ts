// The bundled server, started the way the extension starts it, answers the
// commands the extension executes; the summaries read what it returns.
import * as assert from 'node:assert/strict';
import * as cp from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { StreamMessageReader, StreamMessageWriter, createMessageConnection } from 'vscode-jsonrpc/node';
import { exploreSummary, runSummary } from '../../src/summary';

const root = path.resolve(__dirname, '..');
const jar = [path.join(root, 'server', 'oss.jar'), path.join(root, '..', 'cli', 'target', 'oss.jar')].find((j) => fs.existsSync(j));

test('oss.run and oss.explore through the bundled server', { skip: !jar && 'no oss.jar built', timeout: 60000 }, async () => {
  const proc = cp.spawn('java', ['-XX:+UseSerialGC', '-jar', jar!, 'lsp'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  conn.listen();
  try {
    const file = path.join(root, '..', 'examples', 'dining-philosophers.oss');
    const uri = 'file://' + file;
    const init: any = await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {}, initializationOptions: { oss: { deepBudgetMs: 2000 } } });
    assert.ok(init.capabilities.executeCommandProvider.commands.includes('oss.run'));
    await conn.sendNotification('initialized', {});
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'oss', version: 1, text: fs.readFileSync(file, 'utf8') } });
    let run: any;
    for (let i = 0; i < 80; i++) {
      run = await conn.sendRequest('workspace/executeCommand', { command: 'oss.run', arguments: [uri] });
      if (!run?.error) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const text = runSummary(run, 'dining-philosophers.oss');
    assert.match(text, /DEADLOCKED/);
    assert.match(text, /PASS\s+expect deadlock/);
    assert.match(text, /philosopher\[4\]\s+sleeping/);
    const explore: any = await conn.sendRequest('workspace/executeCommand', { command: 'oss.explore', arguments: [uri] });
    const etext = exploreSummary(explore, 'dining-philosophers.oss');
    assert.match(etext, /verdict: deadlock/);
    assert.match(etext, /schedule:\n\s+1\. philosopher\[0\] \(pid 2\) at 9:5/);
    await conn.sendRequest('shutdown');
    await conn.sendNotification('exit');
  } finally {
    conn.dispose();
    proc.kill();
  }
});
