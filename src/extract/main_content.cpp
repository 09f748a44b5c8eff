// Main-content selection (main_content.hpp): element statistics in one pass over the tree,
// paragraph scores handed to ancestors, the container chosen, siblings merged, furniture
// pruned.
#include "extract/main_content.hpp"

#include <re2/re2.h>
#include <re2/set.h>
#include <unicode/uchar.h>

#include <algorithm>
#include <cstdio>
#include <unordered_map>

#include "extract/html_tags.hpp"
#include "text/chars.hpp"
#include "text/strings.hpp"
#include "text/utf8.hpp"

namespace corpus_clean {

TextMeasure& TextMeasure::operator+=(const TextMeasure& other) {
  units += other.units;
  chars += other.chars;
  commas += other.commas;
  stops += other.stops;
  return *this;
}

TextMeasure measure_text(std::string_view s) {
  TextMeasure m;
  bool in_word = false;
  for (std::size_t i = 0; i < s.size();) {
    const auto byte = static_cast<unsigned char>(s[i]);
    char32_t cp = byte;
    if (byte < 0x80) {
      ++i;
    } else {
      cp = text::next_code_point(s, i);
    }
    const bool space = cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0 ||
                       cp == 0x3000 || cp == '\f';
    if (!space)
      ++m.chars;
    if (cp < 0x80 ? (text::is_ascii_alpha(static_cast<char>(cp)) ||
                     text::is_ascii_digit(static_cast<char>(cp)))
                  : (!text::is_cjk_letter(cp) && u_isalnum(static_cast<UChar32>(cp)))) {
      if (!in_word)
        ++m.units;
      in_word = true;
      continue;
    }
    in_word = false;
    if (cp >= 0x80 && text::is_cjk_letter(cp)) {
      ++m.units;
    } else if (cp == U'，' || cp == U'、' || cp == ',') {
      ++m.commas;
    } else if (cp == U'。' || cp == U'！' || cp == U'？' || cp == U'；' || cp == '.' || cp == '!' ||
               cp == '?') {
      ++m.stops;
    }
  }
  return m;
}

namespace {

using html::TagRole;

constexpr std::size_t kMaxAncestors = 5;       // how far up a paragraph's score goes
constexpr std::size_t kTopCandidates = 5;      // kept to find a common ancestor
constexpr int kAncestorVotes = 3;              // strong candidates that make an ancestor the choice
constexpr double kStrongCandidate = 0.75;      // share of the best score that makes one strong
constexpr std::uint32_t kProseChars = 80;      // a sibling paragraph this long reads as prose
constexpr std::uint32_t kEndMatterUnits = 16;  // an end-matter heading is short
// A short block that is kept all the same when its text has no links: more than a label
// ("Advertisement", "Share") is a line of the text (one line per div, as blogs write).
constexpr std::uint32_t kLabelUnits = 2;
constexpr double kPartsGain = 1.5;   // an ancestor with this much more prose holds the article
constexpr double kPartsLinks = 0.1;  // ... if its share of link text is at most this much more
// An element whose tag and hints weigh this little (an aside, a comment list) is furniture: the
// paragraphs inside it say nothing about where the article is.
constexpr int kFurnitureWeight = -25;

// What the selection knows of one element of the body.
struct Element {
  const GumboNode* node = nullptr;
  int parent = -1;
  int block = -1;  // the nearest block-level element (itself when block-level): owner of loose text
  GumboTag tag = GUMBO_TAG_UNKNOWN;
  TagRole role = TagRole::inline_element;
  bool in_link = false;
  bool in_page_link = false;  // the link goes to a place on the page (href="#..."): a contents list
  bool in_furniture = false;  // inside an element that reads as page furniture (aside, comments)
  bool in_list = false;       // inside ul or ol
  TextMeasure all;            // the subtree's text
  TextMeasure links;          // the part of it inside links
  TextMeasure own;            // loose text: its own, or in inline elements, not in nested blocks
  TextMeasure own_links;
  TextMeasure list_text;    // text inside ul or ol below it
  std::uint32_t prose = 0;  // units in paragraphs below it that are long enough to score
  TextMeasure heading_text;
  std::uint32_t paragraphs = 0;  // p elements below
  std::uint32_t images = 0;
  std::uint32_t list_items = 0;
  std::uint32_t inputs = 0;
  std::uint32_t embeds = 0;
  std::uint32_t children = 0;   // element children that count
  bool block_children = false;  // a child element is block-level (else a div is a paragraph)
  int weight = 0;               // tag and class/id hints
  int hint_weight = 0;          // class/id hints alone
  bool candidate = false;
  double score = 0;  // from the paragraphs below; scaled by link density once all are in
  double total = 0;  // the paragraphs' scores below it, undivided: how much prose it holds
  std::string class_name;
};

double link_density(const TextMeasure& all, const TextMeasure& links) {
  return all.chars == 0 ? 0.0 : static_cast<double>(links.chars) / all.chars;
}

class ContentSelector {
 public:
  ContentSelector(const html::Document& doc, const MainContentRules& rules,
                  const std::vector<corpus_clean::Selector>* drop)
      : doc_(doc), rules_(rules), drop_(drop) {}

