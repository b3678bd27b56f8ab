# Shared by build-web.sh and build-embed.sh (sourced, not run): tool checks and the
# wasm-bindgen + wasm-opt step, so the app and the embed are built the same way.
TOOLS="${QUIZ_TOOLS_DIR:-$HOME/.cache/quiz-tools}"
export PATH="$TOOLS/bin:$PATH"
say() { printf '==> %s\n' "$*" >&2; }

# Fails unless wasm-bindgen, wasm-opt and esbuild are on PATH and wasm-bindgen matches the version pinned
# in the given Cargo.toml.
require_wasm_tools() {
  local manifest="$1" tool want have
  for tool in wasm-bindgen wasm-opt esbuild; do
    command -v "$tool" >/dev/null || { echo "error: $tool not found; run scripts/ensure-tools.sh wasm" >&2; exit 1; }
  done
  want="$(grep -E '^wasm-bindgen *= *"=' "$manifest" | sed -E 's/.*"=([^"]+)".*/\1/')"
  have="$(wasm-bindgen --version | awk '{print $2}')"
  if [ "$want" != "$have" ]; then
    echo "error: wasm-bindgen CLI $have does not match $manifest's $want" >&2; exit 1
  fi
}

# `cargo build --release` for wasm32 with the standard library rebuilt for size: panics abort
# on the spot instead of formatting a message no one sees (-Cpanic=immediate-abort), and std is
# compiled with the same opt-level "z" and LTO as the app. That takes 16 KB gzip off the app's
# shell and 4 KB off the embed (ARCHITECTURE.md, "Wasm size"). Both are unstable options of the
# pinned stable compiler, enabled with RUSTC_BOOTSTRAP=1 as scripts/fuzz.sh does for cargo-fuzz;
# they need the rust-src component (scripts/ensure-tools.sh wasm adds it). A wasm panic is then a
# trap; the study app's boot.js turns it into a message on the page (the embed does not yet).
# `-Zfmt-debug=none` makes every `Debug` formatting print nothing and `-Zlocation-detail=none`
# drops the file and line of panics: no browser code shows `{:?}` to anyone (user-facing text
# uses `Display`), and a panic here is a trap with no message. Together 2.1 KB gzip off the
# first question (ARCHITECTURE.md, "Wasm size").
# The flags given here are added to .cargo/config.toml's (cargo joins config arrays).
wasm_cargo_build() {
  RUSTC_BOOTSTRAP=1 cargo build --release --target wasm32-unknown-unknown \
    --config 'unstable.build-std=["std", "panic_abort"]' \
    --config 'target.wasm32-unknown-unknown.rustflags=["-Zunstable-options", "-Cpanic=immediate-abort", "-Zfmt-debug=none", "-Zlocation-detail=none"]' "$@"
}

# The cargo target directory (honours CARGO_TARGET_DIR and .cargo/config.toml).
cargo_target_dir() {
  cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])'
}

# The release profile keeps no target_features section for wasm-bindgen to read, so name the
# features rustc enabled.
WASM_FEATURES=(--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext
  --enable-mutable-globals --enable-reference-types --enable-multivalue)

# wasm_opt IN OUT: the size-first optimisation every shipped .wasm gets (names and debug data
# stripped; WASM_KEEP_NAMES=1 keeps function names, for profiling and size analysis only).
wasm_opt() {
  local names=(--strip-debug)
  [ "${WASM_KEEP_NAMES:-0}" = 1 ] && names=(-g --strip-dwarf)
  # (A split chunk's name section has a subsection binaryen does not know; it is dropped anyway.)
  wasm-opt -Oz --converge --low-memory-unused --zero-filled-memory "${WASM_FEATURES[@]}" "${names[@]}" --strip-producers "$1" -o "$2" \
    2> >(grep -v 'unknown name subsection' >&2)
}

# minify FILE...: minifies JavaScript and CSS files in place (esbuild; whitespace, comments and
# local names only: exported names, object keys and top-level names of classic scripts stay).
minify() {
  local f
  for f in "$@"; do
    esbuild "$f" --minify --log-level=error --outfile="$f.min" && mv "$f.min" "$f"
  done
}

bindgen() {
  wasm-bindgen --target web --no-typescript "$@" 2>&1 | grep -v 'target_features. custom section is missing' >&2 || true
}

# wasm_package CRATE STAGE OUT: wasm-bindgen the release build of CRATE (underscored name) into
# STAGE, then write OUT/CRATE.js and the optimised OUT/CRATE_bg.wasm.
wasm_package() {
  local crate="$1" stage="$2" out="$3"
  bindgen --out-dir "$stage" "$(cargo_target_dir)/wasm32-unknown-unknown/release/$crate.wasm"
  say "optimising $crate (wasm-opt -Oz)"
  wasm_opt "$stage/${crate}_bg.wasm" "$out/${crate}_bg.wasm"
  if [ "$stage" != "$out" ]; then cp "$stage/$crate.js" "$out/$crate.js"; fi
}

# wasm_package_split CRATE STAGE OUT: like wasm_package, for a crate with `#[lazy]` split points:
# wasm-split-cli cuts the build into the main module and one chunk per split point (plus shared
# chunks); wasm-bindgen processes the main module (keeping the exports the chunks link against),
# wasm-opt every module. Writes OUT/CRATE.js, OUT/CRATE_bg.wasm, OUT/__wasm_split.js (the chunk
# loader) and the chunks (OUT/split_*.wasm, OUT/chunk_*.wasm), and prints their names, one per
# line.
wasm_package_split() {
  local crate="$1" stage="$2" out="$3" split="$2/split" chunk
  command -v wasm-split-cli >/dev/null || { echo "error: wasm-split-cli not found; run scripts/ensure-tools.sh wasm" >&2; exit 1; }
  rm -rf "$split"; mkdir -p "$split"
  say "splitting $crate into the shell and its page chunks (wasm-split-cli)"
  wasm-split-cli --target web --out-name "$crate" "$(cargo_target_dir)/wasm32-unknown-unknown/release/$crate.wasm" "$split" >&2
  bindgen --keep-lld-exports --no-demangle --out-dir "$stage" "$split/$crate.wasm"
  say "optimising $crate and its chunks (wasm-opt -Oz)"
  wasm_opt "$stage/${crate}_bg.wasm" "$out/${crate}_bg.wasm"
  # Chunk names get a content hash, so a browser never pairs a cached chunk with a newer shell.
  local name hashed
  for chunk in "$split"/*.wasm; do
    name="$(basename "$chunk" .wasm)"
    [ "$name" = "$crate" ] && continue
    wasm_opt "$chunk" "$split/$name.opt"
    hashed="$name.$(sha256sum "$split/$name.opt" | cut -c1-10).wasm"
    mv "$split/$name.opt" "$out/$hashed"
    sed -i "s|\"\./$name\.wasm\"|\"./$hashed\"|" "$split/__wasm_split.js"
    echo "$hashed"
  done
  cp "$split/__wasm_split.js" "$out/__wasm_split.js"
  rm -rf "$split"
  if [ "$stage" != "$out" ]; then cp "$stage/$crate.js" "$out/$crate.js"; fi
}
