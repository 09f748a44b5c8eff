// The rows of the HTML tag table, from the lists of the HTML standard and of the block walk.
#include "extract/html_tags.hpp"

#include <array>
#include <initializer_list>

namespace corpus_clean::html {
namespace {

using Table = std::array<TagInfo, static_cast<std::size_t>(GUMBO_TAG_LAST) + 1>;

Table build() {
  Table table{};
  auto info = [&](GumboTag tag) -> TagInfo& { return table[static_cast<std::size_t>(tag)]; };
  auto flag = [&](TagFlag f, std::initializer_list<GumboTag> tags) {
    for (GumboTag tag : tags)
      info(tag).flags |= f;
  };
  auto role = [&](TagRole r, std::initializer_list<GumboTag> tags) {
    for (GumboTag tag : tags)
      info(tag).role = r;
  };

  flag(kOpensNothing,
       {GUMBO_TAG_AREA,  GUMBO_TAG_BASE,   GUMBO_TAG_BASEFONT, GUMBO_TAG_BGSOUND, GUMBO_TAG_BR,
        GUMBO_TAG_COL,   GUMBO_TAG_EMBED,  GUMBO_TAG_FRAME,    GUMBO_TAG_HR,      GUMBO_TAG_IMAGE,
        GUMBO_TAG_IMG,   GUMBO_TAG_INPUT,  GUMBO_TAG_KEYGEN,   GUMBO_TAG_LINK,    GUMBO_TAG_META,
        GUMBO_TAG_PARAM, GUMBO_TAG_SOURCE, GUMBO_TAG_TRACK,    GUMBO_TAG_WBR,     GUMBO_TAG_HTML,
        GUMBO_TAG_HEAD,  GUMBO_TAG_BODY,   GUMBO_TAG_FRAMESET});
  flag(kRawText, {GUMBO_TAG_SCRIPT, GUMBO_TAG_STYLE, GUMBO_TAG_TEXTAREA, GUMBO_TAG_TITLE,
                  GUMBO_TAG_XMP, GUMBO_TAG_IFRAME, GUMBO_TAG_NOEMBED, GUMBO_TAG_NOFRAMES});
  flag(kSpecial, {GUMBO_TAG_ADDRESS,    GUMBO_TAG_APPLET,   GUMBO_TAG_AREA,     GUMBO_TAG_ARTICLE,
                  GUMBO_TAG_ASIDE,      GUMBO_TAG_BASE,     GUMBO_TAG_BASEFONT, GUMBO_TAG_BGSOUND,
                  GUMBO_TAG_BLOCKQUOTE, GUMBO_TAG_BODY,     GUMBO_TAG_BR,       GUMBO_TAG_BUTTON,
                  GUMBO_TAG_CAPTION,    GUMBO_TAG_CENTER,   GUMBO_TAG_COL,      GUMBO_TAG_COLGROUP,
                  GUMBO_TAG_DD,         GUMBO_TAG_DETAILS,  GUMBO_TAG_DIR,      GUMBO_TAG_DIV,
                  GUMBO_TAG_DL,         GUMBO_TAG_DT,       GUMBO_TAG_EMBED,    GUMBO_TAG_FIELDSET,
                  GUMBO_TAG_FIGCAPTION, GUMBO_TAG_FIGURE,   GUMBO_TAG_FOOTER,   GUMBO_TAG_FORM,
                  GUMBO_TAG_FRAME,      GUMBO_TAG_FRAMESET, GUMBO_TAG_H1,       GUMBO_TAG_H2,
                  GUMBO_TAG_H3,         GUMBO_TAG_H4,       GUMBO_TAG_H5,       GUMBO_TAG_H6,
                  GUMBO_TAG_HEAD,       GUMBO_TAG_HEADER,   GUMBO_TAG_HGROUP,   GUMBO_TAG_HR,
                  GUMBO_TAG_HTML,       GUMBO_TAG_IFRAME,   GUMBO_TAG_IMG,      GUMBO_TAG_INPUT,
                  GUMBO_TAG_KEYGEN,     GUMBO_TAG_LI,       GUMBO_TAG_LINK,     GUMBO_TAG_LISTING,
                  GUMBO_TAG_MAIN,       GUMBO_TAG_MARQUEE,  GUMBO_TAG_MENU,     GUMBO_TAG_META,
                  GUMBO_TAG_NAV,        GUMBO_TAG_NOEMBED,  GUMBO_TAG_NOFRAMES, GUMBO_TAG_NOSCRIPT,
                  GUMBO_TAG_OBJECT,     GUMBO_TAG_OL,       GUMBO_TAG_P,        GUMBO_TAG_PARAM,
                  GUMBO_TAG_PLAINTEXT,  GUMBO_TAG_PRE,      GUMBO_TAG_SCRIPT,   GUMBO_TAG_SECTION,
                  GUMBO_TAG_SELECT,     GUMBO_TAG_SOURCE,   GUMBO_TAG_STYLE,    GUMBO_TAG_SUMMARY,
                  GUMBO_TAG_TABLE,      GUMBO_TAG_TBODY,    GUMBO_TAG_TD,       GUMBO_TAG_TEMPLATE,
                  GUMBO_TAG_TEXTAREA,   GUMBO_TAG_TFOOT,    GUMBO_TAG_TH,       GUMBO_TAG_THEAD,
                  GUMBO_TAG_TITLE,      GUMBO_TAG_TR,       GUMBO_TAG_TRACK,    GUMBO_TAG_UL,
                  GUMBO_TAG_WBR,        GUMBO_TAG_XMP});
  flag(kClosesP, {GUMBO_TAG_ADDRESS, GUMBO_TAG_ARTICLE,  GUMBO_TAG_ASIDE,      GUMBO_TAG_BLOCKQUOTE,
                  GUMBO_TAG_CENTER,  GUMBO_TAG_DETAILS,  GUMBO_TAG_DIR,        GUMBO_TAG_DIV,
                  GUMBO_TAG_DL,      GUMBO_TAG_FIELDSET, GUMBO_TAG_FIGCAPTION, GUMBO_TAG_FIGURE,
                  GUMBO_TAG_FOOTER,  GUMBO_TAG_HEADER,   GUMBO_TAG_HGROUP,     GUMBO_TAG_MAIN,
                  GUMBO_TAG_MENU,    GUMBO_TAG_NAV,      GUMBO_TAG_OL,         GUMBO_TAG_P,
                  GUMBO_TAG_SECTION, GUMBO_TAG_SUMMARY,  GUMBO_TAG_UL,         GUMBO_TAG_H1,
                  GUMBO_TAG_H2,      GUMBO_TAG_H3,       GUMBO_TAG_H4,         GUMBO_TAG_H5,
                  GUMBO_TAG_H6,      GUMBO_TAG_PRE,      GUMBO_TAG_LISTING,    GUMBO_TAG_FORM,
                  GUMBO_TAG_LI,      GUMBO_TAG_DD,       GUMBO_TAG_DT,         GUMBO_TAG_XMP});
  flag(kFormatting, {GUMBO_TAG_A, GUMBO_TAG_B, GUMBO_TAG_BIG, GUMBO_TAG_CODE, GUMBO_TAG_EM,
                     GUMBO_TAG_FONT, GUMBO_TAG_I, GUMBO_TAG_NOBR, GUMBO_TAG_S, GUMBO_TAG_SMALL,
                     GUMBO_TAG_STRIKE, GUMBO_TAG_STRONG, GUMBO_TAG_TT, GUMBO_TAG_U});
  flag(kTablePart,
       {GUMBO_TAG_TABLE, GUMBO_TAG_TBODY, GUMBO_TAG_THEAD, GUMBO_TAG_TFOOT, GUMBO_TAG_TR,
        GUMBO_TAG_TD, GUMBO_TAG_TH, GUMBO_TAG_CAPTION, GUMBO_TAG_COLGROUP});
  flag(kForeignRoot, {GUMBO_TAG_SVG, GUMBO_TAG_MATH});
  flag(kHeading,
       {GUMBO_TAG_H1, GUMBO_TAG_H2, GUMBO_TAG_H3, GUMBO_TAG_H4, GUMBO_TAG_H5, GUMBO_TAG_H6});

  flag(
      kBreaksForeign,
      {GUMBO_TAG_B,      GUMBO_TAG_BIG,    GUMBO_TAG_BLOCKQUOTE, GUMBO_TAG_BODY,  GUMBO_TAG_BR,
       GUMBO_TAG_CENTER, GUMBO_TAG_CODE,   GUMBO_TAG_DD,         GUMBO_TAG_DIV,   GUMBO_TAG_DL,
       GUMBO_TAG_DT,     GUMBO_TAG_EM,     GUMBO_TAG_EMBED,      GUMBO_TAG_H1,    GUMBO_TAG_H2,
       GUMBO_TAG_H3,     GUMBO_TAG_H4,     GUMBO_TAG_H5,         GUMBO_TAG_H6,    GUMBO_TAG_HEAD,
       GUMBO_TAG_HR,     GUMBO_TAG_I,      GUMBO_TAG_IMG,        GUMBO_TAG_LI,    GUMBO_TAG_LISTING,
       GUMBO_TAG_MENU,   GUMBO_TAG_META,   GUMBO_TAG_NOBR,       GUMBO_TAG_OL,    GUMBO_TAG_P,
       GUMBO_TAG_PRE,    GUMBO_TAG_RUBY,   GUMBO_TAG_S,          GUMBO_TAG_SMALL, GUMBO_TAG_SPAN,
       GUMBO_TAG_STRONG, GUMBO_TAG_STRIKE, GUMBO_TAG_SUB,        GUMBO_TAG_SUP,   GUMBO_TAG_TABLE,
       GUMBO_TAG_TT,     GUMBO_TAG_U,      GUMBO_TAG_UL,         GUMBO_TAG_VAR});
  role(TagRole::skipped,
       {GUMBO_TAG_SCRIPT, GUMBO_TAG_STYLE, GUMBO_TAG_NOSCRIPT, GUMBO_TAG_TEMPLATE, GUMBO_TAG_HEAD,
        GUMBO_TAG_TITLE, GUMBO_TAG_IFRAME, GUMBO_TAG_SVG, GUMBO_TAG_MATH, GUMBO_TAG_OBJECT,
        GUMBO_TAG_EMBED, GUMBO_TAG_CANVAS, GUMBO_TAG_SELECT, GUMBO_TAG_TEXTAREA, GUMBO_TAG_BUTTON,
        GUMBO_TAG_INPUT, GUMBO_TAG_AUDIO, GUMBO_TAG_VIDEO, GUMBO_TAG_MAP});
  role(TagRole::container,
       {GUMBO_TAG_HTML,     GUMBO_TAG_BODY,      GUMBO_TAG_DIV,    GUMBO_TAG_SECTION,
        GUMBO_TAG_ARTICLE,  GUMBO_TAG_MAIN,      GUMBO_TAG_HEADER, GUMBO_TAG_FOOTER,
        GUMBO_TAG_NAV,      GUMBO_TAG_ASIDE,     GUMBO_TAG_CENTER, GUMBO_TAG_FORM,
        GUMBO_TAG_FIELDSET, GUMBO_TAG_FIGURE,    GUMBO_TAG_UL,     GUMBO_TAG_OL,
        GUMBO_TAG_DL,       GUMBO_TAG_MENU,      GUMBO_TAG_DIR,    GUMBO_TAG_TABLE,
        GUMBO_TAG_THEAD,    GUMBO_TAG_TBODY,     GUMBO_TAG_TFOOT,  GUMBO_TAG_DETAILS,
        GUMBO_TAG_ADDRESS,  GUMBO_TAG_BLOCKQUOTE});
  role(TagRole::block,
       {GUMBO_TAG_P, GUMBO_TAG_H1, GUMBO_TAG_H2, GUMBO_TAG_H3, GUMBO_TAG_H4, GUMBO_TAG_H5,
        GUMBO_TAG_H6, GUMBO_TAG_LI, GUMBO_TAG_DT, GUMBO_TAG_DD, GUMBO_TAG_FIGCAPTION,
        GUMBO_TAG_CAPTION, GUMBO_TAG_SUMMARY, GUMBO_TAG_LEGEND});
  role(TagRole::row, {GUMBO_TAG_TR});
  role(TagRole::cell, {GUMBO_TAG_TD, GUMBO_TAG_TH});
  role(TagRole::line_break, {GUMBO_TAG_BR});
  role(TagRole::rule, {GUMBO_TAG_HR});
  role(TagRole::preformatted, {GUMBO_TAG_PRE, GUMBO_TAG_LISTING, GUMBO_TAG_XMP});
  role(TagRole::image, {GUMBO_TAG_IMG});

  int level = 1;
  for (GumboTag tag :
       {GUMBO_TAG_H1, GUMBO_TAG_H2, GUMBO_TAG_H3, GUMBO_TAG_H4, GUMBO_TAG_H5, GUMBO_TAG_H6}) {
    info(tag).sets_kind = true;
    info(tag).kind = BlockKind::heading;
    info(tag).heading_level = level++;
  }
  auto kind = [&](GumboTag tag, BlockKind k) {
    info(tag).sets_kind = true;
    info(tag).kind = k;
  };
  kind(GUMBO_TAG_LI, BlockKind::list_item);
  kind(GUMBO_TAG_BLOCKQUOTE, BlockKind::quote);
  kind(GUMBO_TAG_TR, BlockKind::table_row);
  kind(GUMBO_TAG_PRE, BlockKind::code);
  return table;
}

}  // namespace

const TagInfo& tag_info(GumboTag tag) {
  static const Table table = build();
  const auto i = static_cast<std::size_t>(tag);
  return table[i < table.size() ? i : static_cast<std::size_t>(GUMBO_TAG_UNKNOWN)];
}

}  // namespace corpus_clean::html
