#!/usr/bin/env bash
# A real crawler's WARC: wget --warc-file against a static server on the loopback interface,
# started (and stopped) by this test, reads back with every page once, the rest counted.
# Exit 77 (skipped) without wget (Debian package wget). Installs nothing.
# Usage: tests/cli/wget.sh PATH/TO/corpus-clean   (run from the source tree)
set -uo pipefail
bin=$1
if ! command -v wget >/dev/null 2>&1; then
  echo "skip: wget is not installed (Debian package wget)"
  exit 77
fi
python=/usr/bin/python3
[ -x "$python" ] || python=python3
tmp=$(mktemp -d)
server=
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
export LC_ALL=C
. "$(dirname "$0")/lib.sh"
jq_ok() { jq -e "$@" >/dev/null; }

# A small site: an index linking three articles (one in a directory, reached by a redirect),
# an image and a PDF.
site=$tmp/site
mkdir -p "$site/2024/sub"
page() {  # page FILE TITLE TEXT
  printf '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>%s</title></head>\n<body><nav><a href="/index.html">首页</a></nav><article><h1>%s</h1><p>%s</p></article></body></html>\n' \
    "$2" "$2" "$3" >"$1"
}
cat >"$site/index.html" <<'EOF'
<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>新闻首页</title></head>
<body><h1>新闻首页</h1><p>今日要闻，国务院常务会议部署优化营商环境。</p>
<ul><li><a href="2024/a.html">优化营商环境</a></li><li><a href="2024/b.html">激发市场活力</a></li>
<li><a href="2024/sub">减轻经营主体负担</a></li></ul><img src="logo.png"><a href="report.pdf">报告</a></body></html>
EOF
page "$site/2024/a.html" "优化营商环境" "国务院总理主持召开国务院常务会议，部署进一步优化营商环境的政策措施。"
page "$site/2024/b.html" "激发市场活力" "会议指出，要坚持稳中求进工作总基调，推动高质量发展，激发市场活力。"
page "$site/2024/sub/index.html" "减轻经营主体负担" "会议强调，各地区各部门要抓好政策落实，切实减轻经营主体负担。"
printf '\x89PNG\r\n\x1a\n\0\0\0\rIHDR' >"$site/logo.png"
printf '%%PDF-1.4\n%%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n' >"$site/report.pdf"

# The server picks a free port on 127.0.0.1 and says which.
"$python" -u -m http.server 0 --bind 127.0.0.1 --directory "$site" >"$tmp/server.log" 2>&1 &
server=$!
port=
for _ in $(seq 50); do
  port=$(sed -n 's/.*127\.0\.0\.1 port \([0-9]*\).*/\1/p' "$tmp/server.log" | head -1)
  [ -n "$port" ] && break
  sleep 0.1
done
check "the static server listens on 127.0.0.1" [ -n "$port" ] || { cat "$tmp/server.log"; finish wget; }
base=http://127.0.0.1:$port

(cd "$tmp" && wget --quiet --recursive --level=2 --no-parent --directory-prefix=mirror \
  --warc-file=crawl "$base/index.html")
check "wget wrote crawl.warc.gz" [ -s "$tmp/crawl.warc.gz" ]

"$bin" "$tmp/crawl.warc.gz" -o "$tmp/out.jsonl" --stats "$tmp/stats.json" 2>"$tmp/stderr"
check "exit 0: nothing in wget's WARC fails" [ $? -eq 0 ] || cat "$tmp/stderr"
jq -r .crawl_url "$tmp/out.jsonl" | sort >"$tmp/urls.got"
printf '%s\n' "$base/2024/a.html" "$base/2024/b.html" "$base/2024/sub/" "$base/index.html" | sort >"$tmp/urls.want"
check "every page once, by the URL it was fetched from" cmp -s "$tmp/urls.want" "$tmp/urls.got" ||
  diff "$tmp/urls.want" "$tmp/urls.got"
check "the pages' titles" [ "$(jq -r .title "$tmp/out.jsonl" | sort | tr '\n' ' ')" = \
  "优化营商环境 减轻经营主体负担 新闻首页 激发市场活力 " ]
check "an article's text, without the page's navigation" \
  [ "$(jq -r 'select(.title == "激发市场活力") | .text' "$tmp/out.jsonl")" = "会议指出，要坚持稳中求进工作总基调，推动高质量发展，激发市场活力。" ]
check "ids are the file's id, '#' and the WARC-Record-ID" \
  jq_ok -s 'all(.[]; .id | test("crawl.warc.gz#urn:uuid:[0-9a-f-]{36}$"))' "$tmp/out.jsonl"
check "the redirect to sub/ is a counted skip" jq_ok '.skips.http_redirect >= 1' "$tmp/stats.json"
check "the image and the PDF are counted skips (non_text)" jq_ok '.skips.non_text == 2' "$tmp/stats.json"
check "wget's requests, its warcinfo and its log are counted skips" \
  jq_ok '.skips.warc_request >= 6 and .skips.warc_warcinfo == 1 and .skips.crawler_record >= 1' "$tmp/stats.json"
check "--stats adds up" jq_ok '.inputs == .records + .dropped + .skipped + .failed and .failed == 0' "$tmp/stats.json"

finish wget
