import * as assert from 'node:assert/strict';
import { test } from 'node:test';

import { expectLines, verdictAt } from '../../src/expectations';

test('finds every expect line with its number, comments left out', () => {
  const text = 'scenario "x" {\n  process a { compute 1 ms }\n  expect a.finish == 1 ms  // one\n\texpect no deadlock\n}\n';
  assert.deepEqual(expectLines(text), [
    { line: 2, text: 'expect a.finish == 1 ms' },
    { line: 3, text: 'expect no deadlock' },
  ]);
});

test('takes the verdict of the server result at that line', () => {
  const result = { expectations: [{ text: 'expect no deadlock', line: 4, status: 'failed', message: 'a deadlock' }] };
  assert.deepEqual(verdictAt(result, 3), { status: 'failed', message: 'a deadlock' });
  assert.equal(verdictAt(result, 2), undefined);
  assert.equal(verdictAt(undefined, 0), undefined);
});
