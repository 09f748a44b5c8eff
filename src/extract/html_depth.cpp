// The depth pre-scan of html_depth.hpp: one pass over the tags of a document, keeping an
// approximate stack of open elements and dropping the tags nested past the limit.
#include "extract/html_depth.hpp"

#include <gumbo.h>

#include <algorithm>
#include <cstdint>
#include <vector>

#include "extract/html_tags.hpp"
#include "text/strings.hpp"

namespace corpus_clean {
namespace {

// How far down the stack a tag is matched. Real pages close what they opened a few elements
// up; a bound keeps hostile input (a million spans, then a million stray end tags) linear.
// An end tag not matched within it is left for gumbo, which then sees a shallower tree.
constexpr std::size_t kSearchWindow = 256;

using html::has_flag;

bool is_heading(GumboTag tag) {
  return has_flag(tag, html::kHeading);
}
bool opens_nothing(GumboTag tag) {
  return has_flag(tag, html::kOpensNothing);
}
bool is_raw_text(GumboTag tag) {
  return has_flag(tag, html::kRawText);
}
bool is_special(GumboTag tag) {
  return has_flag(tag, html::kSpecial);
}
bool closes_p(GumboTag tag) {
  return has_flag(tag, html::kClosesP);
}
bool is_formatting(GumboTag tag) {
  return has_flag(tag, html::kFormatting);
}
bool is_foreign_root(GumboTag tag) {
  return has_flag(tag, html::kForeignRoot);
}
bool is_table_part(GumboTag tag) {
  return has_flag(tag, html::kTablePart);
}

// Elements whose content never reaches the text (what the block walk skips, less the raw-text
// and empty elements, which the scan handles on their own): past the limit they go with their
// content.
bool hides_content(GumboTag tag) {
  return html::role_of(tag) == html::TagRole::skipped && !is_raw_text(tag) && !opens_nothing(tag);
}

// What strip_non_text leaves out: raw-text elements whose content is never text (not title,
// whose content is the page's title, nor xmp, noembed and noframes, which show theirs), and
// elements whose content never reaches the text.
bool strips_raw_text(GumboTag tag) {
  return tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE || tag == GUMBO_TAG_IFRAME ||
         tag == GUMBO_TAG_TEXTAREA;
}
bool strips_element(GumboTag tag) {
  return tag == GUMBO_TAG_SVG || tag == GUMBO_TAG_MATH || tag == GUMBO_TAG_NOSCRIPT ||
         tag == GUMBO_TAG_TEMPLATE;
}

// The element kinds that bound a search for an element "in scope".
enum class Scope { normal, button, list_item, table };

bool bounds(Scope scope, GumboTag tag) {
  if (tag == GUMBO_TAG_HTML || tag == GUMBO_TAG_TABLE || tag == GUMBO_TAG_TEMPLATE)
    return true;
  if (scope == Scope::table)
    return false;
  switch (tag) {
    case GUMBO_TAG_APPLET:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
    case GUMBO_TAG_MARQUEE:
    case GUMBO_TAG_OBJECT:
      return true;
    case GUMBO_TAG_BUTTON:
      return scope == Scope::button;
    case GUMBO_TAG_OL:
    case GUMBO_TAG_UL:
      return scope == Scope::list_item;
    default:
      return false;
  }
}

std::uint32_t name_hash(std::string_view name) {
  std::uint32_t hash = 2166136261u;  // FNV-1a
  for (char c : name) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 16777619u;
  }
  return hash;
}

class DepthScanner {
 public:
  DepthScanner(std::string_view html, const HtmlPrescanOptions& options, HtmlDepthStats& stats)
      : html_(html),
        max_depth_(options.max_depth),
        stats_(stats),
        counts_(static_cast<std::size_t>(GUMBO_TAG_LAST) + 1, 0),
        strip_(options.strip_non_text) {}

