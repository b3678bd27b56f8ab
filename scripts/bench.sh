#!/usr/bin/env bash
# Prints the benchmarks (figures, not pass/fail):
#  1. quiz-author validate and bundle on generated banks of 1,000 / 10,000 / 50,000 questions,
#     beside ajv-cli validating the same files against the same schema in the same run.
#  2. Release sizes of what the app shell and the embed load (scripts/size-budget.sh).
#  3. Browser timings and the bytes a first visit downloads before its first question.
#  4. Lighthouse (mobile preset) on the home page, a quick check and a one-widget blog post.
# Each time is the median of RUNS runs (default 3) of wall-clock time.
# Usage: scripts/bench.sh [cli]   (cli: only part 1; BENCH_SIZES="10000" picks the bank sizes)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${RUNS:-3}"
SIZES="${BENCH_SIZES:-1000 10000 50000}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cargo build -q --release -p quiz-author
TARGET_DIR="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')"
# QUIZ_AUTHOR=path times another build (an older commit's, for a before/after comparison)
AUTHOR="${QUIZ_AUTHOR:-$TARGET_DIR/release/quiz-author}"
AJV="tests/node_modules/.bin/ajv"

# median wall-clock seconds of a command over $RUNS runs
median() {
  local times=()
  for _ in $(seq "$RUNS"); do
    local s e
    s=$(date +%s%N)
    "$@" >/dev/null 2>&1 || { echo "command failed: $*" >&2; return 1; }
    e=$(date +%s%N)
    times+=("$(( (e - s) / 1000000 ))")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.3f", a[int((NR+1)/2)]/1000}'
}

# bundle into a folder of its own each run, so every run renders and writes the whole bundle
# (into the same folder, a second run would find the shards written and only compare them)
bundle_fresh() {
  local out
  out="$(mktemp -d -p "$WORK")"
  "$AUTHOR" bundle "$1" --out "$out/bank.json"
}

echo "== CLI: quiz-author vs ajv-cli (median of $RUNS runs, seconds) =="
printf '%-10s %12s %12s %14s %12s %16s %14s\n' questions validate bundle validate+bundle ajv-cli "ajv/(val+bun)" "questions/s"
for n in $SIZES; do
  python3 scripts/gen-bank.py "$n" "$WORK/bank-$n"
  v=$(median "$AUTHOR" validate "$WORK/bank-$n")
  b=$(median bundle_fresh "$WORK/bank-$n")
  a=$(median "$AJV" validate --spec=draft2020 --strict=false -s content/schema/questions.schema.json -d "$WORK/bank-$n/questions/*.json")
  # bundle validates first, so validate+bundle in one pass is the bundle time.
  awk -v n="$n" -v v="$v" -v b="$b" -v a="$a" 'BEGIN {
    printf "%-10d %12.3f %12.3f %14.3f %12.3f %16.2f %14.0f\n", n, v, b, b, a, a/b, n/b }'
done
echo "(ajv-cli checks the JSON Schema only; quiz-author also runs the content rules, maps every"
echo " finding to file:line:column, and bundle renders all Markdown to safe HTML and writes it.)"
echo
[ "${1:-}" = cli ] && exit 0

if [ -d dist ] && [ -x scripts/size-budget.sh ]; then
  echo "== Release sizes =="
  scripts/size-budget.sh dist || true
  echo
fi

if [ -f tests/bench/browser.mjs ]; then
  echo "== Browser timings and bytes =="
  (cd tests && SITE_DIR="$PWD/../dist" node bench/browser.mjs)
  echo
fi

echo "== Lighthouse =="
scripts/ensure-tools.sh lighthouse
(cd tests && SITE_DIR="$PWD/../dist" LIGHTHOUSE="${QUIZ_TOOLS_DIR:-$HOME/.cache/quiz-tools}/bin/lighthouse" node bench/lighthouse.mjs)
