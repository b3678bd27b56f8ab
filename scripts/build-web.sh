#!/usr/bin/env bash
# Builds the release study site into OUT_DIR (default dist/):
#   bank.json and its shards folder bank-HASH/ (quiz-author bundle), the wasm app split into the shell and its page chunks
#   (wasm-split-cli + wasm-bindgen + wasm-opt -Oz), index.html,
#   static files, and a service worker stamped with a build id so a new deploy replaces old caches.
# Usage: scripts/build-web.sh [OUT_DIR]
# Env: QUIZ_TOOLS_DIR (default ~/.cache/quiz-tools), CONTENT_DIR (default content),
#      SKIP_BANK=1 to keep an existing OUT_DIR/bank.json (and its folder).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT="${1:-dist}"
CONTENT="${CONTENT_DIR:-content}"
. scripts/wasm-common.sh
require_wasm_tools quiz-web/Cargo.toml

mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
STAGE="$(mktemp -d)"
trap 'rm -rf "$STAGE"' EXIT

bank_folder() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["folder"])' "$1"; }
if [ "${SKIP_BANK:-0}" = 1 ] && [ -f "$OUT/bank.json" ]; then
  say "keeping $OUT/bank.json"
  cp "$OUT/bank.json" "$STAGE/bank.json"
  cp -r "$OUT/$(bank_folder "$OUT/bank.json")" "$STAGE/"
else
  say "bundling $CONTENT"
  cargo run -q --release -p quiz-author -- bundle "$CONTENT" --out "$STAGE/bank.json"
fi

say "building quiz-web (wasm32, release)"
wasm_cargo_build -p quiz-web
rm -f "$OUT"/split_*.wasm "$OUT"/chunk_*.wasm
BANK_FOLDER="$(bank_folder "$STAGE/bank.json")"
CHUNKS="$(wasm_package_split quiz_web "$STAGE" "$STAGE")"

cp index.html "$STAGE/index.html"
cp quiz-web/static/* "$STAGE/"

# The blog embed (quiz-embed.js, its wasm, CSS) and the demo page, beside the app.
scripts/build-embed.sh "$STAGE"

# The service worker precaches the page chunks (listed in precache.json; `finish-site` below
# adds the bank's pieces), so every page opens offline.
python3 -c 'import json, sys; print(json.dumps(sys.argv[1:]))' __wasm_split.js $CHUNKS > "$STAGE/precache.json"

# boot.js preloads the chunks a start-up needs at once (see the comment there). The groups are
# read from the chunk loader as wasm-split-cli wrote it, before it is minified, and kept in
# chunk-groups.json for scripts/size-budget.sh (no page fetches that file).
python3 scripts/chunk-groups.py "$STAGE" > "$STAGE/chunk-groups.json"
sed -i "s|/\*CHUNK-GROUPS\*/{}|$(cat "$STAGE/chunk-groups.json")|" "$STAGE/boot.js"

# Minify what the browser downloads (the sources stay readable in the repository).
minify "$STAGE"/quiz_web.js "$STAGE"/__wasm_split.js "$STAGE"/boot.js "$STAGE"/sw.js "$STAGE"/app.css

# What depends on the bank, as `quiz-author build` does it for any exam: the home page's title
# and figures in the HTML (painted before the wasm is in), the bank's shards in precache.json,
# and a build id (a hash of the files) stamped into the service worker.
BUILD_ID="$(cargo run -q --release -p quiz-author -- finish-site "$STAGE")"

# Replace the site's files (leave anything else in OUT alone; older bank folders go).
find "$OUT" -maxdepth 1 -type d -name 'bank-*' ! -name "$BANK_FOLDER" -exec rm -rf {} +
cp -r "$STAGE"/. "$OUT"/
say "built $OUT (build $BUILD_ID)"
for f in quiz_web_bg.wasm quiz_web.js app.css $CHUNKS; do
  printf '    %-18s %8d bytes  %7d gzip\n' "$f" "$(stat -c %s "$OUT/$f")" "$(gzip -9c "$OUT/$f" | wc -c)" >&2
done
