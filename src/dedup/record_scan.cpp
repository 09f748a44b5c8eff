// Reading a record line's id and fingerprint (record_scan.hpp).
#include "dedup/record_scan.hpp"

#include "corpus_clean/types.hpp"
#include "text/utf8.hpp"

namespace corpus_clean {
namespace {

Error bad_line(std::string detail) {
  return make_error(ErrorCode::invalid_option, Stage::read, std::move(detail));
}

int hex_value(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

std::optional<char32_t> hex4(std::string_view s, std::size_t at) {
  if (at + 4 > s.size())
    return std::nullopt;
  char32_t v = 0;
  for (std::size_t k = at; k < at + 4; ++k) {
    const int d = hex_value(s[k]);
    if (d < 0)
      return std::nullopt;
    v = (v << 4) | static_cast<char32_t>(d);
  }
  return v;
}

// The JSON string that starts at s[i] (its opening quote), decoded; i moves past its closing
// quote. A lone low surrogate \udc80..\udcff is the raw byte 0x80..0xff, as the record writes
// bytes of a file name that are not UTF-8. nullopt when it is not a well-formed string.
std::optional<std::string> json_string(std::string_view s, std::size_t& i) {
  if (i >= s.size() || s[i] != '"')
    return std::nullopt;
  std::string out;
  for (++i; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '"') {
      ++i;
      return out;
    }
    if (c != '\\') {
      out += c;
      continue;
    }
    if (++i >= s.size())
      return std::nullopt;
    switch (s[i]) {
      case '"':
      case '\\':
      case '/':
        out += s[i];
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'u': {
        std::optional<char32_t> cp = hex4(s, i + 1);
        if (!cp)
          return std::nullopt;
        i += 4;
        if (*cp >= 0xD800 && *cp < 0xDC00 && i + 2 < s.size() && s[i + 1] == '\\' &&
            s[i + 2] == 'u') {
          const std::optional<char32_t> low = hex4(s, i + 3);
          if (low && *low >= 0xDC00 && *low < 0xE000) {
            *cp = 0x10000 + ((*cp - 0xD800) << 10) + (*low - 0xDC00);
            i += 6;
          }
        }
        if (*cp >= 0xDC80 && *cp <= 0xDCFF)
          out += static_cast<char>(*cp - 0xDC00);
        else if (*cp >= 0xD800 && *cp < 0xE000)
          return std::nullopt;  // a surrogate no name byte gives
        else
          text::append_utf8(out, *cp);
        break;
      }
      default:
        return std::nullopt;
    }
  }
  return std::nullopt;
}

// Any JSON object with a string id: parsed whole (key order, spacing and escapes as they come).
Result<ScannedRecord> parse_whole(std::string_view line) {
  Json json = Json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_object())
    return bad_line("not a JSON object");
  const auto id = json.find("id");
  if (id == json.end() || !id->is_string())
    return bad_line("no \"id\" string");
  ScannedRecord record{id->get<std::string>(), std::nullopt};
  const auto minhash = json.find("minhash");
  if (minhash != json.end()) {
    if (!minhash->is_string())
      return bad_line("\"minhash\" is not a string");
    record.minhash = minhash->get<std::string>();
  }
  return record;
}

}  // namespace

Result<ScannedRecord> scan_record(std::string_view line) {
  // As corpus-clean writes it: {"id":"…", … ,"minhash":"…","meta":…}. Keys before "minhash"
  // are the schema's, and a quote inside a string value is escaped, so the first
  // ,"minhash": is the key (meta, which could hold one, comes after it).
  constexpr std::string_view kStart = "{\"id\":";
  constexpr std::string_view kKey = ",\"minhash\":";
  if (!line.starts_with(kStart) || !line.ends_with('}'))
    return parse_whole(line);  // another writer's layout, or not a whole object
  std::size_t i = kStart.size();
  std::optional<std::string> id = json_string(line, i);
  if (!id)
    return parse_whole(line);  // \u escapes of surrogate pairs split oddly, and the like
  ScannedRecord record{std::move(*id), std::nullopt};
  const std::size_t key = line.find(kKey, i);
  const std::size_t meta = line.find(",\"meta\":", i);
  if (key == std::string_view::npos || (meta != std::string_view::npos && meta < key))
    return record;
  const std::size_t begin = key + kKey.size() + 1;
  if (begin > line.size() || line[begin - 1] != '"')
    return bad_line("\"minhash\" is not a string");
  const std::size_t end = line.find('"', begin);
  if (end == std::string_view::npos)
    return bad_line("the \"minhash\" string is not closed");
  record.minhash = std::string(line.substr(begin, end - begin));
  return record;
}

}  // namespace corpus_clean
