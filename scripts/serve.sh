#!/usr/bin/env bash
# Builds the release bundle and serves Backprop Lab on http://127.0.0.1:8080 (Ctrl-C stops it).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$PWD/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
# No auto-reload: Trunk would add an inline script at serve time that the page's
# Content-Security-Policy (scripts/csp.mjs) rightly refuses.
exec trunk --skip-version-check serve --release --no-autoreload "$@"
