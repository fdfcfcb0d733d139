#!/usr/bin/env bash
# End-to-end test of `oss lsp` with a real editor: headless Neovim opens an
# example, starts the server as its LSP client, and records what it gets
# (diagnostics, a hover, code lenses, an edit's diagnostics, answers to bad
# input, a clean exit) in a JSON file; this script asserts on that file.
#
#   lsp-server/e2e/nvim-e2e.sh [FILE.oss ...]     # default: three examples, one with data
#   lsp-server/e2e/nvim-e2e.sh --mock             # the harness against mock-server.js
#
# Environment: OSS_E2E_TIMEOUT (s, per file, default 120), OSS_E2E_WAIT_MS
# (per phase inside Neovim, default 30000), OSS_E2E_RESULTS (directory for
# the JSON and the server's stderr, default lsp-server/target/e2e),
# OSS_E2E_HOVER (Lua pattern of the hovered line) and OSS_E2E_HOVER_EXPECT (jq regex the hover
# must match), OSS_E2E_COMPLETE (Lua pattern: completion at its match's end) and
# OSS_E2E_COMPLETE_EXPECT (labels it must offer, comma-separated),
# OSS_E2E_RELAX (comma-separated checks reported but not failed), OSS_E2E_SERVER
# (the server's command line instead of java -jar cli/target/oss.jar lsp),
# OSS_MOCK_BREAK (with --mock: diagnostics|hover|codelens|exit|crash).
# Exit code: 0 when every check passed, 1 when one failed, 2 on setup errors.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
e2e="$root/lsp-server/e2e"

mock=false
files=()
for a in "$@"; do
  case "$a" in
    --mock) mock=true ;;
    -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) files+=("$a") ;;
  esac
