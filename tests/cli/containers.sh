#!/usr/bin/env bash
# Crawls and dumps in: a WARC written by tests/cli/make_warc.py (gzip per record, chunked
# encoding, a GBK page with the charset only in the HTTP header, a redirect, a PDF, a revisit, a
# corrupt member, a truncated last member, ...) gives each document once, counts every skip
# and error by reason, and --stats adds up; the same for any -j, in plain and zstd files, from
# standard input, in a walk; --lang, --shard-by, --max-bytes; JSON Lines dumps, bad lines
# included, and corpus-clean's own output read back.
# Usage: tests/cli/containers.sh PATH/TO/corpus-clean   (run from the source tree)
set -uo pipefail
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C
. "$(dirname "$0")/lib.sh"
python=/usr/bin/python3
[ -x "$python" ] || python=python3
gen="$python $(dirname "$0")/make_warc.py"
same() { cmp -s "$1" "$2" || { diff "$1" "$2" | head -n 5 | cut -c 1-160; false; }; }
stat_is() { [ "$(jq -r "$2" "$1")" = "$3" ] || { echo "  $2 = $(jq -c "$2" "$1"), not $3"; false; }; }
adds_up() { jq -e '.inputs == .records + .dropped + .skipped + .failed' "$1" >/dev/null; }
jq_ok() { jq -e "$@" >/dev/null; }

# --- the generated crawl ----------------------------------------------------------------------
$gen cases "$tmp/crawl.warc.gz"
$gen cases --list >"$tmp/cases.tsv"
n_cases=$(wc -l <"$tmp/cases.tsv")
n_docs=$(grep -c '^doc' "$tmp/cases.tsv")
"$bin" "$tmp/crawl.warc.gz" -o "$tmp/out.jsonl" --stats "$tmp/stats.json" \
  --errors "$tmp/errors.jsonl" 2>"$tmp/stderr"
check "a crawl with errors in it: exit 1" [ $? -eq 1 ]
check "every case is an input ($n_cases)" stat_is "$tmp/stats.json" .inputs "$n_cases"
check "--stats adds up: inputs = records + dropped + skipped + failed" adds_up "$tmp/stats.json"
check "each document once ($n_docs records)" [ "$(jq -r .id "$tmp/out.jsonl" | sort -u | wc -l)" -eq "$n_docs" ]
check "the records are the documents, in file order" [ "$(jq -r .id "$tmp/out.jsonl" | sed 's/.*#//' | tr '\n' ' ')" = \
  "urn:uuid:00000000-0000-4000-8000-000000000001 urn:uuid:00000000-0000-4000-8000-000000000002 urn:uuid:00000000-0000-4000-8000-000000000003 urn:uuid:00000000-0000-4000-8000-000000000004 urn:uuid:00000000-0000-4000-8000-000000000005 " ]
grep '^skip:' "$tmp/cases.tsv" | cut -f1 | cut -d: -f2 | sort | uniq -c | awk '{print $2, $1}' >"$tmp/skips.want"
jq -r '.skips | to_entries[] | "\(.key) \(.value)"' "$tmp/stats.json" | sort >"$tmp/skips.got"
check "each skip counted by its reason" same "$tmp/skips.want" "$tmp/skips.got"
grep '^error:' "$tmp/cases.tsv" | cut -f1 | cut -d: -f2 | sort | uniq -c | awk '{print "read/" $2, $1}' >"$tmp/errors.want"
jq -r '.errors | to_entries[] | "\(.key) \(.value)"' "$tmp/stats.json" | sort >"$tmp/errors.got"
check "each error counted by its code" same "$tmp/errors.want" "$tmp/errors.got"
check "--errors: one line per error, with the file's path and the record's offset" \
  jq_ok -s --arg p "$tmp/crawl.warc.gz" 'length == 3 and all(.[]; .path == $p and (.offset | type) == "number")' "$tmp/errors.jsonl"
