// The rules engine's first pass: which of a rule set's block rules can match a block.
//
// Every block of every document goes through this pass, and most blocks match no rule, so it
// has to be cheap: one RE2::Set pass names the candidates, and only they are matched one by one
// (with their captures) afterwards. What makes a Set pass cheap or dear is the number of DFA
// states it builds, and the rules' patterns, put together, build many: counted repetitions over
// Han text (\p{Han}{2,4}, .{0,30}) and patterns that may start anywhere multiply each other's
// states, and every new block of text builds states the cache has not seen. The filter matches
// a looser language than the rules, since the rules themselves decide afterwards:
//   - counted repetitions are loosened to * or + (X{2,4} to X+), which a DFA follows in one
//     state instead of one per count;
//   - patterns anchored at the start of the block (most rules) go into a set of their own,
//     searched anchored, which stops as soon as no rule can go on; the rest into an unanchored
//     set.
// The candidates are then a superset of the rules that match, never fewer.
#pragma once

#include <re2/re2.h>
#include <re2/set.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace corpus_clean {

// The options every rules pattern is compiled with: UTF-8, errors returned rather than logged.
RE2::Options pattern_options();

// A new RE2::Set of rules patterns. The set's DFA keeps the states it builds in a cache that
// max_mem bounds, and a rule set over Chinese text reaches more states than RE2's default
// (8 MiB for the program and its DFAs) holds: the cache filled and was reset again and again,
// every document built its states anew, and threads sharing the set queued on the lock that
// guards them (docs/PERFORMANCE.md). 64 MiB leaves room for a user's rules; the cache grows only
// as states are built.
std::unique_ptr<RE2::Set> make_set(RE2::Anchor anchor = RE2::UNANCHORED);

// `pattern` (RE2 syntax) with each counted repetition X{n}, X{n,} and X{n,m} turned into X*
// (n = 0) or X+ (n ≥ 1): a pattern that matches every text `pattern` matches. Braces inside a
// character class, escaped ones, and those of \p{...}, \P{...} and \x{...} are left alone.
std::string loosen_repetitions(std::string_view pattern);

// True when `pattern` can only match at the start of the text: each of its top-level
// alternatives begins with ^, and no (?m) flag makes ^ match after a newline. False when in
// doubt (a ^ inside a group, flags before it): those patterns are searched unanchored.
bool anchored_at_start(std::string_view pattern);

class RuleFilter {
 public:
  // The filter of `patterns` (compiled with pattern_options(), indexed as given), or null with
  // `error` saying which pattern is not valid or that the set could not be compiled.
  static std::unique_ptr<const RuleFilter> build(const std::vector<const RE2*>& patterns,
                                                 std::string& error);

  // Indices of the patterns that may match `text`, ascending: every one that matches, and
  // perhaps a few that do not. Safe to call from several threads.
  std::vector<int> candidates(std::string_view text) const;

 private:
  // One RE2::Set and, for each of its patterns, the index of the pattern it stands for.
  struct Part {
    std::unique_ptr<RE2::Set> set;
    std::vector<int> index;
  };
  Part anchored_{make_set(RE2::ANCHOR_START), {}};
  Part unanchored_{make_set(RE2::UNANCHORED), {}};
};

}  // namespace corpus_clean
