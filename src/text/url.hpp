// Web addresses as pages write them: a reference resolved against the page's own address.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace corpus_clean::text {

// True for an absolute http(s) URL.
bool is_web_url(std::string_view url);

// True for an http(s) URL with no path beyond "/" and no query: a site's home page.
bool is_home_page(std::string_view url);

// `reference` (absolute, //host/path, /path or path) resolved against `base` (an absolute
// http(s) URL, or "" when the page's address is unknown); nullopt when the result would not be
// an http(s) URL (data:, javascript:, chrome-extension:, or a relative path with no base).
std::optional<std::string> resolve_url(std::string_view base, std::string_view reference);

}  // namespace corpus_clean::text
