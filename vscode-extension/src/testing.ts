// Every `expect` line of the open .oss documents in VS Code's Testing view, and a status-bar
// item that says what the language server is doing. The verdicts come from the server's own
// oss.run (the same analysis as the lenses); nothing is judged here.
import * as vscode from 'vscode';
import { expectLines, verdictAt } from './expectations';

export function createTests(run: (uri: string) => Promise<unknown>): vscode.Disposable[] {
  const ctl = vscode.tests.createTestController('oss.expectations', 'oss expectations');
  const refresh = (doc: vscode.TextDocument) => {
    if (doc.languageId !== 'oss') {
      return;
    }
    const file = ctl.createTestItem(doc.uri.toString(), vscode.workspace.asRelativePath(doc.uri), doc.uri);
    for (const e of expectLines(doc.getText())) {
      const item = ctl.createTestItem(`${doc.uri.toString()}#${e.line}`, e.text, doc.uri);
      item.range = new vscode.Range(e.line, 0, e.line, e.text.length);
      file.children.add(item);
    }
    ctl.items.add(file);
  };
  vscode.workspace.textDocuments.forEach(refresh);
  const runHandler = async (request: vscode.TestRunRequest, token: vscode.CancellationToken) => {
    const testRun = ctl.createTestRun(request);
    const files: vscode.TestItem[] = [];
    const wanted = new Set<vscode.TestItem>();
    const pick = (item: vscode.TestItem) => {
      const file = item.parent ?? item;
      if (!files.includes(file)) {
        files.push(file);
      }
      if (item.parent) {
        wanted.add(item);
      } else {
        item.children.forEach((c) => wanted.add(c));
      }
    };
    if (request.include) {
      request.include.forEach(pick);
    } else {
      ctl.items.forEach(pick);
    }
    for (const file of files) {
      if (token.isCancellationRequested) {
        break;
      }
      const items: vscode.TestItem[] = [];
      file.children.forEach((c) => {
        if (wanted.has(c)) {
          items.push(c);
          testRun.started(c);
        }
      });
      let result: unknown;
      try {
        result = await run(file.id);
      } catch (e) {
        items.forEach((c) => testRun.errored(c, new vscode.TestMessage(`oss could not run the scenario: ${String(e)}`)));
        continue;
      }
      for (const c of items) {
        const line = Number(c.id.slice(c.id.lastIndexOf('#') + 1));
        const v = verdictAt(result, line);
        if (!v) {
          testRun.errored(c, new vscode.TestMessage('no verdict: the scenario did not run (see the Problems panel)'));
        } else if (v.status === 'passed') {
          testRun.passed(c);
        } else if (v.status === 'undecided') {
          testRun.skipped(c);
          testRun.appendOutput(`${c.label}: ${v.message}\r\n`);
        } else {
          const msg = new vscode.TestMessage(v.message);
          if (c.uri && c.range) {
            msg.location = new vscode.Location(c.uri, c.range);
          }
          testRun.failed(c, msg);
        }
      }
    }
    testRun.end();
  };
  ctl.createRunProfile('Run', vscode.TestRunProfileKind.Run, runHandler, true);
  return [
    ctl,
    vscode.workspace.onDidOpenTextDocument(refresh),
    vscode.workspace.onDidChangeTextDocument((e) => refresh(e.document)),
    vscode.workspace.onDidCloseTextDocument((d) => ctl.items.delete(d.uri.toString())),
  ];
}

/** The server's state in the status bar; a click opens its log. */
export class ServerStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('oss.server', vscode.StatusBarAlignment.Left, 10);

  constructor(showLog: string) {
    this.item.name = 'oss language server';
    this.item.command = showLog;
    this.set('starting');
    this.item.show();
  }

  set(state: 'starting' | 'analysing' | 'ready' | 'stopped'): void {
    const icon = { starting: '$(sync~spin)', analysing: '$(sync~spin)', ready: '$(check)', stopped: '$(circle-slash)' }[state];
    this.item.text = `${icon} oss: ${state}`;
    this.item.tooltip = `oss language server: ${state} (click for its log)`;
  }

  dispose(): void {
    this.item.dispose();
  }
}
