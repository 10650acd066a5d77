#!/usr/bin/env bash
# Brings a Debian/Ubuntu machine with rustup to where Backprop Lab builds and every test runs.
# Installs only what is missing or at the wrong version, and says what it does.
# Tools come from the registries only (crates.io, Debian, npm): nothing is fetched from elsewhere.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
# The wasm-bindgen CLI must equal the crate pinned in Cargo.toml (and Trunk.toml's [tools]).
WASM_BINDGEN_VERSION=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' Cargo.toml)

say() { printf 'setup: %s\n' "$*" >&2; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

if [ -z "$WASM_BINDGEN_VERSION" ] || ! grep -q "wasm_bindgen = \"$WASM_BINDGEN_VERSION\"" Trunk.toml; then
  say "the wasm-bindgen pins of Cargo.toml and Trunk.toml disagree; make them equal"
  exit 1
fi

command -v rustup >/dev/null || { say "rustup is needed: see https://rustup.rs"; exit 1; }
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the Rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
for component in rustfmt clippy; do
  if ! rustup component list --installed | grep -q "^$component"; then
    say "adding the Rust component $component"
    rustup component add "$component"
  fi
done

if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION from crates.io (about 10 minutes on 2 cores)"
  cargo install trunk --version "=$TRUNK_VERSION" --locked
fi

if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ] \
  || ! command -v wasm-bindgen-test-runner >/dev/null; then
  # Without --locked: the CLI's own lockfile names a crate version crates.io no longer serves.
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION from crates.io (about 6 minutes)"
  cargo install wasm-bindgen-cli --version "=$WASM_BINDGEN_VERSION" --force
fi

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  say "installing Debian's chromium and chromium-driver for the browser tests"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi

# Chinese text in the page and its screenshots needs a CJK font; without one the layout tests measure fallback boxes.
if ! fc-list 2>/dev/null | grep -q "Noto Sans CJK"; then
  say "installing Debian's fonts-noto-cjk so that the Chinese page renders (and measures) as a learner sees it"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk >/dev/null
fi

# The worksheet's NumPy script is run by the end-to-end tests, to check it recomputes the page's numbers.
# (Debian's lives in /usr/bin/python3, which a pyenv or venv python3 on the PATH may hide: the tests try both.)
if ! python3 -c "import numpy" 2>/dev/null && ! /usr/bin/python3 -c "import numpy" 2>/dev/null; then
  say "installing Debian's python3-numpy for the worksheet's script"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-numpy >/dev/null
fi

command -v npm >/dev/null || {
  say "installing Debian's nodejs and npm"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
}
# npm packages: wasm-opt (binaryen), playwright-core and axe-core (accessibility checks), exactly as package-lock.json says.
if ! cmp -s package-lock.json node_modules/.setup-stamp 2>/dev/null; then
  say "installing the npm packages of package-lock.json (binaryen, playwright-core, axe-core)"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.setup-stamp
fi
say "ready: trunk $TRUNK_VERSION, wasm-bindgen $WASM_BINDGEN_VERSION, $(chromium --version 2>/dev/null | head -n1)"
