// Decoding: byte-order marks, UTF-8 validation, charset detection and conversion through ICU,
// U+FFFD for what cannot be decoded, and line-end folding.
#include "input/decode.hpp"

#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/ucsdet.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <memory>
#include <vector>

#include "document/front_matter.hpp"
#include "text/strings.hpp"
#include "text/utf8.hpp"

namespace corpus_clean {
namespace {

constexpr std::size_t kMetaWindow = 4096;       // where an HTML <meta charset> is looked for
constexpr std::size_t kDetectorSample = 65536;  // what the charset detector is shown
constexpr int32_t kMinConfidence = 15;          // below this a guess is not taken
constexpr int32_t kMinWideConfidence = 80;      // the same for UTF-16/32 with no mark
constexpr std::size_t kContradiction = 200;  // one unreadable byte in this many: not that encoding

struct ConverterCloser {
  void operator()(UConverter* converter) const { ucnv_close(converter); }
};
using ConverterPtr = std::unique_ptr<UConverter, ConverterCloser>;

struct DetectorCloser {
  void operator()(UCharsetDetector* detector) const { ucsdet_close(detector); }
};
using DetectorPtr = std::unique_ptr<UCharsetDetector, DetectorCloser>;

ConverterPtr open_converter(const char* name) {
  UErrorCode status = U_ZERO_ERROR;
  ConverterPtr converter(ucnv_open(name, &status));
  if (U_FAILURE(status))
    return nullptr;
  return converter;
}

struct Utf8Census {
  std::size_t multibyte = 0;  // bytes in well-formed sequences of two or more bytes
  std::size_t invalid = 0;    // bytes in ill-formed ones
};

Utf8Census utf8_census(std::string_view bytes) {
  Utf8Census census;
  for (std::size_t i = 0; i < bytes.size();) {
    std::size_t length = 0;
    if (const std::size_t bad = text::ill_formed_length(bytes, i, &length)) {
      census.invalid += bad;
      i += bad;
    } else {
      if (length > 1)
        census.multibyte += length;
      i += length;
    }
  }
  return census;
}

// UTF-8 with each ill-formed sequence (maximal subpart) replaced by one U+FFFD.
std::string repair_utf8(std::string_view bytes, std::size_t& replaced) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8);
  std::size_t copied = 0;
  for (std::size_t i = 0; i < bytes.size();) {
    std::size_t length = 0;
    const std::size_t bad = text::ill_formed_length(bytes, i, &length);
    if (bad == 0) {
      i += length;
      continue;
    }
    out.append(bytes.substr(copied, i - copied));
    out.append(text::kReplacementUtf8);
    replaced += bad;
    i += bad;
    copied = i;
  }
  out.append(bytes.substr(copied));
  return out;
}

// ICU to-Unicode callback: writes U+FFFD for an illegal or unmappable sequence and counts its
// bytes (some converters' own substitute is U+001A, which is not what a reader should see).
void substitute_and_count(const void* context, UConverterToUnicodeArgs* args,
                          const char* /*code_units*/, int32_t length,
                          UConverterCallbackReason reason, UErrorCode* status) {
  if (reason > UCNV_IRREGULAR)
    return;
  auto* replaced = static_cast<std::size_t*>(const_cast<void*>(context));
  *replaced += static_cast<std::size_t>(std::max<int32_t>(length, 1));
  static constexpr UChar kReplacement[] = {0xFFFD};
  *status = U_ZERO_ERROR;
  ucnv_cbToUWriteUChars(args, kReplacement, 1, 0, status);
}

// Converts `bytes` from the encoding ICU knows as `name` to UTF-8; false when ICU cannot.
bool convert_to_utf8(std::string_view bytes, const char* name, std::string& out,
                     std::size_t& replaced) {
  ConverterPtr from = open_converter(name);
  ConverterPtr to = open_converter("UTF-8");
  if (!from || !to)
    return false;
  std::size_t count = 0;
  UErrorCode status = U_ZERO_ERROR;
  ucnv_setToUCallBack(from.get(), substitute_and_count, &count, nullptr, nullptr, &status);
  if (U_FAILURE(status))
    return false;

  out.clear();
  out.reserve(bytes.size() + bytes.size() / 2);
  std::array<UChar, 4096> pivot{};
  UChar* pivot_source = pivot.data();
  UChar* pivot_target = pivot.data();
  const char* source = bytes.data();
  const char* const source_limit = bytes.data() + bytes.size();
  std::vector<char> chunk(1 << 16);
  bool reset = true;
  for (;;) {
    char* target = chunk.data();
    status = U_ZERO_ERROR;
    ucnv_convertEx(to.get(), from.get(), &target, chunk.data() + chunk.size(), &source,
                   source_limit, pivot.data(), &pivot_source, &pivot_target,
                   pivot.data() + pivot.size(), reset, /*flush=*/true, &status);
    reset = false;
    out.append(chunk.data(), static_cast<std::size_t>(target - chunk.data()));
    if (status == U_BUFFER_OVERFLOW_ERROR)
      continue;
    if (U_FAILURE(status))
      return false;
    break;
  }
  replaced += count;
  return true;
}