  std::optional<std::string> run() {
    const std::size_t n = html_.size();
    std::size_t pos = 0;
    while (pos < n) {
      const std::size_t lt = html_.find('<', pos);
      if (lt == std::string_view::npos || lt + 1 >= n)
        break;
      const char next = html_[lt + 1];
      if (next == '!') {
        pos = skip_declaration(lt);
        if (strip_ && html_.substr(lt, 4) == "<!--")
          cut(lt, pos);
      } else if (next == '?') {
        pos = skip_past('>', lt + 2);
      } else if (next == '/' && lt + 2 < n && text::is_ascii_alpha(html_[lt + 2])) {
        pos = tag(lt, lt + 2, /*end=*/true);
      } else if (next == '/') {
        pos = skip_past('>', lt + 2);  // "</>" and bogus comments
      } else if (text::is_ascii_alpha(next)) {
        pos = tag(lt, lt + 1, /*end=*/false);
      } else {
        pos = lt + 1;
      }
    }
    if (!changed_)
      return std::nullopt;
    if (hidden_ == 0)
      out_.append(html_.substr(copied_));
    return std::move(out_);
  }

 private:
  struct Open {
    GumboTag tag;
    std::uint32_t name;  // hash of the lower-case name, told apart for unknown tags
    bool hides;
    bool stripped = false;  // left out with its content (strip_non_text)
    bool counted = false;   // counted in hidden_: its content is being left out
  };

  std::size_t skip_past(char c, std::size_t from) const {
    const std::size_t at = html_.find(c, from);
    return at == std::string_view::npos ? html_.size() : at + 1;
  }

  std::size_t skip_past(std::string_view s, std::size_t from) const {
    const std::size_t at = html_.find(s, from);
    return at == std::string_view::npos ? html_.size() : at + s.size();
  }

  // "<!--...-->", "<!DOCTYPE ...>", "<![CDATA[...]]>" in SVG/MathML, other "<!...>".
  std::size_t skip_declaration(std::size_t lt) const {
    const std::string_view rest = html_.substr(lt);
    if (rest.starts_with("<!--")) {
      if (rest.starts_with("<!-->"))
        return lt + 5;
      if (rest.starts_with("<!--->"))
        return lt + 6;
      return skip_past("-->", lt + 4);
    }
    if (foreign_ > 0 && rest.starts_with("<![CDATA["))
      return skip_past("]]>", lt + 9);
    return skip_past('>', lt + 2);
  }

  // The end of a raw-text element's content and end tag, from `from`; `*content_end` receives
  // where the end tag starts.
  std::size_t skip_raw_text(std::string_view name, std::size_t from,
                            std::size_t* content_end) const {
    *content_end = html_.size();
    for (std::size_t at = html_.find("</", from); at != std::string_view::npos;
         at = html_.find("</", at + 2)) {
      const std::size_t after = at + 2 + name.size();
      if (after > html_.size())
        break;
      bool same = true;
      for (std::size_t k = 0; k < name.size() && same; ++k)
        same = text::ascii_lower(html_[at + 2 + k]) == name[k];
      if (same && (after == html_.size() || text::is_ascii_space(html_[after]) ||
                   html_[after] == '/' || html_[after] == '>')) {
        *content_end = at;
        return skip_past('>', after);
      }
    }
    return html_.size();
  }

  // A start or end tag at `lt` whose name starts at `name_at`; returns where scanning goes on.
  std::size_t tag(std::size_t lt, std::size_t name_at, bool end) {
    const std::size_t n = html_.size();
    std::size_t i = name_at;
    name_.clear();
    while (i < n && !text::is_ascii_space(html_[i]) && html_[i] != '/' && html_[i] != '>')
      name_ += text::ascii_lower(html_[i++]);
    // Attributes: a quote opens a value only right after '=' (spaces allowed between).
    while (i < n && html_[i] != '>') {
      if (html_[i] == '=') {
        ++i;
        while (i < n && text::is_ascii_space(html_[i]))
          ++i;
        if (i < n && (html_[i] == '"' || html_[i] == '\'')) {
          const std::size_t close = html_.find(html_[i], i + 1);
          if (close == std::string_view::npos)
            return n;
          i = close + 1;
        }
        continue;
      }
      ++i;
    }
    if (i >= n)
      return n;  // a tag cut off by the end of the document: gumbo drops it
    const std::size_t tag_end = i + 1;
    const bool self_closing = i > name_at && html_[i - 1] == '/';
    const GumboTag kind = gumbo_tagn_enum(name_.data(), static_cast<unsigned>(name_.size()));
    const std::uint32_t hash = kind == GUMBO_TAG_UNKNOWN ? name_hash(name_) : 0;
    std::size_t next = tag_end;
    if (end) {
      end_tag(kind, hash, lt, tag_end);
    } else {
      next = start_tag(kind, hash, self_closing, lt, tag_end);
    }
    if (!closed_.empty())
      close_formatting(tag_end);
    return next;
  }

