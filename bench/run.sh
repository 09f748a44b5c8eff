#!/usr/bin/env bash
# Whole-run benchmark: corpus-clean against the gumbo-only floor on a generated corpus.
#
#   bench/run.sh [POSTS] [RUNS]        (defaults: 20000 posts, 3 interleaved runs)
#
# Generates POSTS posts (and POSTS/10 for the memory comparison) from the shared corpus, then
# runs the gumbo-only baseline, corpus-clean -j1 and corpus-clean -jN interleaved RUNS times,
# and prints medians: docs/s, MB/s, the ratio to the baseline, the -jN/-j1 speed-up, and the
# peak RSS of -jN for the small and the 10x larger corpus. Uses the release preset.
# When readability-lxml is installed (Debian: python3-readability), it runs too, as a peer:
# content extraction alone, one process. CORPUS_CLEAN_BEFORE=PATH names an earlier build of
# corpus-clean to run -j1 in the same rounds, for "no slower than before" (after / before).
set -euo pipefail
cd "$(dirname "$0")/.."
posts=${1:-20000}
runs=${2:-3}
jobs=$(nproc)
shared=${CORPUS_CLEAN_SHARED_CORPUS:-../shared/corpus}

command -v /usr/bin/time >/dev/null || {
  echo "bench/run.sh needs /usr/bin/time (Debian package 'time')" >&2
  exit 2
}
cmake --preset release -DCORPUS_CLEAN_BUILD_TESTS=OFF >/dev/null
cmake --build --preset release -j "$jobs" --target corpus-clean make_corpus gumbo_baseline >/dev/null
bin=build/release

. bench/corpus.sh
python=${PYTHON:-/usr/bin/python3}
peer=no
"$python" -c 'import readability' 2>/dev/null && peer=yes
before=${CORPUS_CLEAN_BEFORE:-}
if [ -n "$before" ] && [ ! -x "$before" ]; then
  echo "bench/run.sh: CORPUS_CLEAN_BEFORE=$before is not an executable" >&2
  exit 2
fi
large=$(corpus_for "$posts")
small=$(corpus_for $((posts / 10)))
bytes=$(find "$large" -name '*.md' -printf '%s\n' | awk '{s += $1} END {print s}')

# timed LABEL COMMAND...: appends "LABEL seconds max_rss_kb" to $results
results=$(mktemp)
trap 'rm -f "$results"' EXIT
timed() {
  local label=$1
  shift
  /usr/bin/time -f "$label %e %M" -o "$results" -a "$@" >/dev/null
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)," \
  "$(lscpu | sed -n 's/^Model name: *//p')"
echo "corpus: $posts posts, $((bytes / 1000000)) MB ($large)"
for ((r = 1; r <= runs; r++)); do
  timed baseline "$bin/bench/gumbo_baseline" "$large"
  timed j1 "$bin/corpus-clean" --quiet -j1 "$large" -o /dev/null
  if [ -n "$before" ]; then
    timed before_j1 "$before" --quiet -j1 "$large" -o /dev/null
  fi
  timed jN "$bin/corpus-clean" --quiet -j"$jobs" "$large" -o /dev/null
  timed small_jN "$bin/corpus-clean" --quiet -j"$jobs" "$small" -o /dev/null
  if [ "$peer" = yes ]; then
    timed readability "$python" bench/peer_readability.py "$large" 2>/dev/null
  fi
done

median() {  # median LABEL FIELD
  awk -v l="$1" -v f="$2" '$1 == l {print $f}' "$results" | sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'
}
base=$(median baseline 2)
j1=$(median j1 2)
jn=$(median jN 2)
awk -v posts="$posts" -v bytes="$bytes" -v base="$base" -v j1="$j1" -v jn="$jn" -v jobs="$jobs" \
    -v rss_large="$(median jN 3)" -v rss_small="$(median small_jN 3)" -v runs="$runs" 'BEGIN {
  printf "\nmedians of %d interleaved runs\n", runs
  printf "%-24s %8s %10s %8s\n", "", "seconds", "docs/s", "MB/s"
  printf "%-24s %8.2f %10.0f %8.1f\n", "gumbo-only baseline", base, posts / base, bytes / 1e6 / base
  printf "%-24s %8.2f %10.0f %8.1f\n", "corpus-clean -j1", j1, posts / j1, bytes / 1e6 / j1
  printf "%-24s %8.2f %10.0f %8.1f\n", "corpus-clean -j" jobs, jn, posts / jn, bytes / 1e6 / jn
  printf "\n-j1 throughput / baseline: %.2f (target >= 0.70)\n", base / j1
  printf "-j%d / -j1 speed-up:        %.2f (target >= 1.8 on 2 cores)\n", jobs, j1 / jn
  printf "peak RSS -j%d: %d posts %.1f MB, %d posts %.1f MB, ratio %.2f (target <= 1.2)\n", \
    jobs, posts / 10, rss_small / 1024, posts, rss_large / 1024, rss_large / rss_small
}'
if [ -n "$before" ]; then
  awk -v posts="$posts" -v b="$(median before_j1 2)" -v j1="$j1" -v name="$("$before" --version | head -1)" 'BEGIN {
    printf "\nbefore: %s -j1: %.2f s, %.0f docs/s\n", name, b, posts / b
    printf "corpus-clean -j1 throughput / before: %.2f (target >= 1.00, within noise)\n", b / j1
  }'
fi
if [ "$peer" = yes ]; then
  awk -v posts="$posts" -v peer="$(median readability 2)" -v j1="$j1" -v rss="$(median readability 3)" 'BEGIN {
    printf "\npeer: readability-lxml (content only, 1 process): %.2f s, %.0f docs/s, peak RSS %.1f MB\n", \
      peer, posts / peer, rss / 1024
    printf "corpus-clean -j1 / readability-lxml throughput: %.2f\n", peer / j1
  }'
else
  echo
  echo "peer: readability-lxml not installed (apt-get install python3-readability), skipped"
fi
echo
echo "all runs (label seconds max_rss_kb):"
cat "$results"
