#!/usr/bin/env bash
# Scale-out: GNU parallel over --shard K/4 gives exactly a single run's records, every input in
# exactly one shard; shards 1..3 of 3 cover every input once, each where the documented hash
# (xxh3-64 of the id, mod N, plus one) puts it; `parallel --pipe` over --files-from - gives the
# records of one --files-from run. Exit 77 (skipped) without GNU parallel.
# Usage: tests/cli/parallel.sh PATH/TO/corpus-clean PATH/TO/make_corpus SHARED_CORPUS_DIR
set -uo pipefail
bin=$1 make_corpus=$2 shared=$3
if ! command -v parallel >/dev/null 2>&1; then
  echo "skip: GNU parallel is not installed (Debian package parallel)"
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C
. "$(dirname "$0")/lib.sh"
same() { cmp -s "$1" "$2" || { diff "$1" "$2" | head -n 5 | cut -c 1-160; false; }; }
no_duplicates() { [ -z "$(uniq -d "$1")" ]; }

source_dir=$shared
[ -d "$source_dir" ] || source_dir=tests/corpus
n=200
"$make_corpus" "$source_dir" "$tmp/corpus" "$n" 11 >/dev/null
(cd "$tmp/corpus" && find . -type f | sed 's|^\./||' | sort) >"$tmp/inputs"
check "the generated corpus has $n inputs" [ "$(wc -l <"$tmp/inputs")" -eq "$n" ]

"$bin" --quiet "$tmp/corpus" -o "$tmp/single.jsonl"
check "a single run: exit 0" [ $? -eq 0 ]
check "a single run: one record per input" [ "$(wc -l <"$tmp/single.jsonl")" -eq "$n" ]
sort "$tmp/single.jsonl" >"$tmp/single.sorted"

# --- GNU parallel over 4 shards -------------------------------------------------------------

parallel --will-cite -q "$bin" --quiet --shard {}/4 "$tmp/corpus" -o "$tmp/part-{}.jsonl" \
  ::: 1 2 3 4 2>"$tmp/parallel.err"
check "parallel over --shard K/4: every job exits 0" [ $? -eq 0 ] || cat "$tmp/parallel.err"
cat "$tmp"/part-[1-4].jsonl | sort >"$tmp/merged.sorted"
check "4 shards merged = a single run's records" same "$tmp/merged.sorted" "$tmp/single.sorted"
cat "$tmp"/part-[1-4].jsonl | jq -r .id | sort >"$tmp/ids-4"
check "4 shards: no input in two shards" no_duplicates "$tmp/ids-4"
check "4 shards: every input in one" same "$tmp/ids-4" "$tmp/inputs"
for k in 1 2 3 4; do
  check "shard $k/4 is not empty" [ -s "$tmp/part-$k.jsonl" ]
done

# --- shards 1..3 of 3, and the documented hash ----------------------------------------------

for k in 1 2 3; do
  "$bin" --quiet --shard "$k/3" "$tmp/corpus" | jq -r .id >"$tmp/ids-3-$k"
done
sort "$tmp"/ids-3-[1-3] >"$tmp/ids-3"
check "3 shards: no input in two shards" no_duplicates "$tmp/ids-3"
check "3 shards: every input in one" same "$tmp/ids-3" "$tmp/inputs"

# shard = xxh3_64(id) mod N + 1, the hash as `xxhsum -H3` prints it (unsigned 64-bit mod N,
# taken in two 32-bit halves because bash's arithmetic is signed).
shard_of() {  # shard_of ID N
  local hex
  hex=$(printf %s "$1" | xxhsum -H3 - | awk '{print $NF}')
  echo $(((((16#${hex:0:8} % $2) * (4294967296 % $2) + 16#${hex:8:8} % $2) % $2) + 1))
}
if command -v xxhsum >/dev/null 2>&1; then
  wrong=0
  for k in 1 2 3; do
    while read -r id; do
      if [ "$(shard_of "$id" 3)" -ne "$k" ]; then
        [ "$wrong" -lt 5 ] && echo "$id: in shard $k/3, the hash says $(shard_of "$id" 3)/3"
        wrong=$((wrong + 1))
      fi
    done <"$tmp/ids-3-$k"
  done
  check "3 shards: each input where xxh3-64(id) mod 3 + 1 puts it" [ "$wrong" -eq 0 ]
else
  skip "the documented hash" "xxhsum is not installed: Debian package xxhash"
fi

"$bin" --quiet --shard 5/4 "$tmp/corpus" >/dev/null 2>&1
check "--shard 5/4: usage error, exit 2" [ $? -eq 2 ]

# --- parallel --pipe over --files-from - ----------------------------------------------------

sed "s|^|$tmp/corpus/|" "$tmp/inputs" >"$tmp/paths"
"$bin" --quiet --files-from - <"$tmp/paths" | sort >"$tmp/list.sorted"
parallel --will-cite --pipe -N 30 --keep-order -q "$bin" --quiet --files-from - \
  <"$tmp/paths" >"$tmp/piped.jsonl" 2>"$tmp/parallel.err"
check "parallel --pipe over --files-from -: exit 0" [ $? -eq 0 ] || cat "$tmp/parallel.err"
check "parallel --pipe: $n records" [ "$(wc -l <"$tmp/piped.jsonl")" -eq "$n" ]
sort "$tmp/piped.jsonl" >"$tmp/piped.sorted"
check "parallel --pipe = one --files-from run's records" same "$tmp/piped.sorted" "$tmp/list.sorted"

finish parallel
