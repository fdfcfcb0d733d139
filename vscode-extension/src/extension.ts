import { execFile } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import {
  ExecuteCommandRequest,
  Executable,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  State,
} from 'vscode-languageclient/node';
import { findJava, JavaFound } from './java';
import { exploreSummary, runSummary } from './summary';
import { createTests, ServerStatus } from './testing';
import { hasSection, message, prepare, Section, SECTION_TITLES } from './webviewHtml';

const ADOPTIUM = 'https://adoptium.net/';
const SERVER_RUN = 'oss.run';
const SERVER_EXPLORE = 'oss.explore';
const SERVER_REPORT = 'oss.report';

let client: LanguageClient | undefined;
let starting: Promise<LanguageClient | undefined> | undefined;
let java: JavaFound | undefined;
let output: vscode.OutputChannel;
let serverOutput: vscode.OutputChannel;
let traceOutput: vscode.OutputChannel;
let extensionPath: string;
let status: ServerStatus | undefined;
/** One panel per section: each "Show …" command has a view of its own. */
const reports = new Map<Section, ReportPanel>();

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  extensionPath = context.extensionPath;
  output = vscode.window.createOutputChannel('oss');
  serverOutput = vscode.window.createOutputChannel('oss Language Server');
  traceOutput = vscode.window.createOutputChannel('oss Language Server Trace');
  context.subscriptions.push(output, serverOutput, traceOutput);
  status = new ServerStatus('oss.showServerLog');
  context.subscriptions.push(status);
  // every `expect` line in the Testing view; a run asks the server, as the ▶ Run lens does
  context.subscriptions.push(...createTests(async (uri) => {
    const c = await runningClient();
    if (!c) {
      throw new Error('the oss language server is not running');
    }
    status?.set('analysing');
    try {
      return await vscode.commands.executeCommand(SERVER_RUN, uri);
    } finally {
      status?.set(c.isRunning() ? 'ready' : 'stopped');
    }
  }));

  context.subscriptions.push(
    vscode.commands.registerCommand('oss.runScenario', (arg?: unknown) => runOrExplore(SERVER_RUN, arg)),
    vscode.commands.registerCommand('oss.showTimeline', (arg?: unknown) => showReport('timeline', arg)),
    vscode.commands.registerCommand('oss.showMemoryMap', (arg?: unknown) => showReport('memory', arg)),
    vscode.commands.registerCommand('oss.showResourceGraph', (arg?: unknown) => showReport('graph', arg)),
    vscode.commands.registerCommand('oss.restartServer', restartServer),
    vscode.commands.registerCommand('oss.showServerLog', () => serverOutput.show(true)),
    // oss.explore (and oss.run, which the lenses use) are the server's own commands:
    // vscode-languageclient registers them once the server is up; the executeCommand
    // middleware below shows their results.
    vscode.workspace.onDidSaveTextDocument((doc) => {
      if (doc.languageId === 'oss') {
        for (const r of reports.values()) {
          if (r.uri === doc.uri.toString()) {
            void r.refresh();
          }
        }
      }
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('oss.java.home')) {
        void vscode.window
          .showInformationMessage('oss.java.home changed: restart the oss language server to use it?', 'Restart')
          .then((b) => (b === 'Restart' ? restartServer() : undefined));
      }
    }),
    { dispose: () => void stopClient() }
  );
  await startClient();
}

export async function deactivate(): Promise<void> {
  await stopClient();
}

function settings() {
  const c = vscode.workspace.getConfiguration('oss');
  return {
    deepBudgetMs: c.get<number>('deepBudgetMs', 1000),
    explore: { maxStates: c.get<number>('explore.maxStates', 1_000_000) },
  };
}

function jarPath(): string {
  return path.join(extensionPath, 'server', 'oss.jar');
}

