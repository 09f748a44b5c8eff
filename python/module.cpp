// The extension corpus_clean._core: clean(), normalize(), Cleaner, Error and CleanWarning over
// the library behind the CLI (docs/python.md). The GIL is released while the library works.
#include <pybind11/pybind11.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "corpus_clean/pipeline.hpp"
#include "corpus_clean/record.hpp"
#include "corpus_clean/version.hpp"
#include "input/read.hpp"  // looks_binary: the read stage's test for binary data
#include "keywords.hpp"
#include "output/writer.hpp"  // the CLI's filters of one record (--site, --min-chars)

namespace py = pybind11;

namespace corpus_clean::python {
namespace {

constexpr const char* kModuleDoc =
    R"(Clean Chinese news posts and web pages into the records the corpus-clean command writes.

    import corpus_clean
    record = corpus_clean.clean(open(p, "rb").read(), path=p)   # a dict: the CLI's record
    cleaner = corpus_clean.Cleaner(rules="my.yaml", min_chars=0)  # rules compiled once

The record is the one `corpus-clean PATH` writes: json.dumps(record, ensure_ascii=False,
separators=(",", ":")) is its line, byte for byte. A document that fails raises
corpus_clean.Error; what the CLI says as a warning is a corpus_clean.CleanWarning. See
docs/python.md.)";

// The keywords, at the end of the docstrings of clean() and Cleaner().
constexpr const char* kKeywordsDoc = R"(
Options are the CLI's long options, '-' written '_':

    rules="my.yaml" or a list      --rules FILE (repeatable), on top of the built-in rules
    extract="article" | "whole"    --extract
    assume_tz="+08:00"             --assume-tz
    no_normalize="N4,N6" | "all"   --no-normalize (also a list: ["N4", "N6"])
    simplified=True                --simplified
    corner_quotes=True             --corner-quotes
    cjk_spacing=True               --cjk-spacing
    max_bytes=N                    --max-bytes
    max_html_depth=N               --max-html-depth
    max_front_matter_bytes=N       --max-front-matter-bytes
    max_yaml_nodes=N               --max-yaml-nodes
    max_yaml_depth=N               --max-yaml-depth
    min_chars=N                    --min-chars: None for a record with less text
    site="sina" or a list          --site (repeatable): None for a document of another site

An unknown keyword raises TypeError naming it; so does an option of a whole run of the CLI
(dedup, jobs, shard, output, errors, ...), saying what to do instead. A value of the
wrong type raises TypeError, a value the CLI would refuse ValueError.)";

constexpr const char* kCleanDoc =
    R"(clean($module, data, /, *, path=None, url=None, rules=None, **options)
--

Cleans one document and returns its record: the dict whose json.dumps(record,
ensure_ascii=False, separators=(",", ":")) is the line `corpus-clean PATH` writes; None when
a filter (min_chars, site) drops it, as the CLI then writes no line.

data   the document as stored: bytes are decoded as the CLI decodes a file (BOM, declared
       and detected charsets); a str is encoded as UTF-8 first. Compressed bytes are not
       undone: gzip.decompress() them first.
path   str, bytes or os.PathLike: the record's path, and its id as the CLI gives a file named
       on its command line (the path, normalized: "./a.md" is "a.md"). Without it, id and
       path are "-", as for a document the CLI reads on standard input.
url    where the document was fetched from: the record's url when the document names none.

Raises corpus_clean.Error when the document fails (the CLI's error record); warns with
corpus_clean.CleanWarning for what the CLI reports as a warning. Without options, every call
shares one Cleaner; with options, each call compiles the rules again: make a Cleaner to clean
many documents.
)";

constexpr const char* kCleanerDoc =
    R"(Compiles the rules and the normalizer once, for many documents. One Cleaner may be called from
any number of threads at once: the GIL is released while a document is cleaned, so a
concurrent.futures.ThreadPoolExecutor runs documents on all cores. Picklable: a copy made in
another process compiles the same rules again.
)";

