#!/usr/bin/env bash
# Tools for the end-to-end tests (../shared/e2e/RECIPE.md): a real VS Code (code-server) driven in Debian's Chromium.
# @vscode/test-electron downloads VS Code at run time, which these machines cannot; code-server comes from npm.
# Installs only what is missing, into a cache folder outside the repository (kept between runs where the machine is).
set -euo pipefail
tools="${JXMB_E2E_TOOLS:-$HOME/.cache/jxmb-e2e}"
mkdir -p "$tools"

missing=()
for pkg in chromium fonts-noto-cjk libkrb5-dev poppler-utils; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ]; then
        echo "e2e: installing Debian packages: ${missing[*]}"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    else
        echo "e2e: missing Debian packages: ${missing[*]} (sudo apt-get install ${missing[*]})" >&2
        exit 1
    fi
fi

# Run inside `npm test`, the outer npm's settings are in the environment: npm_config_user_agent names its Node (20),
# and code-server's postinstall reads the Node it runs on from there. The installs below start from a clean one.
clean_npm() {
    local unset=()
    for name in $(compgen -e); do
        case "$name" in npm_*|NODE) unset+=(-u "$name") ;; esac
    done
    env "${unset[@]}" "$@"
}

# code-server 4.139 needs Node 24; the npm package node@24 carries one.
node24="$tools/node24/node_modules/node/bin"
if [ ! -x "$node24/node" ]; then
    echo "e2e: installing Node 24 for code-server"
    clean_npm npm install --prefix "$tools/node24" --no-audit --no-fund node@24 >/dev/null
fi
if [ ! -x "$tools/cs/node_modules/.bin/code-server" ]; then
    echo "e2e: installing code-server (builds native modules: a few minutes)"
    PATH="$node24:$PATH" clean_npm npm install --prefix "$tools/cs" --no-audit --no-fund code-server@4.139.1 >/dev/null
fi
echo "e2e: tools ready in $tools"