check "--errors: the truncated record is named by its WARC-Record-ID" \
  jq_ok -s 'any(.[]; .code == "truncated" and .record == "urn:uuid:00000000-0000-4000-8000-000000000006")' "$tmp/errors.jsonl"
check "stderr: an error names the file and the record's offset" \
  grep -qE "crawl.warc.gz: record at offset [0-9]+: corrupt gzip member" "$tmp/stderr"
check "the summary line counts the skips" grep -q "5 records, 0 dropped, 7 skipped, 3 failed (15 inputs)" "$tmp/stderr"
rec() { jq -c "select(.id | endswith(\"-00000000000$1\"))" "$tmp/out.jsonl"; }
check "a canonical link is the url, the fetched URL is crawl_url" \
  [ "$(rec 1 | jq -r '.url + " " + .crawl_url')" = "https://news.example.cn/2024/0510/a.html http://news.example.cn/a.html?from=rss" ]
check "no canonical link: the url is where it was fetched" [ "$(rec 2 | jq -r .url)" = "http://news.example.cn/b.html" ]
rec 2 | jq -r .text >"$tmp/rec2.txt"
check "chunked and gzip-encoded: the text is read" grep -q '^会议指出' "$tmp/rec2.txt"
check "GBK with the charset only in the HTTP header: the text is read" \
  [ "$(rec 3 | jq -r .title)" = "减轻经营主体负担" ]
check "the crawl's date is crawl_date, not date" [ "$(rec 1 | jq -r '.crawl_date + " " + (.date | tostring)')" = "2024-05-10T06:58:00Z null" ]
check "a text/plain resource is a text record" [ "$(rec 4 | jq -r .format)" = "text" ]
check "lang: zh for the Chinese pages, en for the English one" \
  [ "$(jq -r .lang "$tmp/out.jsonl" | tr '\n' ' ')" = "zh zh zh zh en " ]
check "the records validate against the schema" "$python" tests/validate_schema.py docs/record.schema.json "$tmp/out.jsonl"

# From here on the crawl's three errors are known: their messages are not shown again.
"$bin" -q -j1 "$tmp/crawl.warc.gz" -o "$tmp/j1.jsonl" 2>/dev/null
"$bin" -q -j4 "$tmp/crawl.warc.gz" -o "$tmp/j4.jsonl" 2>/dev/null
check "-j1 and -j4: the same bytes" same "$tmp/j1.jsonl" "$tmp/j4.jsonl"

"$bin" -q "$tmp/crawl.warc.gz" --lang zh -o "$tmp/zh.jsonl" --stats "$tmp/zh.json" 2>/dev/null
check "--lang zh: the English page is dropped, counted as lang" stat_is "$tmp/zh.json" .drops.lang 1
check "--lang zh: the Chinese pages are kept" [ "$(wc -l <"$tmp/zh.jsonl")" -eq $((n_docs - 1)) ]
"$bin" -q "$tmp/crawl.warc.gz" --lang ZH,en -o "$tmp/zhen.jsonl" 2>/dev/null
check "--lang ZH,en: a list, any case" [ "$(wc -l <"$tmp/zhen.jsonl")" -eq "$n_docs" ]
"$bin" "$tmp/crawl.warc.gz" --lang zh-CN >/dev/null 2>"$tmp/lang.err"
check "--lang zh-CN: a usage error (records name primary subtags)" [ $? -eq 2 ]

# --- one record per member, or none: the same documents ---------------------------------------
$gen cases "$tmp/plain.warc" --compression none
"$bin" -q "$tmp/plain.warc" -o "$tmp/plain.jsonl" --stats "$tmp/plain.json" 2>/dev/null
check "a plain .warc: the same records" same <(jq -c 'del(.id, .path)' "$tmp/out.jsonl") <(jq -c 'del(.id, .path)' "$tmp/plain.jsonl")
check "a plain .warc: the malformed and the truncated record are errors" stat_is "$tmp/plain.json" .failed 2
if command -v zstd >/dev/null; then
  zstd -q "$tmp/plain.warc" -o "$tmp/plain.warc.zst"
  "$bin" -q "$tmp/plain.warc.zst" -o "$tmp/zst.jsonl" 2>/dev/null
  check "a .warc.zst: the same records" same <(jq -c 'del(.id, .path)' "$tmp/plain.jsonl") <(jq -c 'del(.id, .path)' "$tmp/zst.jsonl")
