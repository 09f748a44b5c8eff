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
// pattern's reach. Only the whole match is asked for, which RE2's DFA finds alone: the captures
// would take its slower engines at every link. `from` moves past the match.
template <typename CanStart>
std::optional<std::string_view> find_next(std::string_view body, std::size_t& from, const RE2& re,
                                          char first, CanStart can_start) {
  while (from < body.size()) {
    const void* hit = std::memchr(body.data() + from, first, body.size() - from);
    if (!hit)
      break;
    const auto at = static_cast<std::size_t>(static_cast<const char*>(hit) - body.data());
    re2::StringPiece match;
    if (can_start(body.substr(at)) &&
        re.Match(piece(body), at, body.size(), RE2::ANCHOR_START, &match, 1)) {
      from = at + std::max<std::size_t>(match.size(), 1);
      return std::string_view(match.data(), match.size());
    }
    from = at + 1;
  }
  from = body.size();
  return std::nullopt;
}

// Where the </a that closes `anchor` (a match of the anchor pattern, which ends with it) begins.
std::size_t closing_tag(std::string_view anchor) {
  for (std::size_t i = anchor.size() >= 3 ? anchor.size() - 3 : 0; i > 0; --i) {
    if (anchor[i] == '<' && anchor[i + 1] == '/' && (anchor[i + 2] | 0x20) == 'a')
      return i;
  }
  return 0;
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
  // Anchors whose text is short: a link to the original is a few words. No part of the start
  // tag can hold a '>' but its end, and the text is the shortest one followed by </a>: a match's
  // text runs from its first '>' to its last "</a".
  static const RE2 anchor(
      R"re((?is)<a\s[^>]*?\bhref\s*=\s*["']?(https?://[^"'\s>]+)[^>]*>(.{1,200}?)</a\s*>)re");
  // The text stops at the first ']', the address at the first ')' or space.
  static const RE2 markdown(R"re(\[([^\]\n]{1,60})\]\((https?://[^)\s]+)[^)]*\))re");
  const auto anchor_starts = [](std::string_view s) {
    return s.size() > 2 && (s[1] == 'a' || s[1] == 'A') && is_space(s[2]);
  };
  const auto markdown_starts = [](std::string_view) { return true; };
  std::optional<std::pair<std::size_t, std::string>> first;
  std::size_t from = 0;
  while (const std::optional<std::string_view> match =
             find_next(body, from, anchor, '<', anchor_starts)) {
    const std::size_t text_begin = match->find('>') + 1;
    if (!says_original(link_text(match->substr(text_begin, closing_tag(*match) - text_begin))))
      continue;
    re2::StringPiece url;  // the one link that counts: its captures now
    RE2::PartialMatch(piece(*match), anchor, &url);
    first.emplace(static_cast<std::size_t>(url.data() - body.data()),
                  unescape(std::string_view(url.data(), url.size())));
    break;
  }
  from = 0;
  while (const std::optional<std::string_view> match =
             find_next(body, from, markdown, '[', markdown_starts)) {
    const std::size_t text_end = match->find(']');
    const std::size_t url_begin = text_end + 2;  // after "]("
    const std::string_view url =
        match->substr(url_begin, match->find_first_of(") \t\n\r\f", url_begin) - url_begin);
    const auto at = static_cast<std::size_t>(url.data() - body.data());
    if (first && at > first->first)
      break;
    if (says_original(std::string(text::trim_spaces(match->substr(1, text_end - 1))))) {
      first.emplace(at, std::string(url));
      break;
    }
  }
  if (!first)
    return std::nullopt;
  return std::move(first->second);
}

}  // namespace corpus_clean
