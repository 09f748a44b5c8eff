#!/usr/bin/env python3
"""Per-page F1 of several extractors on the whole-page set, side by side (for bench/pages.sh).

    bench/pages_per_page.py GOLD SCORE OUT.tsv NAME=PRED.jsonl...

score.py --verbose lists only the lowest 25 pages of a gold file, so the gold is scored in
pieces of at most 25 pages, which lists every page with the scorer's own figures. Writes a
tab-separated table: file, lang, the F1 of each NAME, the spread (highest less lowest F1), url;
rows sorted by their lowest F1, lowest first.
"""
import json
import os
import subprocess
import sys
import tempfile

PIECE = 25


def f1_by_page(score, gold_lines, pred, workdir):
    """{file: F1} for every gold line, from score.py --verbose run on pieces of the gold."""
    f1 = {}
    for start in range(0, len(gold_lines), PIECE):
        piece = os.path.join(workdir, "gold-piece.jsonl")
        with open(piece, "w", encoding="utf-8") as f:
            f.writelines(gold_lines[start : start + PIECE])
        out = subprocess.run([sys.executable, score, piece, pred, "--verbose"], check=True,
                             capture_output=True, text=True).stdout
        for line in out.splitlines():
            fields = line.split()
            # "  F1 P.. R.. FILE [(no prediction)]"
            if line.startswith("  ") and len(fields) >= 4 and fields[1].startswith("P"):
                f1[fields[3]] = float(fields[0])
    return f1


def main():
    if len(sys.argv) < 5 or any("=" not in a for a in sys.argv[4:]):
        sys.exit("usage: pages_per_page.py GOLD SCORE OUT.tsv NAME=PRED.jsonl...")
    gold_path, score, out_path = sys.argv[1:4]
    tools = [a.split("=", 1) for a in sys.argv[4:]]
    with open(gold_path, encoding="utf-8") as f:
        gold_lines = [line if line.endswith("\n") else line + "\n" for line in f if line.strip()]
    gold = [json.loads(line) for line in gold_lines]
    with tempfile.TemporaryDirectory() as workdir:
        scores = [f1_by_page(score, gold_lines, pred, workdir) for _name, pred in tools]
    rows = []
    for g in gold:
        values = [s.get(g["file"], 0.0) for s in scores]
        rows.append((min(values), g["file"], g["lang"], values, max(values) - min(values),
                     g.get("url", "")))
    rows.sort(key=lambda r: (r[0], r[1]))
    with open(out_path, "w", encoding="utf-8") as out:
        out.write("\t".join(["file", "lang"] + [name for name, _pred in tools] +
                            ["spread", "url"]) + "\n")
        for _low, name, lang, values, spread, url in rows:
            out.write("\t".join([name, lang] + [f"{v:.3f}" for v in values] +
                                [f"{spread:.3f}", url]) + "\n")


if __name__ == "__main__":
    main()
