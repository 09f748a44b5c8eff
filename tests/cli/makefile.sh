#!/usr/bin/env bash
# The README's Makefile example, run as it is written there (taken from the README itself, so
# that the two cannot drift): a first make builds one record file per post and the merged
# corpus; after one post is touched, a second make cleans that post only. Each check says in
# one line what it shows. Exit 77 (skipped) without make or zstd.
# Usage: tests/cli/makefile.sh PATH/TO/corpus-clean PATH/TO/make_corpus SHARED_CORPUS
set -uo pipefail
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
make_corpus=$2 shared=$3
for tool in make:make zstd:zstd; do
  if ! command -v "${tool%%:*}" >/dev/null 2>&1; then
    echo "skip: ${tool%%:*} is not installed (Debian package ${tool#*:})"
    exit 77
  fi
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/lib.sh"

# The block between "A Makefile that cleans only the inputs that changed" and the end of the
# ```make fence that follows it.
awk '/A Makefile that cleans only the inputs that changed/ { found = 1 }
     found && /^```make$/ { inside = 1; next }
     inside && /^```$/ { exit }
     inside { print }' README.md >"$tmp/Makefile"
check "the README holds the Makefile example" grep -q 'corpus-clean .*-o \$@' "$tmp/Makefile"
check "... with its recipe lines indented by tabs, as make needs" grep -q $'^\tcorpus-clean' "$tmp/Makefile"

source_dir=$shared
[ -d "$source_dir" ] || source_dir=tests/corpus
"$make_corpus" "$source_dir" "$tmp/data" 6 13 >/dev/null
# corpus-clean as the Makefile finds it on PATH, noting each call.
mkdir "$tmp/bin"
printf '#!/bin/sh\necho "corpus-clean $*" >>"%s/calls.log"\nexec "%s" "$@"\n' "$tmp" "$bin" \
  >"$tmp/bin/corpus-clean"
chmod +x "$tmp/bin/corpus-clean"
export PATH="$tmp/bin:$PATH"
records() { zstd -dc "$tmp/corpus.jsonl.zst" | wc -l; }

(cd "$tmp" && make >"$tmp/make1.log" 2>&1)
check "a first make: exit 0" test $? -eq 0 || cat "$tmp/make1.log"
check "a first make: corpus-clean once per post" test "$(wc -l <"$tmp/calls.log")" -eq 6
check "a first make: one record file per post" test "$(find "$tmp/out" -name '*.jsonl' | wc -l)" -eq 6
check "a first make: the merged corpus holds every record" test "$(records)" -eq 6
check "a first make: ... in sorted order" \
  bash -c "zstd -dc '$tmp/corpus.jsonl.zst' | jq -r .id | LC_ALL=C sort -c"

# Every file as old as every other, then one post edited: only its record is out of date.
find "$tmp/data" "$tmp/out" "$tmp/corpus.jsonl.zst" -exec touch -d '2020-01-01 00:00:00' {} +
: >"$tmp/calls.log"
touch "$tmp/data/0/0000003.md"
(cd "$tmp" && make >"$tmp/make2.log" 2>&1)
check "a second make after touching one post: exit 0" test $? -eq 0 || cat "$tmp/make2.log"
check "a second make: corpus-clean for that post only" \
  test "$(cat "$tmp/calls.log")" = "corpus-clean --quiet data/0/0000003.md -o out/0/0000003.jsonl"
check "a second make: the merged corpus again holds every record" test "$(records)" -eq 6
(cd "$tmp" && make -q)
check "a third make has nothing to do" test $? -eq 0
sed 's/^/second make: /' "$tmp/make2.log"

finish makefile