  MainContent run() {
    MainContent out;
    const GumboNode* body = doc_.body();
    if (!body)
      return out;
    collect(body);
    sum_up();
    score_paragraphs();
    const int top = choose();
    if (top <= 0) {
      out.notes.push_back({false, "no element reads as the article: the whole page is kept"});
      return out;
    }
    merge_siblings(top, out);
    for (const GumboNode* root : out.roots)
      prune_inside(root, out);
    return out;
  }

 private:
  // Pre-order over the body: every element that can hold visible text, with its loose text
  // measured and handed to its block.
  void collect(const GumboNode* body) {
    struct Frame {
      const GumboNode* node;
      int index;
      unsigned next;
    };
    elements_.push_back(make_element(body, -1));
    std::vector<Frame> stack{{body, 0, 0}};
    while (!stack.empty()) {
      Frame& frame = stack.back();
      const GumboVector& kids = frame.node->v.element.children;
      if (frame.next >= kids.length) {
        stack.pop_back();
        continue;
      }
      const auto* child = static_cast<const GumboNode*>(kids.data[frame.next++]);
      const int parent = frame.index;
      if (child->type == GUMBO_NODE_TEXT || child->type == GUMBO_NODE_CDATA) {
        add_text(parent, child->v.text.text);
        continue;
      }
      if (child->type != GUMBO_NODE_ELEMENT)
        continue;
      const GumboElement& element = child->v.element;
      const TagRole role = html::role_of(element.tag);
      if (role == TagRole::skipped || html::is_hidden(element) ||
          (drop_ && html::matching_selector(element, *drop_))) {
        if (element.tag == GUMBO_TAG_INPUT || element.tag == GUMBO_TAG_SELECT ||
            element.tag == GUMBO_TAG_TEXTAREA || element.tag == GUMBO_TAG_BUTTON) {
          ++elements_[static_cast<std::size_t>(parent)].inputs;
        } else if (element.tag == GUMBO_TAG_IFRAME || element.tag == GUMBO_TAG_EMBED ||
                   element.tag == GUMBO_TAG_OBJECT) {
          ++elements_[static_cast<std::size_t>(parent)].embeds;
        }
        continue;
      }
      elements_.push_back(make_element(child, parent));
      const int index = static_cast<int>(elements_.size()) - 1;
      Element& up = elements_[static_cast<std::size_t>(parent)];
      ++up.children;
      if (elements_.back().block == index)
        up.block_children = true;
      index_of_[child] = index;
      stack.push_back(Frame{child, index, 0});
    }
  }

  Element make_element(const GumboNode* node, int parent) {
    Element e;
    e.node = node;
    e.parent = parent;
    e.tag = node->v.element.tag;
    e.role = html::role_of(e.tag);
    const Element* up = parent >= 0 ? &elements_[static_cast<std::size_t>(parent)] : nullptr;
    e.in_link = e.tag == GUMBO_TAG_A || (up && up->in_link);
    if (e.tag == GUMBO_TAG_A) {
      const char* href = html::attribute(node, "href");
      e.in_page_link = href && href[0] == '#';
    } else {
      e.in_page_link = up && up->in_page_link;
    }
    e.in_list = (up && (up->in_list || up->tag == GUMBO_TAG_UL || up->tag == GUMBO_TAG_OL));
    const bool block_level = e.role != TagRole::inline_element && e.role != TagRole::line_break &&
                             e.role != TagRole::image && e.role != TagRole::rule;
    const int self = static_cast<int>(elements_.size());
    e.block = block_level || !up ? self : up->block;
    if (e.tag == GUMBO_TAG_IMG)
      e.images = 1;
    if (e.tag == GUMBO_TAG_LI)
      e.list_items = 1;
    if (e.tag == GUMBO_TAG_P)
      e.paragraphs = 1;
    e.hint_weight = hint_weight_of(node);
    e.weight = e.hint_weight + tag_weight_of(node);
    return e;
  }

