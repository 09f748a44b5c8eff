#!/usr/bin/env bash
# Whole web pages: main-content quality and speed of corpus-clean beside two peer extractors,
# on the same pages, in one run.
#
#   bench/pages.sh [--verbose] [PAGES_DIR]      (default PAGES_DIR: ../shared/pages)
#
# PAGES_DIR holds html/*.html, gold.jsonl and score.py (its README says what they are). When it
# is absent the script says so and exits 0. It builds corpus-clean and bench/gumbo_baseline with
# the release preset, installs the peers it lacks (readability-lxml: Debian's
# python3-readability, with apt-get; Mozilla Readability and linkedom: npm, into a cache outside
# the tree) or skips a peer it cannot install, and then:
#
#   - quality: each extractor's predictions ({"path", "text"} per page), scored with score.py:
#     macro F1 for zh, other and all pages;
#   - speed, in ROUNDS interleaved rounds (gumbo, corpus-clean, readability-lxml, Mozilla, then
#     again), medians taken: the gumbo parse-only floor and `corpus-clean PAGES -o /dev/null -j1
#     -q` as whole processes; each peer as one process making PASSES passes over the pages
#     held in memory, each pass timed inside the process (parse + extract + text of every page,
#     after imports and file reads), and the whole process timed too.
#
# Prints one table: extractor, version, F1 zh / other / all, MB/s (bytes of the pages per
# second), pages/s, and the throughput as a multiple of the gumbo floor's and of
# readability-lxml's.
#
# Environment:
#   PAGES_ROUNDS=5     interleaved rounds
#   PAGES_PASSES=3     timed passes per peer process
#   PAGES_VERBOSE=1    as --verbose: keep predictions, score.py --verbose output, the per-page F1
#                      of every extractor (per-page.tsv), all timings and the table in PAGES_OUT
#   PAGES_OUT=build/bench/pages
#   PAGES_NO_INSTALL=1 install nothing; skip a peer that is missing
#   CORPUS_CLEAN=PATH  the corpus-clean binary to measure (default: the release build's)
#   PYTHON=/usr/bin/python3, NODE=node, NPM=npm
#   BENCH_NODE_DIR     where the npm packages go (default:
#                      ${XDG_CACHE_HOME:-$HOME/.cache}/corpus-clean/bench-node)
set -euo pipefail
export LC_ALL=C  # '.' as the decimal point of EPOCHREALTIME and awk

usage() { sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"; }

verbose=${PAGES_VERBOSE:-0}
pages_arg=
while [ $# -gt 0 ]; do
  case $1 in
    -v | --verbose) verbose=1 ;;
    -h | --help) usage; exit 0 ;;
    -*) echo "bench/pages.sh: unknown option '$1'" >&2; usage >&2; exit 2 ;;
    *)
      [ -z "$pages_arg" ] || { echo "bench/pages.sh: one PAGES_DIR at most" >&2; exit 2; }
      pages_arg=$1
      ;;
  esac
  shift
done
[ "$verbose" = 0 ] || verbose=1

# Paths given by the caller are relative to the caller's directory; the rest to the checkout.
absolute() { case $1 in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
[ -z "$pages_arg" ] || pages_arg=$(absolute "$pages_arg")
[ -z "${CORPUS_CLEAN:-}" ] || CORPUS_CLEAN=$(absolute "$CORPUS_CLEAN")
[ -z "${PAGES_OUT:-}" ] || PAGES_OUT=$(absolute "$PAGES_OUT")
cd "$(dirname "$0")/.."
root=$PWD

pages=${pages_arg:-$root/../shared/pages}
if [ ! -d "$pages/html" ] || [ ! -f "$pages/gold.jsonl" ] || [ ! -f "$pages/score.py" ]; then
  echo "bench/pages.sh: no pages at $pages (html/, gold.jsonl, score.py): skipped"
  exit 0
fi
pages=$(cd "$pages" && pwd)
html=$pages/html
rounds=${PAGES_ROUNDS:-5}
passes=${PAGES_PASSES:-3}
for n in "$rounds" "$passes"; do
  case $n in '' | *[!0-9]* | 0) echo "bench/pages.sh: PAGES_ROUNDS and PAGES_PASSES are counts of 1 or more" >&2; exit 2 ;; esac
done
out=${PAGES_OUT:-$root/build/bench/pages}
python=${PYTHON:-/usr/bin/python3}
node=${NODE:-node}
npm=${NPM:-npm}
node_dir=${BENCH_NODE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/corpus-clean/bench-node}
# The npm packages, pinned so that runs compare.
readability_js=0.6.0
linkedom_js=0.18.15

