#!/usr/bin/env bash
# Fuzzing with cargo-fuzz (libFuzzer) on quiz-core's parsers and rules, and on quiz-author's
# Markdown renderer against quiz-core's HTML allowlist.
#   scripts/fuzz.sh smoke          each target for FUZZ_SMOKE_SECONDS (default 15) on the kept corpus
#   scripts/fuzz.sh run [SECONDS]  each target for SECONDS (default 600), growing the corpus
# Targets: bundle_parse, progress_load, content_rules, render_allowed (fuzz/fuzz_targets/). Crashes are written to
# fuzz/artifacts/<target>/ and make the script exit non-zero. cargo-fuzz needs nightly features;
# RUSTC_BOOTSTRAP=1 enables them on the stable toolchain this machine has.
set -euo pipefail
cd "$(dirname "$0")/.."
MODE="${1:-smoke}"
case "$MODE" in
  smoke) SECONDS_EACH="${FUZZ_SMOKE_SECONDS:-15}" ;;
  run) SECONDS_EACH="${2:-600}" ;;
  *) echo "usage: scripts/fuzz.sh smoke|run [SECONDS]" >&2; exit 2 ;;
esac
scripts/ensure-tools.sh fuzz
TOOLS="${QUIZ_TOOLS_DIR:-$HOME/.cache/quiz-tools}"
export PATH="$TOOLS/bin:$PATH" RUSTC_BOOTSTRAP=1
# The fuzz crate keeps its own target dir (sanitizer builds never share artifacts with the rest).
unset CARGO_TARGET_DIR
status=0
for target in bundle_parse progress_load content_rules render_allowed; do
  mkdir -p "fuzz/corpus/$target" "fuzz/artifacts/$target"
  echo "==> fuzzing $target for ${SECONDS_EACH}s"
  # In smoke mode new inputs go to a scratch folder, so the kept corpus only grows on purpose.
  if [ "$MODE" = smoke ]; then
    scratch="$(mktemp -d)"
    dirs=("$scratch" "fuzz/corpus/$target")
  else
    dirs=("fuzz/corpus/$target")
  fi
  log="$(mktemp)"
  if (cd fuzz && cargo fuzz run --fuzz-dir . "$target" "${dirs[@]/#fuzz\//}" -- \
        -max_total_time="$SECONDS_EACH" -rss_limit_mb=2048 -max_len=65536 \
        -artifact_prefix="artifacts/$target/") >"$log" 2>&1; then
    grep -E "^#[0-9]+ +DONE|^Done [0-9]+ runs" "$log" | tail -1 || true
  else
    tail -30 "$log" >&2
    echo "FAILED: $target (see fuzz/artifacts/$target/ for a crashing input)" >&2
    status=1
  fi
  rm -f "$log"
  [ "$MODE" = smoke ] && rm -rf "$scratch"
done
exit $status