async function ensureJava(): Promise<JavaFound | undefined> {
  const home = vscode.workspace.getConfiguration('oss').get<string>('java.home');
  const search = await findJava(home);
  if (search.found) {
    output.appendLine(`Java ${search.found.major} from ${search.found.source}: ${search.found.executable} (${search.found.versionLine.trim()})`);
    return search.found;
  }
  output.appendLine(`No Java ${17}+ found:\n  ${search.rejected.join('\n  ')}`);
  const pick = await vscode.window.showErrorMessage(
    'oss needs Java 17 or newer to run its language server, and none was found (tried the setting oss.java.home, ' +
      'then JAVA_HOME, then java on the PATH). Install one (e.g. Eclipse Temurin) or set oss.java.home.',
    'Get Java (adoptium.net)',
    'Set oss.java.home',
    'Show Details'
  );
  if (pick === 'Get Java (adoptium.net)') {
    void vscode.env.openExternal(vscode.Uri.parse(ADOPTIUM));
  } else if (pick === 'Set oss.java.home') {
    void vscode.commands.executeCommand('workbench.action.openSettings', 'oss.java.home');
  } else if (pick === 'Show Details') {
    output.show(true);
  }
  return undefined;
}

function startClient(): Promise<LanguageClient | undefined> {
  starting = (async () => {
    java = await ensureJava();
    if (!java) {
      return undefined;
    }
    if (!fs.existsSync(jarPath())) {
      void vscode.window.showErrorMessage(`The oss server is missing from this extension: no ${jarPath()}. Rebuild the .vsix with npm run package.`);
      return undefined;
    }
    const run: Executable = {
      command: java.executable,
      args: ['-XX:+UseSerialGC', '-jar', jarPath(), 'lsp'],
    };
    const serverOptions: ServerOptions = { run, debug: run };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [
        { scheme: 'file', language: 'oss' },
        { scheme: 'untitled', language: 'oss' },
      ],
      initializationOptions: { oss: settings() },
      synchronize: { configurationSection: 'oss' },
      outputChannel: serverOutput,
      traceOutputChannel: traceOutput,
      middleware: {
        // The "▶ Run" / "⟳ Explore" lenses and the palette's oss.explore arrive here: the
        // server computes, we show what it found and refresh the report.
        executeCommand: async (command, args, next) => {
          if (command !== SERVER_RUN && command !== SERVER_EXPLORE) {
            return next(command, args);
          }
          const uri = uriArgument(args[0]) ?? activeOssDocument()?.uri.toString();
          if (!uri) {
            void vscode.window.showWarningMessage('Open an .oss scenario first.');
            return undefined;
          }
          status?.set('analysing');
          try {
            return await present(command, uri, () => Promise.resolve(next(command, [uri])));
          } finally {
            status?.set(client?.isRunning() ? 'ready' : 'stopped');
          }
        },
      },
    };
    const c = new LanguageClient('oss', 'oss Language Server', serverOptions, clientOptions);
    c.onDidChangeState((e) => status?.set(e.newState === State.Running ? 'ready' : e.newState === State.Starting
      ? 'starting' : 'stopped'));
    status?.set('starting');
    try {
      await c.start();
    } catch (e) {
      void vscode.window.showErrorMessage(`The oss language server did not start: ${String(e)}`, 'Show Log').then((b) => {
        if (b) {
          serverOutput.show(true);
        }
      });
      return undefined;
    }
    client = c;
    return c;
  })();
  return starting;
}

async function stopClient(): Promise<void> {
  const c = client;
  client = undefined;
  if (c && c.state !== State.Stopped) {
    await c.stop().catch(() => undefined);
  }
}

async function restartServer(): Promise<void> {
  await starting?.catch(() => undefined);
  await stopClient();
  const c = await startClient();
  if (c) {
    void vscode.window.showInformationMessage('oss language server restarted.');
  }
}

async function runningClient(): Promise<LanguageClient | undefined> {
  const c = client ?? (await starting);
  if (!c || !c.isRunning()) {
    void vscode.window.showErrorMessage('The oss language server is not running.', 'Restart Server', 'Show Log').then((b) => {
      if (b === 'Restart Server') {
        void restartServer();
      } else if (b) {
        serverOutput.show(true);
      }
    });
    return undefined;
  }
  return c;
}

