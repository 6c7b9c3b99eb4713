#pragma once
// A value that goes up and down; owned by MetricsRegistry, which hands out stable references.

namespace msync::health {

class Gauge {
 public:
  void set(double value) { value_ = value; }
  void add(double delta) { value_ += delta; }
  double value() const { return value_; }

 private:
  double value_ = 0;
};

}  // namespace msync::health
