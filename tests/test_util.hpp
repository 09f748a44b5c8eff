// Helpers shared by the tests: reading files, temporary directories, the repo's paths.
#pragma once

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include "corpus_clean/pipeline.hpp"
#include "rules/rules.hpp"

namespace corpus_clean::testing {

inline std::filesystem::path source_dir() {
  return CORPUS_CLEAN_SOURCE_DIR;
}
inline std::filesystem::path shared_corpus() {
  return CORPUS_CLEAN_SHARED_CORPUS;
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

}  // namespace corpus_clean::testing
