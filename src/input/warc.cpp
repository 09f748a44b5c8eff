// WARC files as a document source (warc.hpp).
#include "input/warc.hpp"

#include <charconv>

#include "input/inflate.hpp"
#include "text/strings.hpp"

namespace corpus_clean {
namespace {

Error malformed(std::string detail) {
  return make_error(ErrorCode::malformed_record, Stage::read, std::move(detail));
}

std::string_view strip_angle_brackets(std::string_view s) {
  s = text::trim(s);
  if (s.size() >= 2 && s.front() == '<' && s.back() == '>')
    s = s.substr(1, s.size() - 2);
  return s;
}

// The skip reason of a record type that holds no document; nullopt for response and resource.
std::optional<std::string_view> warc_skip(std::string_view type) {
  static constexpr std::string_view kTypes[] = {"request", "metadata",   "warcinfo",
                                                "revisit", "conversion", "continuation"};
  static constexpr std::string_view kReasons[] = {"warc_request",    "warc_metadata",
                                                  "warc_warcinfo",   "warc_revisit",
                                                  "warc_conversion", "warc_continuation"};
  if (text::equals_ignoring_case(type, "response") || text::equals_ignoring_case(type, "resource"))
    return std::nullopt;
  for (std::size_t i = 0; i < std::size(kTypes); ++i) {
    if (text::equals_ignoring_case(type, kTypes[i]))
      return kReasons[i];
  }
  return "warc_unknown_type";
}

// A URI a web page can have; the rest (dns:, metadata:, urn:) is the crawler's own data.
bool is_web_uri(std::string_view uri) {
  for (std::string_view scheme : {"http://", "https://", "ftp://", "file:"}) {
    if (text::starts_with_ignoring_case(uri, scheme))
      return true;
  }
  return false;
}

}  // namespace

std::string WarcRecord::field(std::string_view name) const {
  return std::string(header_field(fields, name).value_or(""));
}

std::string WarcRecord::record_id() const {
  return std::string(strip_angle_brackets(field("WARC-Record-ID")));
}

WarcReader::WarcReader(std::unique_ptr<ByteStream> stream, std::uint64_t max_bytes)
    : stream_(std::move(stream)), max_bytes_(max_bytes) {}

// Consumes the line ends between records; false at the end of the data (or a problem).
bool WarcReader::skip_blank_lines() {
  while (true) {
    const std::string_view bytes = stream_->peek();
    if (bytes.empty())
      return false;
    const std::size_t text = bytes.find_first_not_of("\r\n");
    if (text != std::string_view::npos) {
      stream_->consume(text);
      return true;
    }
    stream_->consume(bytes.size());
  }
}

// The error for a record the data stopped inside: the stream's problem, or the end of the file.
Error WarcReader::interrupted(std::uint64_t offset, std::string_view what) {
  Error error = make_error(ErrorCode::truncated, Stage::read,
                           "the file ends inside the record's " + std::string(what));
  if (std::optional<StreamProblem> problem = stream_->take_problem()) {
    error.code = problem->code;
    error.detail = problem->detail + ", inside the record's " + std::string(what);
  }
  error.place = RecordPlace{{}, offset, std::nullopt};
  return error;
}

// The header, up to the blank line that ends it (consumed with it).
Result<std::string> WarcReader::read_header(std::uint64_t offset) {
  std::string header;
  while (true) {
    const std::string_view bytes = stream_->peek();
    if (bytes.empty())
      return interrupted(offset, "header");
    const std::size_t before = header.size();
    header.append(bytes.substr(0, kMaxWarcHeader + 4 - std::min(before, kMaxWarcHeader + 4)));
    if (auto end = find_header_end(header, before > 3 ? before - 3 : 0)) {
      stream_->consume(end->first + end->second - before);
      header.resize(end->first);
      return header;
    }
    stream_->consume(header.size() - before);
    if (header.size() > kMaxWarcHeader) {
      Error error = malformed("the record's header runs past " +
                              std::to_string(kMaxWarcHeader / 1024) + " KiB with no end");
      error.place = RecordPlace{{}, offset, std::nullopt};
      return error;
    }
  }
}

// Reads the record's block: whole, or its head only when it is over the limit; the rest is
// consumed without being kept.
Result<bool> WarcReader::read_block(WarcRecord& record) {
  record.cut = record.length > max_bytes_;
  const std::uint64_t keep = record.cut ? kWarcHeadBytes : record.length;
  record.block.reserve(static_cast<std::size_t>(keep));
  std::uint64_t left = record.length;
  while (left > 0) {
    const std::string_view bytes = stream_->peek();
    if (bytes.empty()) {
      Error error = interrupted(record.offset, "block");
      error.detail += ", after " + std::to_string(record.length - left) + " of its " +
                      std::to_string(record.length) + " bytes";
      error.place->record = record.record_id();
      return error;
    }
    const std::size_t take = static_cast<std::size_t>(std::min<std::uint64_t>(left, bytes.size()));
    if (record.block.size() < keep) {
      const std::size_t room = static_cast<std::size_t>(keep - record.block.size());
      record.block.append(bytes.substr(0, std::min(take, room)));
    }
    stream_->consume(take);
    left -= take;
  }
  return true;
}

// After a record that could not be read: on to the next line that starts a record.
void WarcReader::skip_to_next_record() {
  constexpr std::string_view kVersion = "WARC/";
  bool line_start = true;  // the bad record's header ended with a blank line
  while (true) {
    const std::string_view bytes = stream_->peek();
    if (bytes.empty())
      return;
    for (std::size_t i = 0; i < bytes.size(); ++i) {
      if (line_start &&
          (bytes.substr(i).starts_with(kVersion) || kVersion.starts_with(bytes.substr(i)))) {
        stream_->consume(i);
        return;
      }
      line_start = bytes[i] == '\n';
    }
    stream_->consume(bytes.size());
  }
}

std::optional<Result<WarcRecord>> WarcReader::next() {
  while (!skip_blank_lines()) {
    std::optional<StreamProblem> problem = stream_->take_problem();
    if (!problem)
      return std::nullopt;
    if (problem->code == ErrorCode::truncated)
      continue;  // only the end of a whole record's member is missing: nothing is lost
    Error error = make_error(problem->code, Stage::read, problem->detail);
    error.place = RecordPlace{{}, problem->offset, std::nullopt};
    return error;
  }
  WarcRecord record;
  record.offset = stream_->offset();
  Result<std::string> header = read_header(record.offset);
  if (!header)
    return std::move(header).take_error();
  const std::string_view head = *header;
  const std::size_t eol = head.find('\n');
  const std::string_view version = text::trim(head.substr(0, eol));
  auto fail = [&](std::string detail) {
    Error error = malformed(std::move(detail));
    error.place = RecordPlace{record.record_id(), record.offset, std::nullopt};
    skip_to_next_record();
    return error;
  };
  if (!version.starts_with("WARC/")) {
    return fail("no WARC version line where a record starts (found '" +
                std::string(version.substr(0, 40)) + "')");
  }
  record.fields = parse_header_fields(eol == std::string_view::npos ? "" : head.substr(eol + 1));
  const std::string length = record.field("Content-Length");
  const auto [end, ec] =
      std::from_chars(length.data(), length.data() + length.size(), record.length);
  if (length.empty() || ec != std::errc() || end != length.data() + length.size())
    return fail("the record's Content-Length '" + length + "' is not a number");
  if (Result<bool> read = read_block(record); !read)
    return std::move(read).take_error();
  return record;
}

namespace {

class WarcSource final : public DocumentSource {
 public:
  WarcSource(const InputFile& input, std::unique_ptr<ByteStream> stream,
             const SourceOptions& options)
      : input_(input), reader_(std::move(stream), options.max_bytes), options_(options) {}

