#!/usr/bin/env bash
# Torture test: runs corpus-clean on hostile inputs generated at test time (nothing large is
# checked in). For each case: the expected exit status, the records or error records expected,
# no crash (no status of 128 or more), no hang (each run is killed after 10 s), and counts that
# add up: the summary line's inputs = records + dropped + skipped + failed, records = lines
# written, failed = error records written.
#
#   tests/torture_test.sh build/debug/corpus-clean
set -u

if [ $# -ne 1 ] || [ ! -x "$1" ]; then
  echo "usage: $0 PATH/TO/corpus-clean" >&2
  exit 2
fi
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
src=$(cd "$(dirname "$0")/.." && pwd)
seed=$src/seeds/000_847a8487eada5079.txt
phrase=扩大两国农产品贸易创造条件  # in seed 000's text (across inline markup in the raw file)

work=$(mktemp -d "${TMPDIR:-/tmp}/corpus-clean-torture.XXXXXX")
cleanup() {
  chmod -R u+rwx "$work" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

passed=0
failed=0
skipped=0
why=""
desc=""

# Starts a case: an empty input directory $in, the working directory of the run.
begin() {
  desc=$1
  why=""
  records="" dropped="" skips="" failures="" inputs=""
  in=$work/in
  chmod -R u+rwx "$in" 2>/dev/null
  rm -rf "$in" "$work/out.jsonl" "$work/errors.jsonl" "$work/stderr"
  mkdir -p "$in"
}

fail() {
  [ -z "$why" ] && why=$1
}

lines() {  # lines FILE: its line count, 0 when it does not exist
  if [ -f "$1" ]; then wc -l <"$1"; else echo 0; fi
}

count_of() {  # count_of WORD: the number before WORD in the summary line
  sed -nE "s/.*[ (]([0-9]+) $1.*/\\1/p" <<<"$summary"
}

# run EXPECTED_STATUS ARGS...: runs corpus-clean in $in with ARGS, -o and --errors, then
# checks the status, the summary line and that the counts add up.
run() {
  local expected=$1
  shift
  (cd "$in" && timeout 10 "$bin" "$@" -o "$work/out.jsonl" --errors "$work/errors.jsonl" \
    </dev/null 2>"$work/stderr")
  status=$?
  if [ "$status" -eq 124 ]; then
    fail "hung (killed after 10 s)"
    return
  fi
  if [ "$status" -ge 128 ]; then
    fail "crashed (exit status $status): $(tail -c 300 "$work/stderr")"
    return
  fi
  [ "$status" -eq "$expected" ] || fail "exit status $status, expected $expected"
  local summary
  # "N records, N dropped, N failed (N inputs)", with "N skipped, " before failed when nonzero.
  summary=$(grep -E '^corpus-clean: [0-9]+ records, [0-9]+ dropped, ([0-9]+ skipped, )?[0-9]+ failed \([0-9]+ inputs\)$' \
    "$work/stderr" | tail -n 1)
  if [ -z "$summary" ]; then
    fail "no summary line on stderr"
    return
  fi
  records=$(count_of records)
  dropped=$(count_of dropped)
  skips=$(count_of skipped)
  skips=${skips:-0}
  failures=$(count_of failed)
  inputs=$(count_of inputs)
  [ $((records + dropped + skips + failures)) -eq "$inputs" ] || fail "counts do not add up: $summary"
  [ "$(lines "$work/out.jsonl")" -eq "$records" ] ||
    fail "$(lines "$work/out.jsonl") lines written for $records records"
  [ "$(lines "$work/errors.jsonl")" -eq "$failures" ] ||
    fail "$(lines "$work/errors.jsonl") error records for $failures failed"
}

expect_counts() {  # expect_counts INPUTS RECORDS FAILED [SKIPPED]
  [ "${inputs:-x}" = "$1" ] && [ "${records:-x}" = "$2" ] && [ "${failures:-x}" = "$3" ] &&
    [ "${skips:-x}" = "${4:-0}" ] ||
    fail "expected $1 inputs, $2 records, $3 failed, ${4:-0} skipped; got ${inputs:-?}, ${records:-?}, ${failures:-?}, ${skips:-?}"
}
expect_out() {  # expect_out TEXT: the records hold TEXT
  grep -qF -- "$1" "$work/out.jsonl" 2>/dev/null || fail "no record holds: $1"
}
expect_not_out() {
  ! grep -qF -- "$1" "$work/out.jsonl" 2>/dev/null || fail "a record holds: $1"
}
expect_error() {  # expect_error CODE: an error record with this code
  grep -qF -- "\"code\":\"$1\"" "$work/errors.jsonl" 2>/dev/null || fail "no error record $1"
}
expect_stderr() {
  grep -qF -- "$1" "$work/stderr" || fail "stderr does not say: $1"
}
text_of() {  # text_of FILE: the "text" field of its first record, as JSON
  grep -oE '"text":"([^"\\]|\\.)*"' "$1" | head -n 1
}

end() {
  if [ -z "$why" ]; then
    passed=$((passed + 1))
    echo "ok    $desc"
  else
    failed=$((failed + 1))
    echo "FAIL  $desc: $why"
  fi
}

skip() {
  skipped=$((skipped + 1))
  echo "skip  $1"
}

# Bytes from a fixed seed, so that every run sees the same garbage.
random_bytes() {  # random_bytes N SEED
  python3 -c "import random,sys; r=random.Random($2); sys.stdout.buffer.write(bytes(r.randrange(256) for _ in range($1)))"
}

# The seed's text when read as it is, for the cases that must come out the same.
begin "baseline: seed 000 as it is gives its record"
cp "$seed" "$in/post.md"
run 0 post.md
expect_counts 1 1 0
expect_out "$phrase"
baseline_text=$(text_of "$work/out.jsonl")
end

begin "empty file: a record with empty text"
: >"$in/empty.md"
run 0 empty.md
expect_counts 1 1 0
expect_out '"text":""'
end

begin "only a byte-order mark: a record with empty text"
printf '\xEF\xBB\xBF' >"$in/bom.md"
run 0 bom.md
expect_counts 1 1 0
expect_out '"text":""'
end

begin "only front matter: a record with its title and empty text"
printf -- '---\ntitle: 只有元数据\n---\n' >"$in/fm.md"
run 0 fm.md
expect_counts 1 1 0
expect_out '"title":"只有元数据"'
expect_out '"text":""'
end

begin "unterminated front matter: an error record, exit 1"
printf -- '---\ntitle: x\nbody text\n' >"$in/open.md"
run 1 open.md
expect_counts 1 0 1
expect_error unterminated_front_matter
end

begin "binary garbage (64 KiB from a fixed seed) named as an input: an error record, not text"
random_bytes 65536 1234 >"$in/garbage.bin"
run 1 garbage.bin
expect_counts 1 0 1
expect_error binary_input
expect_stderr "garbage.bin: binary data (a NUL byte in the first 8 KiB), not a text document"
end

begin "the same garbage without NUL bytes: text with U+FFFD, never a crash"
random_bytes 65536 1234 | tr -d '\000' >"$in/garbage.bin"
run 0 garbage.bin
expect_counts 1 1 0
expect_stderr "invalid bytes replaced with U+FFFD"
end

begin "a NUL byte in the first 8 KiB: binary, an error record"
printf '前\0\0\0后\n' >"$in/nul.md"
run 1 nul.md
expect_counts 1 0 1
expect_error binary_input
end

begin "NUL bytes inside text past the first 8 KiB: one U+FFFD per run, counted in a warning"
{ python3 -c "print('正文' * 1400)"; printf '前\0\0\0后\n'; } >"$in/nul.md"
run 0 nul.md
expect_counts 1 1 0
expect_out "前�后"
expect_stderr "3 invalid bytes replaced with U+FFFD"
end

begin "100 KB of NUL bytes past 8 KiB of markup: a record, nothing reaches gumbo"
{ python3 -c "print('<p>正文</p>' * 700)"; head -c 100000 /dev/zero; } >"$in/zeros.html"
run 0 zeros.html
expect_counts 1 1 0
expect_out "正文"
expect_stderr "100000 invalid bytes replaced with U+FFFD"
end

begin "mostly UTF-8 with bad bytes: stays UTF-8, each bad sequence U+FFFD"
{ head -c 2000 "$seed"; printf '\xFF\xC0'; tail -c +2001 "$seed"; } >"$in/bad.md"
run 0 bad.md
expect_counts 1 1 0
expect_out "$phrase"
expect_stderr "2 invalid bytes replaced with U+FFFD"
end

begin "Sina post in GB18030: detected, and the text comes out right"
iconv -f UTF-8 -t GB18030 "$seed" >"$in/gb.md"
run 0 gb.md
expect_counts 1 1 0
expect_out "$phrase"
expect_stderr "decoded as GB18030"
[ "$(text_of "$work/out.jsonl")" = "$baseline_text" ] || fail "text differs from the UTF-8 seed's"
end

begin "UTF-8 front matter over a GB18030 body: each part decoded on its own"
awk 'n < 2 { print } /^---$/ { n++ }' "$seed" >"$in/mixed.md"
awk 'n >= 2 { print } /^---$/ { n++ }' "$seed" | iconv -f UTF-8 -t GB18030 >>"$in/mixed.md"
run 0 mixed.md
expect_counts 1 1 0
expect_out "$phrase"
expect_out '"title":"商务部谈中俄贸易：推动双边经贸、能源等各领域合作齐头并进"'
expect_stderr "decoded as GB18030 (front matter UTF-8)"
[ "$(text_of "$work/out.jsonl")" = "$baseline_text" ] || fail "text differs from the UTF-8 seed's"
end

begin "GB2312 page with <meta charset=gb2312>: read as GB18030"
printf '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body><p>%s</p></body></html>\n' \
  "$phrase" | iconv -f UTF-8 -t GB2312 >"$in/meta.html"
run 0 meta.html
expect_counts 1 1 0
expect_out "$phrase"
expect_stderr "decoded as GB18030"
end

begin "traditional Chinese post in Big5: detected, and the text comes out right"
big5_text="為擴大兩國農產品貿易創造條件，雙方將繼續推動經貿、能源等各領域合作。"
printf -- '---\ntitle: 經貿合作\n---\n\n%s\n' "$big5_text" | iconv -f UTF-8 -t BIG5 >"$in/big5.md"
run 0 big5.md
expect_counts 1 1 0
expect_out "擴大兩國農產品貿易創造條件"
expect_out '"title":"經貿合作"'
expect_stderr "decoded as Big5"
end

begin "UTF-16LE with BOM: converted, the same text as the UTF-8 seed"
{ printf '\xFF\xFE'; iconv -f UTF-8 -t UTF-16LE "$seed"; } >"$in/u16le.md"
run 0 u16le.md
expect_counts 1 1 0
expect_stderr "decoded as UTF-16LE"
[ "$(text_of "$work/out.jsonl")" = "$baseline_text" ] || fail "text differs from the UTF-8 seed's"
end

begin "UTF-16BE with BOM: converted, the same text as the UTF-8 seed"
{ printf '\xFE\xFF'; iconv -f UTF-8 -t UTF-16BE "$seed"; } >"$in/u16be.md"
run 0 u16be.md
expect_counts 1 1 0
expect_stderr "decoded as UTF-16BE"
[ "$(text_of "$work/out.jsonl")" = "$baseline_text" ] || fail "text differs from the UTF-8 seed's"
end

begin "UTF-32LE with BOM: converted"
{ printf '\xFF\xFE\x00\x00'; printf '%s\n' "$phrase" | iconv -f UTF-8 -t UTF-32LE; } >"$in/u32.md"
run 0 u32.md
expect_counts 1 1 0
expect_out "$phrase"
end

begin "BOM + CRLF line ends: the same text as the LF seed"
{ printf '\xEF\xBB\xBF'; sed 's/$/\r/' "$seed"; } >"$in/crlf.md"
run 0 crlf.md
expect_counts 1 1 0
expect_not_out '\r'
[ "$(text_of "$work/out.jsonl")" = "$baseline_text" ] || fail "text differs from the LF seed's"
end

begin "lone CR line ends: the same text as the LF seed"
tr '\n' '\r' <"$seed" >"$in/cr.md"
run 0 cr.md
expect_counts 1 1 0
[ "$(text_of "$work/out.jsonl")" = "$baseline_text" ] || fail "text differs from the LF seed's"
end

begin "1,000,000 nested <div>: flattened before gumbo, the text survives"
python3 -c "
n = 1000000
open('$in/deep.html', 'w').write('<div>' * n + '<p>深处的文字</p>' + '</div>' * n + '\n')"
run 0 deep.html
expect_counts 1 1 0
expect_out "深处的文字"
expect_stderr "deep.html: warning: HTML nested 1000001 deep, past the limit of 256 (--max-html-depth)"
end

begin "1,000,000 nested <div> with --max-html-depth 16: the text survives"
python3 -c "
n = 1000000
open('$in/deep.html', 'w').write('<div>' * n + '<p>深处的文字</p>' + '</div>' * n + '\n')"
run 0 --max-html-depth 16 deep.html
expect_counts 1 1 0
expect_out "深处的文字"
end

begin "100,000 unclosed <p>: 100,000 paragraphs, not one deep tree"
python3 -c "
open('$in/ps.html', 'w').write(''.join('<p>段落%d' % i for i in range(100000)) + '\n')"
run 0 ps.html
expect_counts 1 1 0
expect_out '"paragraphs":100000'
end

begin "100,000 distinct 责任编辑 lines: every name harvested once, in linear time"
python3 -c "
open('$in/editors.html', 'w').write(''.join('<p>责任编辑：王%d</p>' % i for i in range(100000)) + '\\n')"
run 0 editors.html
expect_counts 1 1 0
expect_out '"editors":["王0","王1","王2",'
expect_out '"王99999"],'
end

begin "100,000 unclosed <b>: nesting of inline elements is bounded too"
python3 -c "
open('$in/bs.html', 'w').write('<p>' + '<b>粗' * 100000 + '</p>\n')"
run 0 bs.html
expect_counts 1 1 0
expect_out "粗粗粗"
end

begin "100,000 of <div><b id=N></div>x: gumbo's reopened <b> does not pile up"
python3 -c "
open('$in/reopen.html', 'w').write(''.join('<div><b id=%d></div>字' % i for i in range(100000)) + '\n')"
run 0 reopen.html
expect_counts 1 1 0
expect_out '字\n字\n字'
end

begin "unterminated <script> before 1 MB of markup: hidden, no crash"
python3 -c "
open('$in/script.html', 'w').write('<p>正文</p><script>' + '<div>' * 200000 + '\n')"
run 0 script.html
expect_counts 1 1 0
expect_out "正文"
end

begin "1,000,000 '<' characters: no tag, no crash"
python3 -c "open('$in/lt.html', 'w').write('<p>x</p>' + '<' * 1000000 + '\n')"
run 0 lt.html
expect_counts 1 1 0
end

begin "Markdown line of 4,000,000 '[', '(' and '<' that never close: literal, in linear time"
python3 -c "open('$in/brackets.md', 'w').write('# 标题\\n\\n' + '[![<(' * 800000 + '\\n')"
run 0 brackets.md
expect_counts 1 1 0
expect_out '"format":"markdown"'
expect_out '[![<([![<('
end

begin "Markdown line of 1,000,000 '&#' with no ';': literal, in linear time"
python3 -c "open('$in/amps.md', 'w').write('# 标题\\n\\n' + '&#' * 1000000 + '&#x41;\\n')"
run 0 amps.md
expect_counts 1 1 0
expect_out '&#&#&#&#A"'
end

begin "60 MB file (mostly one HTML comment): accepted under the 64 MiB default"
python3 -c "
filler = ('lorem ipsum dolor sit amet ' * 40)[:999] * 60000
open('$in/big.html', 'w').write('<p>六十兆的正文</p>\n<!--' + filler + '-->\n<p>结尾</p>\n')"
run 0 big.html
expect_counts 1 1 0
expect_out "六十兆的正文"
expect_out "结尾"
end

begin "file over --max-bytes: an error record, exit 1"
head -c 5000 "$seed" >"$in/over.md"
run 1 --max-bytes 1024 over.md
expect_counts 1 0 1
expect_error too_large
end

begin "billion-laughs YAML front matter: refused by the alias expansion limit"
python3 -c "
lines = ['---', 'a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]']
prev = 'a'
for c in 'bcdefghi':
    lines.append('%s: &%s [%s]' % (c, c, ','.join(['*' + prev] * 9)))
    prev = c
lines += ['---', 'body']
open('$in/laughs.md', 'w').write('\n'.join(lines) + '\n')"
run 1 laughs.md
expect_counts 1 0 1
expect_error yaml_limit
end

begin "deeply nested YAML flow ([[[[... 100,000 deep): refused, no stack overflow"
python3 -c "
open('$in/flow.md', 'w').write('---\nx: ' + '[' * 100000 + ']' * 100000 + '\n---\nbody\n')"
run 1 flow.md
expect_counts 1 0 1
expect_error yaml_limit
end

begin "front matter over the YAML size limit (2 MB): refused"
python3 -c "
open('$in/bigyaml.md', 'w').write('---\nx: \"' + 'y' * 2000000 + '\"\n---\nbody\n')"
run 1 bigyaml.md
expect_counts 1 0 1
expect_error yaml_limit
end

begin "10,000-key front matter: every key kept in meta"
python3 -c "
open('$in/keys.md', 'w').write('---\n' + ''.join('k%d: v%d\n' % (i, i) for i in range(10000)) + '---\nbody\n')"
run 0 keys.md
expect_counts 1 1 0
expect_out '"k9999":"v9999"'
end

begin "10 MB on one line: a record"
python3 -c "
open('$in/line.md', 'w').write('这是一个很长的句子，用来测试超长的行。' * 350000 + '\n')"
run 0 line.md
expect_counts 1 1 0
expect_out "这是一个很长的句子"
end

begin "symlink loop (a -> b -> a) in a directory: links not followed, counted as skipped"
mkdir "$in/dir"
cp "$seed" "$in/dir/post.md"
ln -s b.md "$in/dir/a.md"
ln -s a.md "$in/dir/b.md"
run 0 dir
expect_counts 3 1 0 2
end

begin "symlink loop (a -> b -> a) with --follow: skipped with a warning"
mkdir "$in/dir"
cp "$seed" "$in/dir/post.md"
ln -s b.md "$in/dir/a.md"
ln -s a.md "$in/dir/b.md"
run 0 --follow dir
expect_counts 3 1 0 2
expect_stderr "a.md: skipped"
end

begin "symlink to an ancestor directory: not followed, counted as skipped"
mkdir -p "$in/dir/sub"
cp "$seed" "$in/dir/sub/post.md"
ln -s .. "$in/dir/sub/up"
run 0 dir
expect_counts 2 1 0 1
end

begin "symlink to an ancestor directory with --follow: not walked twice"
mkdir -p "$in/dir/sub"
cp "$seed" "$in/dir/sub/post.md"
ln -s .. "$in/dir/sub/up"
run 0 --follow dir
expect_counts 2 1 0 1
expect_stderr "already visited"
end

begin "100 links to their own directory, with --follow: each a loop, skipped once"
mkdir -p "$in/dir/d"
cp "$seed" "$in/dir/d/post.md"
(cd "$in/dir/d" && for i in $(seq 1 100); do ln -s . "l$i"; done)
run 0 --follow dir
expect_counts 101 1 0 100
end

begin "FIFO in a directory: skipped with a warning, never opened"
mkdir "$in/dir"
cp "$seed" "$in/dir/post.md"
mkfifo "$in/dir/fifo.md"
run 0 dir
expect_counts 2 1 0 1
expect_stderr "fifo.md: skipped: a FIFO, not a regular file"
end

begin "FIFO named on the command line: an error record, never opened"
mkfifo "$in/fifo.md"
run 1 fifo.md
expect_counts 1 0 1
expect_error not_a_regular_file
expect_stderr "fifo.md: a FIFO, not a regular file or directory (a stream can be read as '-'"
end

begin "directory named x.md: walked as a directory"
mkdir "$in/x.md"
cp "$seed" "$in/x.md/post.md"
run 0 x.md
expect_counts 1 1 0
expect_out '"id":"post.md"'
end

if [ "$(id -u)" -eq 0 ]; then
  skip "unreadable file (chmod 000): running as root, which reads it anyway"
else
  begin "unreadable file (chmod 000): an error record, exit 1"
  cp "$seed" "$in/locked.md"
  chmod 000 "$in/locked.md"
  run 1 locked.md
  expect_counts 1 0 1
  expect_error unreadable
  end
fi

# A file every user, root included, fails to read: /proc/self/mem is a regular file whose
# read at offset 0 fails with EIO.
if [ -f /proc/self/mem ]; then
  begin "a file whose read fails (EIO, /proc/self/mem) beside a good one: an error record, exit 1"
  cp "$seed" "$in/post.md"
  run 1 post.md /proc/self/mem
  expect_counts 2 1 1
  expect_error unreadable
  expect_stderr "/proc/self/mem: read error: Input/output error"
  end
else
  skip "a file whose read fails: /proc/self/mem is not there"
fi

skip "file that vanishes between listing and reading: no deterministic way to arrange it"

begin "listed path that does not exist (--files-from): an error record, exit 1"
cp "$seed" "$in/post.md"
printf 'post.md\ngone.md\n' >"$in/list.txt"
run 1 --files-from list.txt
expect_counts 2 1 1
expect_error not_found
end

begin "random bytes (no NUL) claiming <meta charset=gbk>: text, never a crash"
{ printf '<meta charset="gbk">'; random_bytes 20000 99 | tr -d '\000'; } >"$in/liar.html"
run 0 liar.html
expect_counts 1 1 0
end

begin "a directory of good, hostile and other files together: counts add up"
mkdir -p "$in/dir/node_modules/x" "$in/dir/.git"
cp "$seed" "$in/dir/a.md"
iconv -f UTF-8 -t GB18030 "$seed" >"$in/dir/b.md"
printf -- '---\ntitle: [\n---\nbody\n' >"$in/dir/c.md"
random_bytes 4096 7 >"$in/dir/d.md"
: >"$in/dir/e.md"
random_bytes 4096 8 >"$in/dir/f.png"
random_bytes 4096 9 >"$in/dir/noext"
cp "$seed" "$in/dir/node_modules/x/readme.md"
cp "$seed" "$in/dir/.git/x.md"
run 1 dir
expect_counts 9 3 2 4
expect_error yaml_syntax
expect_error binary_input
end

echo "torture: $passed passed, $failed failed ($skipped skipped)"
[ "$failed" -eq 0 ]