// The name of the ICU converter for an encoding as a page declares it or the detector names
// it, following the WHATWG Encoding Standard where it differs from the label's letter
// (GB2312 and GBK are read as GB18030, Latin-1 as windows-1252). "UTF-8" for UTF-8; "" when
// ICU does not know the name.
std::string converter_name(std::string_view label) {
  const std::string name = text::ascii_lower(label);
  static constexpr std::string_view kGb[] = {
      "gb18030", "gb2312",      "gbk",        "x-gbk",      "cp936",
      "ms936",   "windows-936", "euc-cn",     "x-euc-cn",   "csgb2312",
      "chinese", "iso-ir-58",   "gb_2312-80", "csgb231280", "csiso58gb231280"};
  static constexpr std::string_view kBig5[] = {"big5",   "big-5", "cn-big5",    "x-x-big5",
                                               "csbig5", "cp950", "windows-950"};
  static constexpr std::string_view kLatin1[] = {"iso-8859-1", "iso8859-1", "latin1", "l1",
                                                 "us-ascii",   "ascii",     "cp1252", "x-cp1252"};
  static constexpr std::string_view kUtf8[] = {"utf-8", "utf8", "unicode-1-1-utf-8"};
  const auto in = [&](const auto& list) {
    return std::find(std::begin(list), std::end(list), name) != std::end(list);
  };
  if (in(kGb))
    return "GB18030";
  if (in(kBig5))
    return "Big5";
  if (in(kLatin1))
    return "windows-1252";
  if (in(kUtf8))
    return "UTF-8";
  if (name == "big5-hkscs")
    return "Big5-HKSCS";
  if (name.empty() || !open_converter(name.c_str()))
    return "";
  return std::string(label);
}

struct Guess {
  std::string name;  // as the detector names it
  int32_t confidence = 0;
};

Guess detect_charset(std::string_view bytes) {
  UErrorCode status = U_ZERO_ERROR;
  DetectorPtr detector(ucsdet_open(&status));
  if (U_FAILURE(status))
    return {};
  const std::string_view sample = bytes.substr(0, kDetectorSample);
  ucsdet_enableInputFilter(detector.get(), true);  // look past HTML markup
  ucsdet_setText(detector.get(), sample.data(), static_cast<int32_t>(sample.size()), &status);
  const UCharsetMatch* match = ucsdet_detect(detector.get(), &status);
  if (U_FAILURE(status) || !match)
    return {};
  Guess guess;
  const char* name = ucsdet_getName(match, &status);
  guess.confidence = ucsdet_getConfidence(match, &status);
  if (U_FAILURE(status) || !name)
    return {};
  guess.name = name;
  return guess;
}

// Binary data rather than text: more than one byte in ten is a C0 control other than the
// whitespace ones (or ESC, which ISO-2022 encodings use).
bool looks_binary(std::string_view bytes) {
  const std::string_view sample = bytes.substr(0, kDetectorSample);
  std::size_t controls = 0;
  for (const char ch : sample) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\v' && c != '\f' && c != '\r' && c != 0x1B)
      ++controls;
  }
  return controls * 10 > sample.size();
}

struct ByteOrderMark {
  std::string_view encoding;
  std::size_t length;
};

ByteOrderMark byte_order_mark(std::string_view bytes) {
  // UTF-32LE's mark starts with UTF-16LE's, so it is tried first.
  static constexpr ByteOrderMark kMarks[] = {
      {"UTF-32LE", 4}, {"UTF-32BE", 4}, {"UTF-8", 3}, {"UTF-16LE", 2}, {"UTF-16BE", 2}};
  static constexpr std::string_view kBytes[] = {std::string_view("\xFF\xFE\x00\x00", 4),
                                                std::string_view("\x00\x00\xFE\xFF", 4),
                                                "\xEF\xBB\xBF", "\xFF\xFE", "\xFE\xFF"};
  for (std::size_t i = 0; i < std::size(kMarks); ++i) {
    if (bytes.starts_with(kBytes[i]))
      return kMarks[i];
  }
  return {"", 0};
}

