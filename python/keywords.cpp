// Keyword arguments to Options (keywords.hpp): one table row per keyword, checked the way the
// CLI checks the option it is named after.
#include "keywords.hpp"

#include <cstdint>
#include <limits>
#include <string_view>
#include <vector>

#include "corpus_clean/date.hpp"

namespace py = pybind11;

namespace corpus_clean::python {
namespace {

std::string type_name(const py::handle& value) {
  return Py_TYPE(value.ptr())->tp_name;
}

std::uint64_t as_count(const py::handle& value, std::string_view name, std::uint64_t low,
                       std::uint64_t high) {
  if (!PyLong_Check(value.ptr()) || PyBool_Check(value.ptr()))
    throw py::type_error(std::string(name) + " must be an int, not " + type_name(value));
  if (value < py::int_(low) || value > py::int_(high)) {
    throw py::value_error(std::string(name) + " must be between " + std::to_string(low) + " and " +
                          std::to_string(high) + ", not " + std::string(py::str(value)));
  }
  return value.cast<std::uint64_t>();
}

bool as_flag(const py::handle& value, std::string_view name) {
  if (!PyBool_Check(value.ptr()))
    throw py::type_error(std::string(name) + " must be True or False, not " + type_name(value));
  return value.cast<bool>();
}

std::string as_text(const py::handle& value, std::string_view name) {
  if (!PyUnicode_Check(value.ptr()))
    throw py::type_error(std::string(name) + " must be a str, not " + type_name(value));
  return value.cast<std::string>();
}

constexpr std::uint64_t kAny = std::numeric_limits<std::uint64_t>::max();

void set_no_normalize(Options& options, const py::handle& value, std::string_view name) {
  // "N4,N6" as on the command line, or a list of ids.
  std::string list;
  if (PyUnicode_Check(value.ptr())) {
    list = value.cast<std::string>();
  } else if (PyList_Check(value.ptr()) || PyTuple_Check(value.ptr())) {
    for (const py::handle& id : value)
      list += (list.empty() ? "" : ",") + as_text(id, name);
  } else {
    throw py::type_error(std::string(name) + " must be a str or a list of str, not " +
                         type_name(value));
  }
  Result<NormalizeOptions> disabled = disable_rules(options.normalize, list);
  if (!disabled)
    throw py::value_error(std::string(name) + ": " + disabled.error().detail);
  options.normalize = *disabled;
}

void set_sites(Options& options, const py::handle& value, std::string_view name) {
  // One rule set's name, or a list of them (--site, repeatable).
  options.sites.clear();
  if (PyUnicode_Check(value.ptr())) {
    options.sites.push_back(value.cast<std::string>());
  } else if (PyList_Check(value.ptr()) || PyTuple_Check(value.ptr())) {
    for (const py::handle& site : value)
      options.sites.push_back(as_text(site, name));
  } else {
    throw py::type_error(std::string(name) + " must be a str or a list of str, not " +
                         type_name(value));
  }
}

void set_assume_tz(Options& options, const py::handle& value, std::string_view name) {
  const std::string offset = as_text(value, name);
  options.dates.assume_offset_minutes = parse_utc_offset(offset);
  if (!options.dates.assume_offset_minutes) {
    throw py::value_error(std::string(name) + ": '" + offset +
                          "' is not a UTC offset such as +08:00");
  }
}

void set_extract(Options& options, const py::handle& value, std::string_view name) {
  std::string mode = as_text(value, name);
  for (char& c : mode)
    c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  if (mode == "article") {
    options.extract = ExtractMode::article;
  } else if (mode == "whole") {
    options.extract = ExtractMode::whole;
  } else {
    throw py::value_error(std::string(name) + " must be 'article' or 'whole', not '" +
                          value.cast<std::string>() + "'");
  }
}

struct Keyword {
  std::string_view name;
  bool normalization;  // also a keyword of normalize()
  void (*set)(Options&, const py::handle&, std::string_view name);
};

// Each keyword is the CLI's long option of the same name, with '_' for '-'.
const Keyword kKeywords[] = {
    {"max_bytes", false,
     [](Options& o, const py::handle& v, std::string_view n) {
       o.max_bytes = as_count(v, n, 0, kAny);
     }},
    {"max_html_depth", false,
     [](Options& o, const py::handle& v, std::string_view n) {
       o.max_html_depth = as_count(v, n, 1, kMaxHtmlDepthBound);
     }},
    {"max_front_matter_bytes", false,
     [](Options& o, const py::handle& v, std::string_view n) {
       o.yaml_limits.max_bytes = as_count(v, n, 0, kMaxFrontMatterBytesBound);
     }},
    {"max_yaml_nodes", false,
     [](Options& o, const py::handle& v, std::string_view n) {
       o.yaml_limits.max_nodes = as_count(v, n, 0, std::numeric_limits<std::size_t>::max());
     }},
    {"max_yaml_depth", false,
     [](Options& o, const py::handle& v, std::string_view n) {
       o.yaml_limits.max_depth = as_count(v, n, 1, kMaxYamlDepthBound);
     }},
    {"min_chars", false,
     [](Options& o, const py::handle& v, std::string_view n) {
       o.min_chars = as_count(v, n, 0, std::numeric_limits<std::size_t>::max());
     }},
    {"site", false, set_sites},
    {"assume_tz", false, set_assume_tz},
    {"extract", false, set_extract},
    {"no_normalize", true, set_no_normalize},
    {"simplified", true,
     [](Options& o, const py::handle& v, std::string_view n) {
       o.normalize.simplified = as_flag(v, n);
     }},
    {"corner_quotes", true,
     [](Options& o, const py::handle& v, std::string_view n) {
       o.normalize.corner_quotes = as_flag(v, n);
     }},
    {"cjk_spacing", true,
     [](Options& o, const py::handle& v, std::string_view n) {
       o.normalize.cjk_spacing = as_flag(v, n);
     }},
};

// The CLI's options that act on a whole run rather than on one document, and what a Python
// caller does instead.
struct RunOption {
  std::string_view name;
  std::string_view instead;
};
const RunOption kRunOptions[] = {
    {"files_from", "call clean() on each document"},
    {"ext", "choose the files yourself"},
    {"follow", "choose the files yourself"},
    {"follow_root", "choose the files yourself"},
    {"include", "choose the files yourself"},
    {"exclude", "choose the files yourself"},
    {"shard", "choose the documents yourself, or run the CLI with --shard"},
    {"output", "write the records yourself: json.dumps(record, ensure_ascii=False)"},
    {"errors", "catch corpus_clean.Error"},
    {"stats", "count the records yourself"},
    {"dedup", "keep the first record of each record['hash'] yourself"},
    {"explain", "run the CLI with --explain"},
    {"normalize", "call corpus_clean.normalize()"},
    {"jobs", "call one Cleaner from several threads"},
    {"progress", "report progress yourself"},
    {"quiet", "filter corpus_clean.CleanWarning with the warnings module"},
    {"strict", "stop at the first corpus_clean.Error yourself"},
};

// The keywords `function` does not take, in one message: unknown ones and run options.
std::string refusal(const char* function, const std::vector<std::string>& unknown,
                    const std::vector<const RunOption*>& run) {
  std::string message = function;
  if (!unknown.empty()) {
    message += unknown.size() == 1 ? " got an unexpected keyword argument "
                                   : " got unexpected keyword arguments ";
    for (std::size_t i = 0; i < unknown.size(); ++i)
      message += (i > 0 ? ", '" : "'") + unknown[i] + "'";
  }
  for (std::size_t i = 0; i < run.size(); ++i) {
    message += (i > 0 || !unknown.empty()) ? "; '" : " got '";
    message += std::string(run[i]->name) + "', an option of a whole run of the CLI, not of one " +
               "document: " + std::string(run[i]->instead);
  }
  return message;
}

const RunOption* run_option(std::string_view name) {
  for (const RunOption& option : kRunOptions) {
    if (option.name == name)
      return &option;
  }
  return nullptr;
}

Options options_from(const char* function, const py::kwargs& keywords, bool normalization_only) {
  Options options;
  std::vector<std::string> unknown;
  std::vector<const RunOption*> run;
  for (const auto& [key, value] : keywords) {
    const std::string name = key.cast<std::string>();
    const Keyword* keyword = nullptr;
    for (const Keyword& k : kKeywords) {
      if (k.name == name && (k.normalization || !normalization_only))
        keyword = &k;
    }
    if (keyword)
      keyword->set(options, value, name);
    else if (const RunOption* option = normalization_only ? nullptr : run_option(name))
      run.push_back(option);
    else
      unknown.push_back(name);
  }
  if (!unknown.empty() || !run.empty())
    throw py::type_error(refusal(function, unknown, run));
  options.normalize_text = options.normalize.any();
  return options;
}

}  // namespace

Options document_options(const char* function, const py::handle& rules,
                         const py::kwargs& keywords) {
  Options options = options_from(function, keywords, false);
  if (rules.is_none())
    return options;
  if (PyList_Check(rules.ptr()) || PyTuple_Check(rules.ptr())) {
    for (const py::handle& path : rules)
      options.rules_files.push_back(path_bytes(path));
  } else {
    options.rules_files.push_back(path_bytes(rules));
  }
  return options;
}

NormalizeOptions normalize_options(const char* function, const py::kwargs& keywords) {
  return options_from(function, keywords, true).normalize;
}

std::string path_bytes(const py::handle& path) {
  return py::module_::import("os").attr("fsencode")(path).cast<std::string>();
}

py::str lossless_str(const std::string& bytes) {
  PyObject* text =
      PyUnicode_DecodeUTF8(bytes.data(), static_cast<Py_ssize_t>(bytes.size()), "surrogateescape");
  if (!text)
    throw py::error_already_set();
  return py::reinterpret_steal<py::str>(text);
}

}  // namespace corpus_clean::python
