#pragma once
// A multipart/form-data body (RFC 7578) built in memory, with a boundary that is checked to occur
// nowhere in what the body carries, so that no part can end early.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace msync::marketo {

struct FormPart {
  std::string name;
  std::string_view value;               // not owned: a file's content is copied once, into the body
  std::optional<std::string> filename;  // set for a file part; must be safe (safe_filename)
  std::string content_type;             // "" sends no Content-Type header for the part
};

struct MultipartBody {
  std::string content_type;  // multipart/form-data; boundary=...
  std::string body;
};

// make_boundary is asked again until its answer occurs in no part's name, filename or value; it
// must give [A-Za-z0-9'()+_,-./:=?] text of 1..70 characters (RFC 2046).
MultipartBody encode_multipart(const std::vector<FormPart>& parts,
                               const std::function<std::string()>& make_boundary);

// name without its directories (after the last / or \), with quotes and control characters (CR, LF)
// replaced by '_', at most 200 bytes; `fallback` when nothing usable is left.
std::string safe_filename(std::string_view name, std::string_view fallback);

}  // namespace msync::marketo
