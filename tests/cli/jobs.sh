#!/usr/bin/env bash
# -j1, -j2 and -j8 write the same bytes, on a generated corpus of 300 posts.
set -euo pipefail
bin=$1 make_corpus=$2 shared=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
source_dir=$shared
[ -d "$source_dir" ] || source_dir=tests/corpus
"$make_corpus" "$source_dir" "$tmp/corpus" 300 7 >/dev/null
for j in 1 2 8; do
  "$bin" --quiet -j "$j" "$tmp/corpus" -o "$tmp/out-$j.jsonl"
done
[ "$(wc -l <"$tmp/out-1.jsonl")" -eq 300 ] || { echo "expected 300 records"; exit 1; }
cmp "$tmp/out-1.jsonl" "$tmp/out-2.jsonl"
cmp "$tmp/out-1.jsonl" "$tmp/out-8.jsonl"
echo "jobs: 3 passed, 0 failed"