constexpr const char* kCleanerInitDoc =
    R"(__init__(self, /, *, rules=None, **options)
--

Compiles the rules and the normalizer; see help(corpus_clean.Cleaner) for the options.)";

constexpr const char* kCleanerCleanDoc =
    R"(clean(self, data, /, *, path=None, url=None)
--

Cleans one document with this Cleaner's rules and options; as corpus_clean.clean().)";

constexpr const char* kNormalizeDoc =
    R"(normalize($module, text, /, **options)
--

Normalizes Chinese punctuation (rules N1-N16 of docs/DESIGN.md) as `corpus-clean --normalize`
does, each line on its own. Options: no_normalize="N4,N6" | "all" (or a list), simplified,
corner_quotes, cjk_spacing (True or False), as the CLI's long options; any other keyword raises
TypeError.)";

constexpr const char* kCleanerNormalizeDoc =
    R"(normalize(self, text, /)
--

Normalizes text with this Cleaner's normalization options; as corpus_clean.normalize().)";

constexpr const char* kErrorDoc =
    R"(A document, a rules file or an option the library refused: the CLI's error record.

code     the error's stable name: "binary_input", "yaml_syntax", "too_large", ...
stage    where it failed: "read", "decode", "front_matter", "yaml", "rules", ...
message  what is wrong, without the path
path     the document's path (or the rules file's), None when there is none

str(error) is "PATH: message", as the CLI prints it.)";

constexpr const char* kWarningDoc =
    R"(What the CLI reports as a warning on a document it still cleans: "PATH: what happened"
(a charset detected, bytes replaced, HTML flattened, a date it could not read).)";

// The Python objects every call uses, looked up once when the module is imported; never
// released, as the module lives as long as the interpreter.
struct Objects {
  py::handle error;          // corpus_clean.Error
  py::handle clean_warning;  // corpus_clean.CleanWarning
  py::handle json_loads;     // json.loads
  py::handle warn;           // warnings.warn
};
Objects objects;

[[noreturn]] void raise_error(const Error& error) {
  py::handle type = objects.error;
  py::object exception = type(lossless_str(error.message()));
  exception.attr("code") = std::string(to_string(error.code));
  exception.attr("stage") = std::string(to_string(error.stage));
  exception.attr("message") = lossless_str(error.detail);
  exception.attr("path") = error.path.empty() ? py::object(py::none()) : lossless_str(error.path);
  PyErr_SetObject(type.ptr(), exception.ptr());
  throw py::error_already_set();
}

std::unique_ptr<const Context> context_or_raise(Result<std::unique_ptr<Context>> context) {
  if (!context)
    raise_error(context.error());
  return std::move(context).value();
}

// The read stage's checks on a file's bytes, made on bytes that come from memory.
std::optional<Error> refuse_bytes(const std::string& bytes, std::uint64_t max_bytes) {
  if (bytes.size() > max_bytes) {
    // In bytes, as max_bytes is given.
    return make_error(ErrorCode::too_large, Stage::read,
                      "document is " + std::to_string(bytes.size()) + " bytes, over the limit of " +
                          std::to_string(max_bytes) + " (max_bytes)");
  }
  if (looks_binary(bytes)) {
    return make_error(ErrorCode::binary_input, Stage::read,
                      "binary data (a NUL byte in the first 8 KiB), not a text document");
  }
  return std::nullopt;
}

// A Python buffer (bytes, bytearray, memoryview), released when done with.
class Buffer {
 public:
  explicit Buffer(const py::handle& object) {
    if (PyObject_GetBuffer(object.ptr(), &view_, PyBUF_SIMPLE) != 0)
      throw py::error_already_set();
  }
  ~Buffer() { PyBuffer_Release(&view_); }
  Buffer(const Buffer&) = delete;
  Buffer& operator=(const Buffer&) = delete;
  std::string bytes() const {
    return std::string(static_cast<const char*>(view_.buf), static_cast<std::size_t>(view_.len));
  }

