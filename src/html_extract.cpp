// HTML to blocks through gumbo: an iterative walk (an explicit stack, never recursion) that
// starts a block at each block element, keeps inline elements inline, and drops what a reader
// never sees.
#include <gumbo.h>
#include <strings.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "corpus_clean/extract.hpp"
#include "corpus_clean/html_depth.hpp"
#include "inline_markdown.hpp"

namespace corpus_clean {
namespace {

struct GumboOutputDeleter {
  void operator()(GumboOutput* output) const {
    gumbo_destroy_output(&kGumboDefaultOptions, output);
  }
};
using GumboOutputPtr = std::unique_ptr<GumboOutput, GumboOutputDeleter>;

enum class TagRole {
  inline_element,  // span, a, font, strong: adds nothing
  skipped,         // script, style, ...: never reaches text
  container,       // div, section, body: holds blocks, and loose text in mixed bodies
  block,           // p, li, h1: holds a run of text
  row,             // tr: one block per row, cells side by side
  cell,            // td, th
  line_break,      // br
  rule,            // hr
  preformatted,    // pre
  image,           // img
};

TagRole role_of(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_TITLE:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_INPUT:
    case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_MAP:
      return TagRole::skipped;
    case GUMBO_TAG_HTML:
    case GUMBO_TAG_BODY:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_MENU:
    case GUMBO_TAG_DIR:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TBODY:
    case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_BLOCKQUOTE:
      return TagRole::container;
    case GUMBO_TAG_P:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_LEGEND:
      return TagRole::block;
    case GUMBO_TAG_TR:
      return TagRole::row;
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
      return TagRole::cell;
    case GUMBO_TAG_BR:
      return TagRole::line_break;
    case GUMBO_TAG_HR:
      return TagRole::rule;
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_LISTING:
    case GUMBO_TAG_XMP:
      return TagRole::preformatted;
    case GUMBO_TAG_IMG:
      return TagRole::image;
    default:
      return TagRole::inline_element;
  }
}

BlockKind kind_of(GumboTag tag, BlockKind inherited) {
  switch (tag) {
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
      return BlockKind::heading;
    case GUMBO_TAG_LI:
      return BlockKind::list_item;
    case GUMBO_TAG_BLOCKQUOTE:
      return BlockKind::quote;
    case GUMBO_TAG_TR:
      return BlockKind::table_row;
    case GUMBO_TAG_PRE:
      return BlockKind::code;
    default:
      return inherited;
  }
}

int heading_level(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_H1:
      return 1;
    case GUMBO_TAG_H2:
      return 2;
    case GUMBO_TAG_H3:
      return 3;
    case GUMBO_TAG_H4:
      return 4;
    case GUMBO_TAG_H5:
      return 5;
    case GUMBO_TAG_H6:
      return 6;
    default:
      return 0;
  }
}

const char* attribute_value(const GumboElement& element, const char* name) {
  const GumboAttribute* attr = gumbo_get_attribute(&element.attributes, name);
  return attr ? attr->value : nullptr;
}

std::string lower_tag_name(const GumboElement& element) {
  if (element.tag != GUMBO_TAG_UNKNOWN)
    return gumbo_normalized_tagname(element.tag);
  GumboStringPiece piece = element.original_tag;
  gumbo_tag_from_original_text(&piece);
  std::string name(piece.data ? piece.data : "", piece.length);
  for (char& c : name)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name;
}

class GumboElementView final : public ElementView {
 public:
  explicit GumboElementView(const GumboElement& element) : element_(element) {
    if (element.tag != GUMBO_TAG_UNKNOWN) {
      tag_ = gumbo_normalized_tagname(element.tag);  // static, lower case
    } else {
      unknown_tag_ = lower_tag_name(element);
      tag_ = unknown_tag_;
    }
  }
  std::string_view tag() const override { return tag_; }
  const char* attribute(std::string_view name) const override {
    for (unsigned i = 0; i < element_.attributes.length; ++i) {
      const auto* attr = static_cast<const GumboAttribute*>(element_.attributes.data[i]);
      if (name == attr->name)
        return attr->value;
    }
    return nullptr;
  }

 private:
  const GumboElement& element_;
  std::string_view tag_;
  std::string unknown_tag_;  // only for tags gumbo does not know
};

// Hidden by the markup itself: the `hidden` attribute or an inline display:none.
bool is_hidden(const GumboElement& element) {
  if (element.attributes.length == 0)
    return false;
  if (attribute_value(element, "hidden"))
    return true;
  const char* style = attribute_value(element, "style");
  if (!style)
    return false;
  // "display" then optional spaces, ':', optional spaces, "none", in any case.
  for (const char* p = style; *p; ++p) {
    if (strncasecmp(p, "display", 7) != 0)
      continue;
    const char* q = p + 7;
    while (*q == ' ')
      ++q;
    if (*q != ':')
      continue;
    ++q;
    while (*q == ' ')
      ++q;
    if (strncasecmp(q, "none", 4) == 0)
      return true;
  }
  return false;
}

