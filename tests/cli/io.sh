#!/usr/bin/env bash
# Input and output conventions: compression, stdin, statistics, filters, closed pipes, full
# disks, killed runs, progress. Each check says in one line what it shows.
# Usage: tests/cli/io.sh PATH/TO/corpus-clean PATH/TO/make_corpus SHARED_CORPUS
set -uo pipefail
bin=$1 make_corpus=$2 shared=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/lib.sh"
jqe() { jq -e "$@" >/dev/null; }

"$bin" -q seeds/ -o "$tmp/out.jsonl.zst"
check "-o x.jsonl.zst writes zstd that zstd -dc reads: 5 titles" \
  test "$(zstd -dc "$tmp/out.jsonl.zst" | jq -c .title | wc -l)" -eq 5
"$bin" -q seeds/ -o "$tmp/out.jsonl.gz"
check "-o x.jsonl.gz writes gzip: 5 titles" test "$(gzip -dc "$tmp/out.jsonl.gz" | jq -c .title | wc -l)" -eq 5
"$bin" -q seeds/ -o "$tmp/plain.jsonl"
check "compressed output holds the same records" \
  bash -c "zstd -dc '$tmp/out.jsonl.zst' | cmp -s - '$tmp/plain.jsonl' && gzip -dc '$tmp/out.jsonl.gz' | cmp -s - '$tmp/plain.jsonl'"

mkdir -p "$tmp/zin"
gzip -c seeds/000_847a8487eada5079.txt >"$tmp/zin/a.txt.gz"
zstd -q seeds/001_8115ea56f20be9c7.txt -o "$tmp/zin/b.txt.zst"
"$bin" -q "$tmp/zin" -o "$tmp/zin.jsonl"
check "compressed inputs are read: .gz and .zst" \
  bash -c "jq -r .title '$tmp/zin.jsonl' | grep -q '商务部谈中俄贸易' && jq -r .title '$tmp/zin.jsonl' | grep -q '商务部谈中俄经贸'"
# The front matter limits, each with its flag: seed 000's front matter is 7 keys, one a list of
# 3 (11 nodes, 2 levels deep).
seed0=seeds/000_847a8487eada5079.txt
limit_error() {  # limit_error FLAG VALUE: the error line of seed 000 under that limit
  "$bin" -q "$1" "$2" "$seed0" -o "$tmp/limit.jsonl" --errors "$tmp/limit.err.jsonl" 2>/dev/null
  echo "$? $(jq -r '[.code, .message] | join(": ")' "$tmp/limit.err.jsonl")"
}
check "--max-yaml-nodes 10 refuses seed 000's 11 nodes, naming the flag" \
  grep -q '^1 yaml_limit: .*more than 10 nodes (--max-yaml-nodes)$' <<<"$(limit_error --max-yaml-nodes 10)"
check "--max-yaml-nodes 11 accepts it" grep -q '^0 $' <<<"$(limit_error --max-yaml-nodes 11)"
check "--max-yaml-depth 1 refuses its list, naming the flag" \
  grep -q '^1 yaml_limit: .*nested deeper than 1 (--max-yaml-depth)$' <<<"$(limit_error --max-yaml-depth 1)"
check "--max-front-matter-bytes 100 refuses it, naming the flag" \
  grep -q '^1 yaml_limit: .*over the limit of 100 (--max-front-matter-bytes)$' \
  <<<"$(limit_error --max-front-matter-bytes 100)"
"$bin" -q --max-yaml-depth 0 "$seed0" >/dev/null 2>"$tmp/range.err"
check "--max-yaml-depth 0 is a usage error (exit 2)" \
  bash -c "test $? -eq 2 && grep -q 'not in range 1 to 1000' '$tmp/range.err'"

head -c 100000 /dev/zero | gzip -c >"$tmp/bomb.md.gz"
"$bin" -q --max-bytes 50000 "$tmp/bomb.md.gz" -o "$tmp/bomb.jsonl" 2>"$tmp/bomb.err"
check "a gzip input that decompresses past --max-bytes is refused" grep -q "over the limit" "$tmp/bomb.err"
printf 'not gzip' >"$tmp/bad.md.gz"
"$bin" -q "$tmp/bad.md.gz" -o "$tmp/badz.jsonl" 2>"$tmp/badz.err"
check "a corrupt .gz is an error naming the file" grep -q "bad.md.gz: cannot decompress" "$tmp/badz.err"

