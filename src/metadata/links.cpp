// "Read the original" links (links.hpp).
#include "metadata/links.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <cstring>

#include "text/strings.hpp"

namespace corpus_clean {
namespace {

re2::StringPiece piece(std::string_view s) {
  return re2::StringPiece(s.data(), s.size());
}

// `&amp;` as `&`, and the other entities a link's text or address may carry.
std::string unescape(std::string_view html) {
  static constexpr std::pair<std::string_view, std::string_view> kEntities[] = {
      {"&amp;", "&"}, {"&gt;", ">"}, {"&lt;", "<"}, {"&quot;", "\""}, {"&nbsp;", " "}};
  std::string out;
  for (std::size_t i = 0; i < html.size();) {
    bool replaced = false;
    for (const auto& [entity, text] : kEntities) {
      if (html.substr(i).starts_with(entity)) {
        out += text;
        i += entity.size();
        replaced = true;
        break;
      }
    }
    if (!replaced)
      out += html[i++];
  }
  return out;
}

// A link's text without the inline tags inside it (<span>阅读原文</span>), entities decoded.
std::string link_text(std::string_view html) {
  std::string out;
  bool in_tag = false;
  for (char c : html) {
    if (c == '<')
      in_tag = true;
    else if (c == '>' && in_tag)
      in_tag = false;
    else if (!in_tag)
      out += c;
  }
  return std::string(text::trim_spaces(unescape(out)));
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';  // RE2's \s
}

// The next match of `re` in `body` at or after `from`, the same one an unanchored search would
// find, but tried anchored only where `can_start` says a match can begin (at a `first` byte).
// An unanchored search runs the pattern's automaton over the whole rest of the body, building
// states for every count of its bounded repetitions as it goes; an anchored try stops within the
// pattern's reach. `groups` gets the whole match and the captures; `from` moves past the match.
template <typename CanStart>
bool find_next(std::string_view body, std::size_t& from, const RE2& re, char first,
               CanStart can_start, re2::StringPiece* groups, int count) {
  while (from < body.size()) {
    const void* hit = std::memchr(body.data() + from, first, body.size() - from);
    if (!hit)
      break;
    const auto at = static_cast<std::size_t>(static_cast<const char*>(hit) - body.data());
    if (can_start(body.substr(at)) &&
        re.Match(piece(body), at, body.size(), RE2::ANCHOR_START, groups, count)) {
      from = at + std::max<std::size_t>(groups[0].size(), 1);
      return true;
    }
    from = at + 1;
  }
  from = body.size();
  return false;
}

}  // namespace

std::optional<std::string> original_link(
    std::string_view body, const std::vector<std::shared_ptr<const re2::RE2>>& link_texts) {
  if (link_texts.empty())
    return std::nullopt;
  auto says_original = [&](const std::string& text) {
    return std::any_of(link_texts.begin(), link_texts.end(),
                       [&](const auto& re) { return RE2::FullMatch(piece(text), *re); });
  };
  // Anchors whose text is short: a link to the original is a few words.
  static const RE2 anchor(
      R"re((?is)<a\s[^>]*?\bhref\s*=\s*["']?(https?://[^"'\s>]+)[^>]*>(.{1,200}?)</a\s*>)re");
  static const RE2 markdown(R"re(\[([^\]\n]{1,60})\]\((https?://[^)\s]+)[^)]*\))re");
  const auto anchor_starts = [](std::string_view s) {
    return s.size() > 2 && (s[1] == 'a' || s[1] == 'A') && is_space(s[2]);
  };
  const auto markdown_starts = [](std::string_view) { return true; };
  std::optional<std::pair<std::size_t, std::string>> first;
  re2::StringPiece groups[3];  // the match, then the captures
  for (std::size_t from = 0; find_next(body, from, anchor, '<', anchor_starts, groups, 3);) {
    const re2::StringPiece& url = groups[1];
    const re2::StringPiece& label = groups[2];
    if (says_original(link_text(std::string_view(label.data(), label.size())))) {
      first.emplace(static_cast<std::size_t>(url.data() - body.data()),
                    unescape(std::string_view(url.data(), url.size())));
      break;
    }
  }
  for (std::size_t from = 0; find_next(body, from, markdown, '[', markdown_starts, groups, 3);) {
    const re2::StringPiece& label = groups[1];
    const re2::StringPiece& url = groups[2];
    const auto at = static_cast<std::size_t>(url.data() - body.data());
    if (first && at > first->first)
      break;
    if (says_original(
            std::string(text::trim_spaces(std::string_view(label.data(), label.size()))))) {
      first.emplace(at, std::string(url.data(), url.size()));
      break;
    }
  }
  if (!first)
    return std::nullopt;
  return std::move(first->second);
}

}  // namespace corpus_clean
