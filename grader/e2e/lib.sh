# Shared by grader/e2e/*-e2e.sh: the repository, a scratch directory, the jar, the sample
# submissions' expected scores, and the count of checks passed and failed.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
e2e="$root/grader/e2e"
passed=0
failed=0

need() {
  for tool in "$@"; do
    command -v "$tool" >/dev/null 2>&1 || { echo "$name: $tool is needed" >&2; exit 2; }
  done
}

# A scratch directory, removed at exit unless OSS_E2E_KEEP is set (then its path is printed).
scratch() {
  work="$(mktemp -d "${TMPDIR:-/tmp}/oss-$name.XXXXXX")"
  if [ -n "${OSS_E2E_KEEP:-}" ]; then
    trap 'echo "$name: kept $work"' EXIT
  else
    trap 'rm -rf "$work"' EXIT
  fi
}

# oss as a user runs it: the launcher builds cli/target/oss.jar when it is missing or stale.
oss() {
  "$root/oss" "$@"
}

ok() { passed=$((passed + 1)); echo "  ok    $*"; }
ko() { failed=$((failed + 1)); echo "  FAIL  $*"; }

# check DESCRIPTION COMMAND...: runs it, its output indented under the line.
check() {
  local what="$1"; shift
  local out
  if out="$("$@" 2>&1)"; then ok "$what${out:+: ${out%%$'\n'*}}"; else ko "$what"; printf '%s\n' "$out" | sed 's/^/        /'; fi
}

# expected ASSIGNMENT_DIR STUDENT: "TOTAL T1,T2,..." from its expected-scores (worked out by hand).
expected() {
  awk -v s="$2" '$1 == s { t = $4; for (i = 5; i <= NF && $i ~ /^[0-9.]+$/; i++) t = t "," $i; print $3, t; exit }' \
    "$1/expected-scores"
}

# Milliseconds since the epoch, for the timing lines.
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

finish() {
  echo "$name: $passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}
