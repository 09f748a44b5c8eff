// Resolving a page's references against its address (url.hpp), as far as records need it: the
// scheme and authority, or the directory of the base's path; no dot-segment removal.
#include "text/url.hpp"

#include "text/strings.hpp"

namespace corpus_clean::text {

bool is_web_url(std::string_view url) {
  return starts_with_ignoring_case(url, "http://") || starts_with_ignoring_case(url, "https://");
}

bool is_home_page(std::string_view url) {
  if (!is_web_url(url))
    return false;
  const std::size_t path = url.find('/', url.find("://") + 3);
  return path == std::string_view::npos || url.substr(path) == "/";
}

std::optional<std::string> resolve_url(std::string_view base, std::string_view reference) {
  reference = trim(reference);
  if (reference.empty())
    return std::nullopt;
  if (is_web_url(reference))
    return std::string(reference);
  const std::size_t colon = reference.find(':');
  const std::size_t slash = reference.find('/');
  if (colon != std::string_view::npos && (slash == std::string_view::npos || colon < slash))
    return std::nullopt;  // another scheme: data:, javascript:, chrome-extension:
  if (!is_web_url(base))
    return std::nullopt;
  const std::size_t scheme_end = base.find("://") + 3;
  if (reference.starts_with("//"))
    return std::string(base.substr(0, scheme_end - 3)) + ":" + std::string(reference);
  const std::size_t path_start = base.find('/', scheme_end);
  const std::string_view origin =
      path_start == std::string_view::npos ? base : base.substr(0, path_start);
  if (reference.starts_with("/"))
    return std::string(origin) + std::string(reference);
  std::string_view directory = base.substr(0, base.find_first_of("?#"));
  if (path_start == std::string_view::npos)
    return std::string(origin) + "/" + std::string(reference);
  directory = directory.substr(0, directory.rfind('/') + 1);
  return std::string(directory) + std::string(reference);
}

}  // namespace corpus_clean::text
