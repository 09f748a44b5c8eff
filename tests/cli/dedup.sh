#!/usr/bin/env bash
# Near duplicates: --dedup near in one run (counted drops, the log, the same bytes for any -j),
# `corpus-clean dedup` over 4 shards and by band deciding as the single run does, its errors,
# and the real cross-source duplicates of the shared corpus (when it is there).
# Usage: tests/cli/dedup.sh PATH/TO/corpus-clean PATH/TO/make_corpus SHARED_CORPUS_DIR
set -uo pipefail
bin=$1 make_corpus=$2 shared=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C
. "$(dirname "$0")/lib.sh"
same() { cmp -s "$1" "$2" || { diff "$1" "$2" | head -n 5 | cut -c 1-200; false; }; }
run() {
  "$bin" "$@" >"$tmp/stdout" 2>"$tmp/stderr"
  echo $? >"$tmp/status"
}
status() { [ "$(cat "$tmp/status")" = "$1" ]; }
stderr_has() { grep -qF -- "$1" "$tmp/stderr" || { cat "$tmp/stderr"; false; }; }

# --- a story, its edited copies, another story ------------------------------------------------
mkdir -p "$tmp/posts"
story='2月10日，在商务部例行新闻发布会上，发言人介绍了中俄贸易的情况。今年以来，中俄双边贸易保持快速增长势头，农产品、能源、机电产品等领域合作不断深化。
发言人表示，双方将继续推动双边经贸、能源等各领域合作齐头并进，扩大两国农产品贸易，培育数字经济、绿色低碳等新的增长点，为两国人民带来更多实实在在的好处。
商务部将会同有关部门，做好跨境电商、服务贸易等领域的对接工作，支持双方企业开展务实合作，共同维护产业链供应链稳定。'
post() { printf -- '---\ntitle: %s\n---\n%s\n' "$1" "$2" >"$tmp/posts/$3"; }
post "中俄贸易" "$story" a.md
post "中俄贸易（转载）" "$story
发言人还回答了记者关于其他议题的提问。" b.md
post "中俄贸易" "${story/快速增长/高速增长}" c.md
post "另一条" "3月5日，国家统计局发布数据显示，全国规模以上工业企业利润同比增长，制造业投资继续回升，高技术产业保持较快增长。" d.md
post "中俄贸易" "$story" e.md

run "$tmp/posts" --dedup near --dedup-log "$tmp/log.jsonl" --stats "$tmp/stats.json" -o "$tmp/near.jsonl"
check "--dedup near: exit 0" status 0
check "--dedup near: the story and the other story are kept" \
  [ "$(jq -r .id "$tmp/near.jsonl" | tr '\n' ' ')" = "a.md d.md " ]
check "--dedup near: drops counted as near_duplicate" \
  jq -e '.drops.near_duplicate == 3 and .inputs == .records + .dropped + .skipped + .failed' \
  "$tmp/stats.json" >/dev/null
check "--dedup-log: one line per drop, naming the kept record" \
  [ "$(jq -r '.id + ">" + .duplicate_of' "$tmp/log.jsonl" | tr '\n' ' ')" = "b.md>a.md c.md>a.md e.md>a.md " ]
check "--dedup-log: the similarity is an estimated Jaccard at or above 0.75" \
  jq -s -e 'all(.[]; .similarity >= 0.75 and .similarity <= 1) and .[2].similarity == 1' \
  "$tmp/log.jsonl" >/dev/null
run "$tmp/posts" --dedup exact,near --dedup-log "$tmp/log2.jsonl" -o "$tmp/both.jsonl" --stats -
check "--dedup exact,near: the exact copy is the exact filter's" \
  bash -c "grep -q '\"duplicate\": 1' '$tmp/stdout' && grep -q '\"near_duplicate\": 2' '$tmp/stdout'"
check "--dedup exact,near: the exact drop is logged with similarity 1" \
  grep -qF '{"id":"e.md","duplicate_of":"a.md","similarity":1}' "$tmp/log2.jsonl"
run "$tmp/posts" --dedup near --near-threshold 1 -o "$tmp/t1.jsonl"
check "--near-threshold 1: only the copy with the same text goes" \
  [ "$(wc -l <"$tmp/t1.jsonl")" -eq 4 ]
run "$tmp/posts" -o "$tmp/plain.jsonl"
check "without --dedup: every record" [ "$(wc -l <"$tmp/plain.jsonl")" -eq 5 ]
check "without --fingerprint: no minhash key" bash -c "! grep -q minhash '$tmp/plain.jsonl'"

# --- usage errors --------------------------------------------------------------------------------
run "$tmp/posts" --dedup fuzzy
check "--dedup fuzzy: a usage error that says what is allowed" \
  bash -c "[ \$(cat '$tmp/status') = 2 ] && grep -qF \"is not exact, near or exact,near\" '$tmp/stderr'"
run "$tmp/posts" --dedup near --near-bands 7
check "--near-bands that does not divide the values: usage error" \
  bash -c "[ \$(cat '$tmp/status') = 2 ] && grep -qF 'must divide' '$tmp/stderr'"
run "$tmp/posts" --dedup-log "$tmp/x.jsonl"
check "--dedup-log without --dedup: usage error" status 2
run "$tmp/posts" --dedup near --dedup-log "$tmp/nodir/log.jsonl"
check "--dedup-log into a missing directory: exit 3, named" \
  bash -c "[ \$(cat '$tmp/status') = 3 ] && grep -qF '$tmp/nodir/log.jsonl: cannot open' '$tmp/stderr'"

