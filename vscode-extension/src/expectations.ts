// The pure half of the Testing view: finding `expect` lines in a text and their verdicts in
// the server's oss.run result. No vscode import, so the unit tests run in plain Node.

/** The `expect` lines of a text: their 0-based line numbers and text. */
export function expectLines(text: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  text.split(/\r\n|\r|\n/).forEach((l, i) => {
    const m = /^\s*(expect\b.*?)\s*(\/\/.*)?$/.exec(l);
    if (m) {
      out.push({ line: i, text: m[1] });
    }
  });
  return out;
}

/** One verdict of the server's run result, found by the expectation's line (1-based in the result). */
export function verdictAt(result: any, line: number): { status: string; message: string } | undefined { // eslint-disable-line @typescript-eslint/no-explicit-any
  const list = result && Array.isArray(result.expectations) ? result.expectations : [];
  for (const e of list) {
    const at = e && typeof e.line === 'number' ? e.line - 1 : e && e.span && typeof e.span.line === 'number' ? e.span.line - 1 : -1;
    if (at === line) {
      return { status: String(e.status), message: String(e.message ?? e.actual ?? '') };
    }
  }
  return undefined;
}
