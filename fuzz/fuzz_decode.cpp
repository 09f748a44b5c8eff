// Fuzzes the decode stage: any bytes give well-formed UTF-8 with no NUL and no CR.
#include <string>

#include "fuzz_util.hpp"
#include "input/decode.hpp"
#include "text/utf8.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace corpus_clean;
  const Result<Decoded> decoded = decode(std::string(reinterpret_cast<const char*>(data), size));
  if (!decoded.ok())
    fuzz::fail("decode failed; it never should");
  const std::string& text = decoded->text;
  if (!text::is_valid_utf8(text) || text.find('\0') != std::string::npos ||
      text.find('\r') != std::string::npos)
    fuzz::fail("decode gave invalid UTF-8, a NUL or a CR");
  return 0;
}