function uriArgument(a: unknown): string | undefined {
  if (typeof a === 'string') {
    return a;
  }
  if (a instanceof vscode.Uri) {
    return a.toString();
  }
  if (a && typeof a === 'object' && typeof (a as { uri?: unknown }).uri === 'string') {
    return (a as { uri: string }).uri;
  }
  return undefined;
}

function activeOssDocument(): vscode.TextDocument | undefined {
  const d = vscode.window.activeTextEditor?.document;
  if (d?.languageId === 'oss') {
    return d;
  }
  return vscode.window.visibleTextEditors.find((e) => e.document.languageId === 'oss')?.document;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Executes oss.run / oss.explore, waiting while the deep tier has not analysed the document yet. */
async function present(command: string, uri: string, exec: () => Promise<unknown>): Promise<unknown> {
  const name = path.basename(vscode.Uri.parse(uri).path);
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: command === SERVER_RUN ? `oss: running ${name}` : `oss: exploring ${name}` },
    async () => {
      let result: any; // eslint-disable-line @typescript-eslint/no-explicit-any
      for (let i = 0; i < 60; i++) {
        result = await exec();
        const waiting = result && typeof result.error === 'string' && result.error.startsWith('the document has not been analysed yet') && !result.error.includes('errors');
        if (!waiting) {
          break;
        }
        await sleep(250);
      }
      const text = command === SERVER_RUN ? runSummary(result, name) : exploreSummary(result, name);
      output.appendLine(text);
      output.appendLine('');
      output.show(true);
      if (command === SERVER_RUN) {
        for (const r of reports.values()) {
          if (r.uri === uri) {
            void r.refresh();
          }
        }
      }
      return result;
    }
  );
}

async function runOrExplore(command: string, arg?: unknown): Promise<unknown> {
  const uri = uriArgument(arg) ?? activeOssDocument()?.uri.toString();
  if (!uri) {
    void vscode.window.showWarningMessage('Open an .oss scenario first.');
    return undefined;
  }
  if (!(await runningClient())) {
    return undefined;
  }
  // through VS Code's command, so that the middleware above presents the result
  return vscode.commands.executeCommand(command, uri);
}

// ------------------------------------------------------------------ the report

/** The HTML report of the document: the server's oss.report, or else `oss run FILE --html`. */
async function fetchReport(doc: vscode.TextDocument): Promise<{ html?: string; problem?: string }> {
  const c = client?.isRunning() ? client : undefined;
  const commands: string[] = c?.initializeResult?.capabilities.executeCommandProvider?.commands ?? [];
  const tried: string[] = [];
  if (c && commands.includes(SERVER_REPORT)) {
    try {
      const r = (await c.sendRequest(ExecuteCommandRequest.type, { command: SERVER_REPORT, arguments: [doc.uri.toString()] })) as
        | { html?: string; error?: string }
        | null;
      if (r && typeof r.html === 'string') {
        return { html: r.html };
      }
      tried.push(`the server's ${SERVER_REPORT} returned ${r && r.error ? r.error : 'no html'}`);
    } catch (e) {
      tried.push(`the server's ${SERVER_REPORT} failed: ${String(e)}`);
    }
  } else {
    tried.push(`the server has no ${SERVER_REPORT} command${c ? ` (it offers ${commands.join(', ') || 'none'})` : ' (it is not running)'}`);
  }
  const viaCli = await reportViaCli(doc);
  if (viaCli.html) {
    return viaCli;
  }
  tried.push(viaCli.problem ?? 'oss run --html failed');
  return { problem: tried.join('\n') };
}

