// Building the record's text fields and writing the record as one JSON line.
#include "corpus_clean/record.hpp"

#include <xxhash.h>

#include <cstdio>
#include <cstring>

#include "output/record_text.hpp"
#include "text/utf8.hpp"

namespace corpus_clean {

std::string text_hash(std::string_view text) {
  const XXH64_hash_t hash = XXH3_64bits(text.data(), text.size());
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(hash));
  return buf;
}

void set_text(Record& record, const std::vector<Block>& blocks) {
  record.text.clear();
  record.paragraphs = 0;
  for (const Block& block : blocks) {
    if (block.text.empty())
      continue;
    if (record.paragraphs > 0)
      record.text += '\n';
    record.text += block.text;
    ++record.paragraphs;
  }
  record.chars = text::count_code_points(record.text);
  record.hash = text_hash(record.text);
}

namespace {

// JSON text for a string: quotes, backslashes and control characters escaped as nlohmann/json
// does, everything else (CJK included) as UTF-8, ill-formed bytes replaced by U+FFFD.
void append_escape(std::string& out, unsigned char c) {
  static constexpr char kHex[] = "0123456789abcdef";
  switch (c) {
    case '"':
      out += "\\\"";
      break;
    case '\\':
      out += "\\\\";
      break;
    case '\b':
      out += "\\b";
      break;
    case '\f':
      out += "\\f";
      break;
    case '\n':
      out += "\\n";
      break;
    case '\r':
      out += "\\r";
      break;
    case '\t':
      out += "\\t";
      break;
    default:
      out += "\\u00";
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
  }
}

bool needs_escape(unsigned char c) {
  return c < 0x20 || c == '"' || c == '\\';
}

void append_string(std::string& out, std::string_view s) {
  if (!text::is_valid_utf8(s)) {
    // Rare: let nlohmann/json replace the ill-formed sequences, as it does in `meta`.
    out += Json(std::string(s)).dump(-1, ' ', false, Json::error_handler_t::replace);
    return;
  }
  // The usual case: copy runs between the few bytes that need escaping, finding them eight
  // bytes at a time (a byte below 0x20, a quote or a backslash).
  out += '"';
  constexpr std::uint64_t kOnes = 0x0101010101010101ull;
  constexpr std::uint64_t kHigh = 0x8080808080808080ull;
  auto has_zero = [](std::uint64_t v) { return (v - kOnes) & ~v & kHigh; };
  std::size_t run = 0;
  std::size_t i = 0;
  while (i < s.size()) {
    if (i + 8 <= s.size()) {
      std::uint64_t word;
      std::memcpy(&word, s.data() + i, 8);
      const std::uint64_t below_space = (word - 0x2020202020202020ull) & ~word & kHigh;
      if ((below_space | has_zero(word ^ (kOnes * '"')) | has_zero(word ^ (kOnes * '\\'))) == 0) {
        i += 8;
        continue;
      }
    }
    const auto c = static_cast<unsigned char>(s[i]);
    if (needs_escape(c)) {
      out.append(s.substr(run, i - run));
      append_escape(out, c);
      run = i + 1;
    }
    ++i;
  }
  out.append(s.substr(run));
  out += '"';
}

void append_optional(std::string& out, const std::optional<std::string>& value) {
  if (value) {
    append_string(out, *value);
  } else {
    out += "null";
  }
}

void append_list(std::string& out, const std::vector<std::string>& items) {
  out += '[';
  for (std::size_t k = 0; k < items.size(); ++k) {
    if (k)
      out += ',';
    append_string(out, items[k]);
  }
  out += ']';
}

}  // namespace

void append_json_path(std::string& out, std::string_view bytes) {
  if (text::is_valid_utf8(bytes)) {
    append_string(out, bytes);
    return;
  }
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  std::size_t i = 0;
  while (i < bytes.size()) {
    std::size_t length = 0;
    const std::size_t bad = text::ill_formed_length(bytes, i, &length);
    if (bad == 0) {
      const auto c = static_cast<unsigned char>(bytes[i]);
      if (length == 1 && needs_escape(c)) {
        append_escape(out, c);
      } else {
        out.append(bytes.substr(i, length));
      }
      i += length;
      continue;
    }
    for (std::size_t k = i; k < i + bad; ++k) {  // every byte of it, so none is lost
      const auto c = static_cast<unsigned char>(bytes[k]);
      out += "\\udc";
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
    i += bad;
  }
  out += '"';
}

void append_json_line(std::string& out, const Record& record) {
  // Written by hand in schema order: the record's shape is fixed, and this is several times
  // faster than building a JSON value first. `meta` is arbitrary, so nlohmann/json writes it.
  out += "{\"id\":";
  append_json_path(out, record.id);
  out += ",\"path\":";
  append_json_path(out, record.path);
  out += ",\"site\":";
  append_string(out, record.site);
  out += ",\"format\":";
  append_string(out, to_string(record.format));
  out += ",\"title\":";
  append_optional(out, record.title);
  out += ",\"date\":";
  append_optional(out, record.date);
  out += ",\"author\":";
  append_optional(out, record.author);
  out += ",\"source\":";
  append_optional(out, record.source);
  out += ",\"reporters\":";
  append_list(out, record.reporters);
  out += ",\"editors\":";
  append_list(out, record.editors);
  out += ",\"categories\":";
  append_list(out, record.categories);
  out += ",\"tags\":";
  append_list(out, record.tags);
  out += ",\"url\":";
  append_optional(out, record.url);
  out += ",\"crawl_url\":";
  append_optional(out, record.crawl_url);
  out += ",\"crawl_date\":";
  append_optional(out, record.crawl_date);
  out += ",\"site_name\":";
  append_optional(out, record.site_name);
  out += ",\"lang\":";
  append_optional(out, record.lang);
  out += ",\"images\":";
  append_list(out, record.images);
  out += ",\"text\":";
  append_string(out, record.text);
  out += ",\"paragraphs\":";
  out += std::to_string(record.paragraphs);
  out += ",\"chars\":";
  out += std::to_string(record.chars);
  out += ",\"hash\":";
  append_string(out, record.hash);
  if (record.minhash) {
    out += ",\"minhash\":";
    append_string(out, *record.minhash);
  }
  out += ",\"meta\":";
  out += record.meta.dump(-1, ' ', /*ensure_ascii=*/false, Json::error_handler_t::replace);
  out += "}\n";
}

std::string to_json_line(const Record& record) {
  std::string out;
  append_json_line(out, record);
  return out;
}

}  // namespace corpus_clean