// Folds CRLF and lone CR to LF and replaces each run of NUL bytes by one U+FFFD (counting the
// bytes), so that no NUL reaches gumbo. `text` is well-formed UTF-8.
void finish(std::string& text, std::size_t& replaced) {
  const bool has_cr = std::memchr(text.data(), '\r', text.size()) != nullptr;
  const bool has_nul = std::memchr(text.data(), '\0', text.size()) != nullptr;
  if (!has_cr && !has_nul)
    return;
  if (!has_nul) {
    std::size_t out = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
      const char c = text[i];
      if (c == '\r') {
        text[out++] = '\n';
        if (i + 1 < text.size() && text[i + 1] == '\n')
          ++i;
      } else {
        text[out++] = c;
      }
    }
    text.resize(out);
    return;
  }
  std::string out;
  out.reserve(text.size() + 16);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\r') {
      out += '\n';
      if (i + 1 < text.size() && text[i + 1] == '\n')
        ++i;
    } else if (c == '\0') {
      out.append(text::kReplacementUtf8);
      ++replaced;
      while (i + 1 < text.size() && text[i + 1] == '\0') {
        ++i;
        ++replaced;
      }
    } else {
      out += c;
    }
  }
  text = std::move(out);
}

Decoded as_utf8(std::string bytes, std::size_t start) {
  Decoded decoded;
  decoded.encoding = "UTF-8";
  if (text::is_valid_utf8(std::string_view(bytes).substr(start))) {
    if (start > 0)
      bytes.erase(0, start);
    decoded.text = std::move(bytes);
  } else {
    decoded.text = repair_utf8(std::string_view(bytes).substr(start), decoded.replaced);
  }
  return decoded;
}

// Converts with the named encoding; falls back to UTF-8 with U+FFFD when ICU cannot.
Decoded converted(std::string bytes, std::size_t start, const std::string& encoding) {
  Decoded decoded;
  if (encoding != "UTF-8" && convert_to_utf8(std::string_view(bytes).substr(start),
                                             encoding.c_str(), decoded.text, decoded.replaced)) {
    decoded.encoding = encoding;
    return decoded;
  }
  return as_utf8(std::move(bytes), start);
}

bool is_wide(std::string_view encoding) {
  const std::string name = text::ascii_lower(encoding);
  return name.starts_with("utf-16") || name.starts_with("utf-32") || name == "unicode" ||
         name.starts_with("ucs-");
}

// Bytes with no byte-order mark that are not valid UTF-8: which encoding they are in.
// The encoding the detector reads the bytes in, or "UTF-8" when it cannot tell.
std::string detected_encoding(std::string_view bytes) {
  const Guess guess = detect_charset(bytes);
  if (is_wide(guess.name)) {
    // The detector scores UTF-16/32 by byte patterns (NULs beside ASCII); its low scores
    // there are mere defaults.
    return guess.confidence >= kMinWideConfidence ? guess.name : "UTF-8";
  }
  // Binary data is not read as a legacy encoding: every byte would become a character.
  if (guess.confidence < kMinConfidence || looks_binary(bytes))
    return "UTF-8";
  const std::string name = converter_name(guess.name);
  return name.empty() ? "UTF-8" : name;
}

// Bytes with no byte-order mark that are not valid UTF-8: which encoding they are in. A
// declaration (`declared`, already an ICU name; "" for none) is taken unless the bytes are
// mostly UTF-8.
std::string choose_encoding(std::string_view bytes, const std::string& declared) {
  const Utf8Census census = utf8_census(bytes);
  if (census.multibyte > 0 && census.multibyte >= 4 * census.invalid)
    return "UTF-8";  // UTF-8 with a few bad bytes (a cut character, a stray Latin-1 byte)
  // A page whose <meta> could be read as ASCII is not in UTF-16 or UTF-32, whatever it says.
  if (!declared.empty() && declared != "UTF-8" && !is_wide(declared))
    return declared;
  return detected_encoding(bytes);
}