done
[ ${#files[@]} -gt 0 ] || files=(examples/two-locks-opposite.oss examples/dining-philosophers.oss examples/lost-update.oss)

# Checks that are run and printed, but do not fail the test (see README.md: which, and why).
relax="${OSS_E2E_RELAX-}"
timeout_s="${OSS_E2E_TIMEOUT:-120}"
results="${OSS_E2E_RESULTS:-$root/lsp-server/target/e2e}"
mkdir -p "$results"

for tool in nvim jq timeout; do
  command -v "$tool" >/dev/null 2>&1 || { echo "nvim-e2e: $tool is needed (apt-get install -y neovim jq)" >&2; exit 2; }
done
echo "nvim-e2e: $(nvim --version | sed -n 1p), $(jq --version)"

stderr_log="$results/server-stderr.log"
: > "$stderr_log"
if $mock; then
  command -v node >/dev/null 2>&1 || { echo "nvim-e2e: --mock needs node" >&2; exit 2; }
  server=(node "$e2e/mock-server.js")
  echo "nvim-e2e: server: the mock (${OSS_MOCK_BREAK:-not broken})"
elif [ -n "${OSS_E2E_SERVER:-}" ]; then
  read -ra server <<< "$OSS_E2E_SERVER"
  echo "nvim-e2e: server: $OSS_E2E_SERVER (OSS_E2E_SERVER)"
else
  # The launcher builds cli/target/oss.jar when it is missing or older than a source.
  if ! "$root/oss" --version >/dev/null; then
    echo "nvim-e2e: could not build cli/target/oss.jar" >&2
    exit 2
  fi
  server=(java -jar "$root/cli/target/oss.jar" lsp)
  echo "nvim-e2e: server: java -jar cli/target/oss.jar lsp"
fi
# The server's stderr goes to a file of its own (Neovim would bury it in its lsp.log).
cmd_json=$(printf '%s\n' "${server[@]}" | jq -R . | jq -cs '["sh","-c","exec \"$@\" 2>>\"$OSS_E2E_STDERR\"","oss-lsp"] + .') \
  || { echo "nvim-e2e: could not build the server's command line" >&2; exit 2; }

pass=0
fail=0
relaxed=0
check() { # NAME JQ-CONDITION JQ-DETAIL
  local name=$1 cond=$2 detail=$3 verdict det
  verdict=$(jq -r '.edit as $e | '"if ($cond) then \"yes\" else \"no\" end" "$out" 2>/dev/null || echo no)
  det=$(jq -r '.edit as $e | '"$detail" "$out" 2>/dev/null || echo '(no detail)')
  if [ "$verdict" = yes ]; then
    pass=$((pass + 1)); printf '  ok       %-20s %s\n' "$name" "$det"
  elif [[ ",$relax," == *",$name,"* ]]; then
    relaxed=$((relaxed + 1)); printf '  RELAXED  %-20s %s (failed, but relaxed by OSS_E2E_RELAX)\n' "$name" "$det"
  else
    fail=$((fail + 1)); printf '  FAIL     %-20s %s\n' "$name" "$det"
  fi
}

codes='[.publications[]? | select(.phase == "open") | .diagnostics[]?.code | strings | select(test("^OSS[0-9]{4}$"))]'
for f in "${files[@]}"; do
  [ -f "$f" ] || { echo "nvim-e2e: no such file: $f" >&2; exit 2; }
  out="$results/$(basename "$f" .oss).json"
  rm -f "$out"
  echo "nvim-e2e: $f"
  start=$(date +%s%N)
  OSS_E2E_FILE="$f" OSS_E2E_OUT="$out" OSS_E2E_CMD="$cmd_json" OSS_E2E_STDERR="$stderr_log" \
    timeout -k 5 "$timeout_s" nvim --headless --clean -u "$e2e/init.lua" </dev/null 2>"$results/nvim-stderr.log"
  rc=$?
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  sed 's/^/    /' "$results/nvim-stderr.log"
  if [ ! -s "$out" ]; then
    fail=$((fail + 1))
    echo "  FAIL     harness              Neovim exited with $rc after $ms ms and wrote no results$([ $rc -eq 124 ] && echo " (killed by the ${timeout_s} s timeout)")"
    continue
  fi
  check harness '.harness_error == null' '"Neovim \(.nvim) exited '"$rc"' after '"$ms"' ms; \(.errors | length) problem(s) noted\(if .harness_error then ": " + .harness_error else "" end)"'
  check initialize '.initialized == true' '"initialize answered at \(.timings_ms.initialize) ms"'
  check capabilities '(.capabilities.hoverProvider // false) != false and .capabilities.codeLensProvider != null' \
    '"hover \(.capabilities.hoverProvider // false), codeLens \(.capabilities.codeLensProvider != null), sync \(.capabilities.textDocumentSync | tojson)"'
  check diagnostics "$codes | length > 0" \
    '"\(.publications | length) publication(s); OSS codes \('"$codes"' | unique | join(" ")); first at \(.timings_ms.first_oss_code // "-") ms"'
  check diagnostics-deep "$codes | map(select(test(\"^OSS[23]\"))) | length > 0" \
    '"run/explorer/expectation codes \('"$codes"' | map(select(test("^OSS[23]"))) | unique | join(" ")); at \(.timings_ms.deep_oss_code // "-") ms"'
  check diagnostics-links "($codes | length > 0) and ([.publications[] | select(.phase == \"open\") | .diagnostics[] | select((.code // \"\") | test(\"^OSS\")) | select(.code as \$c | (.href // \"\") | contains(\"diagnostics.md#\" + (\$c | ascii_downcase)) | not)] | length == 0)" \
    '"every OSS diagnostic links to docs/diagnostics.md#its-code; related locations: \([.publications[] | select(.phase == "open") | .diagnostics[].related] | add // 0)"'
  check diagnostics-related '[.publications[] | select(.phase == "open") | .diagnostics[] | select(.related > 0)] | length > 0' \
    '"\([.publications[] | select(.phase == "open") | .diagnostics[] | select(.related > 0) | .code] | unique | join(" ")) carry related locations"'
  check diagnostics-shown '.nvim_diagnostics > 0' '"vim.diagnostic.get() holds \(.nvim_diagnostics)"'
  check hover '(.hover.text // "") | length > 0' \
    '"at \(.hover.line + 1):\(.hover.character + 1) `\(.hover.source | ltrimstr(" ") | gsub("^ +"; ""))`: \((.hover.text // "") | length) chars in \(.hover.attempts) attempt(s), \(.hover.latency_ms) ms: \((.hover.text // "") | gsub("\n"; " ") | .[0:90])"'
  check hover-run-facts '(.hover.text // "") | test("\\(pid [0-9]+\\)")' \
    '"the hover tells what the default run saw there: \((.hover.text // "") | [scan("[^\n]*\\(pid [0-9]+\\)[^\n]*")] | first // "nothing" | .[0:100])"'
  check hover-data '(.data_hover.skipped != null) or ((.data_hover.text // "") | test("(read|wrote) -?[0-9]"))' \
    '"\(if .data_hover.skipped then "skipped: \(.data_hover.skipped)" else "on `\(.data_hover.variable)` at \(.data_hover.line + 1):\(.data_hover.character + 1) in \(.data_hover.attempts) attempt(s): \((.data_hover.text // "") | [scan("[^\n]*(?:read|wrote) -?[0-9][^\n]*")] | first // "no values" | .[0:110])" end)"'
  check codelens '[.codelens.lenses[] | select((.title // "") != "")] | length > 0' \
    '"\(.codelens.lenses | length) lens(es) in \(.codelens.attempts) attempt(s), \(.codelens.latency_ms) ms: \([.codelens.lenses[] | .title // "(unresolved)"] | unique | join(" | ") | .[0:120])"'
  check codelens-run '[.codelens.lenses[] | select((.title // "") | test("Run"))] | length > 0' \
    '"a lens titled …Run…: \([.codelens.lenses[] | select((.title // "") | test("Run")) | .title] | first // "none")"'
  check codelens-expect '(.expect_lines // []) - [.codelens.lenses[] | select((.title // "") | test("^(✓|✗|\\?) ")) | .line] | length == 0' \
    '"\(.expect_lines | length) expect line(s); verdict lenses: \([.codelens.lenses[] | select((.title // "") | test("^(✓|✗|\\?) ")) | "\(.line + 1): \(.title)"] | join(", ") | .[0:140])"'
  check edit-diagnostics '.edit.unknown_name_ms != null and .edit.unknown_name_version == .edit.version and ([.publications[] | select(.phase == "edit" and .version != $e.version)] | length == 0)' \
    '"after `\(.edit.text | gsub("^ +"; ""))`: OSS1101 \(if .edit.unknown_name_ms then "published for version \(.edit.unknown_name_version) after \(.edit.unknown_name_ms) ms" else "not published" end); \(.edit.published) publication(s) after the edit, \([.publications[] | select(.phase == "edit" and .version != $e.version)] | length) for an older version"'
  # Only when asked (OSS_E2E_HOVER_EXPECT, a jq regex): the words the hover must say, e.g. a kill's signal and target.
  check hover-words '(env.OSS_E2E_HOVER_EXPECT // "") == "" or ((.hover.text // "") | test(env.OSS_E2E_HOVER_EXPECT))' \
    '"\(if (env.OSS_E2E_HOVER_EXPECT // "") == "" then "not asked (OSS_E2E_HOVER_EXPECT)" else "/\(env.OSS_E2E_HOVER_EXPECT)/ in: \((.hover.text // "") | gsub("\n"; " ") | .[0:140])" end)"'
  # Only when asked (OSS_E2E_COMPLETE): the labels must hold every name of OSS_E2E_COMPLETE_EXPECT (comma-separated).
  check completion '.completion.skipped != null or (((env.OSS_E2E_COMPLETE_EXPECT // "") | split(",")) - (.completion.labels // []) | length == 0)' \
    '"\(if .completion.skipped then "skipped: \(.completion.skipped)" else "after `\(.completion.source // "?" | gsub("^ +"; ""))`: \(.completion.labels // [] | length) item(s): \(.completion.labels // [] | .[0:12] | join(" ")); wanted \(env.OSS_E2E_COMPLETE_EXPECT // "")\(if .completion.failure then "; failed: \(.completion.failure)" else "" end)" end)"'
  check bad-input '.bad_hover.answered and .unknown_doc_hover.answered and .alive_after_bad_input' \
    '"hover at line 100001: \(if .bad_hover.answered then (if .bad_hover.error then "error \(.bad_hover.error.code)" else "answered" end) else "no answer" end); hover in an unopened document: \(if .unknown_doc_hover.answered then (if .unknown_doc_hover.error then "error \(.unknown_doc_hover.error.code)" else "answered" end) else "no answer" end); alive: \(.alive_after_bad_input)"'
  check exit '.exit.code == 0 and (.exit.signal // 0) == 0' \
    '"after shutdown/exit: code \(.exit.code // "-") signal \(.exit.signal // "-") in \(.timings_ms.shutdown // "-") ms"'
done

if [ -s "$stderr_log" ]; then
  echo "nvim-e2e: the server's stderr ($(wc -l < "$stderr_log") lines, last 15):"
  tail -n 15 "$stderr_log" | sed 's/^/    /'
fi
echo "nvim-e2e: results in ${results#"$root"/}/"
[ $relaxed -eq 0 ] || echo "nvim-e2e: $relaxed relaxed check(s) failed: ${relax}"
echo "nvim-e2e: $pass passed, $fail failed"
[ $fail -eq 0 ]
