#!/usr/bin/env bash
# PrairieLearn's external grader for one oss assignment, written by `oss grade
# --prairielearn-package` (docs/grading.md, "PrairieLearn"). It is the question's entrypoint in
# the grading container: the student's files in /grade/student, the results to
# /grade/results/results.json. OSS_PL_ROOT replaces /grade, to run it outside PrairieLearn.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="${OSS_PL_ROOT:-/grade}"
results="$root/results"
assignment=@ASSIGNMENT@
mkdir -p "$results"
rm -f "$results/results.json"
errors="$(mktemp)"
trap 'rm -f "$errors"' EXIT

opts=(-XX:+UseSerialGC -XX:MaxRAMPercentage=75 -Xshare:auto)
if [ -n "${OSS_JAVA_OPTS:-}" ]; then read -ra opts <<< "$OSS_JAVA_OPTS"; fi
java "${opts[@]}" -jar "$here/oss.jar" grade "$here/$assignment" "$root/student" --prairielearn "$results/results.json" 2>"$errors"
status=$?
# stderr after stdout: the instructor reads both; a diagnostic of the assignment is told apart below.
cat "$errors" >&2

if [ "$status" -eq 0 ] && [ -s "$results/results.json" ]; then
  exit 0
fi
# Not gradable: PrairieLearn then neither scores the attempt nor counts it against the student.
case "$status" in
  0) message=@NOT_ONE@ ;;
  *) message=@CRASHED@ ;;
esac
# Exit 1 is also the JVM's own failure to start: only oss's diagnostics (error[OSS...]) mean the assignment.
if [ "$status" -eq 1 ] && grep -q 'error\[OSS' "$errors"; then message=@ASSIGNMENT_ERROR@; fi
printf '%s\n' "${message//@STATUS@/$status}" > "$results/results.json"
echo "grade.sh: oss exited with status $status; wrote a results.json that says so (not gradable)"
exit 0
