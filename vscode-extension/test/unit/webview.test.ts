import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { hasSection, prepare } from '../../src/webviewHtml';

const report = '<!DOCTYPE html><html><head><meta charset="utf-8"><script>alert(1)</script></head>' +
  '<body><section id="timeline"><svg></svg></section><section id="memory"></section></body></html>';

test('puts a strict CSP first in head and drops the report\'s own scripts', () => {
  const h = prepare(report, 'memory', 'N0NCE');
  assert.match(h, /<head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'nonce-N0NCE'">/);
  assert.doesNotMatch(h, /alert\(1\)/);
  assert.match(h, /<script nonce="N0NCE">.*go\("memory"\).*<\/script><\/body>/);
});

test('finds sections by id', () => {
  assert.ok(hasSection(report, 'timeline'));
  assert.ok(hasSection(report, 'memory'));
  assert.ok(!hasSection(report, 'graph'));
});

test('wraps a fragment without head', () => {
  const h = prepare('<svg id="graph"></svg>', 'graph', 'n');
  assert.match(h, /^<!DOCTYPE html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy"/);
});

test('each section is a view of its own: the others are hidden', () => {
  const h = prepare(report, 'memory', 'n');
  assert.match(h, /<style>section:not\(#memory\),nav\{display:none\}<\/style>/);
  const t = prepare(report, 'timeline', 'n');
  assert.match(t, /section:not\(#timeline\)/);
  // a report without the section is shown whole
  assert.doesNotMatch(prepare(report, 'graph', 'n'), /display:none/);
});
