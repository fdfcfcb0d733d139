#!/usr/bin/env bash
# Gradescope's autograder without Gradescope's machines (docs/grading.md, "Gradescope"): writes
# the autograder zip of examples/grading/philosophers-fix, unzips it into a temporary tree laid
# out as Gradescope's /autograder (source, submission, results), runs setup.sh (with Java 17
# present it installs nothing and writes the class-data archive), then run_autograder with
# OSS_AUTOGRADER_ROOT on sample submissions: right, partly right, wrong, not compiling, binary
# garbage, hostile. Each results.json is checked against Gradescope's published field list and
# the scores in the example's expected-scores. Then the paths where oss writes no results: a
# corrupt oss.jar, an assignment with an error, two students in one submission. Prints how long
# one submission takes through run_autograder.
#
#   grader/e2e/gradescope-e2e.sh          OSS_E2E_KEEP=1 keeps the temporary tree
# Exit 0 when every check passed, 1 when one failed, 2 when a tool is missing.
set -uo pipefail
name=gradescope-e2e
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need java node unzip cmp
scratch
cd "$root"
example=examples/grading/philosophers-fix

echo "$name: the zip"
check "oss grade --autograder-zip" oss grade --autograder-zip "$work/autograder.zip" "$example/assignment.oss"
[ -f "$work/autograder.zip" ] || { finish; exit 1; }
check "written twice, the same bytes" bash -c "'$root/oss' grade --autograder-zip '$work/again.zip' \
  '$example/assignment.oss' >/dev/null && cmp '$work/autograder.zip' '$work/again.zip'"
check "entries: setup.sh and run_autograder at the root, executable" bash -c "unzip -Z '$work/autograder.zip' \
  | awk '\$NF == \"setup.sh\" || \$NF == \"run_autograder\" { if (\$1 != \"-rwxr-xr-x\") exit 1; n++ } END { exit n != 2 }'"
check "entries: in order" bash -c "[ \"\$(unzip -Z1 '$work/autograder.zip' | tr '\n' ' ')\" = \
  'setup.sh run_autograder oss.jar assignment.oss starter.oss ' ]"

ag="$work/autograder"
mkdir -p "$ag/source" "$ag/submission" "$ag/results"
unzip -q "$work/autograder.zip" -d "$ag/source"
cp -p "$ag/source/run_autograder" "$ag/run_autograder"   # Gradescope copies it there when it builds the image
check "unzipped scripts are executable" test -x "$ag/run_autograder" -a -x "$ag/source/setup.sh"
check "setup.sh (Java 17 already here: nothing to install)" bash -c "cd '$ag/source' && ./setup.sh"
check "setup.sh wrote the class-data archive" test -s "$ag/source/oss.jsa"

# run_autograder STUDENT_FILE...: a fresh submission directory, as Gradescope gives each run.
run() {
  rm -rf "$ag/submission" "$ag/results"
  mkdir -p "$ag/submission" "$ag/results"
  cp "$@" "$ag/submission/"
  (cd "$ag" && OSS_AUTOGRADER_ROOT="$ag" ./run_autograder >"$work/stdout" 2>&1)
}

echo "$name: sample submissions"
for student in ada fay dev eli hal gus; do
  read -r total tests < <(expected "$example" "$student")
  start=$(now_ms)
  run "$example/submissions/$student/philosophers.oss"
  ms=$(( $(now_ms) - start ))
  check "$student ($total of 10, ${ms} ms)" node "$e2e/check-results.mjs" gradescope "$ag/results/results.json" \
    "$total" "$tests"
done

echo "$name: one submission's time through run_autograder (ada, 3 runs each)"
best() {
  local b=999999 t s
  for _ in 1 2 3; do
    s=$(now_ms); run "$example/submissions/ada/philosophers.oss"; t=$(( $(now_ms) - s ))
    [ "$t" -lt "$b" ] && b=$t
  done
  echo "$b"
}
with=$(best)
mv "$ag/source/oss.jsa" "$work/oss.jsa"
without=$(best)
mv "$work/oss.jsa" "$ag/source/oss.jsa"
echo "  run_autograder, one submission: ${with} ms with setup.sh's class-data archive, ${without} ms without (best of 3)"

echo "$name: when oss writes no results"
cp "$ag/source/oss.jar" "$work/oss.jar"
head -c 4096 "$work/oss.jar" > "$ag/source/oss.jar"
run "$example/submissions/ada/philosophers.oss"
check "a corrupt oss.jar: score 0, and why" node "$e2e/check-results.mjs" fallback "$ag/results/results.json" \
  "oss stopped (exit code 1)"
cp "$work/oss.jar" "$ag/source/oss.jar"
cp "$ag/source/assignment.oss" "$work/assignment.oss"
printf '\ntest "stray" points 1 { }\n' >> "$ag/source/assignment.oss"
run "$example/submissions/ada/philosophers.oss"
check "an assignment with an error: score 0, and why" node "$e2e/check-results.mjs" fallback \
  "$ag/results/results.json" "assignment has an error"
check "  its diagnostic is in the instructor's output" grep -q 'error\[OSS' "$work/stdout"
cp "$work/assignment.oss" "$ag/source/assignment.oss"
rm -rf "$ag/submission" "$ag/results"
mkdir -p "$ag/submission/one" "$ag/submission/two"
cp "$example/submissions/ada/philosophers.oss" "$ag/submission/one/"
cp "$example/submissions/dev/philosophers.oss" "$ag/submission/two/"
(cd "$ag" && OSS_AUTOGRADER_ROOT="$ag" ./run_autograder >"$work/stdout" 2>&1)
check "two students in one submission: score 0, and why" node "$e2e/check-results.mjs" fallback \
  "$ag/results/results.json" "did not find exactly one submission"

finish