// Rewrites Markdown autolinks (<http://...>) that Jekyll bodies mix into HTML as anchors, so
// gumbo does not read them as tags, and collects them. "<>" (an empty autolink) goes.
std::string rewrite_autolinks(std::string_view body, std::vector<std::string>& urls) {
  std::string out;
  std::size_t copied = 0;
  for (std::size_t pos = body.find('<'); pos != std::string_view::npos;
       pos = body.find('<', pos + 1)) {
    const std::string_view rest = body.substr(pos + 1);
    std::size_t end = std::string_view::npos;
    if (rest.starts_with(">")) {
      end = pos + 1;
    } else if (rest.starts_with("http://") || rest.starts_with("https://") ||
               rest.starts_with("HTTP://") || rest.starts_with("HTTPS://")) {
      const std::size_t close = body.find_first_of("> \t\n<\"'", pos + 1);
      if (close != std::string_view::npos && body[close] == '>')
        end = close;
    }
    if (end == std::string_view::npos)
      continue;
    if (out.empty())
      out.reserve(body.size() + 64);
    out.append(body.substr(copied, pos - copied));
    const std::string_view url = body.substr(pos + 1, end - pos - 1);
    if (!url.empty()) {
      urls.emplace_back(url);
      std::string escaped;
      for (char c : url) {
        if (c == '&') {
          escaped += "&amp;";
        } else {
          escaped += c;
        }
      }
      out += "<a href=\"" + escaped + "\">" + escaped + "</a>";
    }
    copied = end + 1;
  }
  if (copied == 0)
    return std::string(body);
  out.append(body.substr(copied));
  return out;
}

void append_preview(std::string& out, std::string_view text, std::size_t limit) {
  for (std::size_t i = 0; i < text.size() && out.size() < limit;) {
    const std::size_t start = i;
    detail::next_code_point(text, i);
    out.append(text.substr(start, i - start));
  }
}

// The text of a subtree, for --explain: what a dropped element held.
std::string subtree_text(const GumboNode* root, std::size_t limit) {
  std::string text;
  std::vector<const GumboNode*> stack{root};
  while (!stack.empty() && text.size() < limit) {
    const GumboNode* node = stack.back();
    stack.pop_back();
    if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_CDATA) {
      std::string collapsed = text;
      text_util::append_collapsed(collapsed, node->v.text.text);
      text.clear();
      append_preview(text, collapsed, limit);
    } else if (node->type == GUMBO_NODE_WHITESPACE) {
      if (!text.empty() && text.back() != ' ')
        text += ' ';
    } else if (node->type == GUMBO_NODE_ELEMENT || node->type == GUMBO_NODE_TEMPLATE) {
      const GumboTag tag = node->v.element.tag;
      if (role_of(tag) == TagRole::skipped)
        continue;
      const GumboVector& children = node->v.element.children;
      for (unsigned i = children.length; i > 0; --i) {
        stack.push_back(static_cast<const GumboNode*>(children.data[i - 1]));
      }
    }
  }
  return std::string(text_util::trim(text));
}

class HtmlWalker {
 public:
  explicit HtmlWalker(const ExtractOptions& options) : options_(options) {}

  HtmlExtraction run(std::string_view body) {
    std::string html = rewrite_autolinks(body, result_.extraction.url_candidates);
    // gumbo's cost grows with the square of the nesting depth: flatten before it parses.
    HtmlDepthStats depth;
    if (std::optional<std::string> flat = limit_html_depth(html, options_.max_html_depth, &depth)) {
      html = std::move(*flat);
    }
    result_.extraction.deepest = depth.max_depth;
    result_.extraction.flattened_tags = depth.dropped_tags;
    GumboOptions gumbo_options = kGumboDefaultOptions;
    gumbo_options.max_errors = 0;  // parse errors are not reported; don't collect them
    GumboOutputPtr output(gumbo_parse_with_options(&gumbo_options, html.data(), html.size()));
    if (output)
      walk(output->root);
    flush();
    return std::move(result_);
  }

 private:
  struct Frame {
    const GumboNode* node;
    unsigned next_child;
    TagRole role;
    bool opened_block;  // this element started a block: flush and pop its kind on exit
  };

  struct BlockContext {
    BlockKind kind;
    int level;
    bool container;  // loose text here is split at blank lines and read as Markdown
  };

  void walk(const GumboNode* root) {
    context_.push_back(BlockContext{BlockKind::paragraph, 0, true});
    std::vector<Frame> stack;
    enter(root, stack);
    while (!stack.empty()) {
      Frame& frame = stack.back();
      const GumboVector& children = frame.node->v.element.children;
      if (frame.next_child < children.length) {
        const auto* child = static_cast<const GumboNode*>(children.data[frame.next_child++]);
        enter(child, stack);  // may invalidate `frame`
      } else {
        leave(frame);
        stack.pop_back();
      }
    }
  }

