// "Read the original" links (links.hpp).
#include "metadata/links.hpp"

#include <re2/re2.h>

#include <algorithm>

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
  std::optional<std::pair<std::size_t, std::string>> first;
  re2::StringPiece input = piece(body);
  re2::StringPiece url, label;
  while (RE2::FindAndConsume(&input, anchor, &url, &label)) {
    if (says_original(link_text(std::string_view(label.data(), label.size())))) {
      first.emplace(static_cast<std::size_t>(url.data() - body.data()),
                    unescape(std::string_view(url.data(), url.size())));
      break;
    }
  }
  input = piece(body);
  while (RE2::FindAndConsume(&input, markdown, &label, &url)) {
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
