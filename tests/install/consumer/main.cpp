// Runs the installed library's pipeline on one post held in memory and checks the record.
#include <corpus_clean/pipeline.hpp>
#include <corpus_clean/record.hpp>
#include <cstdio>
#include <string>

int main() {
  auto context = corpus_clean::Context::create(corpus_clean::Options{});
  if (!context.ok()) {
    std::fprintf(stderr, "consumer: Context::create failed\n");
    return 1;
  }

  const std::string post =
      "---\n"
      "title: 商务部谈中俄贸易\n"
      "date: 2022-02-10 08:05:15\n"
      "author: 新浪财经\n"
      "---\n"
      "<p>2月10日，在商务部例行新闻发布会上，发言人介绍了中俄贸易的情况。</p>\n"
      "<p>责任编辑：李跃群</p>\n";
  corpus_clean::Document document{"post.md", "memory/post.md", post, {}};
  const corpus_clean::Outcome outcome =
      corpus_clean::process_document(std::move(document), **context);

  if (outcome.kind != corpus_clean::Outcome::Kind::record) {
    std::fprintf(stderr, "consumer: the post did not become a record\n");
    return 1;
  }
  const corpus_clean::Record& record = outcome.record;
  if (record.title != "商务部谈中俄贸易") {
    std::fprintf(stderr, "consumer: title is '%s'\n", record.title.value_or("(null)").c_str());
    return 1;
  }
  if (record.text.find("中俄贸易") == std::string::npos) {
    std::fprintf(stderr, "consumer: text is '%s'\n", record.text.c_str());
    return 1;
  }
  std::fputs(corpus_clean::to_json_line(record).c_str(), stdout);
  return 0;
}
