# normalize() is `corpus-clean --normalize`: rows of text, each compared with the CLI's output
# for the same options, with the rows that must stay as they are.
import subprocess

import pytest

import corpus_clean

# text, what normalize() must give (None: the text itself).
ROWS = [
    ("他说,好", "他说，好"),
    ("ＧＤＰ６．５％", "GDP6.5%"),
    ("增长39.1%.", "增长39.1%。"),
    ("说:\"好\"", "说：“好”"),
    ("沉默了...", "沉默了……"),
    ("中 国", "中国"),
    ("第一行,好\n第二行!好", "第一行，好\n第二行！好"),
    ("Hello, world!", None),  # English keeps its punctuation
    ("1,156 and 5:30", None),
    ("见 https://a.cn/x?b=1,c=2 。", None),
    ("", None),
]


def cli_normalize(cli, text, *args):
    done = subprocess.run([cli, "--normalize", *args], input=(text + "\n").encode(),
                          capture_output=True, check=True)
    return done.stdout.decode()[:-1]


@pytest.mark.parametrize("text, expected", ROWS, ids=[t for t, _ in ROWS])
def test_normalize_is_the_cli_filter(cli, text, expected):
    expected = text if expected is None else expected
    assert corpus_clean.normalize(text) == expected
    assert cli_normalize(cli, text) == expected


# keywords, the CLI's arguments, text.
OPTION_ROWS = [
    ({"no_normalize": "N4"}, ["--no-normalize", "N4"], "他说,好"),
    ({"no_normalize": ["N4", "N11"]}, ["--no-normalize", "N4,N11"], "他说,好 吗"),
    ({"no_normalize": "all"}, ["--no-normalize", "all"], "他说,好"),
    ({"simplified": True}, ["--simplified"], "這是繁體中文"),
    ({"corner_quotes": True}, ["--corner-quotes"], "他说「好」"),
    ({"cjk_spacing": True}, ["--cjk-spacing"], "使用Python编程"),
]


@pytest.mark.parametrize("keywords, args, text", OPTION_ROWS, ids=[" ".join(a) for _, a, _ in OPTION_ROWS])
def test_each_normalization_option_is_the_cli_one(cli, keywords, args, text):
    expected = cli_normalize(cli, text, *args)
    assert expected != corpus_clean.normalize(text), "the option changes nothing here"
    assert corpus_clean.normalize(text, **keywords) == expected
    assert corpus_clean.Cleaner(**keywords).normalize(text) == expected
