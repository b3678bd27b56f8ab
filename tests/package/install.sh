#!/usr/bin/env bash
# quiz-author installs and runs alone, from its packages as crates.io would serve them:
# packages quiz-core and quiz-author (scripts/package.sh crates), unpacks the .crate files
# outside the repository, `cargo install`s the unpacked quiz-author with the unpacked quiz-core
# patched in for the crates.io one (what `cargo install quiz-author` does once both are
# published), into a temporary root, and then, with nothing but that binary (an empty
# environment, no PATH), runs init -> validate --deny-warnings -> bundle -> build on a new exam;
# then tests/package/site.test.mjs opens the built site and `serve` in Chromium. The site inside
# the package is the one `make dist` built (make test-package depends on it).
#
# The build's target directory is kept ($CARGO_TARGET_DIR/package-install, default
# ~/.cache/quiz-target/package-install) and the packages are unpacked at the same place each run,
# so a rerun builds only the crates whose files changed.
# Usage: tests/package/install.sh     (make test-package)
set -euo pipefail
REPO="$(cd "$(dirname "$0")/../.." && pwd)"
BASE="${CARGO_TARGET_DIR:-$HOME/.cache/quiz-target}/package-install"
case "$BASE" in "$REPO"/*) BASE="$HOME/.cache/quiz-target/package-install" ;; esac
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
say() { printf '\033[1mtest-package:\033[0m %s\n' "$*" >&2; }
fail() { echo "test-package: FAILED: $*" >&2; exit 1; }
now() { date +%s.%N; }
took() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.2f} s')" "$1" "$(now)"; }

"$REPO/scripts/package.sh" --allow-dirty --out "$TMP/packages" crates
VERSION="$(basename "$TMP"/packages/quiz-author-*.crate .crate)"
VERSION="${VERSION#quiz-author-}"

# Unpacked outside the repository, so no Cargo.toml, Cargo.lock or .cargo/config.toml of ours
# is in play: what builds is what a user downloads.
# A crate whose files changed is unpacked afresh with the current time as mtime (cargo packs
# fixed mtimes, and cargo decides a path crate is up to date by mtime); an unchanged one is
# left as it is, so it is not rebuilt.
SRC="$BASE/src"
mkdir -p "$SRC"
for c in "$TMP"/packages/*.crate; do
  name="$(basename "$c" .crate)"
  sum="$(tar -xzOf "$c" --exclude='*/.cargo_vcs_info.json' | sha256sum)"
  if [ "$(cat "$SRC/$name.sum" 2>/dev/null)" != "$sum" ]; then
    rm -rf "${SRC:?}/$name" "$SRC/$name.sum"
    tar -xzmf "$c" -C "$SRC"
    echo "$sum" >"$SRC/$name.sum"
  fi
done
AUTHOR="$SRC/quiz-author-$VERSION"
CORE="$SRC/quiz-core-$VERSION"
[ -f "$AUTHOR/Cargo.toml" ] && [ -f "$CORE/Cargo.toml" ] || fail "the .crate files do not unpack to quiz-author-$VERSION/ and quiz-core-$VERSION/"
python3 - "$AUTHOR/Cargo.toml" "$VERSION" <<'PY' || fail "quiz-author's packaged Cargo.toml does not ask crates.io for quiz-core =$VERSION"
import sys, tomllib
core = tomllib.load(open(sys.argv[1], "rb"))["dependencies"]["quiz-core"]
assert "path" not in core and core["version"] == "=" + sys.argv[2], core
PY

say "cargo install quiz-author $VERSION from its package (quiz-core $VERSION patched in)"
start="$(now)"
(cd "$TMP" && cargo install --quiet --locked --path "$AUTHOR" --root "$TMP/root" \
  --target-dir "$BASE/target" --config "patch.crates-io.quiz-core.path=\"$CORE\"")
say "installed in $(took "$start")"
BIN="$TMP/root/bin/quiz-author"
[ -x "$BIN" ] || fail "no quiz-author in $TMP/root/bin"

# Only the binary: no PATH, no HOME, no cargo, in a folder outside the repository.
alone() { (cd "$TMP/work" && env -i "$BIN" "$@"); }
mkdir "$TMP/work"
start="$(now)"
alone --version | grep -qx "quiz-author $VERSION" || fail "quiz-author --version is not $VERSION"
alone init my-exam --title "Packaged exam" || fail "init"
for f in README.md .github/workflows/quiz.yml content/blueprint.json content/questions/example.json \
         content/schema/blueprint.schema.json content/schema/questions.schema.json; do
  [ -s "$TMP/work/my-exam/$f" ] || fail "init did not write $f"
done
alone validate --deny-warnings my-exam || fail "validate --deny-warnings of what init wrote"
alone bundle my-exam --out site/bank.json || fail "bundle of what init wrote"
[ -s "$TMP/work/site/bank.json" ] && ls -d "$TMP"/work/site/bank-*/ >/dev/null || fail "bundle wrote no bank"
alone init my-exam >/dev/null 2>&1 && fail "init overwrote a folder that is not empty"
say "init -> validate -> bundle in $(took "$start")"
start="$(now)"
alone build my-exam --out built-site || fail "build of what init wrote"
for f in index.html boot.js quiz_web_bg.wasm sw.js quiz-embed.js quiz_embed_bg.wasm bank.json embed.html; do
  [ -s "$TMP/work/built-site/$f" ] || fail "build did not write $f"
done
say "build in $(took "$start")"

# The built site and `serve`, in Chromium (tests/package/site.test.mjs).
say "the built site and serve in a browser"
(cd "$REPO/tests" && QUIZ_AUTHOR="$BIN" EXAM="$TMP/work/my-exam" node --test --test-concurrency=1 package/site.test.mjs) \
  || fail "the built site or serve (tests/package/site.test.mjs)"
say "ok: quiz-author $VERSION installs from its packages and runs alone ($(stat -c %s "$TMP"/packages/quiz-author-*.crate) + $(stat -c %s "$TMP"/packages/quiz-core-*.crate) bytes of .crate)"
