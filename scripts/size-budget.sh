#!/usr/bin/env bash
# Prints raw, gzip -9 and brotli (when node or brotli is available) sizes of every file the app
# shell and the blog embed load, and exits 1 when a budget is exceeded:
#   app shell: what the first screen (home) needs: index.html, boot.js, the wasm-bindgen glue,
#     the main wasm, the chunk loader, CSS, icon, manifest, service worker  <= APP_BUDGET_KB
#     (default 126 KB gzip)
#   embed quiz (loader, glue, wasm, CSS: what a blog reader downloads for a quiz)   <= 60 KB gzip
#   embed progress module (glue + wasm, fetched on the first checked answer)       <= 40 KB gzip
#   a blog widget on one objective: the embed quiz + the bank's index + its largest shard
#     <= EMBED_PAGE_BUDGET_KB (default 60 KB gzip)
#   the first question of a quick check on the whole bank (#/quick/all) on a first visit: the app
#     shell + the quick check's code + the index + the outline + one shard
#     <= FIRST_QUESTION_BUDGET_KB (default 200 KB gzip, the goal), and for a large bank given
#     after DIST (make test: 2,000 generated questions) <= FIRST_QUESTION_BUDGET_KB_LARGE
#     (default 200 KB)
# It also prints, for each group of the app's lazily loaded code, what it adds (its chunk and the
# shared chunks it needs): the page groups when one of their pages first opens, `check` (the
# content rules) beside a bank from elsewhere (?bank=), `storage` (the stored progress record's
# reader and writer) at start-up when progress is stored and otherwise at the first click or key;
# and the total the service worker precaches for offline use.
# Usage: scripts/size-budget.sh [DIST_DIR [BANK_INDEX...]]   (default dist)
set -uo pipefail
DIST="${1:-dist}"
BANKS=("${@:2}")
KB=1024
APP=(index.html boot.js quiz_web.js quiz_web_bg.wasm __wasm_split.js app.css icon.svg manifest.webmanifest sw.js)
EMBED=(quiz-embed.js quiz_embed.js quiz_embed_bg.wasm quiz-embed.css)
EMBED_PROGRESS=(quiz_embed_progress.js quiz_embed_progress_bg.wasm)

brotli_size() {
  if command -v brotli >/dev/null; then brotli -c -q 11 "$1" | wc -c
  elif command -v node >/dev/null; then
    node -e 'const z=require("zlib"),f=require("fs");const b=f.readFileSync(process.argv[1]);process.stdout.write(String(z.brotliCompressSync(b,{params:{[z.constants.BROTLI_PARAM_QUALITY]:11}}).length))' "$1"
  else echo "-"; fi
}

status=0
group() {
  local title="$1" budget="$2"; shift 2
  local raw=0 gz=0 br=0 missing=0
  printf '\n%s (budget %d KB gzip)\n' "$title" "$budget"
  printf '  %-30s %10s %10s %10s\n' file raw gzip brotli
  for f in "$@"; do
    if [ ! -f "$DIST/$f" ]; then printf '  %-30s %10s\n' "$f" missing; missing=1; continue; fi
    local r g b
    r=$(stat -c %s "$DIST/$f"); g=$(gzip -9c "$DIST/$f" | wc -c); b=$(brotli_size "$DIST/$f")
    printf '  %-30s %10d %10d %10s\n' "$f" "$r" "$g" "$b"
    raw=$((raw + r)); gz=$((gz + g)); [ "$b" != "-" ] && br=$((br + b))
  done
  printf '  %-30s %10d %10d %10d   = %s KB gzip\n' total "$raw" "$gz" "$br" "$(awk -v g="$gz" 'BEGIN{printf "%.1f", g/1024}')"
  if [ "$missing" = 1 ]; then echo "  FAIL: files missing from $DIST"; status=1
  elif [ "$gz" -gt $((budget * KB)) ]; then echo "  FAIL: over budget by $((gz - budget * KB)) bytes gzip"; status=1
  else echo "  ok: $(awk -v g="$gz" -v b="$budget" 'BEGIN{printf "%.1f", b - g/1024}') KB under budget"; fi
  GROUP_GZ=$gz
}

# 126 KB since the stored record's reader and writer are a chunk of their own (`storage` in
# quiz-web/src/lazy.rs: 143 before; 152 before std was rebuilt for size in scripts/wasm-common.sh).
group "App shell: the first screen" "${APP_BUDGET_KB:-126}" "${APP[@]}"
app_shell_gz=$GROUP_GZ

# Code fetched after the first screen: each group's chunk and the shared chunks it waits for, as
# scripts/chunk-groups.py read them from the chunk loader at build time (chunk-groups.json; the
# bank's figures use them too).
CHUNK_GROUPS="{}"
if [ -f "$DIST/__wasm_split.js" ] && [ ! -f "$DIST/chunk-groups.json" ]; then
  echo "size-budget: $DIST has no chunk-groups.json: it was built before build-web.sh wrote one; build it again" >&2
  exit 1
