#pragma once
// Spelling rules of the Prometheus text format 0.0.4, shared by the registry's renderer.
#include <string>
#include <string_view>

#include "health/metrics_registry.hpp"

namespace msync::health::detail {

bool valid_metric_name(std::string_view name);
bool valid_label_name(std::string_view name);
std::string escape_help(std::string_view text);         // backslash, newline
std::string escape_label_value(std::string_view text);  // backslash, double quote, newline
std::string format_value(double value);                 // NaN, +Inf, -Inf, shortest round-trip
std::string format_labels(const Labels& labels);        // {a="x",b="y"} or empty

}  // namespace msync::health::detail
