# The pipeline step of docs/python.md, run as the page shows it: its code block, taken from the
# page, over the seeds and over documents that fail or are too short.
import collections
import re

import corpus_clean
from conftest import SOURCE_DIR


def example():
    page = (SOURCE_DIR / "docs/python.md").read_text(encoding="utf-8")
    marker = "<!-- The test tests/python/test_docs_example.py runs this block as it is. -->"
    block = re.search(re.escape(marker) + r"\n```python\n(.*?)```", page, re.S)
    assert block, "docs/python.md has lost its example"
    namespace = {}
    exec(compile(block.group(1), "docs/python.md", "exec"), namespace)
    return namespace


def test_the_step_cleans_every_seed_as_clean_does():
    step = example()
    stats = collections.Counter()
    docs = list(step["clean_step"](step["read_posts"]("seeds"), stats=stats, min_chars=100))
    seeds = sorted((SOURCE_DIR / "seeds").iterdir())
    assert [d["id"] for d in docs] == [p.name for p in seeds]
    for doc, seed in zip(docs, seeds):
        record = corpus_clean.clean(seed.read_bytes(), path=seed.name)
        assert doc["text"] == record["text"] and doc["metadata"]["title"] == record["title"]
    assert stats == {"in": 5, "out": 5}


def test_the_step_counts_what_it_does_not_yield():
    step = example()
    stats = collections.Counter()
    docs = [{"id": "a.md", "text": b"\x00binary"}, {"id": "b.md", "text": "短。"},
            {"id": "c.md", "text": "长" * 300, "url": "https://example.com/c"}]
    out = list(step["clean_step"](iter(docs), stats=stats))
    assert [d["id"] for d in out] == ["c.md"]
    assert out[0]["metadata"]["url"] == "https://example.com/c"
    assert stats == {"in": 3, "out": 1, "failed/binary_input": 1, "dropped/min_chars": 1}
    assert stats["in"] == stats["out"] + stats["failed/binary_input"] + stats["dropped/min_chars"]
