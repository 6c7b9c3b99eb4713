#include "health/metrics_registry.hpp"

#include <stdexcept>

#include "health/exposition.hpp"

namespace msync::health {
namespace {

constexpr std::string_view total_suffix = "_total";

bool ends_with_total(const std::string& name) {
  return name.size() >= total_suffix.size() &&
         name.compare(name.size() - total_suffix.size(), total_suffix.size(), total_suffix) == 0;
}

void check_labels(const std::string& metric, const Labels& labels) {
  for (const auto& [name, value] : labels) {
    if (!detail::valid_label_name(name))
      throw std::invalid_argument("metric " + metric + ": invalid label name '" + name + "'");
  }
}

}  // namespace

MetricsRegistry::Family& MetricsRegistry::family(std::string full_name, const std::string& help,
                                                 Type type, const Labels& labels) {
  if (!detail::valid_metric_name(full_name))
    throw std::invalid_argument("invalid metric name '" + full_name + "'");
  check_labels(full_name, labels);
  auto [it, inserted] = families_.try_emplace(std::move(full_name), Family{type, help, {}, {}, {}});
  if (!inserted && (it->second.type != type || it->second.help != help))
    throw std::invalid_argument("metric " + it->first +
                                " registered again with another type or help text");
  return it->second;
}

Counter& MetricsRegistry::counter(const std::string& name, const std::string& help,
                                  const Labels& labels) {
  std::string full = prefix + name;
  if (!ends_with_total(full)) full += total_suffix;
  return family(std::move(full), help, Type::counter, labels).counters[labels];
}

Gauge& MetricsRegistry::gauge(const std::string& name, const std::string& help,
                              const Labels& labels) {
  return family(prefix + name, help, Type::gauge, labels).gauges[labels];
}

void MetricsRegistry::gauge_callback(const std::string& name, const std::string& help,
                                     SampleSource source) {
  family(prefix + name, help, Type::gauge_callback, {}).source = std::move(source);
}

void MetricsRegistry::counter_callback(const std::string& name, const std::string& help,
                                       SampleSource source) {
  std::string full = prefix + name;
  if (!ends_with_total(full)) full += total_suffix;
  family(std::move(full), help, Type::counter_callback, {}).source = std::move(source);
}

void MetricsRegistry::render_family(std::string& out, const std::string& name,
                                    const Family& family) {
  out += "# HELP " + name + ' ' + detail::escape_help(family.help) + '\n';
  const bool counter = family.type == Type::counter || family.type == Type::counter_callback;
  out += "# TYPE " + name + (counter ? " counter\n" : " gauge\n");
  auto line = [&](const Labels& labels, const std::string& value) {
    out += name + detail::format_labels(labels) + ' ' + value + '\n';
  };
  for (const auto& [labels, counter] : family.counters)
    line(labels, std::to_string(counter.value()));
  for (const auto& [labels, gauge] : family.gauges)
    line(labels, detail::format_value(gauge.value()));
  if (!family.source) return;
  // Sorted here too: a source may build its samples from an unordered query.
  std::map<Labels, double> samples;
  for (auto& sample : family.source()) {
    check_labels(name, sample.labels);
    samples[std::move(sample.labels)] = sample.value;
  }
  for (const auto& [labels, value] : samples) line(labels, detail::format_value(value));
}

std::string MetricsRegistry::render() const {
  std::string out;
  for (const auto& [name, family] : families_) render_family(out, name, family);
  return out;
}

}  // namespace msync::health
