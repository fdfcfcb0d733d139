#!/usr/bin/env bash
# GitHub Classroom without GitHub (docs/grading.md, "GitHub Classroom"): takes the workflow's
# `oss grade` step and the `--min-score` command as docs/grading.md writes them, and runs them
# in scratch repositories laid out as the docs say (.oss/ with oss.jar, the assignment and its
# starter; the student's file at the root) on sample submissions of
# examples/grading/philosophers-fix. The step's `result` output is decoded and added up as
# autograding-grading-reporter does ("Points x/y"), against the example's expected-scores.
#
#   grader/e2e/classroom-e2e.sh           OSS_E2E_KEEP=1 keeps the scratch repositories
# Exit 0 when every check passed, 1 when one failed, 2 when a tool is missing.
set -uo pipefail
name=classroom-e2e
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need java node base64
scratch
cd "$root"
example=examples/grading/philosophers-fix
docs=docs/grading.md

# The step with `id: oss`: its `run: |` lines, unindented.
step="$(awk '/^ *id: oss$/ { s = 1; next } s && /^ *run: \|/ { r = 1; next }
  r && /^ *- (name|uses):/ { exit } r { sub(/^          /, ""); print }' "$docs")"
command="$(grep -m1 '^java -jar .oss/oss.jar grade .oss/assignment.oss . --min-score ' "$docs")"
check "the workflow's step is in $docs" test -n "$step"
check "the --min-score command is in $docs" test -n "$command"
oss --version >/dev/null   # builds cli/target/oss.jar when it is stale

# A student's repository, as the classroom's template makes it.
repo() {
  local dir="$work/$1"
  mkdir -p "$dir/.oss"
  cp cli/target/oss.jar "$example/assignment.oss" "$example/starter.oss" "$dir/.oss/"
  cp "$example/submissions/$1/philosophers.oss" "$dir/"
  echo "$dir"
}

echo "$name: the workflow's step, and the reporter's sum"
for student in ada fay dev eli ida; do
  read -r total _ < <(expected "$example" "$student")
  dir="$(repo "$student")"
  mkdir -p "$work/runner-temp-$student"
  : > "$work/github-output-$student"
  if (cd "$dir" && GITHUB_OUTPUT="$work/github-output-$student" RUNNER_TEMP="$work/runner-temp-$student" \
      bash -e -c "$step" >"$work/step-$student.log" 2>&1); then
    sed -n 's/^result=//p' "$work/github-output-$student" | node -e "
      const b = require('fs').readFileSync(0, 'utf8').trim();
      require('fs').writeFileSync('$work/decoded-$student.json', Buffer.from(b, 'base64').toString('utf-8'));"
    check "$student: Points $total/10" node "$e2e/check-results.mjs" classroom "$work/decoded-$student.json" "$total" 10
  else
    ko "$student: the step failed"
    sed 's/^/        /' "$work/step-$student.log"
  fi
done
check "the step prints no table (its reason column can quote a hidden test)" test ! -s "$work/step-ada.log"
check "ida's failed hidden test says only that it failed (it runs in the student's repository)" node -e "
  const t = require('$work/decoded-ida.json').tests[3];
  if (t.status !== 'fail' || !/^failed \\(a hidden test: its details are not shown\\)\$/.test(t.message)) throw new Error(t.message);
  console.log(t.message);"

echo "$name: a command test with --min-score (exit 0 passes it)"
for student in ada fay; do
  read -r total _ < <(expected "$example" "$student")
  dir="$(repo "$student")"
  (cd "$dir" && bash -c "$command" >/dev/null 2>&1)
  code=$?
  want=$(node -e "console.log($total >= 10 ? 0 : 3)")
  if [ "$code" -eq "$want" ]; then ok "$student ($total): exit $code"; else ko "$student ($total): exit $code, expected $want"; fi
done

finish
