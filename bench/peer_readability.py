#!/usr/bin/python3
"""A peer for bench/run.sh: readability-lxml over the same posts, in one process.

    bench/peer_readability.py DIR

For each *.md file under DIR: drop a leading '---' front matter, give the body to
readability.Document, and take the text of its summary. Only the content extraction is timed
by the caller; there is no metadata, rules or normalization here, so this is the floor such a
script starts from, not an equivalent of corpus-clean. Prints the posts read and the characters
of text kept. Debian package: python3-readability.
"""
import os
import sys

import lxml.html
from readability import Document


def body_of(text):
    stripped = text.lstrip("\n")
    if stripped.startswith("---\n"):
        end = stripped.find("\n---\n", 4)
        if end != -1:
            return stripped[end + 5:]
    return text


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: peer_readability.py DIR")
    posts = 0
    chars = 0
    for root, _dirs, files in os.walk(sys.argv[1]):
        for name in sorted(files):
            if not name.endswith(".md"):
                continue
            with open(os.path.join(root, name), encoding="utf-8", errors="replace") as f:
                body = body_of(f.read())
            posts += 1
            if not body.strip():
                continue
            try:
                summary = Document(body).summary(html_partial=True)
                chars += len(lxml.html.fromstring(summary).text_content())
            except Exception:  # readability raises on bodies it cannot parse; count them as empty
                pass
    print(f"readability-lxml: {posts} posts, {chars} characters of text", file=sys.stderr)


if __name__ == "__main__":
    main()
