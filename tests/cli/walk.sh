#!/usr/bin/env bash
# What a directory walk takes: documents only, the rest counted as skips by reason; named files
# always read; the run's own output never read back; symbolic links not followed out of it. Each check says in one line what it shows.
# Usage: tests/cli/walk.sh PATH/TO/corpus-clean   (run from the source tree)
set -uo pipefail
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/lib.sh"
jqe() { jq -e "$@" >/dev/null; }

# A Hexo site as a new user has it: three posts, and what sits beside them.
site=$tmp/site
mkdir -p "$site/source/_posts" "$site/themes/landscape/source/css" "$site/node_modules/x"
cp seeds/000_847a8487eada5079.txt "$site/source/_posts/a.md"
cp seeds/001_8115ea56f20be9c7.txt "$site/source/_posts/b.md"
cp seeds/004_783ffd58e21b479d.txt "$site/source/_posts/c.markdown"
printf '\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10' >"$site/source/_posts/cover.png"
printf 'title: 新闻\nurl: https://example.com\n' >"$site/_config.yml"
printf '{"name": "hexo-site", "version": "0.0.0"}\n' >"$site/package.json"
printf 'date,title\n2023-03-21,标题\n' >"$site/posts.csv"
printf 'p { margin: 0 }\n' >"$site/themes/landscape/source/css/style.css"
printf '# x\n\nA package readme.\n' >"$site/node_modules/x/readme.md"

"$bin" "$site" -o "$tmp/site.jsonl" --stats "$tmp/site-stats.json" 2>"$tmp/site.err"
check "a site folder: exit 0" test $? -eq 0
check "a site folder: one record per post" \
  test "$(jq -r .id "$tmp/site.jsonl" | tr '\n' ' ')" = \
  "source/_posts/a.md source/_posts/b.md source/_posts/c.markdown "
check "a site folder: no record of U+FFFD" bash -c "! grep -q '�' '$tmp/site.jsonl'"
check "--stats: the image, _config.yml, package.json, the CSV and the CSS are not documents" \
  jqe '.skips.not_a_document == 5' "$tmp/site-stats.json"
check "--stats: node_modules is skipped once, whole" jqe '.skips.node_modules == 1' "$tmp/site-stats.json"
check "--stats: inputs = records + dropped + skipped + failed" \
  jqe '.inputs == 9 and .skipped == 6 and .inputs == .records + .dropped + .skipped + .failed' \
  "$tmp/site-stats.json"
check "the summary line counts the skips" \
  grep -qx 'corpus-clean: 3 records, 0 dropped, 6 skipped, 0 failed (9 inputs)' "$tmp/site.err"
check "skips are counted, not warned about one by one" test "$(wc -l <"$tmp/site.err")" -eq 1

"$bin" -q "$site" --ext +yml,csv -o "$tmp/ext.jsonl"
check "--ext +yml,csv adds to the document extensions" test "$(wc -l <"$tmp/ext.jsonl")" -eq 5
"$bin" -q "$site" --ext markdown -o "$tmp/ext2.jsonl"
check "--ext markdown replaces them" test "$(jq -r .id "$tmp/ext2.jsonl")" = "source/_posts/c.markdown"
"$bin" -q "$site" --ext '' -o "$tmp/never.jsonl" 2>"$tmp/ext.err"
check "--ext '': a usage error, exit 2" test $? -eq 2
check "--ext '': says what a list is" grep -q "a list such as md,html or +rst" "$tmp/ext.err"

mkdir -p "$tmp/plain"
cp seeds/002_ad880c8de21a5870.txt "$tmp/plain/NOTES"
printf '\x7fELF\x02\x01\x01\0\0\0' >"$tmp/plain/a.out"
printf '\x7fELF\x02\x01\x01\0\0\0' >"$tmp/plain/tool"
"$bin" -q "$tmp/plain" -o "$tmp/plain.jsonl" --stats "$tmp/plain-stats.json"
check "no extension, text inside: taken" test "$(jq -r .id "$tmp/plain.jsonl")" = "NOTES"
check "no extension, a NUL in the first 8 KiB: skipped as binary" \
  jqe '.skips.binary == 1 and .skips.not_a_document == 1' "$tmp/plain-stats.json"

"$bin" -q "$site/package.json" -o "$tmp/named.jsonl"
check "a file named on the command line is read whatever its name" \
  jqe '.id | endswith("package.json")' "$tmp/named.jsonl"
"$bin" "$site/source/_posts/cover.png" "$site/source/_posts/a.md" -o "$tmp/png.jsonl" \
  --errors "$tmp/png.err.jsonl" 2>"$tmp/png.err"
check "a binary file named on the command line: exit 1" test $? -eq 1
check "... an error record binary_input, at the read stage" \
  jqe '.code == "binary_input" and .stage == "read"' "$tmp/png.err.jsonl"
check "... and the others are still written" test "$(wc -l <"$tmp/png.jsonl")" -eq 1
printf '%s\n' "$site/source/_posts/cover.png" | "$bin" -q --files-from - -o "$tmp/ff.jsonl" \
  --errors "$tmp/ff.err.jsonl" 2>/dev/null
