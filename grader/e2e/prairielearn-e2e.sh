#!/usr/bin/env bash
# PrairieLearn's external grader without PrairieLearn (docs/grading.md, "PrairieLearn"): writes
# the package of examples/grading/predict into a course's serverFilesCourse, checks the
# externalGradingOptions it says to put in info.json, then lays out a temporary /grade as a
# grading job has it (serverFilesCourse/PACKAGE, student/, data/data.json; results/ not made)
# and runs the entrypoint with OSS_PL_ROOT on sample submissions: right, partly right, wrong,
# not compiling, over the size budget. Each results.json is checked against PrairieLearn's
# published fields and the scores in the example's expected-scores (score = points / 15). Then a
# corrupt oss.jar: not gradable, and why.
#
#   grader/e2e/prairielearn-e2e.sh        OSS_E2E_KEEP=1 keeps the temporary tree
# Exit 0 when every check passed, 1 when one failed, 2 when a tool is missing.
set -uo pipefail
name=prairielearn-e2e
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need java node base64
scratch
cd "$root"
example=examples/grading/predict
package=oss-predict

echo "$name: the package"
course="$work/course"
check "oss grade --prairielearn-package" oss grade --prairielearn-package "$course/serverFilesCourse/$package" \
  "$example/assignment.oss"
[ -f "$course/serverFilesCourse/$package/grade.sh" ] || { finish; exit 1; }
check "externalGradingOptions.json names this package" node -e "
  const o = require('$course/serverFilesCourse/$package/externalGradingOptions.json');
  const g = o.externalGradingOptions;
  const want = { enabled: true, image: 'eclipse-temurin:17-jre', entrypoint: '/grade/serverFilesCourse/$package/grade.sh' };
  for (const [k, v] of Object.entries(want)) if (g[k] !== v) throw new Error(k + ': ' + g[k]);
  if (o.gradingMethod !== 'External') throw new Error('gradingMethod: ' + o.gradingMethod);
  if (JSON.stringify(g.serverFilesCourse) !== JSON.stringify(['$package/'])) throw new Error('serverFilesCourse');
  if (!(g.timeout > 10 && g.timeout <= 600)) throw new Error('timeout: ' + g.timeout);
  console.log('timeout ' + g.timeout + ' s');"

grade="$work/grade"
# A grading job: what serverFilesCourse lists is copied in, the student's files, the data object.
job() {
  local file="$1"
  rm -rf "$grade"
  mkdir -p "$grade/serverFilesCourse" "$grade/student" "$grade/data"
  cp -r "$course/serverFilesCourse/$package" "$grade/serverFilesCourse/"
  cp "$file" "$grade/student/predictions.oss"
  printf '{"params": {}, "correct_answers": {}, "submitted_answers": {"_files": [{"name": "predictions.oss", "contents": "%s"}]}}\n' \
    "$(base64 -w0 < "$file")" > "$grade/data/data.json"
  # PrairieLearn makes the entrypoint executable itself, then runs it.
  chmod +x "$grade/serverFilesCourse/$package/grade.sh"
  OSS_PL_ROOT="$grade" "$grade/serverFilesCourse/$package/grade.sh" >"$work/stdout" 2>&1
}

echo "$name: sample submissions"
for student in ana bo cy dee gil; do
  read -r total tests < <(expected "$example" "$student")
  fraction=$(node -e "console.log($total / 15)")
  start=$(now_ms)
  job "$example/submissions/$student/predictions.oss"
  ms=$(( $(now_ms) - start ))
  check "$student ($total of 15, ${ms} ms)" node "$e2e/check-results.mjs" prairielearn "$grade/results/results.json" \
    "$fraction" "$tests"
done

echo "$name: when oss writes no results"
jar="$course/serverFilesCourse/$package/oss.jar"
cp "$jar" "$work/oss.jar"
head -c 4096 "$work/oss.jar" > "$jar"
job "$example/submissions/ana/predictions.oss"
check "a corrupt oss.jar: not gradable, and why" node -e "
  const r = require('$grade/results/results.json');
  if (r.gradable !== false) throw new Error('gradable: ' + r.gradable);
  if (!/^oss stopped \(exit code 1\)/.test(r.message)) throw new Error('message: ' + r.message);
  if (r.format_errors[0] !== r.message) throw new Error('format_errors');
  console.log(r.message.slice(0, 60) + '...');"
cp "$work/oss.jar" "$jar"

finish
