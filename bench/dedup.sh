#!/usr/bin/env bash
# Near-duplicate costs: what the fingerprint adds to a whole run, and corpus-clean dedup over
# many synthetic fingerprints.
#
#   bench/dedup.sh [POSTS] [FINGERPRINTS] [RUNS]     (defaults: 2000 posts, 1000000, 3 runs)
#
# 1. On POSTS generated posts (bench/make_corpus, as bench/run.sh makes them), corpus-clean -j1
#    without near duplicates, with --dedup near and with --fingerprint, interleaved RUNS times;
#    medians and the share of the run the fingerprint takes, in CPU seconds (user + system: on a
#    machine shared with other jobs the wall clock measures them too) and wall seconds.
# 2. FINGERPRINTS synthetic records (bench/make_fingerprints, zstd-compressed), then
#    corpus-clean dedup over them: seconds and peak RSS (/usr/bin/time -v).
# Uses the release preset; everything is written under build/bench/.
set -euo pipefail
cd "$(dirname "$0")/.."
posts=${1:-2000}
count=${2:-1000000}
runs=${3:-3}
shared=${CORPUS_CLEAN_SHARED_CORPUS:-../shared/corpus}
command -v /usr/bin/time >/dev/null || {
  echo "bench/dedup.sh needs /usr/bin/time (Debian package 'time')" >&2
  exit 2
}
command -v zstd >/dev/null || {
  echo "bench/dedup.sh needs zstd (Debian package 'zstd')" >&2
  exit 2
}
cmake --preset release -DCORPUS_CLEAN_BUILD_TESTS=OFF >/dev/null
cmake --build --preset release -j2 --target corpus-clean make_corpus make_fingerprints >/dev/null
bin=build/release
mkdir -p build/bench
corpus=build/bench/corpus-$posts
if [ ! -f "$corpus/.done" ]; then
  rm -rf "$corpus" && mkdir -p "$corpus"
  "$bin/bench/make_corpus" "$shared" "$corpus" "$posts" >&2
  touch "$corpus/.done"
fi
results=$(mktemp)
trap 'rm -f "$results"' EXIT
timed() {  # timed LABEL COMMAND...: appends "LABEL wall user system" seconds
  local label=$1
  shift
  /usr/bin/time -f "$label %e %U %S" -o "$results" -a "$@" >/dev/null
}
for ((r = 1; r <= runs; r++)); do
  timed plain "$bin/corpus-clean" -q -j1 "$corpus" -o /dev/null
  timed near "$bin/corpus-clean" -q -j1 --dedup near "$corpus" -o /dev/null
  timed fingerprint "$bin/corpus-clean" -q -j1 --fingerprint "$corpus" -o /dev/null
done
median() {  # median LABEL cpu|wall
  awk -v l="$1" -v w="$2" '$1 == l {print (w == "wall" ? $2 : $3 + $4)}' "$results" | sort -g |
    awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'
}
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "whole runs, -j1, $posts generated posts, medians of $runs interleaved runs:"
for clock in cpu wall; do
  awk -v c="$clock" -v p="$(median plain $clock)" -v n="$(median near $clock)" \
    -v f="$(median fingerprint $clock)" 'BEGIN {
    printf "  %s seconds:\n", c
    printf "    without near duplicates  %6.2f s\n", p
    printf "    --dedup near             %6.2f s  (+%.1f%% of the run)\n", n, (n - p) / n * 100
    printf "    --fingerprint            %6.2f s  (+%.1f%% of the run)\n", f, (f - p) / f * 100
  }'
done
prints=build/bench/fingerprints-$count.jsonl.zst
if [ ! -f "$prints" ]; then
  "$bin/bench/make_fingerprints" "$count" | zstd -q -T2 -o "$prints"
fi
/usr/bin/time -v "$bin/corpus-clean" dedup "$prints" --drop-list build/bench/drop.txt \
  2>build/bench/dedup-time.txt || { cat build/bench/dedup-time.txt; exit 1; }
echo "corpus-clean dedup over $count fingerprints ($(du -h "$prints" | cut -f1) zstd):"
grep -E "dedup:|Elapsed|Maximum resident|User time|System time" build/bench/dedup-time.txt |
  sed 's/^\s*/  /'
