// N6: which ASCII ( ) " < > of a line become （）“”〈〉, decided for the line as a whole, since
// a mark converts together with its partner, which may lie anywhere to its right.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "normalize/line.hpp"

namespace corpus_clean::normalize_detail {

// One ASCII ( ) " < > outside URLs and e-mail addresses, and N6's decision on it.
struct PairMark {
  std::size_t pos;  // byte offset in the line
  char ch;
  bool convert;  // made full-width, as its partner is
  bool opening;  // it opens its pair: a '"' becomes “, not ”
  friend bool operator==(const PairMark&, const PairMark&) = default;
};

// Room for pair_marks() to work in. The caller keeps it from line to line, so that a walk over
// many lines does not allocate for each.
struct PairScratch {
  struct Open {
    std::size_t mark;          // index in the marks
    std::uint32_t han_before;  // Han characters between the scan's start and the mark
  };
  std::vector<Open> parens;  // each kind of bracket pairs on a stack of its own
  std::vector<Open> angles;
};

// Every ( ) " < > of `line` from byte `from` on, in order, with N6's decision (none converted
// with N6 off). `from` is where the walk first needs a decision: no mark lies before it outside
// a URL. When N15 is on, the URLs and e-mail addresses url_span_at() finds from `from` on are
// skipped, marks and all.
//
// A ( ) or " " pair converts when it holds Han or touches Han on its outer side, unless it is a
// list marker such as (1) (a) (iv); a < > pair only around a title: Han inside, non-ASCII text
// right inside both marks. Each is judged on the line as a second pass sees it, with the other
// rules' changes looked past, so that a second pass pairs and decides as the first did.
void pair_marks(const Line& line, std::size_t from, std::vector<PairMark>& marks,
                PairScratch& scratch);

}  // namespace corpus_clean::normalize_detail
