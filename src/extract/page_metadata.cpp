// Reading a page's own metadata from its parsed document (page_metadata.hpp).
#include "extract/page_metadata.hpp"

#include <algorithm>
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
      case GUMBO_TAG_H1:
        heading(node, out_.h1);
        break;
      case GUMBO_TAG_H2:
        heading(node, out_.h2);
        break;
      default:
        break;
    }
    time(node);
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

  static void heading(const GumboNode* node, std::vector<std::string>& list) {
    if (list.size() >= kMaxHeadings)
      return;
    if (std::string text = html::node_text(node, 1024); !text.empty())
      list.push_back(std::move(text));
  }

  void time(const GumboNode* node) {
    const char* itemprop = html::attribute(node, "itemprop");
    const bool published = itemprop && text::equals_ignoring_case(itemprop, "datePublished");
    if (node->v.element.tag != GUMBO_TAG_TIME && !published)
      return;
    for (const char* name : {"datetime", "content"}) {
      if (const char* value = html::attribute(node, name); value && *value) {
        out_.times.emplace_back(text::trim(value));
        return;
      }
    }
    if (published) {
      if (std::string shown = html::node_text(node, 128); !shown.empty())
        out_.times.push_back(std::move(shown));
    }
  }

  static constexpr std::size_t kMaxHeadings = 16;
  PageMetadata& out_;
};

// A JSON-LD string value, or a name inside an object ({"name": ...}).
std::optional<std::string> ld_text(const Json& value) {
  if (value.is_string() && !value.get_ref<const std::string&>().empty())
    return value.get<std::string>();
  if (value.is_object() && value.contains("name"))
    return ld_text(value["name"]);
  if (value.is_array() && !value.empty())
    return ld_text(value.front());
  return std::nullopt;
}

bool is_article_type(const Json& type) {
  static constexpr std::string_view kTypes[] = {"Article",
                                                "NewsArticle",
                                                "BlogPosting",
                                                "ReportageNewsArticle",
                                                "AnalysisNewsArticle",
                                                "OpinionNewsArticle",
                                                "TechArticle",
                                                "ScholarlyArticle",
                                                "Report",
                                                "WebPage"};
  if (type.is_array())
    return std::any_of(type.begin(), type.end(), is_article_type);
  if (!type.is_string())
    return false;
  const std::string& name = type.get_ref<const std::string&>();
  return std::find(std::begin(kTypes), std::end(kTypes), name) != std::end(kTypes);
}

// The first article object in a JSON-LD value: at its top, in an array, or in @graph. A
// WebPage counts only when nothing more specific is there.
const Json* find_article(const Json& value, bool allow_page) {
  std::vector<const Json*> stack{&value};
  while (!stack.empty()) {
    const Json* v = stack.back();
    stack.pop_back();
    if (v->is_array()) {
      for (auto it = v->rbegin(); it != v->rend(); ++it)
        stack.push_back(&*it);
    } else if (v->is_object()) {
      if (v->contains("@type") && is_article_type((*v)["@type"]) &&
          (allow_page || (*v)["@type"] != "WebPage"))
        return v;
      if (v->contains("@graph"))
        stack.push_back(&(*v)["@graph"]);
    }
  }
  return nullptr;
}

void read_json_ld(PageMetadata& page) {
  for (bool allow_page : {false, true}) {
    for (const std::string& block : page.json_ld) {
      const Json value = Json::parse(block, nullptr, /*allow_exceptions=*/false);
      if (value.is_discarded())
        continue;  // a broken block says nothing
      const Json* article = find_article(value, allow_page);
      if (!article)
        continue;
      auto field = [&](const char* key) -> std::optional<std::string> {
        return article->contains(key) ? ld_text((*article)[key]) : std::nullopt;
      };
      page.article.headline = field("headline");
      page.article.date_published = field("datePublished");
      page.article.body = field("articleBody");
      page.article.url = field("url");
      page.article.publisher = field("publisher");
      return;
    }
  }
}

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
  read_json_ld(page);
  return page;
}

}  // namespace corpus_clean
