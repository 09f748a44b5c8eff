# What fails raises: a document the CLI makes an error record of raises corpus_clean.Error with
# that record's code, stage, message and path; a rules file the CLI refuses raises it from
# Cleaner(); keywords the module does not take raise TypeError, values the CLI refuses
# ValueError.
import pickle

import pytest

import corpus_clean
from conftest import cli_outcome, cli_run, outcome_of

# Documents the CLI fails, and the code each must fail with.
FAILING = [
    (b"\x00\x01\x02binary" * 10, "binary_input"),
    (b"---\ntitle: [unclosed\n---\nbody\n", "yaml_syntax"),
    (b"---\ntitle: a\nbody that never ends the front matter\n", "unterminated_front_matter"),
    (b"---\na: &a [x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b]\n"
     b"d: &d [*c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d]\n"
     b"f: [*e, *e, *e, *e, *e, *e, *e, *e]\n---\nbody\n", "yaml_limit"),
]


@pytest.mark.parametrize("document, code", FAILING, ids=[code for _, code in FAILING])
def test_a_failing_document_raises_the_cli_error_record(cli, tmp_path, document, code):
    post = tmp_path / "post.md"
    post.write_bytes(document)
    expected = cli_outcome(cli, post)
    assert expected[0] == "error" and expected[1]["code"] == code
    assert outcome_of(lambda: corpus_clean.clean(document, path=str(post))) == expected
    with pytest.raises(corpus_clean.Error) as caught:
        corpus_clean.clean(document, path=str(post))
    assert str(caught.value) == f"{post}: {caught.value.message}"
    assert isinstance(caught.value, Exception)


def test_without_a_path_the_error_names_standard_input_as_the_cli_does(cli):
    status, _, stderr, errors = cli_run(cli, "-", stdin=FAILING[0][0])
    assert status == 1
    with pytest.raises(corpus_clean.Error) as caught:
        corpus_clean.clean(FAILING[0][0])
    assert caught.value.path == errors[0]["path"] == "-"


def test_the_exception_class_is_one_and_documented():
    assert issubclass(corpus_clean.Error, Exception)
    assert corpus_clean.Error.__module__ == "corpus_clean"
    for attribute in ("code", "stage", "message", "path"):
        assert attribute in corpus_clean.Error.__doc__


@pytest.mark.parametrize("rules, code", [
    ("version: 1\ngeneric:\n  rules:\n    - drop_block: '(unclosed'\n      why: bad\n", None),
    ("version: 1\ngeneric:\n  rules:\n    - drop_blok: 'x'\n      why: typo\n", None),
    ("version: [\n", None),
])
def test_a_bad_rules_file_raises_what_the_cli_says(cli, tmp_path, rules, code):
    path = tmp_path / "rules.yaml"
    path.write_text(rules)
    status, _, stderr, _ = cli_run(cli, "--rules", str(path), "seeds")
    assert status == 2
    with pytest.raises(corpus_clean.Error) as caught:
        corpus_clean.Cleaner(rules=str(path))
    assert f"corpus-clean: {caught.value}\n" == stderr, rules
    assert caught.value.stage == "rules"
    with pytest.raises(corpus_clean.Error):
        corpus_clean.clean("正文", rules=path)


def test_a_missing_rules_file_raises_not_found(tmp_path):
    missing = tmp_path / "missing.yaml"
    with pytest.raises(corpus_clean.Error) as caught:
        corpus_clean.Cleaner(rules=[missing])
    assert (caught.value.code, caught.value.stage, caught.value.path) == ("not_found", "rules",
                                                                          str(missing))


# A keyword and what its TypeError must say.
REFUSED_KEYWORDS = [
    ({"min_chars_typo": 3}, "got an unexpected keyword argument 'min_chars_typo'"),
    ({"foo": 1, "bar": 2}, "got unexpected keyword arguments 'foo', 'bar'"),
    ({"dedup": "exact"}, "'dedup', an option of a whole run of the CLI, not of one document: "
                         "keep the first record of each record['hash'] yourself"),
    ({"jobs": 2}, "'jobs', an option of a whole run of the CLI"),
    ({"shard": "1/4"}, "'shard', an option of a whole run"),
    ({"o": "out.jsonl"}, "unexpected keyword argument 'o'"),
    ({"max_html_depth": "3"}, "max_html_depth must be an int, not str"),
    ({"max_bytes": True}, "max_bytes must be an int, not bool"),
    ({"simplified": 1}, "simplified must be True or False, not int"),
    ({"extract": 1}, "extract must be a str, not int"),
    ({"no_normalize": 4}, "no_normalize must be a str or a list of str, not int"),
    ({"no_normalize": ["N4", 6]}, "no_normalize must be a str, not int"),
    ({"site": 3}, "site must be a str or a list of str, not int"),
    ({"min_chars": 2.5}, "min_chars must be an int, not float"),
]


