// Checks a results file against the published field list of the grader it is for, and the
// score it should hold. Node 20, no packages: CI machines have node, not always python or jq.
//
//   node check-results.mjs gradescope   FILE SCORE [T1,T2,...]   Gradescope's results.json
//   node check-results.mjs fallback     FILE TEXT                 run_autograder's own (oss wrote none)
//   node check-results.mjs prairielearn FILE FRACTION [P1,...]    PrairieLearn's results.json
//   node check-results.mjs classroom    FILE POINTS MAX           GitHub Classroom's runner result
//
// SCORE and the Ts are the expected total and each test's points in order (from an
// expected-scores file, worked out by hand). Prints one line; exit 1 with every problem found.
import { readFileSync } from 'node:fs';

const [mode, file, ...args] = process.argv.slice(2);
const problems = [];
const fail = (m) => problems.push(m);
let r;
try {
  r = JSON.parse(readFileSync(file, 'utf8'));
} catch (e) {
  console.log(`${file}: not JSON (${e.message})`);
  process.exit(1);
}

const isNum = (v) => typeof v === 'number' && Number.isFinite(v);
const isStr = (v) => typeof v === 'string';
const near = (a, b) => Math.abs(a - b) < 1e-6;
const VISIBILITY = ['hidden', 'after_due_date', 'after_published', 'visible'];
const FORMATS = ['text', 'html', 'simple_format', 'md', 'ansi'];

function only(obj, allowed, where) {
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
    fail(`${where}: not an object`);
    return false;
  }
  for (const k of Object.keys(obj)) if (!allowed.includes(k)) fail(`${where}: "${k}" is not in the published field list`);
  return true;
}

function expectTests(tests, expected, key, where) {
  if (!expected) return;
  const want = expected.split(',').map(Number);
  if (tests.length !== want.length) fail(`${where}: ${tests.length} tests, expected ${want.length}`);
  want.forEach((w, i) => {
    if (tests[i] && !near(tests[i][key], w)) fail(`${where}[${i}] "${tests[i].name}": ${key} ${tests[i][key]}, expected ${w}`);
  });
}

// https://gradescope-autograders.readthedocs.io/en/latest/specs/ ("Output format")
function gradescope(expectedScore, expectedTests) {
  if (!only(r, ['score', 'execution_time', 'output', 'output_format', 'test_output_format', 'test_name_format',
    'visibility', 'stdout_visibility', 'extra_data', 'tests', 'leaderboard'], 'results')) return;
  if (!isNum(r.score)) fail(`score: ${JSON.stringify(r.score)} is not a number`);
  if ('execution_time' in r && !(isNum(r.execution_time) && r.execution_time >= 0)) fail('execution_time: not a number of seconds');
  if ('output' in r && !isStr(r.output)) fail('output: not a string');
  for (const k of ['output_format', 'test_output_format', 'test_name_format']) if (k in r && !FORMATS.includes(r[k])) fail(`${k}: ${r[k]}`);
  for (const k of ['visibility', 'stdout_visibility']) if (k in r && !VISIBILITY.includes(r[k])) fail(`${k}: ${r[k]}`);
  // run_autograder's output is oss grade's table, whose reason column can quote a hidden test.
  if ('stdout_visibility' in r && r.stdout_visibility !== 'hidden') fail(`stdout_visibility ${r.stdout_visibility}: the table can quote hidden tests`);
  if (!Array.isArray(r.tests)) { fail('tests: not an array'); return; }
  let sum = 0;
  r.tests.forEach((t, i) => {
    const w = `tests[${i}]`;
    if (!only(t, ['score', 'max_score', 'status', 'name', 'name_format', 'number', 'output', 'output_format', 'tags',
      'visibility', 'extra_data'], w)) return;
    if (!isStr(t.name) || t.name === '') fail(`${w}.name: not a string`);
    if ('number' in t && !isStr(t.number)) fail(`${w}.number: ${JSON.stringify(t.number)} is not a string ("1.1" in the spec)`);
    if (!isNum(t.score)) fail(`${w}.score: not a number`);
    if (!isNum(t.max_score)) fail(`${w}.max_score: not a number`);
    if (isNum(t.score) && isNum(t.max_score) && (t.score < 0 || t.score > t.max_score + 1e-9)) fail(`${w}: score ${t.score} outside 0..${t.max_score}`);
    if ('status' in t && !['passed', 'failed'].includes(t.status)) fail(`${w}.status: ${t.status}`);
    if ('output' in t && !isStr(t.output)) fail(`${w}.output: not a string`);
    if ('tags' in t && !(Array.isArray(t.tags) && t.tags.every(isStr))) fail(`${w}.tags: not an array of strings`);
    if ('visibility' in t && !VISIBILITY.includes(t.visibility)) fail(`${w}.visibility: ${t.visibility}`);
    if (isNum(t.score)) sum += t.score;
  });
  if (isNum(r.score) && r.tests.length > 0 && !near(sum, r.score)) fail(`score ${r.score} is not the tests' sum ${sum}`);
  if (expectedScore !== undefined && !near(r.score, Number(expectedScore))) fail(`score ${r.score}, expected ${expectedScore}`);
  expectTests(r.tests, expectedTests, 'score', 'tests');
  return `score ${r.score}, ${r.tests.length} tests`;
}

