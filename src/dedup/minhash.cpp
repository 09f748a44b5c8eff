// The MinHash fingerprint of a text: tokens, shingles, the hash functions, the encoding.
#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include <xxhash.h>

#include <algorithm>
#include <array>
#include <bit>

#include "corpus_clean/near_duplicate.hpp"
#include "text/chars.hpp"
#include "text/utf8.hpp"

namespace corpus_clean {
namespace {

// Fixed, so that every machine and every version of scheme "mh1" computes the same values.
constexpr std::uint64_t kShingleSeed = 0x6d68310000000001ull;
constexpr std::uint64_t kPermutationSeed = 0x6d68310000000002ull;

// The splitmix64 finalizer: a bijection of the 64-bit values that makes a code point's id look
// random, as a word's XXH3 is.
constexpr std::uint64_t mix64(std::uint64_t h) {
  h = (h ^ (h >> 30)) * 0xBF58476D1CE4E5B9ull;
  h = (h ^ (h >> 27)) * 0x94D049BB133111EBull;
  return h ^ (h >> 31);
}

constexpr std::uint64_t splitmix64(std::uint64_t& state) {
  return mix64(state += 0x9E3779B97F4A7C15ull);
}

// Permutation i maps a shingle's 32-bit hash x to a[i] * x + b[i] mod 2^32, a[i] odd: a
// bijection of the 32-bit values, so each minimum is that of uniformly random values, and
// cheap enough to run 128 of them on every shingle of every record.
struct Permutations {
  std::array<std::uint32_t, kMaxPermutations> a{};
  std::array<std::uint32_t, kMaxPermutations> b{};
};

constexpr Permutations make_permutations() {
  Permutations p;
  std::uint64_t state = kPermutationSeed;
  for (std::size_t i = 0; i < kMaxPermutations; ++i) {
    const std::uint64_t r = splitmix64(state);
    p.a[i] = static_cast<std::uint32_t>(r) | 1u;
    p.b[i] = static_cast<std::uint32_t>(r >> 32);
  }
  return p;
}

constexpr Permutations kPermutations = make_permutations();

// Full-width ASCII letters and digits are the ASCII ones, whatever the normalizer was told.
char32_t fold(char32_t cp) {
  if (cp >= 0xFF10 && cp <= 0xFF5A)
    cp -= 0xFEE0;
  if (cp < 0x80)
    return (cp >= 'A' && cp <= 'Z') ? cp + ('a' - 'A') : cp;
  return static_cast<char32_t>(u_foldCase(static_cast<UChar32>(cp), U_FOLD_CASE_DEFAULT));
}

bool is_word_character(char32_t cp) {
  if (cp < 0x80)
    return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
  const auto c = static_cast<UChar32>(cp);
  return u_isalnum(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0;
}

// The common Han block, U+4E00..U+9FFF, every code point of it a CJK letter: most of a Chinese
// text, so it skips the character-class lookup.
bool is_cjk_letter_fast(char32_t cp) {
  return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x80 && text::is_cjk_letter(cp));
}

// A word token's id: the XXH3-64 of its folded UTF-8; a CJK character's: its code point mixed.
std::uint64_t word_id(std::string_view folded) {
  return XXH3_64bits_withSeed(folded.data(), folded.size(), kShingleSeed);
}
constexpr std::uint64_t character_id(char32_t cp) {
  return mix64(cp ^ kShingleSeed);
}

// A shingle's hash: the polynomial sum of its (random) ids, in order, one last xor-multiply to
// bring the carries down, the top 32 bits kept. Inline and a few multiplications, as it runs once
// per character of a Chinese text: XXH3 over each shingle's ids cost a fifth of the fingerprint.
std::uint32_t shingle_hash(const std::uint64_t* ids, std::size_t n) {
  std::uint64_t h = kShingleSeed;
  for (std::size_t k = 0; k < n; ++k)
    h = h * 0x9E3779B97F4A7C15ull + ids[k];
  h ^= h >> 32;
  h *= 0xD6E8FEB86659FD93ull;
  return static_cast<std::uint32_t>(h >> 32);
}

// One 64-bit id per token of the text, in one pass over its code points: shingles are then
// hashed from fixed-size ids rather than from the tokens' bytes.
std::vector<std::uint64_t> token_ids(std::string_view text) {
  std::vector<std::uint64_t> ids;
  ids.reserve(text.size() / 3 + 1);
  std::string word;  // the folded word being read
  auto end_word = [&] {
    if (!word.empty())
      ids.push_back(word_id(word));
    word.clear();
  };
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto length = static_cast<std::int32_t>(text.size());
  std::int32_t i = 0;
  while (i < length) {
    if (bytes[i] < 0x80) {  // ASCII: a letter or digit of a word, or a separator
      char c = static_cast<char>(bytes[i++]);
      if (c >= 'A' && c <= 'Z')
        c = static_cast<char>(c + ('a' - 'A'));
      if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'))
        word += c;
      else
        end_word();
      continue;
    }
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    auto cp = c < 0 ? text::kReplacementCharacter : static_cast<char32_t>(c);
    if (is_cjk_letter_fast(cp)) {
      end_word();
      ids.push_back(character_id(cp));
    } else if (cp = fold(cp); is_word_character(cp)) {
      text::append_utf8(word, cp);
    } else {
      end_word();
    }
  }
  end_word();
  return ids;
}

// The minimum of permutation (a, b) over the shingle hashes. Compiled for AVX-512 and AVX2 too,
// taken where the processor has them: the loop is most of the fingerprint's cost, and
// vectorizes 16 or 8 lanes wide. Integer minima: every clone gives the same values.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && \
    !defined(__SANITIZE_ADDRESS__)
__attribute__((target_clones("avx512f", "avx2", "default")))
#endif
void minimize(const std::uint32_t* hashes, std::size_t count, std::size_t permutations,
              std::uint32_t* out) {
  for (std::size_t i = 0; i < permutations; ++i) {
    const std::uint32_t a = kPermutations.a[i];
    const std::uint32_t b = kPermutations.b[i];
    std::uint32_t low = 0xFFFFFFFFu;
    for (std::size_t j = 0; j < count; ++j)
      low = std::min(low, a * hashes[j] + b);
    out[i] = low;
  }
}

constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string base64(std::span<const std::uint8_t> bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    const std::size_t n = std::min<std::size_t>(3, bytes.size() - i);
    std::uint32_t group = static_cast<std::uint32_t>(bytes[i]) << 16;
    if (n > 1)
      group |= static_cast<std::uint32_t>(bytes[i + 1]) << 8;
    if (n > 2)
      group |= bytes[i + 2];
    for (std::size_t k = 0; k < 4; ++k)
      out += k <= n ? kBase64[(group >> (18 - 6 * k)) & 63] : '=';
  }
  return out;
}

int base64_value(char c) {
  if (c >= 'A' && c <= 'Z')
    return c - 'A';
  if (c >= 'a' && c <= 'z')
    return c - 'a' + 26;
  if (c >= '0' && c <= '9')
    return c - '0' + 52;
  if (c == '+')
    return 62;
  if (c == '/')
    return 63;
  return -1;
}

// The bytes of standard, padded base64; nullopt when `text` is not that.
std::optional<std::vector<std::uint8_t>> unbase64(std::string_view text) {
  if (text.size() % 4 != 0)
    return std::nullopt;
  std::vector<std::uint8_t> out;
  out.reserve(text.size() / 4 * 3);
  for (std::size_t i = 0; i < text.size(); i += 4) {
    const bool last = i + 4 == text.size();
    const std::size_t pad =
        last ? std::size_t{text[i + 3] == '='} + std::size_t{text[i + 2] == '='} : 0;
    std::uint32_t group = 0;
    for (std::size_t k = 0; k < 4; ++k) {
      const int v = k >= 4 - pad ? 0 : base64_value(text[i + k]);
      if (v < 0)
        return std::nullopt;
      group = (group << 6) | static_cast<std::uint32_t>(v);
    }
    for (std::size_t k = 0; k < 3 - pad; ++k)
      out.push_back(static_cast<std::uint8_t>(group >> (16 - 8 * k)));
  }
  return out;
}

Error bad_fingerprint(std::string detail) {
  return make_error(ErrorCode::invalid_option, Stage::write, "minhash: " + std::move(detail));
}

// A decimal number of at most 4 digits, nothing else.
std::optional<std::size_t> small_number(std::string_view text) {
  if (text.empty() || text.size() > 4)
    return std::nullopt;
  std::size_t n = 0;
  for (char c : text) {
    if (c < '0' || c > '9')
      return std::nullopt;
    n = n * 10 + static_cast<std::size_t>(c - '0');
  }
  return n;
}

}  // namespace