  void add_text(int index, std::string_view content) {
    const TextMeasure m = measure_text(content);
    if (m.chars == 0)
      return;
    Element& e = elements_[static_cast<std::size_t>(index)];
    Element& block = elements_[static_cast<std::size_t>(e.block)];
    e.all += m;
    block.own += m;
    if (e.in_link) {
      // A link to a place on the page (a table of contents) leads nowhere else: it counts for
      // less, as in Readability.
      TextMeasure link = m;
      if (e.in_page_link)
        link.chars = link.chars * 3 / 10;
      e.links += link;
      block.own_links += link;
    }
  }

  int tag_weight_of(const GumboNode* node) const {
    int weight = 0;
    const std::string_view tag = gumbo_normalized_tagname(node->v.element.tag);
    for (const ContentTagWeight& t : rules_.tags) {
      if (t.tag == tag)
        weight += t.weight;
    }
    return weight;
  }

  // Class/id hints: each of class and id may match each hint.
  int hint_weight_of(const GumboNode* node) {
    int weight = 0;
    for (const char* name : {"class", "id"}) {
      const char* value = html::attribute(node, name);
      if (!value || !*value)
        continue;
      const std::string lower = text::ascii_lower(value);
      if (rules_.hint_set) {
        hits_.clear();
        static_cast<const RE2::Set*>(rules_.hint_set.get())->Match(lower, &hits_);
        for (int hit : hits_)
          weight += rules_.hints[static_cast<std::size_t>(hit)].weight;
      } else {
        for (const ContentHint& hint : rules_.hints) {
          if (RE2::PartialMatch(lower, *hint.pattern))
            weight += hint.weight;
        }
      }
    }
    return weight;
  }

  // Subtree sums, children before parents (reverse pre-order).
  void sum_up() {
    for (std::size_t i = elements_.size(); i-- > 1;) {
      Element& e = elements_[i];
      Element& up = elements_[static_cast<std::size_t>(e.parent)];
      if (e.tag == GUMBO_TAG_UL || e.tag == GUMBO_TAG_OL)
        e.list_text = e.all;
      if (html::has_flag(e.tag, html::kHeading))
        e.heading_text = e.all;
      up.all += e.all;
      up.links += e.links;
      up.list_text += e.list_text;
      up.heading_text += e.heading_text;
      up.paragraphs += e.paragraphs;
      up.images += e.images;
      up.list_items += e.list_items;
      up.inputs += e.inputs;
      up.embeds += e.embeds;
    }
    for (Element& e : elements_) {
      const char* cls = html::attribute(e.node, "class");
      e.class_name = cls ? cls : "";
    }
    mark_furniture();
  }

  bool scores(const Element& p) const {
    const bool scored_tag = p.tag == GUMBO_TAG_P || p.tag == GUMBO_TAG_PRE ||
                            p.tag == GUMBO_TAG_TD || p.tag == GUMBO_TAG_SECTION ||
                            (html::has_flag(p.tag, html::kHeading) && p.tag != GUMBO_TAG_H1);
    return (scored_tag || p.role == TagRole::container) &&
           p.own.chars >= static_cast<std::uint32_t>(rules_.min_paragraph_chars);
  }

  // Furniture: an element whose tag and hints weigh little (an aside, a comment list), and what
  // is inside it; its paragraphs say nothing about where the article is. A hint can mislead
  // (`disableReadMore` on an article wrapper), so an element holding most of the page's prose is
  // not furniture whatever its class says.
  void mark_furniture() {
    for (std::size_t i = elements_.size(); i-- > 0;) {
      Element& e = elements_[i];
      if (scores(e))
        e.prose += e.own.units;
      if (e.parent >= 0)
        elements_[static_cast<std::size_t>(e.parent)].prose += e.prose;
    }
    const std::uint32_t page_prose = elements_.front().prose;
    for (Element& e : elements_) {
      const bool up = e.parent >= 0 && elements_[static_cast<std::size_t>(e.parent)].in_furniture;
      e.in_furniture = up || (e.weight <= kFurnitureWeight && e.prose * 2 < page_prose);
    }
  }