@pytest.mark.parametrize("keywords, message", REFUSED_KEYWORDS, ids=[m for _, m in REFUSED_KEYWORDS])
def test_keywords_it_does_not_take_raise_type_error(keywords, message):
    for call, name in ((lambda: corpus_clean.clean("正文", **keywords), "clean()"),
                       (lambda: corpus_clean.Cleaner(**keywords), "Cleaner()")):
        with pytest.raises(TypeError) as caught:
            call()
        assert message in str(caught.value), (name, keywords)
        if "keyword" in message or "whole run" in message:
            assert str(caught.value).startswith(name), str(caught.value)


def test_normalize_takes_only_the_normalization_keywords():
    with pytest.raises(TypeError, match=r"normalize\(\) got an unexpected keyword argument 'extract'"):
        corpus_clean.normalize("他说,好", extract="whole")
    assert corpus_clean.normalize("他说,好", no_normalize="N4") == "他说,好"


@pytest.mark.parametrize("data", [123, None, ["正文"], {"text": "正文"}])
def test_a_document_that_is_not_str_or_bytes_raises_type_error(data):
    with pytest.raises(TypeError, match="takes the document as str or bytes"):
        corpus_clean.clean(data)


def test_an_empty_path_raises_value_error():
    with pytest.raises(ValueError, match="path is empty"):
        corpus_clean.clean("正文", path="")


# Values the CLI refuses with a usage error (exit 2): the module raises ValueError.
REFUSED_VALUES = [
    ({"extract": "everything"}, ["--extract", "everything"]),
    ({"assume_tz": "Mars"}, ["--assume-tz", "Mars"]),
    ({"no_normalize": "N99"}, ["--no-normalize", "N99"]),
    ({"max_html_depth": 0}, ["--max-html-depth", "0"]),
    ({"max_html_depth": (1 << 20) + 1}, ["--max-html-depth", str((1 << 20) + 1)]),
    ({"max_front_matter_bytes": (16 << 20) + 1}, ["--max-front-matter-bytes", str((16 << 20) + 1)]),
    ({"max_yaml_depth": 1001}, ["--max-yaml-depth", "1001"]),
    ({"max_yaml_depth": 0}, ["--max-yaml-depth", "0"]),
]


@pytest.mark.parametrize("keywords, args", REFUSED_VALUES, ids=[a[0] for _, a in REFUSED_VALUES])
def test_values_the_cli_refuses_raise_value_error(cli, keywords, args):
    status, _, _, _ = cli_run(cli, *args, "seeds")
    assert status == 2, args
    with pytest.raises(ValueError) as caught:
        corpus_clean.Cleaner(**keywords)
    assert list(keywords)[0] in str(caught.value)


def test_a_negative_count_raises_value_error():
    for keywords in ({"max_bytes": -1}, {"max_yaml_nodes": -5}):
        with pytest.raises(ValueError, match=f"{list(keywords)[0]} must be between 0 and"):
            corpus_clean.Cleaner(**keywords)


# The edge of each range is taken, as the CLI takes it.
@pytest.mark.parametrize("keywords", [{"max_html_depth": 1}, {"max_html_depth": 1 << 20},
                                      {"max_yaml_depth": 1000}, {"max_front_matter_bytes": 0},
                                      {"max_bytes": 0}])
def test_the_limits_of_each_range_are_taken(keywords):
    assert repr(corpus_clean.Cleaner(**keywords)).startswith("corpus_clean.Cleaner(")


def test_a_cleaner_pickles_with_its_options(tmp_path):
    rules = tmp_path / "rules.yaml"
    rules.write_text("version: 1\ngeneric:\n  rules:\n    - drop_block: '^第二段'\n      why: test\n")
    cleaner = corpus_clean.Cleaner(rules=str(rules), simplified=True)
    copy = pickle.loads(pickle.dumps(cleaner))
    text = "# 標題\n\n第一段文字。\n\n第二段文字。\n"
    assert copy.clean(text) == cleaner.clean(text)
    assert cleaner.clean(text)["text"] == "第一段文字。"
    assert repr(copy) == repr(cleaner) == f"corpus_clean.Cleaner(rules={str(rules)!r}, simplified=True)"

