# Each keyword option does what the CLI's option of the same name does: rows of {keywords, the
# CLI's arguments, a document}; the module's record (or error) and warnings must be the CLI's,
# and a row says whether the option changes the record at all (the counter-examples must not).
import textwrap
import warnings

import pytest

import corpus_clean
from conftest import cli_run, cli_warnings, outcome_of

PAGE = textwrap.dedent("""\
    <html><head><title>中欧班列开行数量创新高</title></head><body>
    <nav><a href="/">首页</a> <a href="/news">新闻中心</a> <a href="/sports">体育频道</a></nav>
    <article><h1>中欧班列开行数量创新高</h1>
    <p>记者从国铁集团获悉，今年前五个月，中欧班列累计开行七千三百列，同比增长百分之十。</p>
    <p>国铁集团有关负责人表示，将继续优化班列运输组织，提升通关便利化水平，保障产业链稳定。</p>
    <p>据介绍，中欧班列已通达欧洲二十五个国家的二百多个城市，运输货物品类不断丰富。</p>
    </article>
    <footer>版权所有 新闻网 联系我们 网站地图</footer></body></html>
    """)
TEXT = "---\ntitle: 测试\ndate: 2021-12-01 09:16\n---\n他说,好的.我们走吧!\n這是「繁體」中文,使用Python编程。\n"
PLAIN = "---\ntitle: 测试\ndate: 2021-12-01T09:16:00+08:00\n---\n他们说好的。我们走吧。\n"
DEEP = "<div>" * 40 + "<p>很深的一段正文，有足够的字数。</p>" + "</div>" * 40
NESTED_YAML = "---\ntitle: 测试\na:\n  b:\n    c: 1\n---\n正文。\n"
RULES = "version: 1\ngeneric:\n  rules:\n    - drop_block: '^他说'\n      why: a test rule\n"
MORE_RULES = "version: 1\ngeneric:\n  rules:\n    - strip: '使用'\n      why: a second test rule\n"

# keywords, the CLI's arguments, document, whether the record differs from the default one.
ROWS = [
    ({"extract": "whole"}, ["--extract", "whole"], PAGE, True),
    ({"extract": "ARTICLE"}, ["--extract", "ARTICLE"], PAGE, False),
    ({"extract": "whole"}, ["--extract", "whole"], PLAIN, False),  # not HTML: nothing to choose
    ({"assume_tz": "+08:00"}, ["--assume-tz", "+08:00"], TEXT, True),
    ({"assume_tz": "+08:00"}, ["--assume-tz", "+08:00"], PLAIN, False),  # it names its zone
    ({"no_normalize": "N4"}, ["--no-normalize", "N4"], TEXT, True),
    ({"no_normalize": ["N4", "N5"]}, ["--no-normalize", "N4,N5"], TEXT, True),
    ({"no_normalize": "all"}, ["--no-normalize", "all"], TEXT, True),
    ({"no_normalize": "N4"}, ["--no-normalize", "N4"], PLAIN, False),  # no ASCII comma
    ({"simplified": True}, ["--simplified"], TEXT, True),
    ({"simplified": True}, ["--simplified"], PLAIN, False),
    ({"simplified": False}, [], TEXT, False),
    ({"corner_quotes": True}, ["--corner-quotes"], TEXT, True),
    ({"corner_quotes": True}, ["--corner-quotes"], PLAIN, False),
    ({"cjk_spacing": True}, ["--cjk-spacing"], TEXT, True),
    ({"cjk_spacing": True}, ["--cjk-spacing"], PLAIN, False),
    ({"no_normalize": "all", "simplified": True}, ["--no-normalize", "all", "--simplified"], TEXT,
     True),
    ({"max_html_depth": 8}, ["--max-html-depth", "8"], DEEP, None),  # a warning, the text kept
    ({"max_html_depth": 256}, ["--max-html-depth", "256"], DEEP, False),
    ({"max_front_matter_bytes": 10}, ["--max-front-matter-bytes", "10"], TEXT, True),
    ({"max_yaml_nodes": 2}, ["--max-yaml-nodes", "2"], TEXT, True),
    ({"max_yaml_depth": 2}, ["--max-yaml-depth", "2"], NESTED_YAML, True),
    ({"max_yaml_depth": 3}, ["--max-yaml-depth", "3"], NESTED_YAML, False),
    ({"max_bytes": 1 << 20}, ["--max-bytes", str(1 << 20)], TEXT, False),
    ({"rules": "{rules}"}, ["--rules", "{rules}"], TEXT, True),
    ({"rules": ["{rules}", "{more_rules}"]}, ["--rules", "{rules}", "--rules", "{more_rules}"],
     TEXT, True),
    ({"rules": "{rules}"}, ["--rules", "{rules}"], PLAIN, False),  # nothing for it to drop
    ({"min_chars": 100}, ["--min-chars", "100"], PLAIN, True),  # dropped: None, and no line
    ({"min_chars": 5}, ["--min-chars", "5"], PLAIN, False),
    ({"min_chars": 0}, ["--min-chars", "0"], PLAIN, False),
    ({"site": "sina"}, ["--site", "sina"], PLAIN, True),  # a generic document: dropped
    ({"site": ["sina", "generic"]}, ["--site", "sina", "--site", "generic"], PLAIN, False),
]


def outcome_and_warnings(call):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        outcome = outcome_of(call)
    return outcome, [str(w.message) for w in caught]


def test_each_option_does_what_the_cli_option_does(cli, tmp_path):
    files = {"rules": tmp_path / "rules.yaml", "more_rules": tmp_path / "more.yaml"}
    files["rules"].write_text(RULES)
    files["more_rules"].write_text(MORE_RULES)
    fill = lambda v: v.format(**files) if isinstance(v, str) else v
    post = tmp_path / "post.md"
    for keywords, args, document, changes in ROWS:
        row = f"{keywords} on {document[:30]!r}"
        keywords = {k: [fill(x) for x in v] if isinstance(v, list) else fill(v)
                    for k, v in keywords.items()}
        post.write_text(document)
        status, out, stderr, errors = cli_run(cli, *map(fill, args), str(post))
        expected = ("error", errors[0]) if errors else ("record", out) if out else ("dropped", b"")
        assert status == (1 if errors else 0), row
        got, said = outcome_and_warnings(
            lambda: corpus_clean.clean(document.encode(), path=str(post), **keywords))
        assert got == expected, row
        assert said == cli_warnings(stderr, post), row
        cleaner = corpus_clean.Cleaner(**keywords)
        assert outcome_and_warnings(lambda: cleaner.clean(document, path=str(post))) == (got, said), row
        if changes is not None:
            default = outcome_of(lambda: corpus_clean.clean(document, path=str(post)))
            assert (got != default) == changes, row


def test_max_bytes_refuses_a_larger_document_as_the_cli_does(cli, tmp_path):
    post = tmp_path / "post.md"
    post.write_text(TEXT)
    status, _, _, errors = cli_run(cli, "--max-bytes", "20", str(post))
    assert status == 1
    with pytest.raises(corpus_clean.Error) as caught:
        corpus_clean.clean(TEXT, path=str(post), max_bytes=20)
    error = caught.value
    assert (error.code, error.stage, error.path) == (errors[0]["code"], errors[0]["stage"],
                                                     errors[0]["path"])
    assert error.message == f"document is {len(TEXT.encode())} bytes, over the limit of 20 (max_bytes)"
    assert corpus_clean.clean(TEXT, max_bytes=len(TEXT.encode()))["text"]  # exactly at the limit