 private:
  Py_buffer view_{};
};

Document make_document(const py::handle& data, const py::handle& path, const py::handle& url) {
  Document document;
  if (PyUnicode_Check(data.ptr())) {
    Py_ssize_t size = 0;
    const char* utf8 = PyUnicode_AsUTF8AndSize(data.ptr(), &size);
    if (!utf8)
      throw py::error_already_set();
    document.bytes.assign(utf8, static_cast<std::size_t>(size));
  } else if (PyObject_CheckBuffer(data.ptr())) {
    document.bytes = Buffer(data).bytes();
  } else {
    throw py::type_error(std::string("clean() takes the document as str or bytes, not ") +
                         Py_TYPE(data.ptr())->tp_name);
  }
  if (path.is_none()) {
    document.id = document.path = "-";
  } else {
    document.path = path_bytes(path);
    if (document.path.empty())
      throw py::value_error("clean(): path is empty");
    document.id = std::filesystem::path(document.path).lexically_normal().generic_string();
  }
  if (!url.is_none()) {
    if (!PyUnicode_Check(url.ptr()))
      throw py::type_error(std::string("url must be a str, not ") + Py_TYPE(url.ptr())->tp_name);
    document.hints.url = url.cast<std::string>();
  }
  return document;
}

void warn(const std::vector<std::string>& warnings, const std::string& path) {
  if (warnings.empty())
    return;
  for (const std::string& warning : warnings)
    objects.warn(lossless_str(path + ": " + warning), objects.clean_warning, 1);
}

// The compiled rules and normalizer, and the filters of the CLI's writer that the options
// ask for (--site, --min-chars, --lang: each looks at one record alone, so one instance serves
// every thread; --dedup, which needs the records before it, is not among the options a
// Cleaner takes).
struct Engine {
  explicit Engine(std::unique_ptr<const Context> compiled)
      : context(std::move(compiled)), filters(make_filters(context->options())) {}

  // True when a filter drops `record`.
  bool filtered_out(const Record& record) const {
    if (filters.empty())
      return false;
    SerializedRecord serialized{{}, record.id, record.site, record.hash, record.chars};
    serialized.lang = record.lang.value_or("");
    for (const std::unique_ptr<RecordFilter>& filter : filters) {
      if (filter->reject(serialized))
        return true;
    }
    return false;
  }

  std::unique_ptr<const Context> context;
  std::vector<std::unique_ptr<RecordFilter>> filters;
};

// The record as a dict: what json.loads gives for the CLI's line (record.cpp writes it), built
// without the line. The same keys in the same order; strings decoded from their UTF-8 (id and
// path with the lone surrogates os.fsdecode() gives for bytes that are not UTF-8, as the line
// escapes them); a string that is not UTF-8 elsewhere, and `meta`, which is arbitrary JSON,
// read back from what the line holds for them, so that nothing can differ.
class RecordDict {
 public:
  static py::dict build(const Record& record) {
    py::dict d;
    d["id"] = lossless_str(record.id);
    d["path"] = lossless_str(record.path);
    d["site"] = str(record.site);
    d["format"] = str(std::string(to_string(record.format)));
    d["title"] = optional(record.title);
    d["date"] = optional(record.date);
    d["author"] = optional(record.author);
    d["source"] = optional(record.source);
    d["reporters"] = list(record.reporters);
    d["editors"] = list(record.editors);
    d["categories"] = list(record.categories);
    d["tags"] = list(record.tags);
    d["url"] = optional(record.url);
    d["crawl_url"] = optional(record.crawl_url);
    d["crawl_date"] = optional(record.crawl_date);
    d["site_name"] = optional(record.site_name);
    d["lang"] = optional(record.lang);
    d["images"] = list(record.images);
    d["text"] = str(record.text);
    d["paragraphs"] = py::int_(record.paragraphs);
    d["chars"] = py::int_(record.chars);
    d["hash"] = str(record.hash);
    if (record.minhash)
      d["minhash"] = str(*record.minhash);
    d["meta"] = record.meta.empty() && record.meta.is_object()
                    ? py::object(py::dict())
                    : loads(record.meta.dump(-1, ' ', false, Json::error_handler_t::replace));
    return d;
  }

