#!/usr/bin/env bash
# Builds the blog embed into OUT_DIR (default dist/):
#   quiz-embed.js (loader), quiz-embed.css,
#   quiz_embed.js + quiz_embed_bg.wasm (the quiz: wasm-bindgen glue and module),
#   quiz_embed_progress.js + quiz_embed_progress_bg.wasm (progress module, loaded on the first
#   checked answer), and copies demo/ to OUT_DIR/demo.
# Usage: scripts/build-embed.sh [OUT_DIR]
# Needs wasm-bindgen 0.2.130 and wasm-opt 132 (scripts/ensure-tools.sh wasm puts them in
# ~/.cache/quiz-tools/bin, which is added to PATH here).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT="${1:-dist}"
TOOLS="${QUIZ_TOOLS_DIR:-$HOME/.cache/quiz-tools}"
export PATH="$TOOLS/bin:$PATH"
say() { printf '==> %s\n' "$*" >&2; }

for tool in wasm-bindgen wasm-opt; do
  command -v "$tool" >/dev/null || { echo "build-embed: $tool not found; run scripts/ensure-tools.sh wasm" >&2; exit 1; }
done

WANT_BINDGEN="$(grep -E '^wasm-bindgen *= *"=' quiz-embed/Cargo.toml | sed -E 's/.*"=([^"]+)".*/\1/')"
HAVE_BINDGEN="$(wasm-bindgen --version | awk '{print $2}')"
if [ "$WANT_BINDGEN" != "$HAVE_BINDGEN" ]; then
  echo "build-embed: wasm-bindgen CLI $HAVE_BINDGEN does not match the crate's $WANT_BINDGEN" >&2; exit 1
fi

say "building quiz-embed and quiz-embed-progress (release, wasm32)"
cargo build --release --target wasm32-unknown-unknown -p quiz-embed -p quiz-embed-progress

mkdir -p "$OUT"
STAGE="$(mktemp -d)"
trap 'rm -rf "$STAGE"' EXIT
# The release profile strips the target_features section, so name the features rustc enabled.
WASM_FEATURES=(--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext
  --enable-mutable-globals --enable-reference-types --enable-multivalue)
for crate in quiz_embed quiz_embed_progress; do
  wasm-bindgen --target web --no-typescript --out-dir "$STAGE" "target/wasm32-unknown-unknown/release/$crate.wasm" 2>&1 \
    | grep -v 'target_features. custom section is missing' >&2 || true
  say "optimising $crate (wasm-opt -Oz)"
  wasm-opt -Oz --converge --low-memory-unused --zero-filled-memory "${WASM_FEATURES[@]}" --strip-debug --strip-producers "$STAGE/${crate}_bg.wasm" -o "$OUT/${crate}_bg.wasm"
  cp "$STAGE/$crate.js" "$OUT/$crate.js"
done
cp quiz-embed/static/quiz-embed.js quiz-embed/static/quiz-embed.css "$OUT/"
rm -rf "$OUT/demo"
cp -R demo "$OUT/demo"
say "embed built into $OUT"
for f in quiz-embed.js quiz_embed.js quiz_embed_bg.wasm quiz-embed.css quiz_embed_progress.js quiz_embed_progress_bg.wasm; do
  printf '    %-28s %8d bytes  %7d gzip\n' "$f" "$(stat -c %s "$OUT/$f")" "$(gzip -9c "$OUT/$f" | wc -c)" >&2
done
