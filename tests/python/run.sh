#!/usr/bin/env bash
# The Python tests (pytest) on the module of a build tree, against that tree's CLI. Exit 77
# (skipped) when pytest is not installed for the interpreter.
# Usage: tests/python/run.sh PYTHON MODULE_DIR PATH/TO/corpus-clean [LIBRARIES_TO_PRELOAD]
# The sanitizer build gives its ASan runtime and libstdc++ (space-separated) as
# LIBRARIES_TO_PRELOAD: an interpreter that is not built with ASan must load them before
# anything else to load the module and throw C++ exceptions in it.
set -uo pipefail
python=$1 module_dir=$2 cli=$3 preload=${4:-}
if ! "$python" -c 'import pytest' 2>/dev/null; then
  echo "skip: pytest is not installed for $python (Debian package python3-pytest)"
  exit 77
fi
export PYTHONPATH=$module_dir${PYTHONPATH:+:$PYTHONPATH}
export CORPUS_CLEAN_CLI=$cli
export PYTHONDONTWRITEBYTECODE=1  # nothing written into the source tree
if [ -n "$preload" ]; then
  export LD_PRELOAD=$preload
  # The interpreter keeps its objects to the end on purpose: leaks are the C++ tests' to find.
  export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1
fi
exec "$python" -m pytest -q -p no:cacheprovider "$(dirname "$0")"