function reportViaCli(doc: vscode.TextDocument): Promise<{ html?: string; problem?: string }> {
  if (!java) {
    return Promise.resolve({ problem: 'no Java 17+ to run `oss run --html` with' });
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oss-report-'));
  const base = doc.isUntitled ? 'untitled.oss' : path.basename(doc.uri.fsPath);
  const src = path.join(dir, base.endsWith('.oss') ? base : `${base}.oss`);
  fs.writeFileSync(src, doc.getText()); // the editor's text, saved or not
  const out = path.join(dir, 'report.html');
  const cleanup = () => fs.rmSync(dir, { recursive: true, force: true });
  return new Promise((resolve) => {
    execFile(
      java!.executable,
      ['-XX:+UseSerialGC', '-jar', jarPath(), 'run', src, '--html', out],
      { timeout: 120000, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        try {
          if (fs.existsSync(out)) {
            resolve({ html: fs.readFileSync(out, 'utf8') });
          } else if (/^\s*<(!DOCTYPE|html)/i.test(stdout)) {
            resolve({ html: stdout }); // an --html that prints the report instead of writing it
          } else {
            const why = stderr.split(/\r?\n/).filter((l) => l.trim()).slice(0, 3).join(' ') || (err ? err.message : 'no report written');
            resolve({
              problem: /Unknown option|--html/.test(why)
                ? `this oss.jar cannot write HTML reports (oss run --html): ${why}`
                : `oss run --html wrote no report: ${why}`,
            });
          }
        } finally {
          cleanup();
        }
      }
    );
  });
}

class ReportPanel {
  readonly panel: vscode.WebviewPanel;
  uri: string;
  section: Section;
  private doc: vscode.TextDocument;

  constructor(doc: vscode.TextDocument, section: Section) {
    this.doc = doc;
    this.uri = doc.uri.toString();
    this.section = section;
    this.panel = vscode.window.createWebviewPanel('oss.report', this.title(), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: true, // only our nonce'd scroll script may run (see the CSP)
      enableCommandUris: false,
      localResourceRoots: [],
      retainContextWhenHidden: true,
    });
    this.panel.onDidDispose(() => {
      if (reports.get(this.section) === this) {
        reports.delete(this.section);
      }
    });
  }

  private title(): string {
    return `oss: ${SECTION_TITLES[this.section]} — ${path.basename(this.doc.uri.path)}`;
  }

  show(doc: vscode.TextDocument, section: Section): Promise<void> {
    this.doc = doc;
    this.uri = doc.uri.toString();
    this.section = section;
    this.panel.title = this.title();
    this.panel.reveal(vscode.ViewColumn.Beside, true);
    return this.refresh();
  }

  async refresh(): Promise<void> {
    const nonce = crypto.randomBytes(16).toString('base64');
    const { html, problem } = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: 'oss: drawing the report' },
      () => fetchReport(this.doc)
    );
    if (html === undefined) {
      const text = `No HTML report for ${path.basename(this.doc.uri.path)}:\n${problem}`;
      this.panel.webview.html = message(`oss: no report`, text, nonce);
      output.appendLine(text);
      void vscode.window.showErrorMessage(
        `oss: could not draw the ${SECTION_TITLES[this.section].toLowerCase()}: this oss server has neither an oss.report command nor \`oss run --html\`. Details in the oss output.`
      );
      return;
    }
    if (!hasSection(html, this.section)) {
      void vscode.window.showWarningMessage(`oss: the report has no ${SECTION_TITLES[this.section].toLowerCase()} section (id "${this.section}"); showing the whole report.`);
    }
    this.panel.webview.html = prepare(html, this.section, nonce);
  }
}

async function showReport(section: Section, arg?: unknown): Promise<void> {
  const uri = uriArgument(arg);
  let doc = uri ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri) : activeOssDocument();
  if (!doc && uri) {
    doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
  }
  if (!doc || doc.languageId !== 'oss') {
    void vscode.window.showWarningMessage('Open an .oss scenario first.');
    return;
  }
  await (starting?.catch(() => undefined));
  let panel = reports.get(section);
  if (!panel) {
    panel = new ReportPanel(doc, section);
    reports.set(section, panel);
  }
  await panel.show(doc, section);
}