else
  skip ".warc.zst" "zstd is not installed"
fi
cp "$tmp/crawl.warc.gz" "$tmp/crawl-no-suffix"
"$bin" -q "$tmp/crawl-no-suffix" --input-format warc -o "$tmp/forced.jsonl" 2>/dev/null
check "--input-format warc: a name with no suffix" same <(jq -c 'del(.id, .path)' "$tmp/out.jsonl") <(jq -c 'del(.id, .path)' "$tmp/forced.jsonl")
"$bin" -q --input-format warc - <"$tmp/crawl.warc.gz" -o "$tmp/stdin.jsonl" 2>/dev/null
check "--input-format warc: standard input" same <(jq -c 'del(.id, .path)' "$tmp/out.jsonl") <(jq -c 'del(.id, .path)' "$tmp/stdin.jsonl")
check "standard input: ids are -#RECORD-ID" [ "$(jq -r .id "$tmp/stdin.jsonl" | head -1)" = "-#urn:uuid:00000000-0000-4000-8000-000000000001" ]

mkdir -p "$tmp/walk/crawls"
cp "$tmp/crawl.warc.gz" "$tmp/walk/crawls/"
printf '正文。\n' >"$tmp/walk/post.md"
"$bin" -q "$tmp/walk" -o "$tmp/walk.jsonl" 2>/dev/null
check "a walk takes .warc.gz files, read as crawls" [ "$(jq -r .id "$tmp/walk.jsonl" | grep -c '^crawls/crawl.warc.gz#urn:uuid:')" -eq "$n_docs" ]

"$bin" -q "$tmp/crawl.warc.gz" --max-bytes 100 -o "$tmp/small.jsonl" --stats "$tmp/small.json" --errors "$tmp/small-errors.jsonl" 2>/dev/null
check "--max-bytes: every page over it is an error too_large" stat_is "$tmp/small.json" '.errors["read/too_large"]' "$n_docs"
check "--max-bytes: the skips are still skips" stat_is "$tmp/small.json" .skipped 7
check "--max-bytes: inputs unchanged, and they add up" bash -c "[ \"\$(jq .inputs '$tmp/small.json')\" = $n_cases ] && jq -e '.inputs == .records + .dropped + .skipped + .failed' '$tmp/small.json' >/dev/null"

# --- --shard over documents, or over files ----------------------------------------------------
for k in 1 2 3; do
  "$bin" -q "$tmp/crawl.warc.gz" --shard $k/3 --shard-by document -o "$tmp/doc-$k.jsonl" --stats "$tmp/doc-$k.json" 2>/dev/null
done
check "--shard-by document: the shards' records are a single run's" \
  same <(cat "$tmp"/doc-[123].jsonl | sort) <(sort "$tmp/out.jsonl")
check "--shard-by document: the shards' inputs add up to a single run's" \
  [ "$(jq -s 'map(.inputs) | add' "$tmp"/doc-[123].json)" -eq "$n_cases" ]
check "--shard-by document: the documents are spread over the shards" \
  [ "$(for k in 1 2 3; do [ -s "$tmp/doc-$k.jsonl" ] && echo x; done | wc -l)" -ge 2 ]
cp "$tmp/crawl.warc.gz" "$tmp/second.warc.gz"
for k in 1 2; do
  "$bin" -q "$tmp/crawl.warc.gz" "$tmp/second.warc.gz" --shard $k/2 -o "$tmp/file-$k.jsonl" 2>/dev/null
done
check "--shard (by file): each crawl file in one shard, whole" \
  [ "$(cat "$tmp"/file-[12].jsonl | jq -r '.path' | sort | uniq -c | awk '{print $1}' | tr '\n' ' ')" = "$n_docs $n_docs " ]

