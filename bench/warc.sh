#!/usr/bin/env bash
# Crawl throughput: the whole pages of ../shared/pages as a generated .warc.gz (a gzip member
# per record, each page with a URL of its own, as crawlers write it) against the same pages,
# in the same order, as plain files; and peak memory at two sizes of the crawl.
#
#   bench/warc.sh [MEGABYTES] [ROUNDS]     (defaults: 1000 MB of pages, 3 rounds)
#
# Writes the crawl (MEGABYTES of payload, and a tenth of it for the memory comparison) and the
# plain files into a temporary directory outside the tree (TMPDIR), removed at the end. Then,
# interleaved ROUNDS times, `corpus-clean -j1` over the crawl and over the files, each under
# /usr/bin/time -v; then -jN (N = cores) over the small and the large crawl. Prints medians:
# MB/s of wall time, MB/s per core (the bytes over user + system CPU seconds: the reading,
# decompression and parsing of the crawl, on whatever thread, are all counted), the ratio of
# the crawl's to the files', and the peak RSS of each. MB are the pages' bytes (--stats
# bytes_in), the same for both. Uses the release preset; CORPUS_CLEAN names another binary.
set -euo pipefail
cd "$(dirname "$0")/.."
megabytes=${1:-1000}
rounds=${2:-3}
pages=${CORPUS_CLEAN_PAGES:-../shared/pages/html}
python=${PYTHON:-/usr/bin/python3}
jobs=$(nproc)

if [ ! -d "$pages" ]; then
  echo "bench/warc.sh: no pages at $pages (the shared pages); nothing measured"
  exit 0
fi
command -v /usr/bin/time >/dev/null || {
  echo "bench/warc.sh needs /usr/bin/time (Debian package 'time')" >&2
  exit 2
}
bin=${CORPUS_CLEAN:-}
if [ -z "$bin" ]; then
  cmake --preset release -DCORPUS_CLEAN_BUILD_TESTS=OFF >/dev/null
  cmake --build --preset release -j "$jobs" --target corpus-clean >/dev/null
  bin=build/release/corpus-clean
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/corpus-clean-warc-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
gen() { "$python" tests/cli/make_warc.py pages "$pages" "$@"; }
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "binary: $("$bin" --version | head -1)"
echo "crawl:  $(gen "$work/large.warc.gz" --bytes $((megabytes * 1000000)))," \
  "$(($(stat -c %s "$work/large.warc.gz") / 1000000)) MB on disk"
echo "small:  $(gen "$work/small.warc.gz" --bytes $((megabytes * 100000)))," \
  "$(($(stat -c %s "$work/small.warc.gz") / 1000000)) MB on disk"
echo "files:  $(gen "$work/plain" --bytes $((megabytes * 1000000)) --plain)"

# timed LABEL ARGS...: one run; appends "LABEL wall user sys rss_kb bytes_in" to $results.
results=$work/results
timed() {
  local label=$1
  shift
  /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$bin" --quiet "$@" -o /dev/null \
    --stats "$work/stats.json"
  echo "$label $(cat "$work/time") $(jq .bytes_in "$work/stats.json")" >>"$results"
}
for ((r = 1; r <= rounds; r++)); do
  timed warc_j1 -j1 "$work/large.warc.gz"
  timed plain_j1 -j1 "$work/plain"
done
timed small_jN -j"$jobs" "$work/small.warc.gz"
timed large_jN -j"$jobs" "$work/large.warc.gz"
timed plain_jN -j"$jobs" "$work/plain"

# Medians per label: wall MB/s, MB/s per core, peak RSS.
awk -v jobs="$jobs" '
  function median(label, field,   n, i, j, t, v) {
    n = 0
    for (i = 1; i <= count; i++) if (lab[i] == label) v[++n] = val[i, field]
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
    return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
  }
  {
    count++; lab[count] = $1
    val[count, "wall"] = $6 / 1e6 / $2
    val[count, "core"] = $6 / 1e6 / ($3 + $4)
    val[count, "rss"] = $5 / 1024
    val[count, "mb"] = $6 / 1e6
  }
  END {
    printf "\n| run | MB | MB/s (wall) | MB/s per core | peak RSS (MB) |\n|---|---|---|---|---|\n"
    split("warc_j1 plain_j1 small_jN large_jN plain_jN", order, " ")
    for (k = 1; k <= 5; k++) {
      l = order[k]; name = l; sub(/_jN$/, " -j" jobs, name); sub(/_j1$/, " -j1", name)
      printf "| %s | %.0f | %.1f | %.1f | %.1f |\n", name, median(l, "mb"), median(l, "wall"),
        median(l, "core"), median(l, "rss")
    }
    printf "\n- crawl / files, MB/s per core (-j1): %.3f\n", median("warc_j1", "core") / median("plain_j1", "core")
    printf "- crawl / files, MB/s wall (-j1): %.3f\n", median("warc_j1", "wall") / median("plain_j1", "wall")
    printf "- peak RSS, large crawl / small crawl (-j%d): %.2f\n", jobs, median("large_jN", "rss") / median("small_jN", "rss")
  }' "$results"
