// Readable text for the JSON trees of the server's oss.run and oss.explore
// commands (the same trees `oss run --json` / `oss explore --json` print).
/* eslint-disable @typescript-eslint/no-explicit-any */

function ms(ns: unknown): string {
  if (typeof ns !== 'number' || ns < 0) {
    return '-';
  }
  const v = ns / 1e6;
  return Number.isInteger(v) ? `${v} ms` : `${v.toFixed(3)} ms`;
}

function findingLines(findings: any[] | undefined): string[] {
  if (!Array.isArray(findings) || findings.length === 0) {
    return [];
  }
  const out = ['Findings'];
  for (const f of findings) {
    const where = f.line !== undefined ? `${f.line}:${f.column ?? 1}` : '';
    out.push(`  ${where.padEnd(7)} ${f.severity ?? ''}${f.code ? `[${f.code}]` : ''} ${f.message}`.replace(/\s+$/, ''));
  }
  return out;
}

export function runSummary(result: any, name: string): string {
  const out: string[] = [`▶ Run ${name}`];
  if (!result) {
    return `${out[0]}: the server did not return a result (is the document open?)`;
  }
  if (result.error) {
    out.push(`  ${result.error}`);
  }
  const run = result.run && typeof result.run === 'object' ? result.run : result;
  if (Array.isArray(run.tasks)) {
    out.push(
      `  simulated time ${ms(run.endNs)}, ${run.events ?? '?'} events, ${run.cpus ?? '?'} CPU(s)` +
        (run.deadlocked ? ', DEADLOCKED' : '') +
        (run.budgetExhausted ? ', event budget exhausted' : '')
    );
    out.push('  PID  NAME                 STATE       TURNAROUND  WAIT       CPU        BLOCKED ON');
    for (const t of run.tasks) {
      out.push(
        `  ${String(t.pid).padStart(3)}  ${String(t.process ?? t.name ?? '').padEnd(20)} ${String(t.state ?? '').padEnd(11)} ` +
          `${ms(t.turnaroundNs).padEnd(11)} ${ms(t.waitingNs).padEnd(10)} ${ms(t.cpuNs).padEnd(10)} ${t.blockedOn ?? ''}`.replace(/\s+$/, '')
      );
    }
  }
  if (Array.isArray(result.expectations) && result.expectations.length > 0) {
    out.push('Expectations');
    for (const e of result.expectations) {
      const mark = e.status === 'passed' ? 'PASS' : e.status === 'failed' ? 'FAIL' : e.status.toUpperCase();
      out.push(`  ${mark.padEnd(9)} ${e.text}   (${e.actual ?? ''})`);
    }
  }
  out.push(...findingLines(result.findings));
  return out.join('\n');
}

export function exploreSummary(result: any, name: string): string {
  const out: string[] = [`⟳ Explore ${name}`];
  if (!result) {
    return `${out[0]}: the server did not return a result (is the document open?)`;
  }
  if (result.error) {
    out.push(`  ${result.error}`);
  }
  if (result.verdict !== undefined) {
    out.push(`  verdict: ${result.verdict}${result.summary ? ` — ${result.summary}` : ''}`);
    out.push(
      `  ${result.states ?? '?'} states, ${result.transitions ?? '?'} transitions, max depth ${result.maxDepth ?? '?'}, ` +
        `${typeof result.seconds === 'number' ? result.seconds.toFixed(3) : '?'} s` +
        (result.complete === false ? ' (incomplete: budget reached)' : '')
    );
  }
  if (Array.isArray(result.findings)) {
    for (const f of result.findings) {
      out.push(`  ${f.line ?? '?'}:${f.column ?? '?'} ${f.code ?? ''} ${f.message}`);
      if (Array.isArray(f.schedule) && f.schedule.length > 0) {
        out.push('    schedule:');
        f.schedule.forEach((s: any, i: number) => out.push(`      ${String(i + 1).padStart(2)}. ${s.task ?? `pid ${s.pid}`} at ${s.line}:${s.column}`));
      }
    }
  }
  return out.join('\n');
}
