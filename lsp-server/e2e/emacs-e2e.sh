#!/usr/bin/env bash
# End-to-end test of `oss lsp` with Emacs's built-in client, eglot: batch
# Emacs opens an example, starts the server, and records the diagnostics
# (with their OSS codes), a hover, the code lenses and a clean shutdown in a
# JSON file (lsp-server/e2e/eglot-e2e.el); this script asserts on that file.
#
#   lsp-server/e2e/emacs-e2e.sh [FILE.oss ...]     # default: the philosophers
#
# Environment: OSS_E2E_TIMEOUT (s, per file, default 120), OSS_E2E_WAIT_MS
# (per phase inside Emacs, default 30000), OSS_E2E_RESULTS (directory for the
# JSON and the server's stderr, default lsp-server/target/e2e-emacs).
# Needs emacs and eglot (Debian: apt-get install -y emacs-nox elpa-eglot) and jq.
# Exit code: 0 when every check passed, 1 when one failed, 2 on setup errors.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
e2e="$root/lsp-server/e2e"

files=()
for a in "$@"; do
  case "$a" in
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) files+=("$a") ;;
  esac
done
[ ${#files[@]} -gt 0 ] || files=(examples/dining-philosophers.oss)

timeout_s="${OSS_E2E_TIMEOUT:-120}"
results="${OSS_E2E_RESULTS:-$root/lsp-server/target/e2e-emacs}"
mkdir -p "$results"
for tool in emacs jq timeout; do
  command -v "$tool" >/dev/null 2>&1 || { echo "emacs-e2e: $tool is needed (apt-get install -y emacs-nox elpa-eglot jq)" >&2; exit 2; }
done
if ! "$root/oss" --version >/dev/null; then
  echo "emacs-e2e: could not build cli/target/oss.jar" >&2
  exit 2
fi
stderr_log="$results/server-stderr.log"
: > "$stderr_log"
# The server's stderr goes to a file of its own, never into the protocol.
cmd_json=$(jq -cn --arg jar "$root/cli/target/oss.jar" --arg log "$stderr_log" \
  '["sh", "-c", "exec java -jar \"$0\" lsp 2>>\"$1\"", $jar, $log]')

pass=0
fail=0
check() { # NAME JQ-CONDITION JQ-DETAIL
  local name=$1 cond=$2 detail=$3 verdict det
  verdict=$(jq -r "if ($cond) then \"yes\" else \"no\" end" "$out" 2>/dev/null || echo no)
  det=$(jq -r "$detail" "$out" 2>/dev/null || echo '(no detail)')
  if [ "$verdict" = yes ]; then
    pass=$((pass + 1)); printf '  ok       %-18s %s\n' "$name" "$det"
  else
    fail=$((fail + 1)); printf '  FAIL     %-18s %s\n' "$name" "$det"
  fi
}

echo "emacs-e2e: $(emacs --version | sed -n 1p), $(jq --version)"
for f in "${files[@]}"; do
  [ -f "$f" ] || { echo "emacs-e2e: no such file: $f" >&2; exit 2; }
  out="$results/$(basename "$f" .oss).json"
  rm -f "$out"
  echo "emacs-e2e: $f"
  start=$(date +%s%N)
  OSS_E2E_FILE="$f" OSS_E2E_OUT="$out" OSS_E2E_CMD="$cmd_json" \
    timeout -k 5 "$timeout_s" emacs --batch -l "$e2e/eglot-e2e.el" </dev/null >"$results/emacs-stderr.log" 2>&1
  rc=$?
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  if [ ! -s "$out" ]; then
    fail=$((fail + 1))
    sed 's/^/    /' "$results/emacs-stderr.log" | tail -20
    echo "  FAIL     harness            Emacs exited with $rc after $ms ms and wrote no results"
    continue
  fi
  check harness '.harness_error == null' '"Emacs \(.emacs), eglot \(.eglot), exited '"$rc"' after '"$ms"' ms\(if .harness_error then ": " + .harness_error else "" end)"'
  check initialize '.initialized == true' '"connected at \(.initialize_ms) ms; hover \(.hover_provider), codeLens \(.codelens_provider)"'
  check diagnostics '(.codes // []) | length > 0' '"\(.publications | length) publication(s); OSS codes \((.codes // []) | join(" "))"'
  check diagnostics-deep '(.codes // []) | map(select(test("^OSS[23]"))) | length > 0' \
    '"run/explorer/expectation codes: \((.codes // []) | map(select(test("^OSS[23]"))) | join(" "))"'
  check diagnostics-related '[.publications[].diagnostics[] | select(.related > 0)] | length > 0' \
    '"\([.publications[].diagnostics[] | select(.related > 0) | .code] | unique | join(" ")) carry related locations"'
  check flymake '.flymake_diagnostics > 0' '"flymake shows \(.flymake_diagnostics) diagnostic(s) in the buffer"'
  check hover '(.hover // "") | test("\\(pid [0-9]+\\)")' \
    '"at line \((.hover_line // -1) + 1): \((.hover // "") | gsub("\n"; " ") | .[0:100])"'
  # A kill (signal-lost-wakeup.oss in .ci/run): the hover says what was sent to whom and what is
  # pending, and completion after `kill TARGET ` offers the signal names. Passes as "no kill" elsewhere.
  check kill-hover '((.hover_source // "") | test("^kill") | not) or ((.hover // "") | test("SIG[A-Z0-9]+ sent to [a-z_]+ \\(pid [0-9]+\\); pending SIG"))' \
    '"\(if (.hover_source // "") | test("^kill") then "on `\(.hover_source)`: \((.hover // "") | [scan("[^\n]*sent to[^\n]*")] | first // "no sent-to line")" else "no kill hovered" end)"'
  check completion '.completion_source == null or ((["SIGUSR1", "SIGKILL", "SIGCONT"] - (.completion // [])) | length == 0)' \
    '"\(if .completion_source then "after `\(.completion_source | gsub("^ +"; ""))`: \(.completion // [] | length) candidate(s): \(.completion // [] | .[0:10] | join(" "))" else "no kill line" end)"'
  check codelens '[(.lenses // [])[] | select(.title != "")] | length > 0' \
    '"\((.lenses // []) | length) lens(es): \([(.lenses // [])[].title] | unique | join(" | ") | .[0:120])"'
  check exit '.shutdown == true and .exit_code == 0' '"after shutdown and exit the server ended with status \(.exit_code) (-1: still running after 10 s); done at \(.done_ms) ms"'
  if grep -q 'Exception\|\bat oss\.' "$stderr_log"; then
    fail=$((fail + 1)); echo "  FAIL     server-stderr      a Java exception in $stderr_log:"; grep -m3 'Exception' "$stderr_log" | sed 's/^/    /'
  else
    pass=$((pass + 1)); echo "  ok       server-stderr      no Java exception on the server's stderr ($(wc -l < "$stderr_log") line(s))"
  fi
done
echo "emacs-e2e: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
