// Building the record's text fields and writing the record as one JSON line.
#include "corpus_clean/record.hpp"

#include <xxhash.h>

#include <cstdio>

namespace corpus_clean {

std::string text_hash(std::string_view text) {
  const XXH64_hash_t hash = XXH3_64bits(text.data(), text.size());
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(hash));
  return buf;
}

std::int64_t count_code_points(std::string_view utf8) {
  std::int64_t n = 0;
  for (char c : utf8)
    n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

void set_text(Record& record, const std::vector<Block>& blocks) {
  record.text.clear();
  record.paragraphs = 0;
  for (const Block& block : blocks) {
    if (block.text.empty())
      continue;
    if (record.paragraphs > 0)
      record.text += '\n';
    record.text += block.text;
    ++record.paragraphs;
  }
  record.chars = count_code_points(record.text);
  record.hash = text_hash(record.text);
}

namespace {

Json optional_string(const std::optional<std::string>& value) {
  return value ? Json(*value) : Json(nullptr);
}

}  // namespace

void append_json_line(std::string& out, const Record& record) {
  Json json = Json::object();
  json["id"] = record.id;
  json["path"] = record.path;
  json["site"] = record.site;
  json["format"] = std::string(to_string(record.format));
  json["title"] = optional_string(record.title);
  json["date"] = optional_string(record.date);
  json["author"] = optional_string(record.author);
  json["source"] = optional_string(record.source);
  json["reporters"] = record.reporters;
  json["editors"] = record.editors;
  json["categories"] = record.categories;
  json["tags"] = record.tags;
  json["url"] = optional_string(record.url);
  json["images"] = record.images;
  json["text"] = record.text;
  json["paragraphs"] = record.paragraphs;
  json["chars"] = record.chars;
  json["hash"] = record.hash;
  json["meta"] = record.meta;
  out += json.dump(-1, ' ', /*ensure_ascii=*/false, Json::error_handler_t::replace);
  out += '\n';
}

std::string to_json_line(const Record& record) {
  std::string out;
  append_json_line(out, record);
  return out;
}

}  // namespace corpus_clean
