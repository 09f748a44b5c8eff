#!/usr/bin/env python3
"""Writes WARC files for the tests and the benchmark, with the standard library only.

  make_warc.py cases OUT [--compression gzip|none]
      One record of each kind the reader must handle, in this order (the tests rely on it):
      warcinfo; a request; a UTF-8 page naming its canonical URL; a chunked, gzip-encoded page;
      a GBK page whose charset is only in the HTTP header; a 301 redirect; a PDF; a revisit; a
      metadata record; a text/plain resource; an English page; a 404; a record whose
      Content-Length is not a number; (gzip only: a member of corrupt deflate data;) a page in
      a member cut short, last. `cases --list` prints what each record should become.

  make_warc.py pages DIR OUT --bytes N [--seed S] [--plain]
      The HTML files of DIR as responses, over and over, each with a URL of its own, until the
      payloads add up to N bytes; gzip per record, as crawlers write it. With --plain, the same
      pages in the same order as files of the directory OUT instead (for comparisons).
"""
import argparse
import gzip
import itertools
import os
import sys
import uuid

CRLF = b"\r\n"
_ids = itertools.count(1 << 32)  # record ids not given: distinct, and the same on every run


def record(warc_type, block, uri=None, content_type=None, extra=(), date="2024-05-10T06:58:00Z",
           record_id=None, length=None):
    """One WARC/1.1 record: the header, the block, the two line ends after it."""
    fields = [("WARC-Type", warc_type),
              ("WARC-Record-ID", "<urn:uuid:%s>" % (record_id or uuid.UUID(int=next(_ids)))),
              ("WARC-Date", date)]
    if uri:
        fields.append(("WARC-Target-URI", uri))
    if content_type:
        fields.append(("Content-Type", content_type))
    fields.extend(extra)
    fields.append(("Content-Length", str(len(block)) if length is None else length))
    head = b"WARC/1.1" + CRLF + b"".join(
        ("%s: %s" % kv).encode() + CRLF for kv in fields) + CRLF
    return head + block + CRLF + CRLF


def http_response(status, reason, headers, body):
    head = ("HTTP/1.1 %d %s" % (status, reason)).encode() + CRLF
    head += b"".join(("%s: %s" % kv).encode() + CRLF for kv in headers)
    return head + CRLF + body


def response(uri, status, reason, headers, body, **kw):
    return record("response", http_response(status, reason, headers, body), uri=uri,
                  content_type="application/http; msgtype=response", **kw)


def chunked(body, size):
    out = b""
    for i in range(0, len(body), size):
        piece = body[i:i + size]
        out += b"%x" % len(piece) + CRLF + piece + CRLF
    return out + b"0" + CRLF + CRLF


def page(title, paragraphs, extra_head=""):
    body = "".join("<p>%s</p>" % p for p in paragraphs)
    return ("<!DOCTYPE html><html lang=\"zh-CN\"><head><title>%s</title>%s</head>"
            "<body><article><h1>%s</h1>%s</article></body></html>" % (
                title, extra_head, title, body))


ZH = ["国务院总理主持召开国务院常务会议，部署进一步优化营商环境、激发市场活力的政策措施。",
      "会议指出，要坚持稳中求进工作总基调，完整、准确、全面贯彻新发展理念，推动高质量发展。",
      "会议强调，各地区各部门要抓好政策落实，及时回应企业关切，切实减轻经营主体负担。"]



