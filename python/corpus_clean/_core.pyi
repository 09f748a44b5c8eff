# Type stubs of the extension corpus_clean._core (python/module.cpp), which corpus_clean
# re-exports; the docstrings are the module's, shortened.
import os
from typing import Any, List, Optional, Sequence, Union

from corpus_clean import Record

_Path = Union[str, bytes, "os.PathLike[str]", "os.PathLike[bytes]"]
_Rules = Union[_Path, Sequence[_Path], None]

__version__: str

class Error(Exception):
    """A document, a rules file or an option the library refused: the CLI's error record.

    str(error) is "PATH: message", as the CLI prints it.
    """

    code: str
    """The error's stable name: "binary_input", "yaml_syntax", "too_large", ..."""
    stage: str
    """Where it failed: "read", "decode", "front_matter", "yaml", "rules", ..."""
    message: str
    """What is wrong, without the path."""
    path: Optional[str]
    """The document's path (or the rules file's); None when there is none."""

class CleanWarning(UserWarning):
    """What the CLI reports as a warning on a document it still cleans: "PATH: what happened"."""

def clean(
    data: Union[str, bytes, bytearray, memoryview],
    /,
    *,
    path: Optional[_Path] = None,
    url: Optional[str] = None,
    rules: _Rules = None,
    extract: str = "article",
    assume_tz: Optional[str] = None,
    no_normalize: Union[str, Sequence[str], None] = None,
    simplified: bool = False,
    corner_quotes: bool = False,
    cjk_spacing: bool = False,
    max_bytes: int = ...,
    max_html_depth: int = ...,
    max_front_matter_bytes: int = ...,
    max_yaml_nodes: int = ...,
    max_yaml_depth: int = ...,
    min_chars: int = 0,
    site: Union[str, Sequence[str], None] = None,
) -> Optional[Record]:
    """Cleans one document and returns the record `corpus-clean PATH` writes (None when the
    min_chars or site filter drops it, as the CLI then writes no line).

    data: bytes decoded as the CLI decodes a file (a str is encoded as UTF-8 first).
    path: the record's path, and its id as for a file named on the CLI's command line;
    without it, id and path are "-" (as for standard input). url: where the document was
    fetched from, the record's url when the document names none.

    Options are the CLI's long options, '-' written '_': rules (--rules, a path or a list),
    extract (--extract "article" | "whole"), assume_tz (--assume-tz), no_normalize
    (--no-normalize "N4,N6" | "all", or a list), simplified, corner_quotes, cjk_spacing,
    max_bytes, max_html_depth, max_front_matter_bytes, max_yaml_nodes, max_yaml_depth, and the
    filters min_chars and site. An unknown keyword, or an option of a whole run (dedup, jobs,
    shard, ...), raises TypeError; a value the CLI would refuse, ValueError.

    Raises Error when the document fails; warns with CleanWarning.
    """

def normalize(
    text: str,
    /,
    *,
    no_normalize: Union[str, Sequence[str], None] = None,
    simplified: bool = False,
    corner_quotes: bool = False,
    cjk_spacing: bool = False,
) -> str:
    """Normalizes Chinese punctuation (N1-N16) as `corpus-clean --normalize`, line by line."""

class Cleaner:
    """Rules and normalizer compiled once, for many documents, from any number of threads.

    The GIL is released while a document is cleaned, so a ThreadPoolExecutor runs documents
    on all cores. Takes the options of clean(). Picklable.
    """

    def __init__(
        self,
        *,
        rules: _Rules = None,
        extract: str = "article",
        assume_tz: Optional[str] = None,
        no_normalize: Union[str, Sequence[str], None] = None,
        simplified: bool = False,
        corner_quotes: bool = False,
        cjk_spacing: bool = False,
        max_bytes: int = ...,
        max_html_depth: int = ...,
        max_front_matter_bytes: int = ...,
        max_yaml_nodes: int = ...,
        max_yaml_depth: int = ...,
        min_chars: int = 0,
        site: Union[str, Sequence[str], None] = None,
    ) -> None: ...
    def clean(
        self,
        data: Union[str, bytes, bytearray, memoryview],
        /,
        *,
        path: Optional[_Path] = None,
        url: Optional[str] = None,
    ) -> Optional[Record]:
        """Cleans one document with this Cleaner's rules and options; as clean()."""
    def normalize(self, text: str, /) -> str:
        """Normalizes text with this Cleaner's normalization options; as normalize()."""
    def __getstate__(self) -> Any: ...
    def __setstate__(self, state: Any) -> None: ...
