// JSON Lines dumps as a document source (jsonl.hpp).
#include "input/jsonl.hpp"

#include "input/byte_stream.hpp"
#include "input/inflate.hpp"
#include "text/strings.hpp"

namespace corpus_clean {
namespace {

Error malformed(std::string detail) {
  return make_error(ErrorCode::malformed_record, Stage::read, std::move(detail));
}

// "html, content, raw_content or text".
std::string field_list(const JsonlFields& fields) {
  std::vector<std::string> names = fields.html;
  names.insert(names.end(), fields.text.begin(), fields.text.end());
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0)
      out += i + 1 == names.size() ? " or " : ", ";
    out += names[i];
  }
  return out;
}

// A row's id field as text: a string as it is, an integer in decimal; else "".
std::string id_text(const Json& value) {
  if (value.is_string())
    return value.get<std::string>();
  if (value.is_number_integer())
    return value.dump();
  return {};
}

class JsonLinesSource final : public DocumentSource {
 public:
  JsonLinesSource(const InputFile& input, std::unique_ptr<ByteStream> stream,
                  const SourceOptions& options)
      : input_(input), stream_(std::move(stream)), options_(options) {}

  std::optional<SourceItem> next() override {
    std::string line;
    bool too_long = false;
    std::optional<StreamProblem> problem;
    switch (read_line(line, too_long, problem)) {
      case LineRead::end:
        return std::nullopt;
      case LineRead::problem:
        ++line_;
        return failed(make_error(problem->code, Stage::read, problem->detail), {});
      case LineRead::line:
        break;
    }
    ++line_;
    if (too_long)
      return failed(over_limit(options_.max_bytes, "the line is"), {});
    if (text::trim(line).empty()) {
      SourceItem item = base({});
      item.kind = SourceItem::Kind::skipped;
      item.skip_reason = "blank_line";
      return item;
    }
    return item_of(line);
  }

 private:
  enum class LineRead { line, end, problem };

  // The next line, without its line end (the last one may have none). A line over the limit
  // is consumed to its end, not kept. A problem of the stream inside a line loses that line;
  // a file cut short between lines has lost nothing.
  LineRead read_line(std::string& line, bool& too_long, std::optional<StreamProblem>& problem) {
    bool partial = false;
    while (true) {
      const std::string_view bytes = stream_->peek();
      if (bytes.empty()) {
        problem = stream_->take_problem();
        if (problem && problem->code == ErrorCode::truncated && !partial)
          continue;
        if (problem)
          return LineRead::problem;
        return partial ? LineRead::line : LineRead::end;
      }
      partial = true;
      const std::size_t eol = bytes.find('\n');
      const std::string_view part = bytes.substr(0, eol);
      if (!too_long && line.size() + part.size() > options_.max_bytes) {
        too_long = true;
        std::string().swap(line);
      }
      if (!too_long)
        line.append(part);
      stream_->consume(eol == std::string_view::npos ? bytes.size() : eol + 1);
      if (eol != std::string_view::npos) {
        if (line.ends_with('\r'))
          line.pop_back();
        return LineRead::line;
      }
    }
  }

  SourceItem item_of(const std::string& line) {
    Json row;
    try {
      row = Json::parse(line);
    } catch (const Json::parse_error& e) {
      std::string what = e.what();
      // "[json.exception.parse_error.101] parse error at line 1, column 2: ..." → "parse
      // error at column 2: ...": the line is the row's, already named.
      if (const std::size_t bracket = what.find("] "); bracket != std::string::npos)
        what = what.substr(bracket + 2);
      if (const std::size_t at = what.find("line 1, "); at != std::string::npos)
        what.erase(at, 8);
      return failed(malformed("not JSON: " + what), {});
    }
    if (!row.is_object())
      return failed(malformed("not a JSON object"), {});
    const JsonlFields& fields = options_.jsonl;
    std::optional<Format> format;
    const std::string* name = nullptr;
    for (const std::string& field : fields.html) {
      if (!name && row.contains(field) && row[field].is_string())
        name = &field;
    }
    for (const std::string& field : fields.text) {
      if (!name && row.contains(field) && row[field].is_string()) {
        name = &field;
        format = Format::text;
      }
    }
    const std::string id = row.contains(fields.id) ? id_text(row[fields.id]) : std::string();
    if (!name) {
      return failed(malformed("no string field " + field_list(fields) +
                              " to read the document from (see --html-field, --text-field)"),
                    id);
    }
    SourceItem item = base(id);
    Document& document = item.document;
    document.bytes = std::move(row[*name].get_ref<std::string&>());
    row.erase(*name);
    DocumentHints& hints = document.hints;
    hints.format = format;
    if (row.contains(fields.url) && row[fields.url].is_string())
      hints.url = row[fields.url].get<std::string>();
    hints.place = RecordPlace{id, std::nullopt, line_};
    hints.meta = std::move(row);
    return item;
  }

  // An item of the current line: its id is the file's, '#' and the row's id, else ':' and the
  // line number (the two cannot be mistaken for each other).
  SourceItem base(const std::string& id) const {
    SourceItem item;
    item.document.id = input_.id + (id.empty() ? ":" + std::to_string(line_) : "#" + id);
    item.document.path = input_.path;
    return item;
  }

  SourceItem failed(Error error, const std::string& id) const {
    SourceItem item = base(id);
    item.kind = SourceItem::Kind::failed;
    error.path = input_.path;
    error.place = RecordPlace{id, std::nullopt, line_};
    item.error = std::move(error);
    return item;
  }

  InputFile input_;
  std::unique_ptr<ByteStream> stream_;
  SourceOptions options_;
  std::uint64_t line_ = 0;  // the number of the line read last
};

}  // namespace

std::unique_ptr<DocumentSource> open_jsonl_source(const InputFile& input,
                                                  const SourceOptions& options) {
  Result<std::unique_ptr<ByteStream>> stream = ByteStream::open(input.path);
  if (!stream)
    return failed_source(input, std::move(stream).take_error());
  return std::make_unique<JsonLinesSource>(input, std::move(stream).value(), options);
}

}  // namespace corpus_clean
