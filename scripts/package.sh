#!/usr/bin/env bash
# Writes the release packages into OUT_DIR (default dist/packages/):
#   quiz-core-V.crate, quiz-author-V.crate  as `cargo package` makes them; publish in this order
#                                           (quiz-author depends on quiz-core =V)
#   databricks-ml-quiz-embed-V.tgz          as `npm pack` makes it: the embed's files and the
#                                           bank (bank.json and its shard folder) from SITE_DIR,
#                                           with quiz-embed/npm/'s package.json and README filled in
# V is the workspace's version (Cargo.toml, [workspace.package]): the one place it is written.
#
# Usage: scripts/package.sh [--allow-dirty] [--site SITE_DIR] [--out OUT_DIR] [crates] [npm]
#   --site     the built site to take the embed and the bank from (default dist/, `make dist`)
#   --allow-dirty  package uncommitted changes too (tests do; a release comes from a clean tree)
#   crates, npm    only those packages (default both)
# Needs cargo and python3; npm for the npm package.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO="$PWD"
SITE=dist
OUT=dist/packages
DIRTY=()
KINDS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --allow-dirty) DIRTY=(--allow-dirty) ;;
    --site) SITE="$2"; shift ;;
    --out) OUT="$2"; shift ;;
    crates|npm) KINDS+=("$1") ;;
    *) echo "usage: scripts/package.sh [--allow-dirty] [--site DIR] [--out DIR] [crates] [npm]" >&2; exit 2 ;;
  esac
  shift
done
[ ${#KINDS[@]} -gt 0 ] || KINDS=(crates npm)
say() { printf '\033[1mpackage:\033[0m %s\n' "$*" >&2; }

META="$(cargo metadata --no-deps --format-version 1)"
field() { python3 -c 'import json,sys; m=json.load(sys.stdin); print(eval(sys.argv[1]))' "$1" <<<"$META"; }
VERSION="$(field 'next(p["version"] for p in m["packages"] if p["name"] == "quiz-author")')"
TARGET="$(field 'm["target_directory"]')"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"

for kind in "${KINDS[@]}"; do
  case "$kind" in
  crates)
    # The study app and the embed travel inside quiz-author (quiz-author/site/, gitignored; the
    # crate's `include` packs it): the built site without its bank, which `build` and `serve`
    # write for the author's exam.
    [ -f "$SITE/index.html" ] && [ -f "$SITE/quiz-embed.js" ] \
      || { echo "package: $SITE has no built site: build it first (make dist)" >&2; exit 1; }
    say "copying the built site from $SITE into quiz-author/site/ (without its bank)"
    rm -rf quiz-author/site
    mkdir quiz-author/site
    (cd "$SITE" && find . -type f ! -name bank.json ! -name build-id.txt ! -path './bank-*' ! -path './packages/*' ! -path './demo/*' ! -name embed.html ! -name chunk-groups.json \
      -exec cp --parents {} "$REPO/quiz-author/site/" \;)
    say "cargo package quiz-core quiz-author $VERSION"
    rm -f "$OUT"/quiz-core-*.crate "$OUT"/quiz-author-*.crate
    cargo package -q -p quiz-core -p quiz-author --no-verify "${DIRTY[@]}"
    cp "$TARGET/package/quiz-core-$VERSION.crate" "$TARGET/package/quiz-author-$VERSION.crate" "$OUT/"
    ;;
  npm)
    for f in quiz-embed.js quiz_embed.js quiz_embed_bg.wasm quiz-embed.css quiz_embed_progress.js \
             quiz_embed_progress_bg.wasm bank.json; do
      [ -f "$SITE/$f" ] || { echo "package: $SITE/$f is missing: build the site first (make dist)" >&2; exit 1; }
    done
    STAGE="$(mktemp -d)"
    trap 'rm -rf "$STAGE"' EXIT
    PKG="$STAGE/package"
    mkdir "$PKG"
    FOLDER="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["folder"])' "$SITE/bank.json")"
    cp "$SITE"/{quiz-embed.js,quiz_embed.js,quiz_embed_bg.wasm,quiz-embed.css,quiz_embed_progress.js,quiz_embed_progress_bg.wasm,bank.json} "$PKG/"
    cp -R "$SITE/$FOLDER" "$PKG/$FOLDER"
    # package.json and README.md from their templates: the version, and the bank's figures and
    # objective ids.
    python3 - "$REPO/quiz-embed/npm" "$PKG" "$VERSION" "$FOLDER" <<'PY'
import json, sys
src, pkg, version, folder = sys.argv[1:]
index = json.load(open(f"{pkg}/bank.json"))
counts = {o["objective"]: sum(o["shards"]) for o in index["objectives"]}
manifest = json.load(open(f"{src}/package.json"))
manifest["version"] = version
manifest["files"] = [f.replace("{{folder}}", folder) for f in manifest["files"]]
rows = []
for d in index["blueprint"]["domains"]:
    rows.append(f"- **{d['title']}** (`data-domain=\"{d['id']}\"`, {d['weight_percent']}% of the exam)")
    for s in d["sections"]:
        rows.append(f"  - {s['title']} (`data-section=\"{s['id']}\"`)")
        for o in s["objectives"]:
            rows.append(f"    - `{o['id']}`: {o['statement']} ({counts.get(o['id'], 0)} questions)")
objectives = [o["id"] for d in index["blueprint"]["domains"] for s in d["sections"] for o in s["objectives"]]
example = next((o for o in objectives if counts.get(o, 0) >= 3), objectives[0])
readme = open(f"{src}/README.md").read()
for key, value in {
    "name": manifest["name"], "version": version, "folder": folder,
    "questions": str(sum(counts.values())), "objective_count": str(len(objectives)),
    "example_objective": example, "objectives": "\n".join(rows),
}.items():
    readme = readme.replace("{{" + key + "}}", value)
assert "{{" not in readme, "a placeholder is left in the npm README"
open(f"{pkg}/README.md", "w").write(readme)
open(f"{pkg}/package.json", "w").write(json.dumps(manifest, indent=2) + "\n")
PY
    NAME="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["name"])' "$PKG/package.json")"
    say "npm pack $NAME $VERSION (bank $FOLDER from $SITE)"
    rm -f "$OUT/$NAME"-*.tgz
    (cd "$PKG" && npm pack --silent --pack-destination "$OUT" >/dev/null)
    ;;
  esac
done

for f in "$OUT"/*.crate "$OUT"/*.tgz; do
  [ -f "$f" ] && printf '    %-40s %8d bytes\n' "$(basename "$f")" "$(stat -c %s "$f")" >&2
done
exit 0
