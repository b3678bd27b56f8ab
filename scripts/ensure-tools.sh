#!/usr/bin/env bash
# Installs what the build and tests need, skipping what is already there. Idempotent.
# Tools live in $QUIZ_TOOLS_DIR (default ~/.cache/quiz-tools) so clean clones on the same machine
# reuse them. Everything comes from the package registries by name; nothing downloads a binary.
# Usage: scripts/ensure-tools.sh [lint] [wasm] [browser] [node] [fuzz] [lighthouse]   (no argument: all but lighthouse)
set -euo pipefail
cd "$(dirname "$0")/.."
TOOLS="${QUIZ_TOOLS_DIR:-$HOME/.cache/quiz-tools}"
WASM_BINDGEN_VERSION=0.2.130
BINARYEN_VERSION=132.0.0
ESBUILD_VERSION=0.28.2
CARGO_FUZZ_VERSION=0.13.1
WASM_SPLIT_VERSION=0.2.4
mkdir -p "$TOOLS/bin"
want() { [ $# -eq 0 ] || [[ " $WANTED " == *" $1 "* ]]; }
WANTED="${*:-lint wasm browser node fuzz}"
say() { printf '==> %s\n' "$*" >&2; }

if want lint; then
  for component in rustfmt clippy; do
    if ! rustup component list --installed 2>/dev/null | grep -q "^$component"; then
      say "adding the $component component"
      rustup component add "$component"
    fi
  done
fi

if want wasm; then
  if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  # The browser builds rebuild std for size (wasm_cargo_build in scripts/wasm-common.sh).
  if ! rustup component list --installed 2>/dev/null | grep -q "^rust-src"; then
    say "adding the rust-src component"
    rustup component add rust-src
  fi
  if [ "$("$TOOLS/bin/wasm-bindgen" --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
    say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION from crates.io (about 3 minutes)"
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --root "$TOOLS"
  fi
  # wasm-split-cli cuts the app's wasm into the shell and the lazily loaded page chunks.
  if [ ! -x "$TOOLS/bin/wasm-split-cli" ] || ! grep -q "wasm_split_cli_support $WASM_SPLIT_VERSION " "$TOOLS/.crates.toml" 2>/dev/null; then
    say "installing wasm-split-cli (crates.io wasm_split_cli_support $WASM_SPLIT_VERSION, about 3 minutes)"
    cargo install --locked wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary --root "$TOOLS"
  fi
  if [ ! -x "$TOOLS/binaryen/node_modules/.bin/wasm-opt" ] || \
     ! "$TOOLS/binaryen/node_modules/.bin/wasm-opt" --version 2>/dev/null | grep -q "version 132"; then
    say "installing wasm-opt (npm binaryen@$BINARYEN_VERSION)"
    mkdir -p "$TOOLS/binaryen"
    npm install --silent --no-audit --no-fund --prefix "$TOOLS/binaryen" "binaryen@$BINARYEN_VERSION" >/dev/null
  fi
  ln -sf "$TOOLS/binaryen/node_modules/.bin/wasm-opt" "$TOOLS/bin/wasm-opt"
  # esbuild minifies the JavaScript and CSS the site ships (the wasm-bindgen glue is most of it).
  if [ "$("$TOOLS/esbuild/node_modules/.bin/esbuild" --version 2>/dev/null)" != "$ESBUILD_VERSION" ]; then
    say "installing esbuild (npm esbuild@$ESBUILD_VERSION)"
    mkdir -p "$TOOLS/esbuild"
    npm install --silent --no-audit --no-fund --prefix "$TOOLS/esbuild" "esbuild@$ESBUILD_VERSION" >/dev/null
  fi
  ln -sf "$TOOLS/esbuild/node_modules/.bin/esbuild" "$TOOLS/bin/esbuild"
fi

if want browser; then
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    say "installing Debian's chromium and chromium-driver"
    if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
fi

if want fuzz; then
  if [ "$("$TOOLS/bin/cargo-fuzz" --version 2>/dev/null | awk '{print $2}')" != "$CARGO_FUZZ_VERSION" ]; then
    say "installing cargo-fuzz $CARGO_FUZZ_VERSION from crates.io (about 2 minutes)"
    cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --root "$TOOLS"
  fi
fi

# Lighthouse (npm lighthouse@12.2.3: 13.x needs Node 22) for `make bench` and the score floors of
# `make test` (test-browser): kept with the tools under ~/.cache, installed once.
LIGHTHOUSE_VERSION=12.2.3
if want lighthouse; then
  if [ "$("$TOOLS/lighthouse/node_modules/.bin/lighthouse" --version 2>/dev/null)" != "$LIGHTHOUSE_VERSION" ]; then
    say "installing Lighthouse (npm lighthouse@$LIGHTHOUSE_VERSION)"
    mkdir -p "$TOOLS/lighthouse"
    npm install --silent --no-audit --no-fund --prefix "$TOOLS/lighthouse" "lighthouse@$LIGHTHOUSE_VERSION" >/dev/null
  fi
  ln -sf "$TOOLS/lighthouse/node_modules/.bin/lighthouse" "$TOOLS/bin/lighthouse"
fi

if want node; then
  if [ ! -d tests/node_modules ] || [ tests/package-lock.json -nt tests/node_modules/.installed ]; then
    say "installing test dependencies (npm ci in tests/)"
    (cd tests && npm ci --silent --no-audit --no-fund >/dev/null && touch node_modules/.installed)
  fi
fi
