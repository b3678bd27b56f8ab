#!/usr/bin/env bash
# Builds the blog embed into OUT_DIR (default dist/):
#   quiz-embed.js (loader), quiz-embed.css,
#   quiz_embed.js + quiz_embed_bg.wasm (the quiz: wasm-bindgen glue and module),
#   quiz_embed_progress.js + quiz_embed_progress_bg.wasm (progress module, loaded on the first
#   checked answer), and copies demo/ to OUT_DIR/demo.
# Usage: scripts/build-embed.sh [OUT_DIR]
# Needs wasm-bindgen 0.2.130, wasm-opt 132 and esbuild (scripts/ensure-tools.sh wasm puts them in
# ~/.cache/quiz-tools/bin, which is added to PATH here).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT="${1:-dist}"
. scripts/wasm-common.sh
require_wasm_tools quiz-embed/Cargo.toml

say "building quiz-embed and quiz-embed-progress (release, wasm32)"
wasm_cargo_build -p quiz-embed -p quiz-embed-progress

mkdir -p "$OUT"
STAGE="$(mktemp -d)"
trap 'rm -rf "$STAGE"' EXIT
for crate in quiz_embed quiz_embed_progress; do
  wasm_package "$crate" "$STAGE" "$OUT"
done
cp quiz-embed/static/quiz-embed.js quiz-embed/static/quiz-embed.css "$OUT/"
minify "$OUT"/quiz-embed.js "$OUT"/quiz-embed.css "$OUT"/quiz_embed.js "$OUT"/quiz_embed_progress.js
rm -rf "$OUT/demo"
cp -R demo "$OUT/demo"
say "embed built into $OUT"
for f in quiz-embed.js quiz_embed.js quiz_embed_bg.wasm quiz-embed.css quiz_embed_progress.js quiz_embed_progress_bg.wasm; do
  printf '    %-28s %8d bytes  %7d gzip\n' "$f" "$(stat -c %s "$OUT/$f")" "$(gzip -9c "$OUT/$f" | wc -c)" >&2
done