  // A paragraph's score goes to its ancestors: all to the first, half to the second, less
  // further up. A container's own loose text counts for itself first.
  void score_paragraphs() {
    for (std::size_t i = 1; i < elements_.size(); ++i) {
      const Element& p = elements_[i];
      const bool container = p.role == TagRole::container;
      if (!scores(p) || p.in_furniture)
        continue;
      double content = 1.0 + p.own.commas + std::min(p.own.chars / 100.0, 3.0);
      content *= 1.0 - link_density(p.own, p.own_links);
      for (int a = static_cast<int>(i); a >= 0; a = elements_[static_cast<std::size_t>(a)].parent)
        elements_[static_cast<std::size_t>(a)].total += content;
      int index = container ? static_cast<int>(i) : p.parent;
      for (std::size_t level = 0; level < kMaxAncestors && index > 0; ++level) {
        Element& a = elements_[static_cast<std::size_t>(index)];
        if (!a.candidate) {
          a.candidate = true;
          a.score = a.weight;
        }
        const double divider = level == 0 ? 1.0 : level == 1 ? 2.0 : static_cast<double>(level) * 3;
        a.score += content / divider;
        index = a.parent;
      }
    }
    for (Element& e : elements_) {
      if (e.candidate)
        e.score *= 1.0 - link_density(e.all, e.links);
    }
  }

  bool is_ancestor(int ancestor, int index) const {
    for (; index >= 0; index = elements_[static_cast<std::size_t>(index)].parent) {
      if (index == ancestor)
        return true;
    }
    return false;
  }

  // The container: the best candidate, moved to a common ancestor of several strong ones, or
  // up while the parent scores as well.
  int choose() {
    std::vector<int> top;
    for (std::size_t i = 1; i < elements_.size(); ++i) {
      if (!elements_[i].candidate)
        continue;
      top.push_back(static_cast<int>(i));
      std::sort(top.begin(), top.end(), [&](int a, int b) { return score(a) > score(b); });
      if (top.size() > kTopCandidates)
        top.pop_back();
    }
    if (top.empty() || score(top[0]) <= 0)
      return -1;
    best_ = top[0];
    runner_up_ = top.size() > 1 ? top[1] : -1;
    top_ = top;
    int chosen = top[0];
    std::vector<int> strong;
    for (std::size_t k = 1; k < top.size(); ++k) {
      if (score(top[k]) >= kStrongCandidate * score(chosen))
        strong.push_back(top[k]);
    }
    if (strong.size() >= static_cast<std::size_t>(kAncestorVotes)) {
      for (int a = parent(chosen); a > 0; a = parent(a)) {
        const auto votes =
            std::count_if(strong.begin(), strong.end(), [&](int c) { return is_ancestor(a, c); });
        if (votes >= kAncestorVotes) {
          chosen = a;
          break;
        }
      }
    }
    double last = score(chosen);
    const double threshold = last / 3;
    for (int a = parent(chosen); a > 0; a = parent(a)) {
      if (!elements_[static_cast<std::size_t>(a)].candidate)
        continue;
      if (score(a) < threshold)
        break;
      if (score(a) > last) {
        chosen = a;
        break;
      }
      last = score(a);
    }
    // An article in parts (a poem, its translation, its notes in sibling sections): an ancestor
    // that holds much more prose than the choice, and no more links, is the article. (Teasers
    // of other stories read as prose too, but they come with their links.)
    for (int a = parent(chosen); a > 0; a = parent(a)) {
      const Element& up = elements_[static_cast<std::size_t>(a)];
      const Element& now = elements_[static_cast<std::size_t>(chosen)];
      if (total(a) >= kPartsGain * total(chosen) &&
          link_density(up.all, up.links) <= link_density(now.all, now.links) + kPartsLinks) {
        chosen = a;
      }
    }
    while (parent(chosen) > 0 && elements_[static_cast<std::size_t>(parent(chosen))].children == 1)
      chosen = parent(chosen);
    return chosen;
  }