# --- -j1, -j2 and 4 shards through corpus-clean dedup: the same decisions -----------------------
source_dir=$shared
[ -d "$source_dir" ] || source_dir=tests/corpus
"$make_corpus" "$source_dir" "$tmp/corpus" 300 5 >/dev/null
cp "$tmp"/posts/*.md "$tmp/corpus/"
for j in 1 2; do
  "$bin" --quiet -j "$j" "$tmp/corpus" --dedup near --fingerprint --dedup-log "$tmp/log-$j.jsonl" \
    -o "$tmp/out-$j.jsonl"
done
check "-j1 and -j2: the same bytes" same "$tmp/out-1.jsonl" "$tmp/out-2.jsonl"
check "-j1 and -j2: the same log" same "$tmp/log-1.jsonl" "$tmp/log-2.jsonl"
check "the generated corpus has near duplicates to find" [ "$(wc -l <"$tmp/log-1.jsonl")" -ge 3 ]
for k in 1 2 3 4; do
  "$bin" --quiet --shard "$k/4" --fingerprint "$tmp/corpus" -o "$tmp/part-$k.jsonl"
done
gzip -k "$tmp/part-2.jsonl" && rm "$tmp/part-2.jsonl"
zstd -q --rm "$tmp/part-3.jsonl"
parts=("$tmp/part-1.jsonl" "$tmp/part-2.jsonl.gz" "$tmp/part-3.jsonl.zst" "$tmp/part-4.jsonl")
run dedup "${parts[@]}" -o "$tmp/kept.jsonl" --dedup-log "$tmp/merged-log.jsonl" \
  --drop-list "$tmp/drop.txt"
check "dedup over 4 shards: exit 0" status 0
check "dedup over 4 shards: the single run's log" same "$tmp/merged-log.jsonl" "$tmp/log-1.jsonl"
sort "$tmp/kept.jsonl" >"$tmp/kept.sorted"
sort "$tmp/out-1.jsonl" >"$tmp/single.sorted"
check "dedup over 4 shards: the single run's records" same "$tmp/kept.sorted" "$tmp/single.sorted"
check "--drop-list: the ids of the log" same "$tmp/drop.txt" <(jq -r .id "$tmp/log-1.jsonl")
check "dedup: the summary line" stderr_has "corpus-clean: dedup: $(wc -l <"$tmp/out-1.jsonl") kept, $(wc -l <"$tmp/drop.txt") dropped, 0 failed"
for b in 1-11 12-20 21-32; do
  "$bin" dedup -q "${parts[@]}" --bands "$b" --edges-out "$tmp/edges-$b.txt"
done
run dedup "${parts[@]}" --edges "$tmp/edges-1-11.txt" --edges "$tmp/edges-12-20.txt" \
  --edges "$tmp/edges-21-32.txt" --dedup-log "$tmp/band-log.jsonl"
check "dedup by band (3 jobs) then --edges: the single run's log" \
  same "$tmp/band-log.jsonl" "$tmp/log-1.jsonl"
run dedup "${parts[@]}" --edges "$tmp/edges-1-11.txt" --edges "$tmp/edges-12-20.txt" \
  --dedup-log "$tmp/x.jsonl"
check "--edges without every band: usage error naming the band" \
  bash -c "[ \$(cat '$tmp/status') = 2 ] && grep -qF 'band 21 0 times' '$tmp/stderr'"

# --- dedup's inputs that are not what it needs ------------------------------------------------
head -n 3 "$tmp/part-1.jsonl" >"$tmp/bad.jsonl"
printf 'not json\n' >>"$tmp/bad.jsonl"
"$bin" --quiet "$tmp/posts/d.md" >>"$tmp/bad.jsonl"  # no minhash key
run dedup "$tmp/bad.jsonl" -o "$tmp/bad-kept.jsonl"
check "dedup: a line that is not JSON is named by FILE:LINE" stderr_has "$tmp/bad.jsonl:4: not a JSON object"
check "dedup: a record without minhash says how to make one" stderr_has "$tmp/bad.jsonl:5: no \"minhash\" key"
check "dedup: such lines make exit status 1" status 1
check "dedup: and are kept as they were" [ "$(wc -l <"$tmp/bad-kept.jsonl")" -eq 5 ]
run dedup "$tmp/missing.jsonl" "$tmp/part-1.jsonl" --drop-list "$tmp/d.txt"
check "dedup: a missing file is named, the others read" \
  bash -c "[ \$(cat '$tmp/status') = 1 ] && grep -qF '$tmp/missing.jsonl: cannot open' '$tmp/stderr'"
run dedup "$tmp/part-1.jsonl"
check "dedup with nothing to write: usage error" status 2
run dedup - --drop-list "$tmp/d.txt"
check "dedup of standard input: usage error, it reads twice" status 2

# --- the real cross-source duplicates of the shared corpus -----------------------------------
if [ -d "$shared" ]; then
  run "$shared" --dedup near --dedup-log "$tmp/shared-log.jsonl" -o /dev/null
  pair() { jq -s -e --arg a "$1" --arg b "$2" 'any(.[]; .id == $a and .duplicate_of == $b)' \
    "$tmp/shared-log.jsonl" >/dev/null; }
  check "shared corpus: 上海市统计局's release via 上证报 and as published, a different first line" \
    pair "sina/1-5月上海房地产开发投资比去年同期下降180%。.md" "sina/1-5月上海市房地产开发投资同比下降180%.md"
  check "shared corpus: the 1-11月 industrial profits story under two titles" \
    pair "sina/1-11月规模以上工业企业中，私营企业实现利润总额249843亿元，增长279%.md" \
    "sina/1-11月份全国规模以上工业企业利润同比增长380% 两年平均增长189%.md"
  check "shared corpus: nothing else is a near duplicate" [ "$(wc -l <"$tmp/shared-log.jsonl")" -eq 2 ]
else
  skip "the shared corpus's duplicates" "$shared is not there"
fi

finish dedup
