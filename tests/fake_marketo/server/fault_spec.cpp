#include "server/fault_spec.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <utility>

namespace fake {
namespace {

constexpr std::array<std::pair<std::string_view, FaultKind>, 10> kinds{{
    {"606", FaultKind::rate_limit},
    {"615", FaultKind::concurrency},
    {"5xx", FaultKind::server_error},
    {"expire", FaultKind::expire},
    {"stall", FaultKind::stall},
    {"cut", FaultKind::cut},
    {"malformed", FaultKind::malformed},
    {"1029", FaultKind::quota},
    {"failed", FaultKind::job_failed},
    {"404", FaultKind::file_gone},
}};

std::vector<std::string_view> split(std::string_view text, char sep) {
  std::vector<std::string_view> parts;
  while (true) {
    const auto at = text.find(sep);
    parts.push_back(text.substr(0, at));
    if (at == std::string_view::npos) return parts;
    text.remove_prefix(at + 1);
  }
}

bool parse_double(std::string_view text, double& out) {
  if (text.empty()) return false;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc{} && end == text.data() + text.size() && std::isfinite(out);
}

// 30s, 1.5s, 250ms, or plain seconds.
bool parse_stall(std::string_view text, std::chrono::milliseconds& out) {
  double scale = 1000;
  if (text.ends_with("ms")) {
    scale = 1;
    text.remove_suffix(2);
  } else if (text.ends_with("s")) {
    text.remove_suffix(1);
  }
  double value = 0;
  if (!parse_double(text, value) || value < 0 || value > 86400.0 * 1000) return false;
  out = std::chrono::milliseconds{static_cast<std::int64_t>(std::llround(value * scale))};
  return true;
}

// 65536, or a size such as 64KiB.
bool parse_bytes(std::string_view text, std::uint64_t& out) {
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  if (ec == std::errc{} && end == text.data() + text.size()) return true;
  const auto size = msync::core::parse_size(text);
  if (!size) return false;
  out = *size;
  return true;
}

msync::core::Result<FaultRule> parse_rule(std::string_view text) {
  const auto fail = [&](std::string_view why) {
    return msync::core::make_error("fault rule '" + std::string(text) + "': " + std::string(why),
                                   msync::core::ErrorKind::permanent);
  };
  const auto parts = split(text, ':');
  FaultRule rule;
  bool known = false;
  for (const auto& [name, kind] : kinds) {
    if (parts[0] == name) {
      rule.kind = kind;
      known = true;
    }
  }
  if (!known) return fail("unknown kind (606, 615, 5xx, expire, stall, cut, malformed, 1029, failed, 404)");
  if (parts.size() < 2) return fail("missing rate");
  if (!parse_double(parts[1], rule.rate) || rule.rate < 0 || rule.rate > 1)
    return fail("rate must be a number in [0, 1]");
  const bool wants_param = rule.kind == FaultKind::stall || rule.kind == FaultKind::cut;
  if (parts.size() != (wants_param ? 3u : 2u))
    return fail(wants_param ? "expects KIND:RATE:PARAM" : "expects KIND:RATE");
  if (rule.kind == FaultKind::stall && !parse_stall(parts[2], rule.stall))
    return fail("stall duration must look like 30s, 1.5s or 250ms");
  if (rule.kind == FaultKind::cut && !parse_bytes(parts[2], rule.cut_bytes))
    return fail("cut length must be a byte count such as 65536 or 64KiB");
  return rule;
}

}  // namespace

msync::core::Result<FaultSpec> parse_fault_spec(std::string_view text) {
  FaultSpec spec;
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' '))
    text.remove_suffix(1);
  if (text.empty()) return spec;
  for (const auto part : split(text, ',')) {
    auto rule = parse_rule(part);
    if (!rule) return rule.error();
    spec.rules.push_back(*rule);
  }
  return spec;
}

std::string_view fault_name(FaultKind kind) {
  for (const auto& [name, k] : kinds) {
    if (k == kind) return name;
  }
  return "?";
}

bool fault_applies(FaultKind kind, std::string_view path) {
  switch (kind) {
    case FaultKind::quota:
    case FaultKind::job_failed: return path.ends_with("/enqueue.json");
    case FaultKind::file_gone: return path.ends_with("/file.json");
    default: return true;
  }
}

}  // namespace fake
