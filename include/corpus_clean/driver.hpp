// The driver: discovery, reading, the per-document pipeline and the ordered writer put
// together. The only place that knows about files, streams and exit codes.
#pragma once

#include <cstdint>
#include <iosfwd>

#include "corpus_clean/options.hpp"

namespace corpus_clean {

enum ExitCode : int {
  kExitOk = 0,          // every input became a record or a counted drop
  kExitSomeFailed = 1,  // some inputs failed
  kExitUsage = 2,       // usage or rules-file error
  kExitOutput = 3,      // the output could not be written
};

struct RunSummary {
  std::uint64_t inputs = 0;
  std::uint64_t records = 0;
  std::uint64_t dropped = 0;
  std::uint64_t failed = 0;
  std::uint64_t skipped = 0;
  int exit_code = kExitOk;
};

// Runs the whole job; diagnostics go to `err` as "corpus-clean: PATH: message".
//
// While it writes a file output under its temporary name, run() handles SIGINT, SIGTERM and
// SIGHUP whose disposition is the default: the handler removes the temporary file and ends
// the process by the same signal. A signal the program ignores or handles itself is left to
// it, and the dispositions are as they were once the output is in place or discarded.
RunSummary run(const Options& options, std::ostream& err);

}  // namespace corpus_clean
