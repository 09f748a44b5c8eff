"""Clean Chinese news posts and web pages into the records the corpus-clean command writes.

    import corpus_clean
    record = corpus_clean.clean(open(p, "rb").read(), path=p)    # the CLI's record, a dict
    cleaner = corpus_clean.Cleaner(rules="my.yaml")                # rules compiled once

json.dumps(record, ensure_ascii=False, separators=(",", ":")) is the line `corpus-clean PATH`
writes, byte for byte. A document that fails raises corpus_clean.Error; what the CLI reports
as a warning is a corpus_clean.CleanWarning. See docs/python.md.
"""

from typing import Any, Dict, List, NotRequired, Optional, TypedDict

from corpus_clean._core import CleanWarning, Cleaner, Error, __version__, clean, normalize

__all__ = ["CleanWarning", "Cleaner", "Error", "Record", "clean", "normalize", "__version__"]

for _name in ("CleanWarning", "Cleaner", "Error"):
    globals()[_name].__module__ = __name__


class Record(TypedDict):
    """A record, as clean() returns it: the keys of docs/record.schema.json, in its order."""

    id: str
    path: str
    site: str
    format: str
    title: Optional[str]
    date: Optional[str]
    author: Optional[str]
    source: Optional[str]
    reporters: List[str]
    editors: List[str]
    categories: List[str]
    tags: List[str]
    url: Optional[str]
    crawl_url: Optional[str]
    crawl_date: Optional[str]
    site_name: Optional[str]
    lang: Optional[str]
    images: List[str]
    text: str
    paragraphs: int
    chars: int
    hash: str
    minhash: NotRequired[str]  # only in records written with the CLI's --fingerprint
    meta: Dict[str, Any]
