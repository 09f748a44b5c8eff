#!/usr/bin/python3
"""A peer for bench/pages.sh: readability-lxml over whole web pages, in one process.

    bench/peer_pages_readability.py DIR OUT.jsonl [--passes N]

Reads every *.html file under DIR into memory (as text when it is valid UTF-8, else as bytes,
for readability's own charset detection), then makes N timed passes over them: for each page,
readability.Document(page).summary() with the library's defaults, and the text of that summary
taken with lxml, a line break at each block element. The first pass's texts are written to OUT
as JSON Lines ({"path", "text"}); a page readability raises on gets an empty text and is counted.
Prints one JSON object on standard output: pages, bytes, failed, and the seconds of each pass
(parse + extract + text, no file reads). Debian package: python3-readability.
"""
import json
import os
import re
import sys
import time

import lxml.etree
import lxml.html
from readability import Document

# Elements whose start and end break the text into lines.
BLOCKS = frozenset(
    "address article aside blockquote body caption dd details dialog div dl dt fieldset "
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html li main nav ol p "
    "pre section summary table tbody td tfoot th thead tr ul".split()
)
SKIP = frozenset(("script", "style", "noscript", "template"))
SPACES = re.compile(r"[^\S\n]+")


def text_of(html):
    """The text of an HTML fragment: whitespace runs collapsed, one line per block."""
    root = lxml.html.document_fromstring(html)
    parts = []
    skipping = 0
    for event, el in lxml.etree.iterwalk(root, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else None  # comments and PIs have no str tag
        if event == "start":
            if tag in SKIP:
                skipping += 1
            elif skipping == 0:
                if tag in BLOCKS or tag == "br":
                    parts.append("\n")
                if tag is not None and el.text:
                    parts.append(el.text)
        else:
            if tag in SKIP:
                skipping -= 1
            elif skipping == 0 and tag in BLOCKS:
                parts.append("\n")
            if skipping == 0 and el.tail and el is not root:
                parts.append(el.tail)
    lines = (SPACES.sub(" ", line).strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def extract(page):
    return text_of(Document(page).summary())


def read_pages(directory):
    pages = []
    for root, _dirs, files in os.walk(directory):
        for name in files:
            if name.endswith(".html"):
                path = os.path.join(root, name)
                with open(path, "rb") as f:
                    data = f.read()
                try:
                    page = data.decode("utf-8")
                except UnicodeDecodeError:
                    page = data
                pages.append((path, len(data), page))
    pages.sort()
    return pages


def main():
    args = sys.argv[1:]
    passes = 1
    if "--passes" in args:
        i = args.index("--passes")
        passes = int(args[i + 1])
        del args[i : i + 2]
    if len(args) != 2 or passes < 1:
        sys.exit("usage: peer_pages_readability.py DIR OUT.jsonl [--passes N]")
    pages = read_pages(args[0])
    texts = []
    failed = 0
    seconds = []
    for n in range(passes):
        start = time.perf_counter()
        for _path, _size, page in pages:
            try:
                text = extract(page)
            except Exception:  # readability raises on pages it cannot parse: an empty text
                text = ""
                failed += n == 0
            if n == 0:
                texts.append(text)
        seconds.append(time.perf_counter() - start)
    with open(args[1], "w", encoding="utf-8") as out:
        for (path, _size, _page), text in zip(pages, texts):
            out.write(json.dumps({"path": path, "text": text}, ensure_ascii=False) + "\n")
    print(json.dumps({"pages": len(pages), "bytes": sum(p[1] for p in pages), "failed": failed,
                      "pass_seconds": seconds}))


if __name__ == "__main__":
    main()
