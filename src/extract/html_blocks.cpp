// HTML to blocks through gumbo: an iterative walk (an explicit stack, never recursion) that
// starts a block at each block element, keeps inline elements inline, and drops what a reader
// never sees.
#include <gumbo.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "extract/extract.hpp"
#include "extract/html_document.hpp"
#include "extract/html_tags.hpp"
#include "extract/inline_markdown.hpp"
#include "text/strings.hpp"
#include "text/utf8.hpp"

namespace corpus_clean {
namespace {

using html::role_of;
using html::TagRole;

class HtmlWalker {
 public:
  explicit HtmlWalker(const ExtractOptions& options) : options_(options) {}

  HtmlExtraction run(const html::Document& doc) {
    result_.extraction.url_candidates = doc.autolinks();
    result_.extraction.deepest = doc.deepest();
    result_.extraction.flattened_tags = doc.flattened_tags();
    if (doc.root())
      walk(doc.root());
    flush();
    return std::move(result_);
  }

 private:
  struct Frame {
    const GumboNode* node;
    unsigned next_child;
    TagRole role;
    bool opened_block;          // this element started a block: flush and pop its kind on exit
    bool article_root = false;  // the walk enters the article here
    bool pruned = false;        // ... or leaves it for furniture inside it
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
    if (role == TagRole::skipped || html::is_hidden(element)) {
      return;
    }
    if (options_.drop) {
      if (std::optional<std::size_t> i = html::matching_selector(element, *options_.drop)) {
        result_.dropped.push_back(
            DroppedElement{*i, options_.describe_dropped ? html::node_text(node, 240) : ""});
        return;
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
    enter_region(stack.back());
  }

  // Where the article starts and stops on a whole page: the text of a pending block never
  // crosses the border.
  void enter_region(Frame& frame) {
    if (options_.article_roots && options_.article_roots->contains(frame.node)) {
      flush();
      frame.article_root = true;
      ++in_article_;
    }
    if (options_.pruned && options_.pruned->contains(frame.node)) {
      flush();
      frame.pruned = true;
      ++in_pruned_;
    }
  }

  void leave_region(const Frame& frame) {
    if (!frame.article_root && !frame.pruned)
      return;
    flush();
    in_article_ -= frame.article_root;
    in_pruned_ -= frame.pruned;
  }

  void leave(const Frame& frame) {
    leave_region(frame);
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
    const html::TagInfo& info = html::tag_info(tag);
    const bool generic = container && tag != GUMBO_TAG_BLOCKQUOTE;
    const BlockKind inherited = generic ? BlockKind::paragraph : parent.kind;
    context_.push_back(
        BlockContext{info.sets_kind ? info.kind : inherited, info.heading_level, container});
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
    if (options_.article_roots && (in_article_ == 0 || in_pruned_ > 0))
      return;  // a logo, an icon, a thumbnail of another story: not the article's
    static const std::vector<std::string> kSrcOnly = {"src"};
    const std::vector<std::string>& names =
        options_.image_attributes ? *options_.image_attributes : kSrcOnly;
    for (const std::string& name : names) {
      const char* src = html::attribute(element, name.c_str());
      if (!src)
        continue;
      const std::string_view url = text::trim(src);
      if (url.empty() || url.starts_with("data:"))
        continue;
      result_.extraction.images.emplace_back(url);
      return;
    }
  }

  void flush() {
    std::string_view trimmed = text::trim(pending_);
    if (!trimmed.empty()) {
      const BlockContext& context = context_.back();
      std::string text = pending_loose_
                             ? detail::markdown_inline_to_text(trimmed, result_.extraction, false)
                             : std::string(trimmed);
      if (!text.empty()) {
        const bool aside = options_.article_roots && (in_article_ == 0 || in_pruned_ > 0);
        result_.extraction.blocks.push_back(
            Block{context.kind, std::move(text), context.level, aside});
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
  int in_article_ = 0;
  int in_pruned_ = 0;
};

}  // namespace

HtmlExtraction extract_html_blocks(const html::Document& doc, const ExtractOptions& options) {
  return HtmlWalker(options).run(doc);
}

HtmlExtraction extract_html(std::string_view body, const ExtractOptions& options) {
  const html::Document doc = html::Document::parse(body, {.max_depth = options.max_html_depth});
  return extract_html_blocks(doc, options);
}

}  // namespace corpus_clean
