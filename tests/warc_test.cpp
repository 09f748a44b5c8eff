// WARC files as a document source: what each kind of record becomes, in plain, gzip-per-record
// and zstd-per-record files; ids, hints and offsets; errors inside the file, after which the
// rest is still read.
#include "input/warc.hpp"

#include <gtest/gtest.h>

#include "container_builder.hpp"
#include "test_util.hpp"

namespace corpus_clean {
namespace {

using testing::Fields;
using testing::response;
using testing::warc;

std::vector<SourceItem> read_all(const std::string& path, const SourceOptions& options = {}) {
  std::vector<SourceItem> items;
  std::unique_ptr<DocumentSource> source = open_source(InputFile{path, "crawl.warc"}, options);
  while (std::optional<SourceItem> item = source->next())
    items.push_back(std::move(*item));
  return items;
}

// What an item is, in one string: "doc", "skip:REASON" or "error:CODE".
std::string outcome(const SourceItem& item) {
  switch (item.kind) {
    case SourceItem::Kind::document:
      return "doc";
    case SourceItem::Kind::skipped:
      return "skip:" + item.skip_reason;
    case SourceItem::Kind::failed:
      return "error:" + std::string(to_string(item.error->code));
  }
  return "?";
}

enum class Packing { plain, gzip, zstd };

std::string pack(const std::vector<std::string>& records, Packing packing) {
  std::string out;
  for (const std::string& r : records) {
    out += packing == Packing::plain  ? r
           : packing == Packing::gzip ? testing::gzip_member(r)
                                      : testing::zstd_frame(r);
  }
  return out;
}

const std::string kPage =
    "<!DOCTYPE html><html><head><title>优化营商环境</title></head><body><p>国务院常务会议。</p>"
    "</body></html>";
const std::string kNext = response("http://news.example.cn/next.html", "next", "HTTP/1.1 200 OK",
                                   {{"Content-Type", "text/html"}}, kPage);

TEST(WarcSource, EachKindOfRecordBecomesADocumentASkipOrAnError) {
  const std::string gbk = "<html><body><p>\xb9\xfa\xce\xf1\xd4\xba</p></body></html>";  // 国务院
  struct Row {
    const char* name;
    std::string record;
    std::string outcome;
    std::string bytes = {};    // a document's bytes
    std::string charset = {};  // and its charset hint
  };
  const std::string ok = "HTTP/1.1 200 OK";
  const Row rows[] = {
      {"warcinfo", warc("warcinfo", "", "1", "application/warc-fields", "software: x\r\n"),
       "skip:warc_warcinfo"},
      {"request",
       warc("request", "http://a.cn/", "2", "application/http; msgtype=request",
            "GET / HTTP/1.1\r\n\r\n"),
       "skip:warc_request"},
      {"metadata", warc("metadata", "http://a.cn/", "3", "application/warc-fields", "a: b\r\n"),
       "skip:warc_metadata"},
      {"revisit",
       warc("revisit", "http://a.cn/", "4", "application/http", "HTTP/1.1 200 OK\r\n\r\n"),
       "skip:warc_revisit"},
      {"conversion", warc("conversion", "http://a.cn/", "5", "text/plain", "x"),
       "skip:warc_conversion"},
      {"continuation", warc("continuation", "http://a.cn/", "6", "", "x"),
       "skip:warc_continuation"},
      {"a type to come", warc("future-type", "http://a.cn/", "7", "text/plain", "x"),
       "skip:warc_unknown_type"},
      {"an HTML page",
       response("http://a.cn/p", "8", ok, {{"Content-Type", "text/html; charset=utf-8"}}, kPage),
       "doc", kPage, "utf-8"},
      {"GBK, the charset only in the HTTP header",
       response("http://a.cn/g", "9", ok, {{"Content-Type", "text/html; charset=GBK"}}, gbk), "doc",
       gbk, "GBK"},
      {"chunked and gzip",
       response("http://a.cn/z", "10", ok,
                {{"Content-Type", "text/html"},
                 {"Transfer-Encoding", "chunked"},
                 {"Content-Encoding", "gzip"}},
                testing::chunked(testing::gzip_member(kPage), 16)),
       "doc", kPage},
      {"301",
       response("http://a.cn/old", "11", "HTTP/1.1 301 Moved Permanently", {{"Location", "/p"}},
                ""),
       "skip:http_redirect"},
      {"304", response("http://a.cn/p", "12", "HTTP/1.1 304 Not Modified", {}, ""),
       "skip:http_redirect"},
      {"404",
       response("http://a.cn/gone", "13", "HTTP/1.1 404 Not Found", {{"Content-Type", "text/html"}},
                kPage),
       "skip:http_status"},
      {"500", response("http://a.cn/err", "14", "HTTP/1.1 500 Internal Server Error", {}, "oops"),
       "skip:http_status"},
      {"a PDF",
       response("http://a.cn/r.pdf", "15", ok, {{"Content-Type", "application/pdf"}}, "%PDF-1.4"),
       "skip:non_text"},
      {"no Content-Type, HTML bytes", response("http://a.cn/n", "16", ok, {}, kPage), "doc", kPage},
      {"no Content-Type, PNG bytes", response("http://a.cn/i", "17", ok, {}, "\x89PNG\r\n\x1a\n"),
       "skip:non_text"},
      {"Common Crawl's identified payload type",
       warc("response", "http://a.cn/cc", "18", "application/http; msgtype=response",
            testing::http(ok, {}, "<pre>x</pre>"), {{"WARC-Identified-Payload-Type", "text/html"}}),
       "doc", "<pre>x</pre>"},
      {"a text resource", warc("resource", "file:///srv/notes.txt", "19", "text/plain", "正文"),
       "doc", "正文"},
      {"an image resource",
       warc("resource", "http://a.cn/a.jpg", "20", "image/jpeg", "\xFF\xD8\xFF"), "skip:non_text"},
      {"a DNS response", warc("response", "dns:a.cn", "21", "text/dns", "a.cn. 300 IN A 1.2.3.4"),
       "skip:crawler_record"},
      {"wget's log",
       warc("resource", "metadata://gnu.org/software/wget/warc/wget.log", "22", "text/plain",
            "log"),
       "skip:crawler_record"},
      {"a response that is not HTTP",
       warc("response", "http://a.cn/x", "23", "application/http", "<html>"),
       "error:malformed_record"},
      {"Brotli", response("http://a.cn/br", "24", ok, {{"Content-Encoding", "br"}}, "\x1b\x03"),
       "error:unsupported_encoding"},
      {"WARC/1.0, the URI in angle brackets, LF line ends",
       "WARC/1.0\nWARC-Type: response\nWARC-Record-ID: <urn:uuid:25>\nWARC-Target-URI: "
       "<http://a.cn/p>\nContent-Type: application/http\nContent-Length: " +
           std::to_string(testing::http(ok, {}, kPage).size()) + "\n\n" +
           testing::http(ok, {}, kPage) + "\n\n",
       "doc", kPage},
      {"a Content-Length that is not a number",
       testing::warc_record({{"WARC-Type", "response"}, {"Content-Length", "12x"}},
                            "HTTP/1.1 200 OK\r\n\r\n"),
       "error:malformed_record"},
      {"no version line", "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc\r\n\r\n",
       "error:malformed_record"},
  };
  testing::TempDir dir;
  for (Packing packing : {Packing::plain, Packing::gzip, Packing::zstd}) {
    for (const Row& row : rows) {
      const std::string where =
          std::string(row.name) + " (packing " + std::to_string(static_cast<int>(packing)) + ")";
      const std::string path = (dir.path() / "crawl.warc").string();
      testing::write_all(path, pack({row.record, kNext}, packing));
      const std::vector<SourceItem> items = read_all(path);
      ASSERT_EQ(items.size(), 2u) << where;
      EXPECT_EQ(outcome(items[0]), row.outcome) << where;
      EXPECT_EQ(outcome(items[1]), "doc") << where << ": the next record is read";
      EXPECT_EQ(items[1].document.id, "crawl.warc#urn:uuid:next") << where;
      if (row.outcome != "doc")
        continue;
      const Document& document = items[0].document;
      EXPECT_EQ(document.bytes, row.bytes) << where;
      EXPECT_EQ(document.hints.charset.value_or(""), row.charset) << where;
      EXPECT_FALSE(items[0].deferred) << where;
    }
  }
}

TEST(WarcSource, ADocumentsIdUrlDateAndPlace) {
  testing::TempDir dir;
  const std::string path = (dir.path() / "crawl.warc.gz").string();
  const std::string first = warc("warcinfo", "", "info", "application/warc-fields", "x: y\r\n");
  const std::string page = response("http://a.cn/p?x=1", "6e1b", "HTTP/1.1 200 OK",
                                    {{"Content-Type", "text/html"}}, kPage);
  testing::write_all(path, testing::gzip_each({first, page}));
  const std::vector<SourceItem> items = read_all(path);
  ASSERT_EQ(items.size(), 2u);
  const Document& document = items[1].document;
  EXPECT_EQ(document.id, "crawl.warc#urn:uuid:6e1b");
  EXPECT_EQ(document.path, path);
  EXPECT_EQ(document.hints.url, "http://a.cn/p?x=1");
  EXPECT_EQ(document.hints.fetched_at, "2024-05-10T06:58:00Z");
  ASSERT_TRUE(document.hints.place.has_value());
  EXPECT_EQ(document.hints.place->record, "urn:uuid:6e1b");
  EXPECT_EQ(document.hints.place->offset, testing::gzip_member(first).size());
  EXPECT_EQ(items[0].document.id, "crawl.warc#urn:uuid:info") << "skips have ids too";
}

TEST(WarcSource, ARecordWithNoIdIsNamedByItsOffset) {
  testing::TempDir dir;
  const std::string path = (dir.path() / "crawl.warc").string();
  const std::string info = warc("warcinfo", "", "info", "application/warc-fields", "x: y\r\n");
  const std::string no_id = testing::warc_record({{"WARC-Type", "resource"},
                                                  {"WARC-Target-URI", "http://a.cn/t"},
                                                  {"Content-Type", "text/plain"}},
                                                 "正文");
  testing::write_all(path, info + no_id);
  const std::vector<SourceItem> items = read_all(path);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[1].document.id, "crawl.warc@" + std::to_string(info.size()));
}

TEST(WarcSource, OverMaxBytesADocumentIsAnErrorOtherPayloadsASkip) {
  testing::TempDir dir;
  const std::string path = (dir.path() / "crawl.warc.gz").string();
  const std::string big_page = "<html><body><p>" + std::string(3000, 'x') + "</p></body></html>";
  const std::string big_video(3000, '\x01');
  testing::write_all(path, testing::gzip_each({response("http://a.cn/big", "1", "HTTP/1.1 200 OK",
                                                        {{"Content-Type", "text/html"}}, big_page),
                                               response("http://a.cn/v.mp4", "2", "HTTP/1.1 200 OK",
                                                        {{"Content-Type", "video/mp4"}}, big_video),
                                               kNext}));
  const std::vector<SourceItem> items = read_all(path, {.max_bytes = 2000});
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(outcome(items[0]), "error:too_large");
  EXPECT_EQ(items[0].error->path, path);
  EXPECT_EQ(items[0].error->place->record, "urn:uuid:1");
  EXPECT_EQ(outcome(items[1]), "skip:non_text");
  EXPECT_EQ(outcome(items[2]), "doc");
}

TEST(WarcSource, ErrorsInsideTheFileNameTheOffsetAndTheRestIsRead) {
  testing::TempDir dir;
  const std::string m1 = testing::gzip_member(kNext);
  const std::string bad = testing::corrupt_gzip_member();
  const std::string last = testing::gzip_member(response(
      "http://a.cn/last", "last", "HTTP/1.1 200 OK", {{"Content-Type", "text/html"}}, kPage));
  struct Row {
    const char* name;
    std::string file;
    std::vector<std::string> outcomes;
    std::uint64_t error_offset;
  };
  const Row rows[] = {
      {"a corrupt gzip member", m1 + bad + m1, {"doc", "error:unreadable", "doc"}, m1.size()},
      {"the last member cut short",
       m1 + m1 + last.substr(0, last.size() / 2),
       {"doc", "doc", "error:truncated"},
       2 * m1.size()},
      {"the last record of a plain file cut short",
       kNext + kNext.substr(0, 60),
       {"doc", "error:truncated"},
       kNext.size()},
      {"a plain file: a malformed record, then the next",
       kNext + "WARC/1.1\r\nContent-Length: x\r\n\r\nHTTP/1.1 200 OK\r\n\r\n\r\n\r\n" + kNext,
       {"doc", "error:malformed_record", "doc"},
       kNext.size()},
      // Only the gzip trailer of the last member is missing: the record is whole.
      {"a last member missing its trailer", m1 + m1.substr(0, m1.size() - 8), {"doc", "doc"}, 0},
  };
  for (const Row& row : rows) {
    const std::string path = (dir.path() / "crawl.warc").string();
    testing::write_all(path, row.file);
    const std::vector<SourceItem> items = read_all(path);
    std::vector<std::string> outcomes;
    for (const SourceItem& item : items) {
      outcomes.push_back(outcome(item));
      if (item.kind != SourceItem::Kind::failed)
        continue;
      EXPECT_EQ(item.error->path, path) << row.name;
      ASSERT_TRUE(item.error->place.has_value()) << row.name;
      EXPECT_EQ(item.error->place->offset, row.error_offset) << row.name;
      EXPECT_NE(item.error->message().find("at offset " + std::to_string(row.error_offset)),
                std::string::npos)
          << row.name << ": " << item.error->message();
    }
    EXPECT_EQ(outcomes, row.outcomes) << row.name;
  }
}

TEST(WarcSource, AFileThatCannotBeOpenedIsOneError) {
  testing::TempDir dir;
  const std::vector<SourceItem> items = read_all((dir.path() / "gone.warc.gz").string());
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(outcome(items[0]), "error:not_found");
}

}  // namespace
}  // namespace corpus_clean
