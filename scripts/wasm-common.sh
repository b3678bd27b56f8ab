# Shared by build-web.sh and build-embed.sh (sourced, not run): tool checks and the
# wasm-bindgen + wasm-opt step, so the app and the embed are built the same way.
TOOLS="${QUIZ_TOOLS_DIR:-$HOME/.cache/quiz-tools}"
export PATH="$TOOLS/bin:$PATH"
say() { printf '==> %s\n' "$*" >&2; }

# Fails unless wasm-bindgen and wasm-opt are on PATH and wasm-bindgen matches the version pinned
# in the given Cargo.toml.
require_wasm_tools() {
  local manifest="$1" tool want have
  for tool in wasm-bindgen wasm-opt; do
    command -v "$tool" >/dev/null || { echo "error: $tool not found; run scripts/ensure-tools.sh wasm" >&2; exit 1; }
  done
  want="$(grep -E '^wasm-bindgen *= *"=' "$manifest" | sed -E 's/.*"=([^"]+)".*/\1/')"
  have="$(wasm-bindgen --version | awk '{print $2}')"
  if [ "$want" != "$have" ]; then
    echo "error: wasm-bindgen CLI $have does not match $manifest's $want" >&2; exit 1
  fi
}

# The cargo target directory (honours CARGO_TARGET_DIR and .cargo/config.toml).
cargo_target_dir() {
  cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])'
}

# wasm_package CRATE STAGE OUT: wasm-bindgen the release build of CRATE (underscored name) into
# STAGE, then write OUT/CRATE.js and the optimised OUT/CRATE_bg.wasm.
wasm_package() {
  local crate="$1" stage="$2" out="$3"
  # The release profile strips the target_features section, so name the features rustc enabled.
  local features=(--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext
    --enable-mutable-globals --enable-reference-types --enable-multivalue)
  wasm-bindgen --target web --no-typescript --out-dir "$stage" "$(cargo_target_dir)/wasm32-unknown-unknown/release/$crate.wasm" 2>&1 \
    | grep -v 'target_features. custom section is missing' >&2 || true
  say "optimising $crate (wasm-opt -Oz)"
  wasm-opt -Oz --converge --low-memory-unused --zero-filled-memory "${features[@]}" --strip-debug --strip-producers \
    "$stage/${crate}_bg.wasm" -o "$out/${crate}_bg.wasm"
  if [ "$stage" != "$out" ]; then cp "$stage/$crate.js" "$out/$crate.js"; fi
}