def cases(compression):
    out = []

    def add(what, outcome, data):
        out.append((what, outcome, data))

    add("warcinfo", "skip:warc_warcinfo",
        record("warcinfo", b"software: make_warc.py\r\nformat: WARC File Format 1.1\r\n",
               content_type="application/warc-fields"))
    add("request", "skip:warc_request",
        record("request", b"GET /a.html HTTP/1.1\r\nHost: news.example.cn\r\n\r\n",
               uri="http://news.example.cn/a.html",
               content_type="application/http; msgtype=request"))
    utf8 = page("优化营商环境", ZH,
                '<link rel="canonical" href="https://news.example.cn/2024/0510/a.html">')
    add("utf-8 page with a canonical link", "doc",
        response("http://news.example.cn/a.html?from=rss", 200, "OK",
                 [("Content-Type", "text/html; charset=utf-8")], utf8.encode("utf-8"),
                 record_id="00000000-0000-4000-8000-000000000001"))
    gz = gzip.compress(page("激发市场活力", ZH[1:]).encode("utf-8"), mtime=0)
    add("chunked and gzip-encoded page", "doc",
        response("http://news.example.cn/b.html", 200, "OK",
                 [("Content-Type", "text/html"), ("Content-Encoding", "gzip"),
                  ("Transfer-Encoding", "chunked")], chunked(gz, 100),
                 record_id="00000000-0000-4000-8000-000000000002"))
    gbk = page("减轻经营主体负担", ZH[2:]).replace(' lang="zh-CN"', "")
    add("GBK page, charset only in the HTTP header", "doc",
        response("http://news.example.cn/c.html", 200, "OK",
                 [("Content-Type", "text/html; charset=GBK")], gbk.encode("gbk"),
                 record_id="00000000-0000-4000-8000-000000000003"))
    add("301 redirect", "skip:http_redirect",
        response("http://news.example.cn/old", 301, "Moved Permanently",
                 [("Location", "http://news.example.cn/a.html"),
                  ("Content-Type", "text/html")], b"<html><body>moved</body></html>"))
    add("PDF response", "skip:non_text",
        response("http://news.example.cn/report.pdf", 200, "OK",
                 [("Content-Type", "application/pdf")], b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"))
    add("revisit", "skip:warc_revisit",
        record("revisit", http_response(200, "OK", [("Content-Type", "text/html")], b""),
               uri="http://news.example.cn/a.html",
               content_type="application/http; msgtype=response",
               extra=[("WARC-Profile",
                       "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest")]))
    add("metadata", "skip:warc_metadata",
        record("metadata", b"via: http://news.example.cn/\r\n", uri="http://news.example.cn/a.html",
               content_type="application/warc-fields"))
    add("text/plain resource", "doc",
        record("resource", "\n\n".join(ZH).encode("utf-8"), uri="http://news.example.cn/notes.txt",
               content_type="text/plain; charset=utf-8",
               record_id="00000000-0000-4000-8000-000000000004"))
    english = ("<!DOCTYPE html><html lang=\"en\"><head><title>Markets</title></head><body>"
               "<article><h1>Markets</h1><p>Shares rose on Friday as investors weighed new "
               "policy measures announced by the State Council.</p></article></body></html>")
    add("English page", "doc",
        response("http://world.example.com/markets.html", 200, "OK",
                 [("Content-Type", "text/html; charset=utf-8")], english.encode(),
                 record_id="00000000-0000-4000-8000-000000000005"))
    add("404", "skip:http_status",
        response("http://news.example.cn/gone.html", 404, "Not Found",
                 [("Content-Type", "text/html")], b"<html><body>not found</body></html>"))
    add("Content-Length not a number", "error:malformed_record",
        record("response", b"HTTP/1.1 200 OK\r\n\r\n<p>x</p>", uri="http://news.example.cn/x",
               content_type="application/http; msgtype=response", length="12x"))
    if compression == "gzip":
        add("corrupt gzip member", "error:unreadable", None)
    cut = response("http://news.example.cn/last.html", 200, "OK",
                   [("Content-Type", "text/html; charset=utf-8")],
                   page("最后一页", ZH * 20).encode("utf-8"),
                   record_id="00000000-0000-4000-8000-000000000006")
    add("page in a member cut short", "error:truncated", cut)
    return out


def write_cases(path, compression):
    with open(path, "wb") as f:
        items = cases(compression)
        for i, (what, outcome, data) in enumerate(items):
            last = i == len(items) - 1
            if compression == "none":
                f.write(data[:len(data) // 2] if last else data)
                continue
            if data is None:  # a gzip header, then deflate data of a reserved block type
                f.write(b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff" + b"\xff" * 64)
                continue
            member = gzip.compress(data, mtime=0)
            f.write(member[:len(member) // 2] if last else member)


def write_pages(directory, out, total, seed, plain):
    names = sorted(n for n in os.listdir(directory) if n.endswith(".html"))
    pages = [open(os.path.join(directory, n), "rb").read() for n in names]
    if not pages:
        sys.exit("make_warc.py: no .html files in %s" % directory)
    written = 0
    n = 0
    if plain:
        os.makedirs(out, exist_ok=True)
    f = None if plain else open(out, "wb")
    if f:
        f.write(gzip.compress(record("warcinfo", b"software: make_warc.py\r\n",
                                     content_type="application/warc-fields"), mtime=0))
    while written < total:
        body = pages[n % len(pages)]
        name = "%07d-%s" % (n, names[n % len(pages)])
        if plain:
            with open(os.path.join(out, name), "wb") as page_file:
                page_file.write(body)
        else:
            uri = "http://site%d.example/%s" % (seed, name)
            rec = response(uri, 200, "OK", [("Content-Type", "text/html")], body,
                           record_id=str(uuid.UUID(int=(seed << 64) + n)))
            f.write(gzip.compress(rec, compresslevel=6, mtime=0))
        written += len(body)
        n += 1
    if f:
        f.close()
    print("%d pages, %d bytes of payload" % (n, written))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="mode", required=True)
    c = sub.add_parser("cases")
    c.add_argument("out", nargs="?")
    c.add_argument("--compression", choices=["gzip", "none"], default="gzip")
    c.add_argument("--list", action="store_true")
    p = sub.add_parser("pages")
    p.add_argument("dir")
    p.add_argument("out")
    p.add_argument("--bytes", type=int, required=True)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--plain", action="store_true")
    args = parser.parse_args()
    if args.mode == "cases":
        if args.list:
            for what, outcome, _ in cases(args.compression):
                print("%s\t%s" % (outcome, what))
            return
        write_cases(args.out, args.compression)
    else:
        write_pages(args.dir, args.out, args.bytes, args.seed, args.plain)


if __name__ == "__main__":
    main()