std::optional<Error> check_near_options(const NearDuplicateOptions& options) {
  auto bad = [](std::string detail) {
    return make_error(ErrorCode::invalid_option, Stage::write, std::move(detail));
  };
  const MinHashOptions& m = options.minhash;
  if (m.ngram < 1 || m.ngram > kMaxNgram)
    return bad("--near-ngram must be from 1 to " + std::to_string(kMaxNgram));
  if (m.permutations < 1 || m.permutations > kMaxPermutations)
    return bad("--near-permutations must be from 1 to " + std::to_string(kMaxPermutations));
  const LshOptions& l = options.lsh;
  if (l.bands < 1 || l.bands > m.permutations || m.permutations % l.bands != 0) {
    return bad("--near-bands must divide --near-permutations (" + std::to_string(m.permutations) +
               ") into bands of equal rows");
  }
  if (!(l.threshold > 0.0 && l.threshold <= 1.0))
    return bad("--near-threshold must be above 0 and at most 1");
  return std::nullopt;
}

Fingerprint fingerprint(std::string_view text, const MinHashOptions& options) {
  Fingerprint result{options, {}};
  const std::vector<std::uint64_t> ids = token_ids(text);
  if (ids.empty())
    return result;
  const std::size_t n = std::min(options.ngram, ids.size());
  std::vector<std::uint32_t> hashes(ids.size() - n + 1);
  for (std::size_t j = 0; j < hashes.size(); ++j)
    hashes[j] = shingle_hash(ids.data() + j, n);
  result.values.resize(options.permutations);
  minimize(hashes.data(), hashes.size(), options.permutations, result.values.data());
  return result;
}