  std::optional<SourceItem> next() override {
    std::optional<Result<WarcRecord>> record = reader_.next();
    if (!record)
      return std::nullopt;
    if (!record->ok())
      return failed(std::move(*record).take_error(), {});
    return item_of(std::move(record->value()));
  }

 private:
  SourceItem item_of(WarcRecord record) {
    const std::string record_id = record.record_id();
    const RecordPlace place{record_id, record.offset, std::nullopt};
    if (std::optional<std::string_view> reason = warc_skip(record.field("WARC-Type")))
      return skipped(*reason, place);
    const std::string uri(strip_angle_brackets(record.field("WARC-Target-URI")));
    if (!is_web_uri(uri))
      return skipped("crawler_record", place);
    MediaType media = parse_media_type(record.field("Content-Type"));
    std::optional<HttpResponse> http;
    const bool is_response = text::equals_ignoring_case(record.field("WARC-Type"), "response");
    if (is_response && media.type.starts_with("application/http")) {
      Result<HttpResponse> response = parse_http_response(record.block);
      if (!response)
        return failed(std::move(response).take_error(), place);
      if (response->status >= 300 && response->status < 400)
        return skipped("http_redirect", place);
      if (response->status < 200 || response->status >= 300)
        return skipped("http_status", place);
      media = parse_media_type(header_field(response->headers, "Content-Type").value_or(""));
      http = std::move(response).value();
    }
    if (media.type.empty())  // Common Crawl's own reading of the payload
      media.type = parse_media_type(record.field("WARC-Identified-Payload-Type")).type;
    if (record.cut) {
      if (classify_payload(media, {}) == PayloadKind::other)
        return skipped("non_text", place);
      return failed(over_limit(options_.max_bytes,
                               "the record's " + std::to_string(record.length) + " bytes are"),
                    place);
    }
    std::string bytes;
    if (http) {  // its body points into the block, which becomes the document's bytes
      Result<std::string> body =
          decode_http_body(*http, std::move(record.block), options_.max_bytes);
      if (!body)
        return failed(std::move(body).take_error(), place);
      bytes = std::move(body).value();
    } else {
      bytes = std::move(record.block);
    }
    if (classify_payload(media, bytes) == PayloadKind::other)
      return skipped("non_text", place);
    SourceItem item = base(place);
    item.document.bytes = std::move(bytes);
    DocumentHints& hints = item.document.hints;
    if (!media.charset.empty())
      hints.charset = media.charset;
    hints.url = uri;
    if (std::string date = record.field("WARC-Date"); !date.empty())
      hints.fetched_at = std::move(date);
    hints.place = place;
    return item;
  }