check "a binary file in --files-from: an error record too" \
  jqe '.code == "binary_input"' "$tmp/ff.err.jsonl"

# The output inside the input folder, twice: the second run must not read the first's output.
for name in out.jsonl out.txt; do
  "$bin" -q "$site" -o "$site/$name" --stats "$tmp/first.json"
  cp "$site/$name" "$tmp/first.jsonl"
  "$bin" -q "$site" -o "$site/$name" --stats "$tmp/second.json"
  check "-o dir/$name twice: the same records both times" cmp -s "$tmp/first.jsonl" "$site/$name"
  check "-o dir/$name twice: the same counts both times" \
    test "$(jq -c 'del(.seconds, .docs_per_second, .mb_per_second)' "$tmp/first.json")" = \
    "$(jq -c 'del(.seconds, .docs_per_second, .mb_per_second)' "$tmp/second.json")"
  rm "$site/$name"
done
"$bin" -q "$site" -o "$site/out.txt"
"$bin" "$site/out.txt" "$site/source/_posts/a.md" -o "$site/out.txt" 2>"$tmp/self.err"
check "the output named as an input: exit 1" test $? -eq 1
check "... says it is the output" grep -q "out.txt: is the output file of this run; not read" "$tmp/self.err"
check "... and writes the other inputs' records" test "$(wc -l <"$site/out.txt")" -eq 1
rm "$site/out.txt"

# Links out of the corpus: a directory and a file outside it that must not be read.
mkdir -p "$tmp/outside/etc" "$tmp/links/posts"
printf 'root:秘密的口令:0:0\n' >"$tmp/outside/etc/shadow"
printf -- '---\ntitle: 秘密\n---\n外面的秘密文件\n' >"$tmp/outside/secret.md"
cp seeds/000_847a8487eada5079.txt "$tmp/links/posts/a.md"
ln -s "$tmp/outside/etc" "$tmp/links/etc"
ln -s ../outside/secret.md "$tmp/links/secret.md"
ln -s posts "$tmp/links/also-posts"
[ -d /etc ] && ln -s /etc "$tmp/links/system-etc"
no_secret() { ! grep -q '秘密' "$1" && ! jq -r .path "$1" | grep -q 'etc/'; }

"$bin" "$tmp/links" -o "$tmp/links.jsonl" --stats "$tmp/links-stats.json" 2>"$tmp/links.err"
check "links by default: exit 0, only the post" test $? -eq 0 -a "$(jq -r .id "$tmp/links.jsonl")" = "posts/a.md"
check "links by default: neither outside target is read" no_secret "$tmp/links.jsonl"
check "links by default: each counted as skipped, reason symlink" \
  jqe "(.skips | keys) == [\"symlink\"] and .skips.symlink == $(find "$tmp/links" -type l | wc -l)" \
  "$tmp/links-stats.json"
check "links by default: no warning for each" test "$(wc -l <"$tmp/links.err")" -eq 1

"$bin" --follow "$tmp/links" -o "$tmp/follow.jsonl" --stats "$tmp/follow-stats.json" 2>"$tmp/follow.err"
check "--follow: links inside the corpus are followed" \
  test "$(jq -r .id "$tmp/follow.jsonl" | tr '\n' ' ')" = "also-posts/a.md posts/a.md "
check "--follow: links out of it are still not read" no_secret "$tmp/follow.jsonl"
check "--follow: they are counted as outside_roots" \
  jqe "(.skips | keys) == [\"outside_roots\"] and .skips.outside_roots == $(find "$tmp/links" -type l | wc -l) - 1" \
  "$tmp/follow-stats.json"
check "--follow: ... with a warning naming the target" \
  grep -q "links/etc: skipped: a link to $tmp/outside/etc, outside the input directories" "$tmp/follow.err"

"$bin" -q --follow-root "$tmp/outside" "$tmp/links" -o "$tmp/root.jsonl" --stats "$tmp/root-stats.json"
check "--follow-root DIR: links may lead into DIR (and it implies --follow)" \
  test "$(jq -r .id "$tmp/root.jsonl" | tr '\n' ' ')" = "also-posts/a.md etc/shadow posts/a.md secret.md "
check "--follow-root DIR: and nowhere else" \
  bash -c "! jq -r .id '$tmp/root.jsonl' | grep -q system-etc"
"$bin" -q --follow-root "$tmp/missing" "$tmp/links" >/dev/null 2>"$tmp/fr.err"
check "--follow-root on a missing directory: a usage error, exit 2" test $? -eq 2
"$bin" -q "$tmp/links/secret.md" "$tmp/links/etc" -o "$tmp/named.jsonl"
check "a link named on the command line is opened as given" \
  test "$(jq -r .id "$tmp/named.jsonl" | tr '\n' ' ')" = "$tmp/links/secret.md shadow "

"$bin" --help >"$tmp/help"
check "--help says node_modules is skipped" grep -q "node_modules" "$tmp/help"

finish walk