# --- JSON Lines -------------------------------------------------------------------------------
cat >"$tmp/dump.jsonl" <<'EOF'
{"id":"a1","url":"http://news.example.cn/1.html","title":"国务院常务会议","text":"会议部署优化营商环境。\n会议强调抓好政策落实。"}
{"id":"a2","html":"<html><head><title>激发市场活力</title></head><body><article><p>会议指出，要坚持稳中求进。</p></article></body></html>"}

not json at all
{"id":"a4","body":"这一行在 body 里，默认不读：没有 text 或 html 字段的行是错误。"}
{"text":"没有编号的一行。"}
EOF
"$bin" "$tmp/dump.jsonl" -o "$tmp/dump.out" --stats "$tmp/dump.json" --errors "$tmp/dump-errors.jsonl" 2>"$tmp/dump.err"
check "JSON Lines: exit 1 (two bad lines)" [ $? -eq 1 ]
check "JSON Lines: one record per good row, FILE#ID or FILE:LINE" [ "$(jq -r .id "$tmp/dump.out" | sed 's|.*/||' | tr '\n' ' ')" = "dump.jsonl#a1 dump.jsonl#a2 dump.jsonl:6 " ]
check "JSON Lines: a blank line is a counted skip" stat_is "$tmp/dump.json" .skips.blank_line 1
check "JSON Lines: --stats adds up" adds_up "$tmp/dump.json"
check "JSON Lines: a bad line is an error naming the file and the line" grep -qF "dump.jsonl: line 4: not JSON" "$tmp/dump.err"
check "JSON Lines: --errors gives the line number" jq_ok -s 'map(.line) == [4, 5]' "$tmp/dump-errors.jsonl"
check "JSON Lines: a text field is plain text, its paragraphs kept" [ "$(jq -r 'select(.id | endswith("a1")) | .paragraphs' "$tmp/dump.out")" = 2 ]
check "JSON Lines: the row's fields are meta, its title the title" \
  [ "$(jq -r 'select(.id | endswith("a1")) | .title + " " + .meta.id' "$tmp/dump.out")" = "国务院常务会议 a1" ]
check "JSON Lines: the url field is the url and crawl_url" \
  [ "$(jq -r 'select(.id | endswith("a1")) | .url + " " + .crawl_url' "$tmp/dump.out")" = "http://news.example.cn/1.html http://news.example.cn/1.html" ]
check "JSON Lines: an html field is read as a page" [ "$(jq -r 'select(.id | endswith("a2")) | .title' "$tmp/dump.out")" = "激发市场活力" ]
"$bin" -q "$tmp/dump.jsonl" --text-field body --id-field title -o "$tmp/fields.out" 2>/dev/null
check "--text-field body: the named field, and only it" [ "$(jq -r .text "$tmp/fields.out")" = "这一行在 body 里，默认不读：没有 text 或 html 字段的行是错误。" ]
gzip -c "$tmp/dump.jsonl" >"$tmp/dump.jsonl.gz"
"$bin" -q "$tmp/dump.jsonl.gz" -o "$tmp/dump-gz.out" 2>/dev/null
check "a .jsonl.gz dump: the same records" same <(jq -c 'del(.id, .path)' "$tmp/dump.out") <(jq -c 'del(.id, .path)' "$tmp/dump-gz.out")

"$bin" -q seeds/ -o "$tmp/seeds.jsonl"
"$bin" -q "$tmp/seeds.jsonl" -o "$tmp/again.jsonl"
check "corpus-clean's own output read back: the same texts" \
  same <(jq -r .text "$tmp/seeds.jsonl") <(jq -r .text "$tmp/again.jsonl")
check "corpus-clean's own output read back: ids are FILE#ID" \
  [ "$(jq -r .id "$tmp/again.jsonl" | head -1)" = "$tmp/seeds.jsonl#000_847a8487eada5079.txt" ]

finish containers