// Decodes bytes that are not valid UTF-8 in `encoding`; when that was a declaration and the
// bytes contradict it (more than one byte in 200 cannot be read), the detector's reading is
// taken if it reads them better, with a note.
Decoded converted_checked(std::string bytes, const std::string& encoding,
                          const std::string& declared) {
  Decoded decoded = converted(bytes, 0, encoding);
  if (encoding != declared || decoded.replaced * kContradiction <= bytes.size())
    return decoded;
  const std::string detected = detected_encoding(bytes);
  if (detected == encoding)
    return decoded;
  Decoded other = converted(std::move(bytes), 0, detected);
  if (other.replaced >= decoded.replaced)
    return decoded;
  other.note = "the page declares " + declared + " but its bytes read as " + other.encoding;
  return other;
}

// A UTF-8 front matter over a body in a legacy encoding: a mirror wrote its metadata as UTF-8
// and pasted the page's bytes as they were. Read as one, either part would come out garbled, so
// each is decoded on its own. False when `bytes` is not such a file.
bool decode_parts(const std::string& bytes, const std::string& declared, Decoded& out) {
  Result<FrontMatterSplit> split = split_front_matter(bytes);
  if (!split || split->kind == FrontMatterKind::none)
    return false;
  const auto body_at = static_cast<std::size_t>(split->body.data() - bytes.data());
  const std::string_view head(bytes.data(), body_at);
  // An ASCII front matter reads the same in every encoding the body may be in.
  const Utf8Census census = utf8_census(head);
  if (census.invalid > 0 || census.multibyte == 0)
    return false;
  const std::string encoding = choose_encoding(split->body, declared);
  if (encoding == "UTF-8")
    return false;
  Decoded body;
  if (!convert_to_utf8(split->body, encoding.c_str(), body.text, body.replaced))
    return false;
  out.text.reserve(head.size() + body.text.size());
  out.text.assign(head);
  out.text += body.text;
  out.encoding = encoding + " (front matter UTF-8)";
  out.replaced = body.replaced;
  return true;
}

}  // namespace

std::string declared_html_charset(std::string_view bytes) {
  const std::string head = text::ascii_lower(bytes.substr(0, kMetaWindow));
  for (std::size_t meta = head.find("<meta"); meta != std::string::npos;
       meta = head.find("<meta", meta + 5)) {
    const std::size_t end = std::min(head.find('>', meta), head.size());
    const std::string_view tag = std::string_view(head).substr(meta, end - meta);
    std::size_t at = tag.find("charset");
    if (at == std::string_view::npos)
      continue;
    at += 7;
    while (at < tag.size() && (tag[at] == ' ' || tag[at] == '\t' || tag[at] == '\n'))
      ++at;
    if (at >= tag.size() || tag[at] != '=')
      continue;
    ++at;
    while (at < tag.size() && (tag[at] == ' ' || tag[at] == '\t' || tag[at] == '\n' ||
                               tag[at] == '"' || tag[at] == '\''))
      ++at;
    std::size_t stop = at;
    while (stop < tag.size()) {
      const char c = tag[stop];
      const bool name_char = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                             c == '_' || c == '.' || c == ':';
      if (!name_char)
        break;
      ++stop;
    }
    if (stop > at)
      return std::string(bytes.substr(meta + at, stop - at));
  }
  return "";
}

Result<Decoded> decode(std::string bytes, const DecodeHints& hints) {
  Decoded decoded;
  const ByteOrderMark bom = byte_order_mark(bytes);
  // What the bytes say they are: the container's declaration (HTTP), else the page's <meta>.
  const std::string label = !hints.charset.empty() ? hints.charset : declared_html_charset(bytes);
  const std::string declared = label.empty() ? "" : converter_name(label);
  if (bom.length > 0) {
    decoded = converted(std::move(bytes), bom.length, std::string(bom.encoding));
  } else if (text::is_valid_utf8(bytes)) {
    const bool legacy = !declared.empty() && declared != "UTF-8" && !is_wide(declared);
    if (legacy && utf8_census(bytes).multibyte > 0) {
      decoded.note = "the page declares " + label + " but its bytes are UTF-8";
    }
    decoded.text = std::move(bytes);  // the fast path: no ICU
    decoded.encoding = "UTF-8";
  } else if (!decode_parts(bytes, declared, decoded)) {
    const std::string encoding = choose_encoding(bytes, declared);
    decoded = converted_checked(std::move(bytes), encoding, declared);
    if (decoded.note.empty() && declared == "UTF-8" && decoded.encoding != "UTF-8")
      decoded.note = "the page declares UTF-8 but its bytes read as " + decoded.encoding;
  }
  finish(decoded.text, decoded.replaced);
  return decoded;
}

}  // namespace corpus_clean