  std::size_t start_tag(GumboTag kind, std::uint32_t hash, bool self_closing, std::size_t lt,
                        std::size_t tag_end) {
    if (foreign_ == 0 && kind == GUMBO_TAG_PLAINTEXT) {
      // Everything after is text; the tag is kept whatever the depth, or the text would be
      // read as markup again.
      stats_.max_depth = std::max(stats_.max_depth, stack_.size() + 1);
      return html_.size();
    }
    if (foreign_ == 0 && is_raw_text(kind)) {
      // Opens and closes around text only; kept whatever the depth so that its content stays
      // out of the text.
      stats_.max_depth = std::max(stats_.max_depth, stack_.size() + 1);
      std::size_t content_end = 0;
      const std::size_t end = skip_raw_text(name_, tag_end, &content_end);
      if (strip_ && strips_raw_text(kind)) {
        if (kind == GUMBO_TAG_SCRIPT && is_json_ld(lt, tag_end))
          stats_.json_ld.emplace_back(html_.substr(tag_end, content_end - tag_end));
        cut(lt, end);
      }
      return end;
    }
    if (foreign_ > 0 && has_flag(kind, html::kBreaksForeign))
      close_foreign(lt);
    if (opens_nothing(kind) || (self_closing && foreign_ > 0))
      return tag_end;
    current_tag_ = lt;
    close_implied(kind);
    Open open{kind, hash, hides_content(kind)};
    open.stripped = strip_ && strips_element(kind);
    push(open, lt, tag_end);
    return tag_end;
  }

  void end_tag(GumboTag kind, std::uint32_t hash, std::size_t lt, std::size_t tag_end) {
    if (opens_nothing(kind) || count(kind) == 0)
      return;
    current_tag_ = lt;
    std::optional<std::size_t> at;
    if (kind == GUMBO_TAG_P) {
      at = find_in_scope(kind, Scope::button);
    } else if (kind == GUMBO_TAG_LI) {
      at = find_in_scope(kind, Scope::list_item);
    } else if (is_table_part(kind)) {
      at = find_in_scope(kind, Scope::table);
    } else if (is_special(kind)) {
      at = find_in_scope(kind, Scope::normal);
    } else {
      at = find_before_special(kind, hash);
    }
    if (!at)
      return;  // gumbo ignores it, or treats it in ways that keep its tree no deeper
    const bool kept = *at < max_depth_;
    const bool stripped = stack_[*at].stripped;
    pop_through(*at, /*closes_it=*/true);
    if (stripped) {
      if (hidden_ == 0)
        copied_ = tag_end;  // the end tag goes with the element
    } else if (!kept) {
      drop(lt, tag_end, kind);
    }
  }

  // The ends the HTML standard implies when a start tag of `kind` comes.
  void close_implied(GumboTag kind) {
    if (kind == GUMBO_TAG_LI) {
      close_list_item(GUMBO_TAG_LI, GUMBO_TAG_LI);
    } else if (kind == GUMBO_TAG_DD || kind == GUMBO_TAG_DT) {
      close_list_item(GUMBO_TAG_DD, GUMBO_TAG_DT);
    }
    if (closes_p(kind) && count(GUMBO_TAG_P) > 0) {
      if (auto at = find_in_scope(GUMBO_TAG_P, Scope::button))
        pop_through(*at);
    }
    if (is_heading(kind) && !stack_.empty() && is_heading(stack_.back().tag))
      pop_through(stack_.size() - 1);
    switch (kind) {
      case GUMBO_TAG_TD:
      case GUMBO_TAG_TH:
        if (auto at = find_either_in_table(GUMBO_TAG_TD, GUMBO_TAG_TH, GUMBO_TAG_TH))
          pop_through(*at);
        break;
      case GUMBO_TAG_TR:
        if (auto at = find_either_in_table(GUMBO_TAG_TR, GUMBO_TAG_TR, GUMBO_TAG_TR))
          pop_through(*at);
        break;
      case GUMBO_TAG_TBODY:
      case GUMBO_TAG_THEAD:
      case GUMBO_TAG_TFOOT:
        if (auto at = find_either_in_table(GUMBO_TAG_TBODY, GUMBO_TAG_THEAD, GUMBO_TAG_TFOOT))
          pop_through(*at);
        break;
      case GUMBO_TAG_OPTION:
      case GUMBO_TAG_OPTGROUP:
        if (!stack_.empty() && stack_.back().tag == GUMBO_TAG_OPTION)
          pop_through(stack_.size() - 1);
        if (kind == GUMBO_TAG_OPTGROUP && !stack_.empty() &&
            stack_.back().tag == GUMBO_TAG_OPTGROUP)
          pop_through(stack_.size() - 1);
        break;
      case GUMBO_TAG_A:
      case GUMBO_TAG_NOBR:
        if (auto at = find_before_special(kind, 0))
          pop_through(*at, /*closes_it=*/true);
        break;
      case GUMBO_TAG_BUTTON:
        if (count(kind) > 0) {
          if (auto at = find_in_scope(kind, Scope::normal))
            pop_through(*at);
        }
        break;
      default:
        break;
    }
  }

