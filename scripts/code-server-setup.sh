#!/usr/bin/env bash
# Install a real VS Code for the editor tests: npm's code-server 4.100.3 (VS Code 1.100), set up
# as this machine allows (no VS Code download; native modules rebuilt from source; Debian's
# ripgrep and chromium). Cached in .cache/code-server: a second run only checks it.
# Usage: scripts/code-server-setup.sh   (prints the code-server entry point on success)
set -euo pipefail
# node-pty's post-install runs `npx node-gyp`; let npx install it without asking.
export npm_config_yes=true
cd "$(dirname "$0")/.."
VERSION=4.100.3
DIR="$PWD/.cache/code-server"
CS="$DIR/node_modules/code-server"
STAMP="$DIR/.ready-$VERSION"

if [ -f "$STAMP" ]; then echo "$CS/out/node/entry.js"; exit 0; fi
echo "code-server-setup: installing code-server $VERSION once: Debian packages (build tools, ripgrep, chromium) with apt-get, and about 300 MB into .cache/ (delete it to undo)" >&2

need=""
for pkg in libkrb5-dev libxkbfile-dev libsecret-1-dev libx11-dev pkg-config ripgrep chromium; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need="$need $pkg"
done
if [ -n "$need" ]; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq && $sudo apt-get install -y -qq $need >/dev/null
fi

mkdir -p "$DIR"
[ -f "$DIR/package.json" ] || echo '{ "name": "kalloc-lens-code-server", "private": true }' > "$DIR/package.json"
(cd "$DIR" && npm install --no-audit --no-fund --ignore-scripts "code-server@$VERSION" >&2)
(
  cd "$CS/lib/vscode"
  npm install --no-audit --no-fund --unsafe-perm --omit=dev --ignore-scripts >&2
  npm rebuild kerberos node-pty @parcel/watcher @vscode/spdlog @vscode/deviceid native-watchdog --unsafe-perm >&2
  mkdir -p node_modules/@vscode/ripgrep/bin
  ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
  ln -sfn node_modules node_modules.asar
  (cd bin/remote-cli && ln -sf code-linux.sh code-server)
  (cd bin/helpers && ln -sf browser-linux.sh browser.sh)
  (cd extensions && npm install --no-audit --no-fund --unsafe-perm --omit=dev --ignore-scripts >&2)
)
# argon2 is hoisted next to code-server, not inside it.
(cd "$DIR" && npm rebuild argon2 --unsafe-perm >&2)
touch "$STAMP"
echo "$CS/out/node/entry.js"