 private:
  static py::object loads(const std::string& json) { return objects.json_loads(py::str(json)); }

  static py::object str(const std::string& s) {
    PyObject* decoded = PyUnicode_DecodeUTF8(s.data(), static_cast<Py_ssize_t>(s.size()), nullptr);
    if (decoded)
      return py::reinterpret_steal<py::object>(decoded);
    if (!PyErr_ExceptionMatches(PyExc_UnicodeDecodeError))
      throw py::error_already_set();
    PyErr_Clear();  // not UTF-8: the line's replacement characters
    return loads(Json(s).dump(-1, ' ', false, Json::error_handler_t::replace));
  }

  static py::object optional(const std::optional<std::string>& s) {
    return s ? str(*s) : py::object(py::none());
  }

  static py::list list(const std::vector<std::string>& items) {
    py::list out(items.size());
    for (std::size_t k = 0; k < items.size(); ++k)
      out[k] = str(items[k]);
    return out;
  }
};

// Cleans one document with `engine`, the GIL released while the library works. None when a
// filter drops it, as the CLI writes no line for it.
py::object clean_with(const Engine& engine, const py::handle& data, const py::handle& path,
                      const py::handle& url) {
  const Context& context = *engine.context;
  Document document = make_document(data, path, url);
  const std::string document_path = document.path;
  Outcome outcome;
  bool kept = false;
  {
    py::gil_scoped_release release;
    std::optional<Error> refused = refuse_bytes(document.bytes, context.options().max_bytes);
    if (refused) {
      outcome.kind = Outcome::Kind::failed;
      outcome.error = std::move(refused);
      outcome.error->path = document.path;
    } else {
      outcome = process_document(std::move(document), context);
      kept = outcome.kind == Outcome::Kind::record && !engine.filtered_out(outcome.record);
    }
  }
  // Warnings first, as the CLI's report says them, for a document that fails too.
  warn(outcome.warnings, document_path);
  if (outcome.kind == Outcome::Kind::failed)
    raise_error(*outcome.error);
  return kept ? RecordDict::build(outcome.record) : py::object(py::none());
}

// Rules and normalizer compiled once; `clean` may run on any number of threads at once.
class Cleaner {
 public:
  Cleaner(std::unique_ptr<const Context> context, py::tuple arguments)
      : engine_(std::move(context)), arguments_(std::move(arguments)) {}

  // Cleaner(rules=..., **options) for `function` (named in the messages); the GIL is released
  // while the rules compile.
  static Cleaner create(const char* function, const py::object& rules, const py::kwargs& keywords) {
    Options options = document_options(function, rules, keywords);
    Result<std::unique_ptr<Context>> context = [&] {
      py::gil_scoped_release release;
      return Context::create(std::move(options));
    }();
    return Cleaner(context_or_raise(std::move(context)), py::make_tuple(rules, keywords));
  }

  py::object clean(const py::handle& data, const py::handle& path, const py::handle& url) const {
    return clean_with(engine_, data, path, url);
  }

  std::string normalize(const std::string& text) const {
    py::gil_scoped_release release;
    return engine_.context->normalizer().normalize(text);
  }

  // (rules, options): what Cleaner() was given, to make it again (pickling, repr).
  const py::tuple& arguments() const { return arguments_; }

 private:
  Engine engine_;
  py::tuple arguments_;
};

// What clean() uses when given no options: built on first use, never changed, and free of
// Python objects (it outlives the interpreter). Built with the GIL held: a thread that waited
// for it holding the GIL could never let it finish.
const Engine& default_engine() {
  static const Engine engine(context_or_raise(Context::create(Options{})));
  return engine;
}