  // <li> closes an open <li> (<dd>/<dt> an open <dd> or <dt>) unless a special element other
  // than address, div and p lies between.
  void close_list_item(GumboTag a, GumboTag b) {
    if (count(a) == 0 && count(b) == 0)
      return;
    const std::size_t limit = std::min(stack_.size(), kSearchWindow);
    for (std::size_t k = 0; k < limit; ++k) {
      const std::size_t i = stack_.size() - 1 - k;
      const GumboTag tag = stack_[i].tag;
      if (tag == a || tag == b) {
        pop_through(i);
        return;
      }
      if (is_special(tag) && tag != GUMBO_TAG_ADDRESS && tag != GUMBO_TAG_DIV && tag != GUMBO_TAG_P)
        return;
    }
  }

  std::optional<std::size_t> find_in_scope(GumboTag kind, Scope scope) const {
    const std::size_t limit = std::min(stack_.size(), kSearchWindow);
    for (std::size_t k = 0; k < limit; ++k) {
      const std::size_t i = stack_.size() - 1 - k;
      if (stack_[i].tag == kind)
        return i;
      if (bounds(scope, stack_[i].tag))
        return std::nullopt;
    }
    return std::nullopt;
  }

  std::optional<std::size_t> find_either_in_table(GumboTag a, GumboTag b, GumboTag c) const {
    if (count(a) == 0 && count(b) == 0 && count(c) == 0)
      return std::nullopt;
    const std::size_t limit = std::min(stack_.size(), kSearchWindow);
    for (std::size_t k = 0; k < limit; ++k) {
      const std::size_t i = stack_.size() - 1 - k;
      const GumboTag tag = stack_[i].tag;
      if (tag == a || tag == b || tag == c)
        return i;
      if (bounds(Scope::table, tag))
        return std::nullopt;
    }
    return std::nullopt;
  }

  // An element of this kind (and name, for unknown tags) above any special element.
  std::optional<std::size_t> find_before_special(GumboTag kind, std::uint32_t hash) const {
    if (count(kind) == 0)
      return std::nullopt;
    const std::size_t limit = std::min(stack_.size(), kSearchWindow);
    for (std::size_t k = 0; k < limit; ++k) {
      const std::size_t i = stack_.size() - 1 - k;
      if (stack_[i].tag == kind && stack_[i].name == hash)
        return i;
      if (is_special(stack_[i].tag))
        return std::nullopt;
    }
    return std::nullopt;
  }

  std::uint32_t count(GumboTag kind) const { return counts_[static_cast<std::size_t>(kind)]; }

  void push(const Open& open, std::size_t lt, std::size_t tag_end) {
    const bool kept = stack_.size() < max_depth_;
    stack_.push_back(open);
    ++counts_[static_cast<std::size_t>(open.tag)];
    if (is_foreign_root(open.tag))
      ++foreign_;
    stats_.max_depth = std::max(stats_.max_depth, stack_.size());
    if (open.stripped) {
      cut(lt, tag_end);
      stack_.back().counted = true;
      ++hidden_;
      return;
    }
    if (kept)
      return;
    drop(lt, tag_end, open.tag);
    if (open.hides) {
      stack_.back().counted = true;
      ++hidden_;
    }
  }

