// Preparing and parsing an HTML body once (html_document.hpp).
#include "extract/html_document.hpp"

#include <strings.h>

#include <optional>

#include "extract/extract.hpp"
#include "extract/html_depth.hpp"
#include "extract/html_tags.hpp"
#include "text/strings.hpp"
#include "text/utf8.hpp"

namespace corpus_clean::html {
namespace {

// Rewrites Markdown autolinks (<http://...>) as anchors, so gumbo does not read them as tags, and
// collects them. "<>" (an empty autolink) goes.
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

// True when the element was written in the source (gumbo makes html, head and body up when a
// fragment has none, with no original tag).
bool written(const GumboNode* node) {
  return node && node->type == GUMBO_NODE_ELEMENT && node->v.element.original_tag.length > 0;
}

}  // namespace

void Document::OutputDeleter::operator()(GumboOutput* output) const {
  gumbo_destroy_output(&kGumboDefaultOptions, output);
}

Document::Document() = default;
Document::Document(Document&&) noexcept = default;
Document& Document::operator=(Document&&) noexcept = default;
Document::~Document() = default;

Document Document::prepare(std::string_view body, const ParseOptions& options) {
  Document doc;
  doc.html_ = rewrite_autolinks(body, doc.autolinks_);
  // gumbo's cost grows with the square of the nesting depth: flatten before it parses.
  // What can never be text is left out before gumbo sees it: on a whole page, scripts, styles
  // and inline SVG are most of the bytes, and gumbo's tokenizer is the slowest part of a run.
  HtmlDepthStats depth;
  if (std::optional<std::string> prepared =
          prescan_html(doc.html_, {options.max_depth, options.strip_non_text}, &depth)) {
    doc.html_ = std::move(*prepared);
  }
  doc.deepest_ = depth.max_depth;
  doc.flattened_ = depth.dropped_tags;
  doc.json_ld_ = std::move(depth.json_ld);
  return doc;
}

void Document::parse() {
  if (output_)
    return;
  GumboOptions gumbo_options = kGumboDefaultOptions;
  gumbo_options.max_errors = 0;  // parse errors are not reported; don't collect them
  output_.reset(gumbo_parse_with_options(&gumbo_options, html_.data(), html_.size()));
}

Document Document::parse(std::string_view body, const ParseOptions& options) {
  Document doc = prepare(body, options);
  doc.parse();
  return doc;
}

const GumboNode* Document::root() const {
  return output_ ? output_->root : nullptr;
}

const GumboNode* Document::head() const {
  return child_element(root(), GUMBO_TAG_HEAD);
}

const GumboNode* Document::body() const {
  return child_element(root(), GUMBO_TAG_BODY);
}

bool Document::is_whole_page() const {
  return written(head()) || written(body());
}

namespace {

std::string lower_tag_name(const GumboElement& element) {
  if (element.tag != GUMBO_TAG_UNKNOWN)
    return gumbo_normalized_tagname(element.tag);
  GumboStringPiece piece = element.original_tag;
  gumbo_tag_from_original_text(&piece);
  return text::ascii_lower(std::string_view(piece.data ? piece.data : "", piece.length));
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

}  // namespace

bool is_hidden(const GumboElement& element) {
  if (element.attributes.length == 0)
    return false;
  if (html::attribute(element, "hidden"))
    return true;
  const char* style = html::attribute(element, "style");
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

std::optional<std::size_t> matching_selector(const GumboElement& element,
                                             const std::vector<Selector>& selectors) {
  if (selectors.empty())
    return std::nullopt;
  const GumboElementView view(element);
  for (std::size_t i = 0; i < selectors.size(); ++i) {
    if (matches(selectors[i], view))
      return i;
  }
  return std::nullopt;
}

std::string node_text(const GumboNode* root, std::size_t limit) {
  std::string text;
  std::vector<const GumboNode*> stack{root};
  while (!stack.empty() && text.size() < limit) {
    const GumboNode* node = stack.back();
    stack.pop_back();
    if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_CDATA) {
      text_util::append_collapsed(text, node->v.text.text);
      text.resize(text::prefix_bytes(text, limit).size());
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
  return std::string(text::trim(text));
}

const GumboNode* child_element(const GumboNode* node, GumboTag tag) {
  if (!node || node->type != GUMBO_NODE_ELEMENT)
    return nullptr;
  const GumboVector& children = node->v.element.children;
  for (unsigned i = 0; i < children.length; ++i) {
    const auto* child = static_cast<const GumboNode*>(children.data[i]);
    if (child->type == GUMBO_NODE_ELEMENT && child->v.element.tag == tag)
      return child;
  }
  return nullptr;
}

const char* attribute(const GumboElement& element, const char* name) {
  const GumboAttribute* attr = gumbo_get_attribute(&element.attributes, name);
  return attr ? attr->value : nullptr;
}

const char* attribute(const GumboNode* node, const char* name) {
  if (!node || (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_TEMPLATE))
    return nullptr;
  return attribute(node->v.element, name);
}

}  // namespace corpus_clean::html
