import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { candidates, findJava, parseJavaMajor } from '../../src/java';

test('parses the major version of java -version', () => {
  assert.equal(parseJavaMajor('openjdk version "17.0.15" 2025-04-15\nOpenJDK Runtime Environment'), 17);
  assert.equal(parseJavaMajor('java version "1.8.0_392"'), 8);
  assert.equal(parseJavaMajor('openjdk version "21" 2023-09-19'), 21);
  assert.equal(parseJavaMajor('openjdk version "22-ea" 2024-03-19'), 22);
  assert.equal(parseJavaMajor('bash: java: command not found'), undefined);
});

test('tries the setting, then JAVA_HOME, then PATH', () => {
  const c = candidates('/opt/jdk-setting', { JAVA_HOME: '/opt/jdk-env' });
  assert.deepEqual(c.map((x) => x.source), ['oss.java.home', 'JAVA_HOME', 'PATH']);
  assert.equal(c[0].executable, path.join('/opt/jdk-setting', 'bin', 'java'));
  assert.equal(c[1].executable, path.join('/opt/jdk-env', 'bin', 'java'));
  assert.deepEqual(candidates('', {}).map((x) => x.source), ['PATH']);
});

function fakeJava(version: string): string {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-jdk-'));
  fs.mkdirSync(path.join(home, 'bin'));
  const exe = path.join(home, 'bin', 'java');
  fs.writeFileSync(exe, `#!/bin/sh\necho 'openjdk version "${version}" 2020-01-01' >&2\n`, { mode: 0o755 });
  return home;
}

test('skips a too old Java from the setting and a missing JAVA_HOME, takes the PATH one', async () => {
  const old = fakeJava('11.0.2');
  const r = await findJava(old, { JAVA_HOME: '/nonexistent/jdk', PATH: process.env.PATH });
  assert.equal(r.rejected.length, 2, r.rejected.join('\n'));
  assert.match(r.rejected[0], /Java 11, oss needs 17\+/);
  assert.match(r.rejected[1], /JAVA_HOME: no /);
  // the machine running the tests has a Java 17+ on its PATH (the Maven build needs one)
  assert.equal(r.found?.source, 'PATH');
  assert.ok((r.found?.major ?? 0) >= 17);
});

test('takes the setting when it is Java 17+', async () => {
  const home = fakeJava('21.0.1');
  const r = await findJava(home, {});
  assert.equal(r.found?.source, 'oss.java.home');
  assert.equal(r.found?.major, 21);
});
