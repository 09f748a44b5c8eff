#!/usr/bin/env bash
# Throughput of the Python module: one Cleaner on one and on two threads, against the CLI's
# -j1 and -j2, over the generated corpus (bench/python_threads.py prints the figures).
#
#   bench/python.sh [POSTS] [RUNS]        (defaults: 5000 posts, 3 interleaved runs)
#
# Uses the release preset, built with the module (python3-dev and pybind11-dev).
set -euo pipefail
cd "$(dirname "$0")/.."
posts=${1:-5000}
runs=${2:-3}
shared=${CORPUS_CLEAN_SHARED_CORPUS:-../shared/corpus}
bin=build/release

cmake --preset release -DCORPUS_CLEAN_BUILD_TESTS=OFF >/dev/null
cmake --build --preset release -j "$(nproc)" --target corpus-clean make_corpus \
  corpus_clean_python >/dev/null
python=$(sed -n 's/^Python3_EXECUTABLE:[A-Z]*=//p' "$bin/CMakeCache.txt")
. bench/corpus.sh
corpus=$(corpus_for "$posts")

# The ratios need the cores to themselves: the load average says whether they had them.
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'); $("$python" --version)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
PYTHONPATH=$bin/python "$python" bench/python_threads.py "$corpus" "$bin/corpus-clean" "$runs"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