double estimate_similarity(std::span<const std::uint32_t> a, std::span<const std::uint32_t> b) {
  if (a.empty() || a.size() != b.size())
    return 0.0;
  std::size_t equal = 0;
  for (std::size_t i = 0; i < a.size(); ++i)
    equal += a[i] == b[i];
  return static_cast<double>(equal) / static_cast<double>(a.size());
}

std::string encode_fingerprint(const Fingerprint& fingerprint) {
  std::vector<std::uint8_t> bytes;
  bytes.reserve(fingerprint.values.size() * 4);
  for (std::uint32_t v : fingerprint.values) {
    for (int k = 0; k < 4; ++k)
      bytes.push_back(static_cast<std::uint8_t>(v >> (8 * k)));
  }
  return "mh1:" + std::to_string(fingerprint.options.ngram) + ":" +
         std::to_string(fingerprint.options.permutations) + ":" + base64(bytes);
}

Result<Fingerprint> decode_fingerprint(std::string_view text) {
  if (!text.starts_with("mh1:"))
    return bad_fingerprint("not a fingerprint of scheme mh1 (it starts 'mh1:NGRAM:COUNT:')");
  text.remove_prefix(4);
  const std::size_t colon1 = text.find(':');
  const std::size_t colon2 = colon1 == std::string_view::npos ? colon1 : text.find(':', colon1 + 1);
  if (colon2 == std::string_view::npos)
    return bad_fingerprint("no 'NGRAM:COUNT:' after 'mh1:'");
  const std::optional<std::size_t> ngram = small_number(text.substr(0, colon1));
  const std::optional<std::size_t> count =
      small_number(text.substr(colon1 + 1, colon2 - colon1 - 1));
  if (!ngram || *ngram < 1 || *ngram > kMaxNgram || !count || *count < 1 ||
      *count > kMaxPermutations) {
    return bad_fingerprint("the n-gram size or the number of values is out of range");
  }
  Fingerprint result{{*ngram, *count}, {}};
  const std::string_view payload = text.substr(colon2 + 1);
  if (payload.empty())
    return result;  // a text with no token
  std::optional<std::vector<std::uint8_t>> bytes = unbase64(payload);
  if (!bytes)
    return bad_fingerprint("the values are not base64");
  if (bytes->size() != *count * 4) {
    return bad_fingerprint("holds " + std::to_string(bytes->size() / 4) + " values, not " +
                           std::to_string(*count));
  }
  result.values.resize(*count);
  for (std::size_t i = 0; i < *count; ++i) {
    std::uint32_t v = 0;
    for (int k = 3; k >= 0; --k)
      v = (v << 8) | (*bytes)[i * 4 + static_cast<std::size_t>(k)];
    result.values[i] = v;
  }
  return result;
}

std::vector<std::uint64_t> band_keys(std::span<const std::uint32_t> values, std::size_t bands) {
  std::vector<std::uint64_t> keys;
  if (values.empty() || bands == 0)
    return keys;
  const std::size_t rows = values.size() / bands;
  keys.reserve(bands);
  for (std::size_t band = 0; band < bands; ++band) {
    const std::span<const std::uint32_t> part = values.subspan(band * rows, rows);
    if constexpr (std::endian::native == std::endian::little) {
      keys.push_back(XXH3_64bits_withSeed(part.data(), rows * 4, band));
    } else {  // the same keys on every machine: hash the little-endian bytes
      std::vector<std::uint32_t> little(part.begin(), part.end());
      for (std::uint32_t& v : little)
        v = __builtin_bswap32(v);
      keys.push_back(XXH3_64bits_withSeed(little.data(), rows * 4, band));
    }
  }
  return keys;
}

}  // namespace corpus_clean