fi
[ -f "$DIST/chunk-groups.json" ] && CHUNK_GROUPS="$(cat "$DIST/chunk-groups.json")"
if [ -f "$DIST/chunk-groups.json" ]; then
  printf '\nApp code loaded after the first screen (gzip; a chunk shared by groups is counted in each;\n'
  printf '  check: beside a bank from elsewhere (?bank=); storage: at start when progress is stored, else at the\n'
  printf '  first click or key; schedule: after an answer; the others: when one of their pages first opens)\n'
  printf '  %-12s %8s %8s %14s\n' group files gzip "shell + group"
  python3 - "$DIST" "$app_shell_gz" "$CHUNK_GROUPS" <<'PY'
import gzip, json, os, sys
dist, shell, groups = sys.argv[1], int(sys.argv[2]), json.loads(sys.argv[3])
gz = lambda f: len(gzip.compress(open(os.path.join(dist, f), "rb").read(), 9))
everything = set()
for name, need in groups.items():
    everything.update(need)
    total = sum(gz(f) for f in need)
    print(f"  {name:<12} {len(need):>8} {total:>8} {shell + total:>14}")
allgz = sum(gz(f) for f in everything)
print(f"  {'all':<12} {len(everything):>8} {allgz:>8} {shell + allgz:>14}   (what the service worker precaches)")
PY
fi

group "Blog embed: quiz (loader + glue + wasm + CSS)" 60 "${EMBED[@]}"
embed_gz=$GROUP_GZ
group "Blog embed: progress module (loaded on the first checked answer)" 40 "${EMBED_PROGRESS[@]}"

# The question bank in pieces (quiz_core::bundle): what each page fetches of it. Banks given
# after DIST (their index files; scripts/gen-bank.py makes large ones) are checked the same way
# against their own budgets (EMBED_PAGE_BUDGET_KB_LARGE, FIRST_QUESTION_BUDGET_KB_LARGE), as if
# the site had been built with them.
if [ -f "$DIST/bank.json" ]; then
  printf '\nQuestion bank (gzip): the index, the outline and the shards beside it\n'
  python3 - "$embed_gz" "$app_shell_gz" "$CHUNK_GROUPS" "$DIST" \
    "${EMBED_PAGE_BUDGET_KB:-60}" "${FIRST_QUESTION_BUDGET_KB:-200}" "$DIST/bank.json" \
    "${EMBED_PAGE_BUDGET_KB_LARGE:-60}" "${FIRST_QUESTION_BUDGET_KB_LARGE:-200}" "${BANKS[@]}" <<'PY' || status=1
import gzip, json, os, sys
embed, shell, groups, dist = int(sys.argv[1]), int(sys.argv[2]), json.loads(sys.argv[3]), sys.argv[4]
own_budgets, own_bank = (int(sys.argv[5]), int(sys.argv[6])), sys.argv[7]
large_budgets, large_banks = (int(sys.argv[8]), int(sys.argv[9])), sys.argv[10:]
gz = lambda p: len(gzip.compress(open(p, "rb").read(), 9))
practice = sum(gz(os.path.join(dist, f)) for f in groups["practice"])
failed = False

def check(name, total, budget):
    global failed
    line = f"  {name}: {total} bytes = {total / 1024:.1f} KB (budget {budget} KB)"
    print(line)
    if total > budget * 1024:
        print(f"  FAIL: over budget by {total - budget * 1024} bytes gzip")
        failed = True
    else:
        print(f"  ok: {budget - total / 1024:.1f} KB under budget")

for path, (widget_budget, first_budget) in [(own_bank, own_budgets)] + [(b, large_budgets) for b in large_banks]:
    index = json.load(open(path))
    folder = os.path.join(os.path.dirname(path), index["folder"])
    shards = sorted(gz(os.path.join(folder, f)) for f in os.listdir(folder) if f != "outline.json")
    questions = sum(sum(o["shards"]) for o in index["objectives"])
    i, o = gz(path), gz(os.path.join(folder, "outline.json"))
    print(f"  {path}: questions {questions}  index {i}  outline {o}  shards {len(shards)}: median {shards[len(shards) // 2]}, largest {shards[-1]}, all {sum(shards)}")
    check(f"blog widget on one objective: quiz code {embed} + index {i} + one shard (largest) {shards[-1]}",
          embed + i + shards[-1], widget_budget)
    # A first visit to #/quick/all: the shell, the quick check's code, the index, the outline and
    # the first question's shard (the others follow once it is painted). tests/bench/browser.mjs
    # measures the same in Chromium.
    check(f"first question of #/quick/all: shell {shell} + quick check code {practice} + index {i} + outline {o} + one shard (largest) {shards[-1]}",
          shell + practice + i + o + shards[-1], first_budget)
sys.exit(1 if failed else 0)
PY
fi
exit $status