  void enter(const GumboNode* node, std::vector<Frame>& stack) {
    switch (node->type) {
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_CDATA:
        text(node->v.text.text);
        return;
      case GUMBO_NODE_WHITESPACE:
        whitespace(node->v.text.text);
        return;
      case GUMBO_NODE_COMMENT:
        return;
      case GUMBO_NODE_DOCUMENT:  // never below the root element
        return;
      case GUMBO_NODE_ELEMENT:
      case GUMBO_NODE_TEMPLATE:
        break;
    }
    const GumboElement& element = node->v.element;
    const TagRole role = role_of(element.tag);
    if (role == TagRole::skipped || is_hidden(element)) {
      return;
    }
    if (options_.drop && !options_.drop->empty()) {
      const GumboElementView view(element);
      for (std::size_t i = 0; i < options_.drop->size(); ++i) {
        if (matches((*options_.drop)[i], view)) {
          result_.dropped.push_back(
              DroppedElement{i, options_.describe_dropped ? subtree_text(node, 240) : ""});
          return;
        }
      }
    }
    const bool deep = stack.size() >= options_.max_html_depth;  // flattened past the limit
    bool opened_block = false;
    switch (role) {
      case TagRole::image:
        image(element);
        return;
      case TagRole::line_break:
        if (in_row_ > 0) {
          separate();
        } else {
          flush();
        }
        return;
      case TagRole::rule:
        if (in_row_ == 0)
          flush();
        return;
      case TagRole::row:
        if (!deep) {
          flush();
          open(element.tag, false);
          opened_block = true;
          ++in_row_;
        }
        break;
      case TagRole::cell:
        separate();
        break;
      case TagRole::container:
      case TagRole::block:
      case TagRole::preformatted:
        if (in_row_ > 0) {
          separate();
        } else if (!deep) {
          flush();
          open(element.tag, role == TagRole::container);
          opened_block = true;
          if (role == TagRole::preformatted)
            ++in_pre_;
        }
        break;
      case TagRole::inline_element:
      case TagRole::skipped:
        break;
    }
    stack.push_back(Frame{node, 0, role, opened_block});
  }

  void leave(const Frame& frame) {
    if (!frame.opened_block)
      return;
    flush();
    if (frame.role == TagRole::row)
      --in_row_;
    if (frame.role == TagRole::preformatted)
      --in_pre_;
    context_.pop_back();
  }

  void open(GumboTag tag, bool container) {
    const BlockContext& parent = context_.back();
    const bool generic = container && tag != GUMBO_TAG_BLOCKQUOTE;
    context_.push_back(BlockContext{kind_of(tag, generic ? BlockKind::paragraph : parent.kind),
                                    heading_level(tag), container});
  }

  void text(std::string_view content) {
    if (in_pre_ > 0) {
      // Preformatted text keeps its lines: each is a block.
      std::size_t pos = 0;
      while (pos <= content.size()) {
        std::size_t end = content.find('\n', pos);
        if (end == std::string_view::npos)
          end = content.size();
        pending_.append(content.substr(pos, end - pos));
        if (end < content.size())
          flush();
        pos = end + 1;
      }
      return;
    }
    if (!context_.back().container || in_row_ > 0) {
      text_util::append_collapsed(pending_, content);
      return;
    }
    // Loose text in a container: a Markdown paragraph of a mixed body. Blank lines end it.
    pending_loose_ = true;
    std::size_t pos = 0;
    while (pos < content.size()) {
      std::size_t blank = content.find("\n\n", pos);
      const std::size_t end = blank == std::string_view::npos ? content.size() : blank;
      text_util::append_collapsed(pending_, content.substr(pos, end - pos));
      if (blank == std::string_view::npos)
        break;
      flush();
      pending_loose_ = true;
      pos = blank + 2;
    }
  }

  void whitespace(std::string_view content) {
    if (in_pre_ > 0) {
      text(content);
      return;
    }
    if (context_.back().container && in_row_ == 0 &&
        content.find("\n\n") != std::string_view::npos) {
      flush();
      return;
    }
    if (!pending_.empty() && pending_.back() != ' ')
      pending_ += ' ';
  }

  void separate() {
    if (!pending_.empty() && pending_.back() != ' ')
      pending_ += ' ';
  }

  void image(const GumboElement& element) {
    for (const char* name : {"src", "data-src", "data-original"}) {
      const char* src = attribute_value(element, name);
      if (!src)
        continue;
      const std::string_view url = text_util::trim(src);
      if (url.empty() || url.starts_with("data:"))
        continue;
      result_.extraction.images.emplace_back(url);
      return;
    }
  }

  void flush() {
    std::string_view trimmed = text_util::trim(pending_);
    if (!trimmed.empty()) {
      const BlockContext& context = context_.back();
      std::string text = pending_loose_
                             ? detail::markdown_inline_to_text(trimmed, result_.extraction, false)
                             : std::string(trimmed);
      if (!text.empty()) {
        result_.extraction.blocks.push_back(Block{context.kind, std::move(text), context.level});
      }
    }
    pending_.clear();
    pending_loose_ = false;
  }

  const ExtractOptions& options_;
  HtmlExtraction result_;
  std::vector<BlockContext> context_;
  std::string pending_;
  bool pending_loose_ = false;
  int in_row_ = 0;
  int in_pre_ = 0;
};

}  // namespace

HtmlExtraction extract_html(std::string_view body, const ExtractOptions& options) {
  return HtmlWalker(options).run(body);
}

}  // namespace corpus_clean
