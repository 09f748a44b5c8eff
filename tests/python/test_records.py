# The module's records are the CLI's, byte for byte, for the seeds and every post of the test
# corpus (and of ../shared/corpus when present); how path=, url= and str input set the record.
import json
import os
import warnings
from pathlib import Path

import pytest

import corpus_clean
from conftest import SHARED_CORPUS, SOURCE_DIR, cli_outcome, cli_run, cli_warnings, line_of, outcome_of

SEEDS = sorted(p.relative_to(SOURCE_DIR) for p in (SOURCE_DIR / "seeds").iterdir())


@pytest.mark.parametrize("seed", SEEDS, ids=str)
def test_seed_record_is_the_cli_line(cli, seed):
    status, out, _, _ = cli_run(cli, "--quiet", str(seed))
    assert status == 0
    record = corpus_clean.clean(seed.read_bytes(), path=str(seed))
    assert line_of(record) == out


@pytest.mark.parametrize("seed", SEEDS, ids=str)
def test_seed_as_str_gives_the_same_record(seed):
    as_bytes = corpus_clean.clean(seed.read_bytes(), path=seed)
    as_str = corpus_clean.clean(seed.read_text(encoding="utf-8"), path=seed)
    assert as_str == as_bytes


def corpus_files():
    roots = [SOURCE_DIR / "tests/corpus"]
    if SHARED_CORPUS.is_dir():
        roots.append(SHARED_CORPUS)
    # The posts, not the corpus's own README.
    return sorted(p for root in roots for p in root.rglob("*/*") if p.is_file() and
                  p.suffix in (".md", ".html", ".txt", ".markdown"))


def test_every_corpus_post_is_the_cli_record(cli):
    files = corpus_files()
    assert len(files) >= 45
    status, out, _, errors = cli_run(cli, "--quiet", *map(str, files))
    assert status == 0 and not errors, errors
    lines = out.splitlines(keepends=True)
    assert len(lines) == len(files)
    mismatched = [str(f) for f, line in zip(files, lines)
                  if line_of(corpus_clean.clean(f.read_bytes(), path=str(f))) != line]
    assert mismatched == []
    if not SHARED_CORPUS.is_dir():
        pytest.skip(f"{SHARED_CORPUS} is not here: only tests/corpus was compared")


def test_record_keys_are_the_schema_keys_in_order():
    schema = json.loads((SOURCE_DIR / "docs/record.schema.json").read_text())
    record = corpus_clean.clean(SEEDS[0].read_bytes(), path=SEEDS[0])
    assert list(record) == schema["required"]  # minhash only with --fingerprint
    assert list(corpus_clean.Record.__annotations__) == list(schema["properties"])


def test_without_path_the_record_is_the_cli_one_on_standard_input(cli):
    seed = SEEDS[0]
    status, out, _, _ = cli_run(cli, "--quiet", "-", stdin=seed.read_bytes())
    assert status == 0
    record = corpus_clean.clean(seed.read_bytes())
    assert (record["id"], record["path"]) == ("-", "-")
    assert line_of(record) == out


@pytest.mark.parametrize("given, expected_id", [
    ("./seeds/000_847a8487eada5079.txt", "seeds/000_847a8487eada5079.txt"),
    ("seeds/../seeds/000_847a8487eada5079.txt", "seeds/000_847a8487eada5079.txt"),
    ("seeds//000_847a8487eada5079.txt", "seeds/000_847a8487eada5079.txt"),
    ("seeds/000_847a8487eada5079.txt", "seeds/000_847a8487eada5079.txt"),  # left as it is
])
def test_path_gives_id_and_path_as_the_cli_does(cli, given, expected_id):
    kind, line = cli_outcome(cli, given)
    assert kind == "record"
    record = corpus_clean.clean(Path(given).read_bytes(), path=given)
    assert (record["id"], record["path"]) == (expected_id, given), given
    assert line_of(record) == line, given


def test_a_name_that_is_not_utf8_keeps_its_bytes(cli, tmp_path):
    name = os.fsencode(tmp_path) + b"/bad\xff\xfe.md"
    with open(name, "wb") as f:
        f.write(SEEDS[2].read_bytes())
    status, out, _, _ = cli_run(cli, "--quiet", os.fsdecode(name))
    assert status == 0
    for path in (name, os.fsdecode(name), Path(os.fsdecode(name))):
        record = corpus_clean.clean(SEEDS[2].read_bytes(), path=path)
        assert record == json.loads(out), path
        assert os.fsencode(record["path"]) == name


@pytest.mark.parametrize("document, url, expected", [
    # No address in the document: the one it was fetched from.
    ("# 标题\n\n正文一段。\n", "https://example.com/a.html", "https://example.com/a.html"),
    # The document's own address wins.
    ("---\ntitle: 标题\nurl: https://news.example/b\n---\n正文一段。\n", "https://example.com/a.html",
     "https://news.example/b"),
    ("# 标题\n\n正文一段。\n", None, None),
])
def test_url_is_the_record_url_when_the_document_names_none(document, url, expected):
    assert corpus_clean.clean(document, url=url)["url"] == expected, (document, url)


def test_warnings_are_the_cli_warnings(cli, tmp_path):
    post = tmp_path / "gbk.md"
    post.write_bytes("---\ntitle: 标题\n---\n这是一篇用国标码写的新闻稿件，内容很长。\n".encode("gb18030") * 3)
    status, out, stderr, _ = cli_run(cli, str(post))
    assert status == 0
    expected = cli_warnings(stderr, post)
    assert expected, stderr
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        record = corpus_clean.clean(post.read_bytes(), path=str(post))
    assert [str(w.message) for w in caught] == expected
    assert all(w.category is corpus_clean.CleanWarning for w in caught)
    assert line_of(record) == out


def test_a_clean_document_warns_nothing():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        corpus_clean.clean(SEEDS[0].read_bytes(), path=SEEDS[0])


META_POST = """---
title: "标题 \\"引号\\" \\t 与控制符"
date: 2021-03-15 10:00:00
count: 42
big: 12345678901234567890
ratio: 0.1
tiny: 1.5e-10
flag: true
nothing: null
tags: [甲, 乙]
nested: {a: [1, 2.5, {b: 😀}], c: ''}
---
正文一段，含 emoji 😀 与 "引号"、反斜杠 \\ 和制表符\t。
"""


def test_a_record_of_every_json_type_is_the_cli_line(cli, tmp_path):
    post = tmp_path / "meta.md"
    post.write_text(META_POST, encoding="utf-8")
    status, out, _, _ = cli_run(cli, "--quiet", str(post))
    assert status == 0
    record = corpus_clean.clean(post.read_bytes(), path=str(post))
    assert line_of(record) == out
    assert record["meta"]["nested"] == {"a": [1, 2.5, {"b": "😀"}], "c": ""}


@pytest.mark.parametrize("text", [
    "Café · 10×20 ©，中文与 ASCII 混排。",  # one, two and three bytes
    "表情 😀 与 𠮷：四个字节的字。",          # four bytes
    "ASCII only, nothing else.",
])
def test_texts_of_every_utf8_length_are_the_cli_text(cli, tmp_path, text):
    post = tmp_path / "text.md"
    post.write_text(f"---\ntitle: 标题\n---\n{text}\n", encoding="utf-8")
    status, out, _, _ = cli_run(cli, "--quiet", "--min-chars", "0", str(post))
    assert status == 0
    record = corpus_clean.clean(post.read_bytes(), path=str(post), min_chars=0)
    assert line_of(record) == out
    assert record["text"] == json.loads(out)["text"]