py::object clean(const py::handle& data, const py::handle& path, const py::handle& url,
                 const py::object& rules, const py::kwargs& keywords) {
  if (rules.is_none() && keywords.empty())
    return clean_with(default_engine(), data, path, url);
  return Cleaner::create("clean()", rules, keywords).clean(data, path, url);
}

std::string normalize(const std::string& text, const py::kwargs& keywords) {
  const NormalizeOptions options = normalize_options("normalize()", keywords);
  Result<Normalizer> normalizer = [&] {
    py::gil_scoped_release release;
    return Normalizer::create(options);
  }();
  if (!normalizer)
    raise_error(normalizer.error());
  py::gil_scoped_release release;
  return normalizer->normalize(text);
}

py::str cleaner_repr(const Cleaner& cleaner) {
  const py::tuple& arguments = cleaner.arguments();
  std::string repr = "corpus_clean.Cleaner(";
  const char* separator = "";
  if (!arguments[0].is_none()) {
    repr += "rules=" + std::string(py::repr(arguments[0]));
    separator = ", ";
  }
  for (const auto& [key, value] : arguments[1].cast<py::dict>()) {
    repr += separator + std::string(py::str(key)) + "=" + std::string(py::repr(value));
    separator = ", ";
  }
  return repr + ")";
}

void define_cleaner(py::module_& m) {
  static const std::string doc = std::string(kCleanerDoc) + kKeywordsDoc;
  py::class_<Cleaner>(m, "Cleaner", doc.c_str())
      .def(py::init([](const py::object& rules, const py::kwargs& keywords) {
             return Cleaner::create("Cleaner()", rules, keywords);
           }),
           kCleanerInitDoc, py::kw_only(), py::arg("rules") = py::none())
      .def("clean", &Cleaner::clean, kCleanerCleanDoc, py::arg("data"), py::pos_only(),
           py::kw_only(), py::arg("path") = py::none(), py::arg("url") = py::none())
      .def("normalize", &Cleaner::normalize, kCleanerNormalizeDoc, py::arg("text"), py::pos_only())
      .def("__repr__", &cleaner_repr)
      .def(py::pickle([](const Cleaner& cleaner) { return cleaner.arguments(); },
                      [](const py::tuple& arguments) {
                        if (arguments.size() != 2)
                          throw py::value_error("not the state of a corpus_clean.Cleaner");
                        return Cleaner::create("Cleaner()", arguments[0],
                                               arguments[1].cast<py::kwargs>());
                      }));
}

void define_module(py::module_& m) {
  // The docstrings carry the signatures, in the form inspect.signature() and help() read.
  py::options options;
  options.disable_function_signatures();
  m.doc() = kModuleDoc;
  m.attr("__version__") = std::string(version());

  py::object error = py::reinterpret_steal<py::object>(
      PyErr_NewExceptionWithDoc("corpus_clean.Error", kErrorDoc, PyExc_Exception, nullptr));
  py::object warning = py::reinterpret_steal<py::object>(PyErr_NewExceptionWithDoc(
      "corpus_clean.CleanWarning", kWarningDoc, PyExc_UserWarning, nullptr));
  if (!error || !warning)
    throw py::error_already_set();
  m.attr("Error") = error;
  m.attr("CleanWarning") = warning;
  objects.error = error.release();
  objects.clean_warning = warning.release();
  objects.json_loads = py::object(py::module_::import("json").attr("loads")).release();
  objects.warn = py::object(py::module_::import("warnings").attr("warn")).release();

  define_cleaner(m);
  static const std::string clean_doc = std::string(kCleanDoc) + kKeywordsDoc;
  m.def("clean", &clean, clean_doc.c_str(), py::arg("data"), py::pos_only(), py::kw_only(),
        py::arg("path") = py::none(), py::arg("url") = py::none(), py::arg("rules") = py::none());
  m.def("normalize", &normalize, kNormalizeDoc, py::arg("text"), py::pos_only());
}

}  // namespace
}  // namespace corpus_clean::python

PYBIND11_MODULE(_core, m) {
  corpus_clean::python::define_module(m);
}
