#pragma once
// The daemon's metrics, rendered in the Prometheus text exposition format 0.0.4. Every name gets
// the "marketo_sync_" prefix; counters also get the "_total" suffix when the caller left it off.
// Families render sorted by name and series by label values, so scrapes diff cleanly.
// Single-threaded like the rest of the daemon: touch it only from the event loop.
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "health/counter.hpp"
#include "health/gauge.hpp"

namespace msync::health {

// Label name/value pairs, in the order they render. The same names in another order is another
// series.
using Labels = std::vector<std::pair<std::string, std::string>>;

struct Sample {
  Labels labels;
  double value = 0;
};

// Called at scrape time for values that live elsewhere (e.g. job counts in the state store).
using SampleSource = std::function<std::vector<Sample>()>;

class MetricsRegistry {
 public:
  static constexpr const char* prefix = "marketo_sync_";

  // The same name and labels return the same object. Reusing a name with another type or help
  // text, or an invalid metric/label name, is a programmer error: std::invalid_argument.
  Counter& counter(const std::string& name, const std::string& help, const Labels& labels = {});
  Gauge& gauge(const std::string& name, const std::string& help, const Labels& labels = {});
  // A gauge family whose samples come from `source` on each render; replaces an earlier source.
  void gauge_callback(const std::string& name, const std::string& help, SampleSource source);
  // A counter family read from a durable total elsewhere (e.g. bytes staged, summed in the state
  // store): it only grows, and survives restarts. Gets the "_total" suffix like counter().
  void counter_callback(const std::string& name, const std::string& help, SampleSource source);

  std::string render() const;

 private:
  enum class Type { counter, gauge, gauge_callback, counter_callback };
  struct Family {
    Type type;
    std::string help;
    std::map<Labels, Counter> counters;
    std::map<Labels, Gauge> gauges;
    SampleSource source;
  };

  Family& family(std::string full_name, const std::string& help, Type type, const Labels& labels);
  static void render_family(std::string& out, const std::string& name, const Family& family);

  std::map<std::string, Family> families_;
};

}  // namespace msync::health