command -v "$python" >/dev/null || { echo "bench/pages.sh: needs $python (for score.py)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
log=$work/install.log

# --- Build -------------------------------------------------------------------------------------
targets=(gumbo_baseline)
[ -n "${CORPUS_CLEAN:-}" ] || targets+=(corpus-clean)
if ! { cmake --preset release && cmake --build --preset release -j "$(nproc)" --target "${targets[@]}"; } \
  >"$work/build.log" 2>&1; then
  cat "$work/build.log" >&2
  echo "bench/pages.sh: the release build failed" >&2
  exit 1
fi
cc=${CORPUS_CLEAN:-$root/build/release/corpus-clean}
floor=$root/build/release/bench/gumbo_baseline
[ -x "$cc" ] || { echo "bench/pages.sh: no corpus-clean binary at $cc" >&2; exit 1; }

# --- Peers: install what is missing, or skip ------------------------------------------------------
as_root() {  # as_root COMMAND...: as root, through sudo (never prompting) when not root
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null; then
    sudo -n "$@"
  else
    return 1
  fi
}
apt_install() {  # apt_install PACKAGE...: non-interactive; refreshes the lists once if it fails
  command -v apt-get >/dev/null || return 1
  local install=(env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@")
  as_root "${install[@]}" </dev/null >>"$log" 2>&1 && return 0
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q </dev/null >>"$log" 2>&1 &&
    as_root "${install[@]}" </dev/null >>"$log" 2>&1
}
install_failed() {  # install_failed WHAT: says why a peer is skipped, with the end of the log
  echo "$1: could not be installed, skipped; the end of the install log:"
  tail -n 5 "$log" 2>/dev/null | sed 's/^/    /'
}

have_rl() { "$python" -c 'import readability, lxml' 2>/dev/null; }
rl=no
if have_rl; then
  rl=yes
elif [ "${PAGES_NO_INSTALL:-0}" = 1 ]; then
  echo "readability-lxml: not installed for $python (Debian: python3-readability), skipped"
else
  echo "readability-lxml: installing the Debian package python3-readability"
  if apt_install python3-readability && have_rl; then rl=yes; else install_failed readability-lxml; fi
fi
if [ "$rl" = yes ]; then
  rl_version=$("$python" -c 'import importlib.metadata as m
print(m.version("readability-lxml"), "+ lxml", m.version("lxml"))' 2>/dev/null || echo "?")
  debian=$(dpkg-query -W -f '${Version}' python3-readability 2>/dev/null) &&
    rl_version="$rl_version (Debian $debian)"
fi

js_version() {  # js_version PACKAGE: the version installed in $node_dir, or nothing
  "$node" -p 'require(process.argv[1]).version' "$node_dir/node_modules/$1/package.json" 2>/dev/null
}
have_js() {
  [ "$(js_version @mozilla/readability)" = "$readability_js" ] && [ "$(js_version linkedom)" = "$linkedom_js" ]
}
moz=no
if ! command -v "$node" >/dev/null; then
  echo "Mozilla Readability: no Node.js ($node), skipped"
elif have_js; then
  moz=yes
elif [ "${PAGES_NO_INSTALL:-0}" = 1 ]; then
  echo "Mozilla Readability: @mozilla/readability $readability_js and linkedom $linkedom_js" \
    "not in $node_dir, skipped"
elif ! command -v "$npm" >/dev/null; then
  echo "Mozilla Readability: no npm ($npm) to install it with, skipped"
else
  echo "Mozilla Readability: installing @mozilla/readability $readability_js and linkedom" \
    "$linkedom_js with npm into $node_dir"
  mkdir -p "$node_dir"
  cat >"$node_dir/package.json" <<JSON
{
  "name": "corpus-clean-bench-node",
  "private": true,
  "description": "Peer extractors for corpus-clean's bench/pages.sh",
  "dependencies": {"@mozilla/readability": "$readability_js", "linkedom": "$linkedom_js"}
}
JSON
  if (cd "$node_dir" && "$npm" install --no-audit --no-fund --loglevel=error) </dev/null >>"$log" 2>&1 &&
    have_js; then
    moz=yes
  else
    install_failed "Mozilla Readability"
  fi
fi
[ "$moz" = no ] ||
  moz_version="$readability_js + linkedom $linkedom_js, Node.js $("$node" --version | sed 's/^v//')"
cc_version=$("$cc" --version | head -n 1 | sed 's/^corpus-clean //')
floor_version="gumbo $(pkg-config --modversion gumbo 2>/dev/null || echo '?')"

# --- Predictions and quality ------------------------------------------------------------------------
n_pages=$(find "$html" -type f -name '*.html' | wc -l)
bytes=$(find "$html" -type f -name '*.html' -printf '%s\n' | awk '{s += $1} END {print s + 0}')
echo "pages: $n_pages, $(awk -v b="$bytes" 'BEGIN {printf "%.1f", b / 1e6}') MB ($html)"
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'); $(date -u +%Y-%m-%d)," \
  "corpus-clean $cc_version"
echo "rounds: $rounds, interleaved; timed passes per peer process: $passes"

# corpus-clean writes its predictions in a run of its own, not timed; the peers write theirs
# from their first pass, in every round.
"$cc" "$html" -o "$work/pred-corpus-clean.jsonl" -j1 -q

results=$work/runs.txt  # lines: LABEL wall|pass SECONDS
: >"$results"
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.6f", b - a}'; }
timed() {  # timed LABEL COMMAND...: whole-process wall time; stdout kept in $work/LABEL.out
  local label=$1 start end
  shift
  start=$EPOCHREALTIME
  if ! "$@" >"$work/$label.out" 2>"$work/$label.err"; then
    echo "bench/pages.sh: $label failed:" >&2
    sed 's/^/    /' "$work/$label.err" >&2
    return 1
  fi
  end=$EPOCHREALTIME
  echo "$label wall $(elapsed "$start" "$end")" >>"$results"
}
peer() {  # peer LABEL COMMAND...: a peer process; also records the seconds of each of its passes
  local label=$1
  timed "$@" || return 1
  sed -n 's/.*"pass_seconds": *\[\([^]]*\)\].*/\1/p' "$work/$label.out" | tr ',' '\n' |
    awk -v l="$label" 'NF {print l, "pass", $1 + 0}' >>"$results"
}
for ((r = 1; r <= rounds; r++)); do
  timed floor "$floor" "$html"
  timed corpus-clean "$cc" "$html" -o /dev/null -j1 -q
  if [ "$rl" = yes ]; then
    peer readability-lxml "$python" bench/peer_pages_readability.py "$html" \
      "$work/pred-readability-lxml.jsonl" --passes "$passes" || rl=failed
  fi
  if [ "$moz" = yes ]; then
    peer mozilla "$node" bench/peer_pages_mozilla.mjs "$node_dir" "$html" \
      "$work/pred-mozilla.jsonl" --passes "$passes" || moz=failed
  fi
done

median() {  # median LABEL KIND: the median of the LABEL KIND seconds, or nothing
  awk -v l="$1" -v k="$2" '$1 == l && $2 == k {print $3}' "$results" | sort -g |
    awk '{a[NR] = $1} END {if (NR) printf "%.6f", NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'
}
overhead() {  # overhead LABEL: the median, over processes, of wall time less the passes' time
  awk -v l="$1" -v n="$passes" '$1 == l && $2 == "wall" {w[++nw] = $3}
    $1 == l && $2 == "pass" {np++; p[int((np - 1) / n) + 1] += $3}
    END {for (i = 1; i <= nw; i++) print w[i] - p[i]}' "$results" | sort -g |
    awk '{a[NR] = $1} END {if (NR) printf "%.6f", NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'
}
f1s() {  # f1s PRED: "zh other all" macro F1 from score.py, '-' for a language it did not print
  "$python" "$pages/score.py" "$pages/gold.jsonl" "$1" |
    awk '{for (i = 1; i <= NF; i++) if ($(i + 1) == "F1") f[$i] = $(i + 2)}
      END {printf "%s %s %s", ("zh:" in f) ? f["zh:"] : "-", ("other:" in f) ? f["other:"] : "-",
        ("all:" in f) ? f["all:"] : "-"}'
}

# The table's rows, tab-separated: label, name, version, seconds (of throughput), F1 zh other all.
rows=$work/rows.tsv
: >"$rows"
echo -e "floor\tgumbo parse-only floor\t$floor_version\t$(median floor wall)\t-\t-\t-" >>"$rows"
tools=(corpus-clean)
echo -e "corpus-clean\tcorpus-clean -j1\t$cc_version\t$(median corpus-clean wall)\t$(f1s "$work/pred-corpus-clean.jsonl" | tr ' ' '\t')" >>"$rows"
if [ "$rl" = yes ]; then
  tools+=(readability-lxml)
  echo -e "readability-lxml\treadability-lxml\t$rl_version\t$(median readability-lxml pass)\t$(f1s "$work/pred-readability-lxml.jsonl" | tr ' ' '\t')" >>"$rows"
fi
if [ "$moz" = yes ]; then
  tools+=(mozilla)
  echo -e "mozilla\tMozilla Readability\t$moz_version\t$(median mozilla pass)\t$(f1s "$work/pred-mozilla.jsonl" | tr ' ' '\t')" >>"$rows"
fi

table() {  # table plain|markdown
  awk -F '\t' -v style="$1" -v bytes="$bytes" -v pages="$n_pages" '
    {label[NR] = $1; name[NR] = $2; version[NR] = $3; sec[NR] = $4; zh[NR] = $5; other[NR] = $6; all[NR] = $7
     if ($1 == "floor") floor = $4; if ($1 == "readability-lxml") rl = $4}
    function ratio(base, s) { return base == "" ? "-" : sprintf("%.2f", base / s) }
    END {
      if (style == "markdown") {
        print "| extractor | version | F1 zh | F1 other | F1 all | MB/s | pages/s | × gumbo floor | × readability-lxml |"
        print "|---|---|---|---|---|---|---|---|---|"
      } else {
        printf "%-24s %-44s %6s %8s %6s %7s %8s %7s %8s\n", "extractor", "version", "F1 zh", "F1 other",
          "F1 all", "MB/s", "pages/s", "x floor", "x rl-lxml"
      }
      for (i = 1; i <= NR; i++) {
        mbs = sprintf("%.2f", bytes / 1e6 / sec[i]); ps = sprintf("%.1f", pages / sec[i])
        if (style == "markdown")
          printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", name[i], version[i], zh[i], other[i],
            all[i], mbs, ps, ratio(floor, sec[i]), ratio(rl, sec[i])
        else
          printf "%-24s %-44s %6s %8s %6s %7s %8s %7s %8s\n", name[i], version[i], zh[i], other[i], all[i],
            mbs, ps, ratio(floor, sec[i]), ratio(rl, sec[i])
      }
    }' "$rows"
}
notes() {
  echo "Throughput: the gumbo floor and corpus-clean, median of their whole-process wall times (one"
  echo "run per round, $rounds rounds); the peers, median of their timed in-process passes ($passes per"
  echo "process and round: parse + extract + text of every page, after imports and file reads)."
  local label name failed
  for label in readability-lxml mozilla; do
    [ -n "$(median "$label" wall)" ] || continue
    name=$label
    [ "$label" = mozilla ] && name="Mozilla Readability"
    awk -v n="$name" -v w="$(median "$label" wall)" -v o="$(overhead "$label")" 'BEGIN {
      printf "%s, whole process: %.2f s (median), of which %.2f s outside the passes (start-up,\n", n, w, o
      printf "  imports, reads, writing)\n"}'
    failed=$(sed -n 's/.*"failed": *\([0-9]*\).*/\1/p' "$work/$label.out")
    [ "${failed:-0}" = 0 ] ||
      echo "  no text for $failed of the $n_pages pages (it raised or found no article): scored as empty"
  done
}
echo
table plain
echo
notes
[ "$rl" != failed ] || echo "readability-lxml failed during the run: left out"
[ "$moz" != failed ] || echo "Mozilla Readability failed during the run: left out"

# --- Kept for inspection ------------------------------------------------------------------------
if [ "$verbose" = 1 ]; then
  mkdir -p "$out"
  per_page=()
  for t in "${tools[@]}"; do
    cp "$work/pred-$t.jsonl" "$out/pred-$t.jsonl"
    "$python" "$pages/score.py" "$pages/gold.jsonl" "$work/pred-$t.jsonl" --verbose >"$out/score-$t.txt"
    per_page+=("$t=$work/pred-$t.jsonl")
  done
  "$python" bench/pages_per_page.py "$pages/gold.jsonl" "$pages/score.py" "$out/per-page.tsv" "${per_page[@]}"
  cp "$results" "$out/runs.txt"
  {
    echo "pages: $n_pages, $bytes bytes ($html); $(date -u +%Y-%m-%d); corpus-clean $cc_version"
    echo
    table markdown
    echo
    notes
  } >"$out/table.md"
  echo
  echo "kept in $out: predictions (pred-*.jsonl), score.py --verbose (score-*.txt), the per-page F1"
  echo "of each extractor (per-page.tsv), all timings (runs.txt), the table in Markdown (table.md)"
fi
