// Helpers shared by the tests: reading files, temporary directories, the repo's paths.
#pragma once

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <string_view>

#include "corpus_clean/pipeline.hpp"
#include "rules/rules.hpp"

namespace corpus_clean::testing {

inline std::filesystem::path source_dir() {
  return CORPUS_CLEAN_SOURCE_DIR;
}
inline std::filesystem::path shared_corpus() {
  return CORPUS_CLEAN_SHARED_CORPUS;
}
inline std::filesystem::path shared_pages() {
  return shared_corpus().parent_path() / "pages";
}

inline std::string read_all(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

inline void write_all(const std::filesystem::path& path, const std::string& bytes) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << bytes;
}

// A fresh directory under the system's temp dir, removed with the object.
class TempDir {
 public:
  TempDir() {
    std::random_device random;
    path_ = std::filesystem::temp_directory_path() /
            ("corpus-clean-test-" + std::to_string(random()) + std::to_string(random()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// The built-in rules file, loaded once: its rule sets and vocabulary.
inline const RuleBook& default_rules() {
  static const RuleBook book = RuleBook::load(default_rules_yaml(), "rules/default.yaml").value();
  return book;
}
inline const Vocabulary& default_vocabulary() {
  return default_rules().vocabulary();
}

// Reads one file and runs the pipeline on it, as the driver does for a plain file.
inline Outcome process_file(const InputFile& input, const Context& context) {
  return process_document(Document{input.id, input.path, read_all(input.path), {}}, context);
}

// Text for a failure message, with the invisible characters of N13 and the unusual spaces of
// N12 spelled out, so that rows that differ only in them can be told apart.
inline std::string visible(std::string_view text) {
  static constexpr std::string_view kNames[][2] = {
      {"\u200B", "<200B>"}, {"\u2060", "<2060>"}, {"\uFEFF", "<FEFF>"}, {"\u00AD", "<00AD>"},
      {"\u00A0", "<00A0>"}, {"\u3000", "<3000>"}, {"\t", "<TAB>"},      {"\n", "<LF>"},
  };
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    bool named = false;
    for (const auto& [from, name] : kNames) {
      if (text.substr(i, from.size()) == from) {
        out += name;
        i += from.size();
        named = true;
        break;
      }
    }
    if (!named)
      out.push_back(text[i++]);
  }
  return out;
}

}  // namespace corpus_clean::testing
