// UTF-8 code points for every stage: the one decoder (ICU's U8_* macros), validation, counting.
// Text past the decode stage is well-formed UTF-8; on ill-formed bytes these functions still
// never read out of bounds, and decode each maximal ill-formed subpart as one U+FFFD.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace corpus_clean::text {

inline constexpr char32_t kReplacementCharacter = 0xFFFD;
inline constexpr std::string_view kReplacementUtf8 = "\xEF\xBF\xBD";

// The code point starting at s[i]; advances i past it.
char32_t next_code_point(std::string_view s, std::size_t& i);
// The code point ending just before s[i]; moves i back to its start. i must be > 0.
char32_t previous_code_point(std::string_view s, std::size_t& i);
// The first and the last code point of s (0 when s is empty).
char32_t first_code_point(std::string_view s);
char32_t last_code_point(std::string_view s);

void append_utf8(std::string& out, char32_t cp);

// Code points in well-formed s (a count of the bytes that start one).
std::int64_t count_code_points(std::string_view s);

// The first `n` code points of s (all of s when it holds fewer).
std::string_view first_code_points(std::string_view s, std::size_t n);

// The longest prefix of s of at most `limit` bytes that does not cut a code point.
std::string_view prefix_bytes(std::string_view s, std::size_t limit);

// True when `bytes` is well-formed UTF-8 (no overlongs, surrogates or values past U+10FFFF).
// On failure, `*bad_offset` is the offset of the first byte that is not.
bool is_valid_utf8(std::string_view bytes, std::size_t* bad_offset = nullptr);

// The bytes of the ill-formed sequence at s[i], or 0 when a well-formed one starts there: its
// maximal subpart (Unicode §3.9), which one U+FFFD replaces. `*length` receives the length of
// the well-formed sequence when there is one.
std::size_t ill_formed_length(std::string_view s, std::size_t i, std::size_t* length);

}  // namespace corpus_clean::text