  // A tag that foreign content cannot hold (p, div, b, ...) ends the svg or math it stands in,
  // as gumbo ends it, so that an unclosed <svg> does not take the rest of the page with it.
  void close_foreign(std::size_t lt) {
    for (std::size_t i = 0; i < stack_.size(); ++i) {
      if (is_foreign_root(stack_[i].tag)) {
        current_tag_ = lt;
        pop_through(i);
        return;
      }
    }
  }

  // Removes html_[begin, end) from the output (what is inside a left-out element already is).
  void cut(std::size_t begin, std::size_t end) {
    if (hidden_ > 0)
      return;
    if (!changed_) {
      out_.reserve(html_.size());
      changed_ = true;
    }
    out_.append(html_.substr(copied_, begin - copied_));
    copied_ = end;
  }

  bool is_json_ld(std::size_t lt, std::size_t tag_end) const {
    const std::string tag = text::ascii_lower(html_.substr(lt, tag_end - lt));
    return tag.find("ld+json") != std::string::npos;
  }

  // Pops the elements from the top down to `index`. A formatting element popped by something
  // other than its own end tag is remembered: gumbo would reopen it before the next text, and
  // again after each block that closes it, so that a run of `<div><b></div>x` nests ever
  // deeper; close_formatting() ends it for good.
  void pop_through(std::size_t index, bool closes_it = false) {
    while (stack_.size() > index) {
      const Open& open = stack_.back();
      const bool implicit = !closes_it || stack_.size() - 1 > index;
      if (implicit && is_formatting(open.tag) && stack_.size() <= max_depth_)
        closed_.push_back(open.tag);
      --counts_[static_cast<std::size_t>(open.tag)];
      if (is_foreign_root(open.tag))
        --foreign_;
      if (open.counted && --hidden_ == 0)
        copied_ = current_tag_;  // the hidden content ends where the current tag starts
      stack_.pop_back();
    }
  }

  // Adds end tags for the formatting elements closed implicitly by the tag ending at `end`, so
  // that gumbo forgets them instead of reopening them. Only the tree's shape changes: these
  // elements add nothing to the text.
  void close_formatting(std::size_t end) {
    if (hidden_ == 0) {
      if (!changed_) {
        out_.reserve(html_.size() + 64);
        changed_ = true;
      }
      out_.append(html_.substr(copied_, end - copied_));
      for (const GumboTag tag : closed_) {
        out_ += "</";
        out_ += gumbo_normalized_tagname(tag);
        out_ += '>';
        ++stats_.closed_tags;
      }
      copied_ = end;
    }
    closed_.clear();
  }

  // Removes the tag html_[begin, end); a block-level tag leaves a space so that words of
  // neighbouring blocks stay apart.
  void drop(std::size_t begin, std::size_t end, GumboTag kind) {
    if (hidden_ > 0)
      return;
    if (!changed_) {
      out_.reserve(html_.size());
      changed_ = true;
    }
    out_.append(html_.substr(copied_, begin - copied_));
    if (is_special(kind))
      out_ += ' ';
    copied_ = end;
    ++stats_.dropped_tags;
  }

  std::string_view html_;
  std::size_t max_depth_;
  HtmlDepthStats& stats_;
  std::vector<Open> stack_;
  std::vector<std::uint32_t> counts_;  // open elements per tag
  std::size_t foreign_ = 0;            // open svg and math elements
  std::size_t hidden_ = 0;             // open elements past the limit that hide their content
  std::size_t current_tag_ = 0;        // where the tag being handled starts
  bool strip_ = false;                 // leave out what can never be text
  std::string name_;                   // the current tag's lower-case name
  std::vector<GumboTag> closed_;       // formatting elements closed implicitly by this tag
  std::string out_;                    // html_[0, copied_) with the dropped tags removed
  std::size_t copied_ = 0;
  bool changed_ = false;
};

}  // namespace

std::optional<std::string> prescan_html(std::string_view html, const HtmlPrescanOptions& options,
                                        HtmlDepthStats* stats) {
  HtmlDepthStats local;
  HtmlDepthStats& out = stats ? *stats : local;
  out = HtmlDepthStats{};
  return DepthScanner(html, options, out).run();
}

std::optional<std::string> limit_html_depth(std::string_view html, std::size_t max_depth,
                                            HtmlDepthStats* stats) {
  return prescan_html(html, {max_depth, false}, stats);
}

}  // namespace corpus_clean
