#include "fake_marketo/sim/http_parts.hpp"

#include <charconv>

namespace fake {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string decode(std::string_view s, bool plus_is_space) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      const int hi = hex_value(s[i + 1]);
      const int lo = hex_value(s[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out += char(hi * 16 + lo);
        i += 2;
        continue;
      }
    }
    out += (plus_is_space && s[i] == '+') ? ' ' : s[i];
  }
  return out;
}

std::optional<std::uint64_t> number(std::string_view s) {
  if (s.empty()) return std::nullopt;
  std::uint64_t v = 0;
  const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (r.ec != std::errc() || r.ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

}  // namespace

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

Target split_target(std::string_view target) {
  const auto q = target.find('?');
  Target t;
  t.path = decode(target.substr(0, q), false);
  if (q != std::string_view::npos) t.query = parse_form(target.substr(q + 1));
  return t;
}

Params parse_form(std::string_view text) {
  Params out;
  while (!text.empty()) {
    const auto amp = text.find('&');
    const std::string_view pair = text.substr(0, amp);
    text = amp == std::string_view::npos ? std::string_view{} : text.substr(amp + 1);
    if (pair.empty()) continue;
    const auto eq = pair.find('=');
    out.emplace_back(decode(pair.substr(0, eq), true),
                     eq == std::string_view::npos ? std::string{} : decode(pair.substr(eq + 1), true));
  }
  return out;
}

std::optional<std::string> find_param(const Params& params, std::string_view name) {
  for (const auto& [k, v] : params)
    if (k == name) return v;
  return std::nullopt;
}

std::optional<std::string_view> find_header(const HttpRequest& request, std::string_view name) {
  for (const auto& [k, v] : request.headers)
    if (iequals(k, name)) return std::string_view(v);
  return std::nullopt;
}

RangeAnswer resolve_range(std::optional<std::string_view> header, std::uint64_t total) {
  RangeAnswer whole;
  if (!header) return whole;
  std::string_view spec = trim(*header);
  if (spec.size() < 6 || !iequals(spec.substr(0, 6), "bytes=")) return whole;
  spec = trim(spec.substr(6));
  const auto dash = spec.find('-');
  if (dash == std::string_view::npos || spec.find(',') != std::string_view::npos) return whole;
  const std::string_view a = trim(spec.substr(0, dash));
  const std::string_view b = trim(spec.substr(dash + 1));
  RangeAnswer unsatisfiable{RangeAnswer::Kind::unsatisfiable, 0, 0};
  if (a.empty()) {  // -n: the last n bytes
    const auto n = number(b);
    if (!n) return whole;
    if (*n == 0 || total == 0) return unsatisfiable;
    return {RangeAnswer::Kind::partial, *n >= total ? 0 : total - *n, total - 1};
  }
  const auto first = number(a);
  if (!first) return whole;
  std::uint64_t last = total == 0 ? 0 : total - 1;
  if (!b.empty()) {
    const auto end = number(b);
    if (!end || *end < *first) return whole;
    if (*end < last) last = *end;
  }
  if (*first >= total) return unsatisfiable;
  return {RangeAnswer::Kind::partial, *first, last};
}

}  // namespace fake