  // An item of this record: its id is the file's, '#' and the record's (or '@' and its offset
  // when the record's id is not known).
  SourceItem base(const RecordPlace& place) const {
    SourceItem item;
    item.document.id =
        input_.id + (place.record.empty() ? "@" + std::to_string(place.offset.value_or(0))
                                          : "#" + place.record);
    item.document.path = input_.path;
    return item;
  }

  SourceItem skipped(std::string_view reason, const RecordPlace& place) const {
    SourceItem item = base(place);
    item.kind = SourceItem::Kind::skipped;
    item.skip_reason = std::string(reason);
    return item;
  }

  SourceItem failed(Error error, const RecordPlace& place) const {
    if (!error.place)
      error.place = place;
    SourceItem item = base(*error.place);
    item.kind = SourceItem::Kind::failed;
    error.path = input_.path;
    item.error = std::move(error);
    return item;
  }

  InputFile input_;
  WarcReader reader_;
  SourceOptions options_;
};

}  // namespace

std::unique_ptr<DocumentSource> open_warc_source(const InputFile& input,
                                                 const SourceOptions& options) {
  Result<std::unique_ptr<ByteStream>> stream = ByteStream::open(input.path);
  if (!stream)
    return failed_source(input, std::move(stream).take_error());
  return std::make_unique<WarcSource>(input, std::move(stream).value(), options);
}

}  // namespace corpus_clean
