#!/usr/bin/env bash
# Instructions instead of seconds: the ratios of bench/run.sh and bench/python.sh counted with
# callgrind, which a shared, noisy machine does not move.
#
#   bench/instructions.sh [POSTS]        (default: 2000 posts)
#
# Counts the instructions of the gumbo-only baseline, of `corpus-clean -j1` and of a Python
# loop of one Cleaner over the same generated posts, and prints baseline / corpus-clean (the
# budget of docs/DESIGN.md §7 is 0.7 in throughput) and corpus-clean / module (the module's
# per-call overhead; the target is 0.9). Instructions are not seconds: the ratio says what each
# program asks of the CPU, not how fast the CPU runs it. Needs valgrind (Debian package);
# the module part is skipped without the module (python3-dev, pybind11-dev).
set -euo pipefail
cd "$(dirname "$0")/.."
posts=${1:-2000}
shared=${CORPUS_CLEAN_SHARED_CORPUS:-../shared/corpus}
bin=build/release

command -v valgrind >/dev/null || {
  echo "bench/instructions.sh needs valgrind (Debian package 'valgrind')" >&2
  exit 2
}
cmake --preset release -DCORPUS_CLEAN_BUILD_TESTS=OFF >/dev/null
cmake --build --preset release -j "$(nproc)" --target corpus-clean make_corpus gumbo_baseline >/dev/null
module=yes
cmake --build --preset release -j "$(nproc)" --target corpus_clean_python >/dev/null 2>&1 || module=no
python=$(sed -n 's/^Python3_EXECUTABLE:[A-Z]*=//p' "$bin/CMakeCache.txt")
. bench/corpus.sh
corpus=$(corpus_for "$posts")
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# instructions NAME COMMAND...: the instructions callgrind counts for COMMAND (two at a time)
instructions() {
  local name=$1
  shift
  valgrind --tool=callgrind --callgrind-out-file="$out/$name.out" "$@" >/dev/null 2>"$out/$name.log"
  sed -n 's/.*refs: *//p' "$out/$name.log" | tr -d ,
}
instructions baseline "$bin/bench/gumbo_baseline" "$corpus" >"$out/baseline" &
instructions cli "$bin/corpus-clean" --quiet -j1 "$corpus" -o /dev/null >"$out/cli" &
wait
if [ "$module" = yes ]; then
  PYTHONPATH=$bin/python instructions module "$python" - "$corpus" >"$out/module" <<'EOF'
import sys, warnings
from pathlib import Path
import corpus_clean
warnings.simplefilter("ignore", corpus_clean.CleanWarning)  # as the CLI's --quiet
cleaner = corpus_clean.Cleaner()
root = Path(sys.argv[1])
for path in sorted((p for p in root.rglob("*") if p.is_file() and not p.name.startswith(".")),
                   key=lambda p: str(p.relative_to(root)).encode()):
    cleaner.clean(path.read_bytes(), path=path)
EOF
fi

baseline=$(cat "$out/baseline") cli=$(cat "$out/cli")
echo "corpus: $posts posts ($corpus); instructions (callgrind)"
printf '  %-34s %15s\n' "gumbo-only baseline" "$baseline" "corpus-clean -j1" "$cli"
awk -v b="$baseline" -v c="$cli" 'BEGIN { printf "baseline / corpus-clean -j1:  %.2f (throughput budget >= 0.70)\n", b / c }'
if [ "$module" = yes ]; then
  module_count=$(cat "$out/module")
  printf '  %-34s %15s\n' "module, one Cleaner in a loop" "$module_count"
  awk -v c="$cli" -v m="$module_count" \
    'BEGIN { printf "corpus-clean -j1 / module:    %.2f (target >= 0.90)\n", c / m }'
else
  echo "module: not built (python3-dev and pybind11-dev), skipped"
fi
