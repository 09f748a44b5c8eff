// Reading a page's own metadata from its parsed document (page_metadata.hpp).
#include "extract/page_metadata.hpp"

#include <vector>

#include "extract/extract.hpp"
#include "text/strings.hpp"

namespace corpus_clean {
namespace {

// The text of an element's text children, whitespace folded.
std::string own_text(const GumboNode* node) {
  std::string out;
  const GumboVector& children = node->v.element.children;
  for (unsigned i = 0; i < children.length; ++i) {
    const auto* child = static_cast<const GumboNode*>(children.data[i]);
    if (child->type == GUMBO_NODE_TEXT || child->type == GUMBO_NODE_WHITESPACE ||
        child->type == GUMBO_NODE_CDATA) {
      text_util::append_collapsed(out, child->v.text.text);
    }
  }
  return std::string(text::trim(out));
}

class MetadataReader {
 public:
  explicit MetadataReader(PageMetadata& out) : out_(out) {}

  void element(const GumboNode* node) {
    switch (node->v.element.tag) {
      case GUMBO_TAG_TITLE:
        if (!out_.title) {
          std::string title = own_text(node);
          if (!title.empty())
            out_.title = std::move(title);
        }
        break;
      case GUMBO_TAG_META:
        meta(node);
        break;
      case GUMBO_TAG_LINK:
        link(node);
        break;
      case GUMBO_TAG_SCRIPT:
        if (const char* type = html::attribute(node, "type");
            type && text::equals_ignoring_case(text::trim(type), "application/ld+json")) {
          out_.json_ld.push_back(own_text(node));
        }
        break;
      default:
        break;
    }
  }

 private:
  void meta(const GumboNode* node) {
    const char* content = html::attribute(node, "content");
    if (!content)
      return;
    for (const char* key : {"property", "name", "itemprop", "http-equiv"}) {
      if (const char* name = html::attribute(node, key)) {
        out_.meta.emplace_back(text::ascii_lower(text::trim(name)),
                               std::string(text::trim(content)));
        return;
      }
    }
  }

  void link(const GumboNode* node) {
    const char* rel = html::attribute(node, "rel");
    const char* href = html::attribute(node, "href");
    if (!out_.canonical && rel && href &&
        text::equals_ignoring_case(text::trim(rel), "canonical") && *href) {
      out_.canonical = std::string(text::trim(href));
    }
  }

  PageMetadata& out_;
};

}  // namespace

std::optional<std::string_view> PageMetadata::meta_content(std::string_view name) const {
  for (const auto& [key, value] : meta) {
    if (key == name && !value.empty())
      return value;
  }
  return std::nullopt;
}

PageMetadata read_page_metadata(const html::Document& doc) {
  PageMetadata page;
  const GumboNode* root = doc.root();
  if (!root)
    return page;
  if (const char* lang = html::attribute(root, "lang"))
    page.lang = std::string(text::trim(lang));
  // <head> holds most of it; JSON-LD and stray <meta> tags stand in the body too. An explicit
  // stack: a page's nesting must not reach the call stack.
  page.json_ld = doc.json_ld();
  MetadataReader reader(page);
  std::vector<const GumboNode*> stack{root};
  while (!stack.empty()) {
    const GumboNode* node = stack.back();
    stack.pop_back();
    if (node->type != GUMBO_NODE_ELEMENT)
      continue;
    reader.element(node);
    const GumboVector& children = node->v.element.children;
    for (unsigned i = children.length; i > 0; --i)
      stack.push_back(static_cast<const GumboNode*>(children.data[i - 1]));
  }
  return page;
}

}  // namespace corpus_clean