"$bin" -q - <seeds/004_783ffd58e21b479d.txt >"$tmp/stdin.jsonl"
check "'-' reads one document from standard input" \
  bash -c "jq -e '.id == \"-\" and .site == \"finews\"' '$tmp/stdin.jsonl' >/dev/null"

"$bin" seeds/ missing.md -o "$tmp/st.jsonl" --stats "$tmp/stats.json" 2>/dev/null
check "--stats: inputs = records + dropped + failed" \
  jqe '.inputs == .records + .dropped + .failed and .inputs == 6 and .failed == 1' "$tmp/stats.json"
check "--stats: errors by stage and code, sites, rules, normalization" \
  jqe '.errors["discover/not_found"] == 1 and .sites.sina == 2 and (.rules | length) > 3 and .normalization.N6 >= 1' "$tmp/stats.json"
"$bin" -q seeds/ -o "$tmp/st2.jsonl" --stats - >"$tmp/stats-stdout.json"
check "--stats -: to stdout when the records go to a file" jqe '.records == 5' "$tmp/stats-stdout.json"

cp seeds/000_847a8487eada5079.txt "$tmp/dup1.txt"
cp seeds/000_847a8487eada5079.txt "$tmp/dup2.txt"
printf '短文。\n' >"$tmp/tiny.txt"
# dup1 is written; dup2 and seeds/000 repeat its text; 002 is report-preview; tiny is short.
"$bin" -q "$tmp/dup1.txt" "$tmp/dup2.txt" "$tmp/tiny.txt" seeds/ --dedup exact --min-chars 500 \
  --site sina --site finews --site generic -o "$tmp/filtered.jsonl" --stats "$tmp/fstats.json"
check "filters: --dedup exact, --min-chars, --site each counted as a drop with its reason" \
  jqe '.drops.duplicate == 2 and .drops.site == 1 and .drops.min_chars == 1 and .records == 4 and .inputs == .records + .dropped + .failed' "$tmp/fstats.json"

# Four times the seeds: 240 KB, more than a pipe holds, so the reader is gone before the run
# ends whatever the timing (seeds/ alone fits in the pipe and may finish first).
"$bin" seeds/ seeds/ seeds/ seeds/ 2>"$tmp/head.err" | head -1 >"$tmp/head.out"
status=${PIPESTATUS[0]}
check "| head -1: one line" test "$(wc -l <"$tmp/head.out")" -eq 1
check "| head -1: no error message, exit 0 or 141" \
  bash -c "[ ! -s '$tmp/head.err' ] && { [ $status -eq 0 ] || [ $status -eq 141 ]; }"

if [ -w /dev/full ]; then
  "$bin" seeds/ -o /dev/full 2>"$tmp/full.err"
  check "-o /dev/full: exit 3" test $? -eq 3
  check "-o /dev/full: says what failed" grep -q "/dev/full: .*No space left on device" "$tmp/full.err"
else
  skip "-o /dev/full" "/dev/full is not there or not writable"
fi

corpus=$tmp/corpus
"$make_corpus" "${shared}" "$corpus" 1500 3 >/dev/null 2>&1 || "$make_corpus" tests/corpus "$corpus" 1500 3 >/dev/null
"$bin" -q -j1 "$corpus" -o "$tmp/killed.jsonl" &
pid=$!
sleep 0.3
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
check "a run killed halfway leaves no output file" test ! -e "$tmp/killed.jsonl"
check "... and no temporary file that looks like output" bash -c "! ls '$tmp' | grep -q '^killed.jsonl'"

if command -v script >/dev/null; then
  script -qec "'$bin' -j1 '$corpus' -o '$tmp/pty.jsonl'" /dev/null >"$tmp/pty.out" 2>&1
  check "progress is drawn on a terminal" grep -q "files .*MB/s .*ETA" "$tmp/pty.out"
else
  skip "progress on a terminal" "script is not installed: Debian package bsdutils"
fi
"$bin" -j1 "$corpus" -o "$tmp/pipe.jsonl" 2>&1 | cat >"$tmp/pipe.out"
check "no progress into a pipe" bash -c "! grep -q 'ETA' '$tmp/pipe.out'"
"$bin" -q -j1 --progress "$corpus" -o "$tmp/forced.jsonl" 2>"$tmp/forced.err"
check "--progress forces it" grep -q "ETA" "$tmp/forced.err"

finish io