function fallback(text) {
  if (!only(r, ['score', 'output', 'tests'], 'results')) return;
  if (r.score !== 0) fail(`score ${r.score}, expected 0`);
  if (!isStr(r.output) || !r.output.includes(text)) fail(`output ${JSON.stringify(r.output)} does not say "${text}"`);
  if (!Array.isArray(r.tests) || r.tests.length !== 0) fail('tests: expected []');
  return `score 0: ${r.output}`;
}

// https://prairielearn.readthedocs.io/en/latest/externalGrading/ ("Grading results")
function prairielearn(expectedFraction, expectedPoints) {
  if (!only(r, ['gradable', 'score', 'message', 'output', 'format_errors', 'images', 'tests', 'partial_scores'], 'results')) return;
  if ('gradable' in r && typeof r.gradable !== 'boolean') fail('gradable: not a boolean');
  if (r.gradable !== false && !(isNum(r.score) && r.score >= 0 && r.score <= 1)) fail(`score: ${r.score} is not a number in [0, 1]`);
  for (const k of ['message', 'output']) if (k in r && !isStr(r[k])) fail(`${k}: not a string`);
  if ('format_errors' in r && !(isStr(r.format_errors) || (Array.isArray(r.format_errors) && r.format_errors.every(isStr)))) fail('format_errors: not a string or strings');
  const tests = r.tests ?? [];
  if (!Array.isArray(tests)) { fail('tests: not an array'); return; }
  tests.forEach((t, i) => {
    const w = `tests[${i}]`;
    if (!only(t, ['name', 'description', 'points', 'max_points', 'message', 'output', 'images'], w)) return;
    if (!isStr(t.name)) fail(`${w}.name: not a string`);
    if (!isNum(t.points) || !isNum(t.max_points)) fail(`${w}: points and max_points must be numbers`);
    for (const k of ['description', 'message', 'output']) if (k in t && !isStr(t[k])) fail(`${w}.${k}: not a string`);
  });
  if (r.gradable === false) {
    // Not gradable (the attempt is not counted) is a right answer only for a submission worth 0.
    if (expectedFraction !== undefined && Number(expectedFraction) !== 0) fail(`not gradable, expected ${expectedFraction}`);
    return `not gradable: ${r.message}`;
  }
  if (expectedFraction !== undefined && !near(r.score, Number(expectedFraction))) fail(`score ${r.score}, expected ${expectedFraction}`);
  expectTests(tests, expectedPoints, 'points', 'tests');
  return `score ${r.score} (gradable ${r.gradable !== false}), ${tests.length} tests`;
}

// What classroom-resources/autograding-grading-reporter reads of a runner's result, and its sum
// ("Points x/y": the tests' scores added up, out of max_score).
function classroom(points, max) {
  if (r.version !== 1) fail(`version: ${r.version}, expected 1`);
  if (!['pass', 'fail', 'error'].includes(r.status)) fail(`status: ${r.status}`);
  if (!isNum(r.max_score)) fail('max_score: not a number');
  if (!Array.isArray(r.tests)) { fail('tests: not an array'); return; }
  let total = 0;
  r.tests.forEach((t, i) => {
    if (!isStr(t.name)) fail(`tests[${i}].name: not a string`);
    if (!['pass', 'fail', 'error'].includes(t.status)) fail(`tests[${i}].status: ${t.status}`);
    if (!isNum(t.score)) fail(`tests[${i}].score: not a number`);
    if ('message' in t && t.message !== null && !isStr(t.message)) fail(`tests[${i}].message: not a string`);
    total += t.score;
  });
  const line = `Points ${total}/${r.max_score}`;
  if (line !== `Points ${Number(points)}/${Number(max)}`) fail(`${line}, expected Points ${points}/${max}`);
  if ((r.status === 'pass') !== near(total, r.max_score)) fail(`status ${r.status} with ${line}`);
  return line;
}

const modes = { gradescope, fallback, prairielearn, classroom };
if (!modes[mode]) {
  console.log(`usage: node check-results.mjs gradescope|fallback|prairielearn|classroom FILE ...`);
  process.exit(2);
}
const summary = modes[mode](...args);
if (problems.length) {
  console.log(`${file}: ${problems.length} problem(s)`);
  for (const p of problems) console.log(`  - ${p}`);
  process.exit(1);
}
console.log(summary);
