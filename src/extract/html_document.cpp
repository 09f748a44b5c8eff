// Preparing and parsing an HTML body once (html_document.hpp).
#include "extract/html_document.hpp"

#include <optional>

#include "extract/html_depth.hpp"

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

Document Document::parse(std::string_view body, const ParseOptions& options) {
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
  GumboOptions gumbo_options = kGumboDefaultOptions;
  gumbo_options.max_errors = 0;  // parse errors are not reported; don't collect them
  doc.output_.reset(gumbo_parse_with_options(&gumbo_options, doc.html_.data(), doc.html_.size()));
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