  int parent(int index) const { return elements_[static_cast<std::size_t>(index)].parent; }
  double total(int index) const { return elements_[static_cast<std::size_t>(index)].total; }
  double score(int index) const {
    const Element& e = elements_[static_cast<std::size_t>(index)];
    return e.candidate ? e.score : 0.0;
  }

  bool reads_as_prose(const Element& e) const {
    const bool paragraph =
        e.tag == GUMBO_TAG_P || e.role == TagRole::container || e.tag == GUMBO_TAG_BLOCKQUOTE;
    if (!paragraph || e.all.chars == 0)
      return false;
    const double density = link_density(e.all, e.links);
    if (e.all.chars > kProseChars)
      return density < 0.25;
    return density == 0 && e.all.stops > 0;
  }

  void merge_siblings(int top, MainContent& out) {
    const Element& chosen = elements_[static_cast<std::size_t>(top)];
    out.notes.push_back(
        {false, "chosen " + describe(top) + " score " + number(score(top)) +
                    (runner_up_ > 0 && runner_up_ != top ? "; runner-up " + describe(runner_up_) +
                                                               " score " + number(score(runner_up_))
                                                         : "") +
                    (best_ != top ? "; best-scored " + describe(best_) : "")});
    std::string others = "candidates:";
    for (int c : top_)
      others += " " + describe(c) + " " + number(score(c)) + ";";
    out.notes.push_back({false, others});
    const int up = chosen.parent;
    if (up < 0) {
      out.roots.push_back(chosen.node);
      return;
    }
    const double threshold = std::max(10.0, score(top) * rules_.sibling_share);
    for (std::size_t i = static_cast<std::size_t>(up) + 1; i < elements_.size(); ++i) {
      const Element& s = elements_[i];
      if (s.parent != up)
        continue;
      bool join = static_cast<int>(i) == top;
      if (!join) {
        const double bonus = !chosen.class_name.empty() && s.class_name == chosen.class_name
                                 ? score(top) * 0.2
                                 : 0.0;
        join =
            (s.candidate && score(static_cast<int>(i)) + bonus >= threshold) || reads_as_prose(s);
        if (join)
          out.notes.push_back({false, "joined sibling " + describe(static_cast<int>(i))});
      }
      if (join)
        out.roots.push_back(s.node);
    }
  }

  // Readability's conditional cleaning, with commas counted in CJK as in ASCII.
  bool is_furniture(const Element& e, int weight) const {
    const bool list_tag = e.tag == GUMBO_TAG_UL || e.tag == GUMBO_TAG_OL;
    const bool list = list_tag || (e.all.chars > 0 && e.list_text.chars > 0.9 * e.all.chars);
    if (weight < 0)
      return true;
    if (e.all.commas >= 10)
      return false;
    const double density = link_density(e.all, e.links);
    const double heading_share =
        e.all.chars == 0 ? 0.0 : static_cast<double>(e.heading_text.chars) / e.all.chars;
    const auto p = static_cast<double>(e.paragraphs);
    const auto li = static_cast<double>(e.list_items) - 100;
    const bool remove =
        (e.images > 1 && p / e.images < 0.5) || (!list && li > p) ||
        (e.inputs > static_cast<std::uint32_t>(p / 3)) ||
        (!list && heading_share < 0.9 && e.all.chars < 25 && (e.images == 0 || e.images > 2) &&
         (e.all.units <= kLabelUnits || density > 0)) ||
        (!list && weight < 25 && density > 0.2) || (weight >= 25 && density > 0.5) ||
        (e.embeds == 1 && e.all.chars < 75) || e.embeds > 1;
    return remove;
  }

