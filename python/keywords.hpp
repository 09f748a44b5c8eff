// The Python module's keyword arguments, the CLI's long options with '_' for '-', turned into
// the library's Options (the table is in docs/python.md and the module's docstrings).
#pragma once

#include <pybind11/pybind11.h>

#include <string>

#include "corpus_clean/normalize.hpp"
#include "corpus_clean/options.hpp"

namespace corpus_clean::python {

// Options for cleaning documents one at a time: `rules` (None, a path, or a list of paths) and
// the keywords of one document's pipeline. Raises TypeError for an unknown keyword, for one of
// the CLI's options that act on a whole run (saying what to do instead) and for a value of the
// wrong type; ValueError for a value the CLI would refuse. `function` names the caller in the
// messages ("clean()").
Options document_options(const char* function, const pybind11::handle& rules,
                         const pybind11::kwargs& keywords);

// The normalization keywords alone (no_normalize, simplified, corner_quotes, cjk_spacing).
NormalizeOptions normalize_options(const char* function, const pybind11::kwargs& keywords);

// A path given as str, bytes or os.PathLike, as the file system's bytes (os.fsencode).
std::string path_bytes(const pybind11::handle& path);

// Bytes from the file system or the library as a str that gives them back with
// .encode("utf-8", "surrogateescape"), as os.fsdecode does: invalid UTF-8 becomes lone
// surrogates, never an exception.
pybind11::str lossless_str(const std::string& bytes);

}  // namespace corpus_clean::python
