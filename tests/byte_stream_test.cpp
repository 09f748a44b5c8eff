// A container's bytes as one stream: plain, gzip members and zstd frames decompressed in turn,
// each member's file offset, corrupt members passed over with a problem, ends cut short.
#include "input/byte_stream.hpp"

#include <gtest/gtest.h>

#include "container_builder.hpp"
#include "test_util.hpp"

namespace corpus_clean {
namespace {

using Problems = std::vector<std::pair<ErrorCode, std::uint64_t>>;

struct Drained {
  std::string bytes;
  std::vector<std::uint64_t> offsets;  // offset() each time it changed
  Problems problems;                   // {code, offset}
};

// Reads a stream to its end, a few bytes at a time so that partial consumption is exercised.
Drained drain(ByteStream& stream) {
  Drained out;
  while (true) {
    const std::string_view bytes = stream.peek();
    if (bytes.empty()) {
      std::optional<StreamProblem> problem = stream.take_problem();
      if (!problem)
        return out;
      out.problems.emplace_back(problem->code, problem->offset);
      continue;
    }
    if (out.offsets.empty() || out.offsets.back() != stream.offset())
      out.offsets.push_back(stream.offset());
    const std::size_t n = std::min<std::size_t>(bytes.size(), 5);
    out.bytes.append(bytes.substr(0, n));
    stream.consume(n);
  }
}

TEST(ByteStream, CompressedMembersInTurnWithTheirOffsets) {
  using testing::corrupt_gzip_member;
  using testing::gzip_member;
  using testing::zstd_frame;
  const std::string m1 = gzip_member("hello "), m2 = gzip_member("world");
  const std::string bad = corrupt_gzip_member();
  // A gzip magic inside the corrupt data: a resync that finds it must not tell a second problem.
  const std::string false_magic = std::string("\x1f\x8b\x08\0\0\0\0\0\0\xff", 10) + "\xff\xff";
  const std::string z1 = zstd_frame("hello "), z2 = zstd_frame("world");
  const std::string dictionary = "hello world, hello again: the words every frame holds";
  const std::string dict_frame = testing::zstd_dictionary_frame(dictionary);
  const std::string d1 = zstd_frame("hello ", dictionary), d2 = zstd_frame("world", dictionary);
  const std::string zbad = std::string("\x28\xb5\x2f\xfd", 4) + std::string(16, '\xff');
  struct Row {
    const char* name;
    std::string file;
    ByteStream::Compression compression;
    std::string bytes;
    std::vector<std::uint64_t> offsets;
    Problems problems;
  };
  using C = ByteStream::Compression;
  const std::uint64_t n1 = m1.size(), nb = bad.size(), nz = z1.size();
  const Row rows[] = {
      {"gzip, a member per record", m1 + m2, C::gzip, "hello world", {0, n1}, {}},
      {"gzip, one member for all", gzip_member("hello world"), C::gzip, "hello world", {0}, {}},
      {"gzip, a corrupt member between two",
       m1 + bad + m2,
       C::gzip,
       "hello world",
       {0, n1 + nb},
       {{ErrorCode::unreadable, n1}}},
      {"gzip, a false magic in the corrupt data",
       m1 + bad + false_magic + m2,
       C::gzip,
       "hello world",
       {0, n1 + nb + false_magic.size()},
       {{ErrorCode::unreadable, n1}}},
      {"gzip, the last member cut short",
       m1 + m2.substr(0, 10),
       C::gzip,
       "hello ",
       {0},
       {{ErrorCode::truncated, n1}}},
      {"gzip, garbage after the last member",
       m1 + "junk after it",
       C::gzip,
       "hello ",
       {0},
       {{ErrorCode::unreadable, n1}}},
      {"zstd, a frame per record", z1 + z2, C::zstd, "hello world", {0, nz}, {}},
      {"zstd, the dictionary frame first",
       dict_frame + d1 + d2,
       C::zstd,
       "hello world",
       {dict_frame.size(), dict_frame.size() + d1.size()},
       {}},
      {"zstd, a corrupt frame between two",
       z1 + zbad + z2,
       C::zstd,
       "hello world",
       {0, nz + zbad.size()},
       {{ErrorCode::unreadable, nz}}},
      {"zstd, the last frame cut short",
       z1 + z2.substr(0, 6),
       C::zstd,
       "hello ",
       {0},
       {{ErrorCode::truncated, nz}}},
      {"plain", "WARC/1.1\r\n", C::none, "WARC/1.1\r\n", {0, 5}, {}},
      {"empty", "", C::none, "", {}, {}},
  };
  testing::TempDir dir;
  for (const Row& row : rows) {
    const std::string path = (dir.path() / "in").string();
    testing::write_all(path, row.file);
    Result<std::unique_ptr<ByteStream>> stream = ByteStream::open(path);
    ASSERT_TRUE(stream.ok()) << row.name;
    EXPECT_EQ((*stream)->compression(), row.compression) << row.name;
    const Drained drained = drain(**stream);
    EXPECT_EQ(drained.bytes, row.bytes) << row.name;
    EXPECT_EQ(drained.offsets, row.offsets) << row.name;
    EXPECT_EQ(drained.problems, row.problems) << row.name;
  }
}

TEST(ByteStream, LargeMembersComeInPiecesOfOneMemberEach) {
  // A member that inflates to more than the output buffer holds, one whose compressed bytes are
  // more than the input buffer holds (random bytes do not compress), and small ones around
  // them, which are inflated whole: every piece peek() gives belongs to one member, at its
  // member's offset.
  std::string a(5'000'000, 'a'), b(1'500'000, '\0');
  for (std::size_t i = 0; i < a.size(); i += 97)
    a[i] = 'x';
  std::uint64_t state = 88172645463325252u;  // xorshift64
  for (char& c : b) {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    c = static_cast<char>(state & 0xff);
  }
  const std::vector<std::string> contents = {"first ", a, "between ", b, "last"};
  std::string file;
  std::vector<std::uint64_t> offsets;
  for (const std::string& content : contents) {
    offsets.push_back(file.size());
    file += testing::gzip_member(content);
  }
  testing::TempDir dir;
  const std::string path = (dir.path() / "big.gz").string();
  testing::write_all(path, file);
  auto stream = std::move(ByteStream::open(path)).value();
  std::string out;
  std::size_t member = 0;
  std::size_t member_end = contents[0].size();
  for (std::string_view bytes; !(bytes = stream->peek()).empty(); stream->consume(bytes.size())) {
    while (out.size() == member_end)
      member_end += contents[++member].size();
    EXPECT_EQ(stream->offset(), offsets[member]) << "member " << member;
    EXPECT_LE(out.size() + bytes.size(), member_end) << "a piece spans two members";
    out += bytes;
  }
  EXPECT_EQ(out, contents[0] + a + contents[2] + b + contents[4]);
  EXPECT_FALSE(stream->take_problem().has_value());
}

TEST(ByteStream, AMissingFileIsAnError) {
  testing::TempDir dir;
  Result<std::unique_ptr<ByteStream>> stream = ByteStream::open((dir.path() / "gone").string());
  ASSERT_FALSE(stream.ok());
  EXPECT_EQ(stream.error().code, ErrorCode::not_found);
}

}  // namespace
}  // namespace corpus_clean