  void prune_inside(const GumboNode* root, MainContent& out) {
    const auto found = index_of_.find(root);
    if (found == index_of_.end())
      return;
    const int start = found->second;
    const Element& container = elements_[static_cast<std::size_t>(start)];
    bool ended = false;  // past an end-matter heading: everything goes
    for (std::size_t i = static_cast<std::size_t>(start) + 1; i < elements_.size(); ++i) {
      const Element& e = elements_[i];
      if (!is_ancestor(start, e.parent))
        break;  // pre-order: the subtree ended
      if (has_pruned_ancestor(static_cast<int>(i), start, out))
        continue;
      if (ended || opens_end_matter(e)) {
        if (!ended)
          out.notes.push_back({true, "end matter from " + describe(static_cast<int>(i))});
        ended = true;
        out.pruned.insert(e.node);
        continue;
      }
      if (!prunable(e))
        continue;
      // What holds most of the container's text, or scores as a part of the article, is not
      // furniture whatever its class says.
      const bool substantial = e.all.units * 2 > container.all.units ||
                               (e.hint_weight >= 0 && e.candidate &&
                                score(static_cast<int>(i)) >= rules_.sibling_share * score(best_));
      const bool semantic = e.tag == GUMBO_TAG_NAV || e.tag == GUMBO_TAG_ASIDE ||
                            e.tag == GUMBO_TAG_FOOTER || e.tag == GUMBO_TAG_FORM;
      const bool heading = html::has_flag(e.tag, html::kHeading);
      const bool furniture =
          heading ? e.hint_weight < 0 : semantic || is_furniture(e, e.hint_weight);
      if (furniture && !substantial) {
        out.pruned.insert(e.node);
        out.notes.push_back({true, "pruned " + describe(static_cast<int>(i))});
      }
    }
  }

  bool opens_end_matter(const Element& e) const {
    if (rules_.end_matter.empty() || e.all.units == 0 || e.all.units > kEndMatterUnits)
      return false;
    if (!html::has_flag(e.tag, html::kHeading) && e.tag != GUMBO_TAG_DT)
      return false;
    const std::string heading = html::node_text(e.node, 256);
    return std::any_of(rules_.end_matter.begin(), rules_.end_matter.end(),
                       [&](const auto& pattern) { return RE2::FullMatch(heading, *pattern); });
  }

  static bool prunable(const Element& e) {
    switch (e.tag) {
      case GUMBO_TAG_DIV:
      case GUMBO_TAG_SECTION:
      case GUMBO_TAG_UL:
      case GUMBO_TAG_OL:
      case GUMBO_TAG_DL:
      case GUMBO_TAG_TABLE:
      case GUMBO_TAG_FORM:
      case GUMBO_TAG_FIELDSET:
      case GUMBO_TAG_ASIDE:
      case GUMBO_TAG_NAV:
      case GUMBO_TAG_FOOTER:
      case GUMBO_TAG_HEADER:
      case GUMBO_TAG_FIGURE:
        return true;
      default:
        return html::has_flag(e.tag, html::kHeading);
    }
  }

  bool has_pruned_ancestor(int index, int root, const MainContent& out) const {
    for (int a = parent(index); a >= 0 && a != root; a = parent(a)) {
      if (out.pruned.contains(elements_[static_cast<std::size_t>(a)].node))
        return true;
    }
    return false;
  }

  // "div#content.article-body (812 units, links 3%)"
  std::string describe(int index) const {
    const Element& e = elements_[static_cast<std::size_t>(index)];
    std::string out = gumbo_normalized_tagname(e.tag);
    if (const char* id = html::attribute(e.node, "id"); id && *id)
      out += std::string("#") + id;
    if (!e.class_name.empty()) {
      std::string cls(text::first_code_points(e.class_name, 40));
      std::replace(cls.begin(), cls.end(), ' ', '.');
      out += "." + cls + (cls.size() < e.class_name.size() ? "…" : "");
    }
    char figures[96];
    std::snprintf(figures, sizeof figures, " (%u units, links %.0f%%, weight %d)", e.all.units,
                  100 * link_density(e.all, e.links), e.weight);
    return out + figures;
  }

  static std::string number(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1f", value);
    return buffer;
  }

  const html::Document& doc_;
  const MainContentRules& rules_;
  const std::vector<corpus_clean::Selector>* drop_;
  std::vector<Element> elements_;
  std::unordered_map<const GumboNode*, int> index_of_;
  int best_ = -1;
  int runner_up_ = -1;
  std::vector<int> top_;   // the best candidates, best first
  std::vector<int> hits_;  // reused for each element's hints
};

}  // namespace

MainContent choose_main_content(const html::Document& doc, const MainContentRules& rules,
                                const std::vector<Selector>* drop) {
  return ContentSelector(doc, rules, drop).run();
}

}  // namespace corpus_clean
