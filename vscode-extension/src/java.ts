// Finding a Java 17+ to run the bundled server: the setting oss.java.home,
// then JAVA_HOME, then `java` on the PATH. Kept free of the vscode module so
// that it can be tested under plain Node.
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export const MIN_JAVA = 17;

export interface JavaCandidate {
  /** where it came from: "oss.java.home", "JAVA_HOME" or "PATH" */
  source: string;
  /** the java executable (a path, or "java" to look it up on the PATH) */
  executable: string;
}

export interface JavaFound extends JavaCandidate {
  major: number;
  versionLine: string;
}

export interface JavaSearch {
  found?: JavaFound;
  /** one line per candidate that was tried and why it was not taken */
  rejected: string[];
}

/** The major version in `java -version` output: `version "17.0.15"` → 17, `version "1.8.0_392"` → 8. */
export function parseJavaMajor(output: string): number | undefined {
  const m = /version\s+"(\d+)(?:\.(\d+))?[^"]*"/.exec(output);
  if (!m) {
    return undefined;
  }
  const first = Number(m[1]);
  return first === 1 && m[2] !== undefined ? Number(m[2]) : first;
}

export function javaInHome(home: string): string {
  return path.join(home, 'bin', process.platform === 'win32' ? 'java.exe' : 'java');
}

export function candidates(settingHome: string | undefined, env: NodeJS.ProcessEnv): JavaCandidate[] {
  const out: JavaCandidate[] = [];
  if (settingHome && settingHome.trim()) {
    out.push({ source: 'oss.java.home', executable: javaInHome(settingHome.trim()) });
  }
  if (env.JAVA_HOME && env.JAVA_HOME.trim()) {
    out.push({ source: 'JAVA_HOME', executable: javaInHome(env.JAVA_HOME.trim()) });
  }
  out.push({ source: 'PATH', executable: process.platform === 'win32' ? 'java.exe' : 'java' });
  return out;
}

function versionOf(executable: string): Promise<{ output: string; error?: string }> {
  return new Promise((resolve) => {
    execFile(executable, ['-version'], { timeout: 15000 }, (err, stdout, stderr) => {
      const output = `${stderr}${stdout}`;
      resolve(err && !output.includes('version') ? { output, error: err.message } : { output });
    });
  });
}

/** The first candidate that is a Java 17 or newer. */
export async function findJava(settingHome: string | undefined, env: NodeJS.ProcessEnv = process.env): Promise<JavaSearch> {
  const rejected: string[] = [];
  for (const c of candidates(settingHome, env)) {
    if (c.source !== 'PATH' && !fs.existsSync(c.executable)) {
      rejected.push(`${c.source}: no ${c.executable}`);
      continue;
    }
    const { output, error } = await versionOf(c.executable);
    if (error) {
      rejected.push(`${c.source}: ${c.executable} did not run (${error.split('\n')[0]})`);
      continue;
    }
    const major = parseJavaMajor(output);
    const versionLine = output.split(/\r?\n/).find((l) => l.includes('version')) ?? output.trim();
    if (major === undefined) {
      rejected.push(`${c.source}: could not read the version of ${c.executable} from "${versionLine}"`);
    } else if (major < MIN_JAVA) {
      rejected.push(`${c.source}: ${c.executable} is Java ${major}, oss needs ${MIN_JAVA}+`);
    } else {
      return { found: { ...c, major, versionLine }, rejected };
    }
  }
  return { rejected };
}
