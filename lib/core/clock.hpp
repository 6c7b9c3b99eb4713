#pragma once
// Time is a seam: production reads the system clock, tests set and advance a manual one.
#include "core/time.hpp"

namespace msync::core {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Timestamp now() const override {
    return std::chrono::floor<Seconds>(std::chrono::system_clock::now());
  }
};

class ManualClock final : public Clock {
 public:
  explicit ManualClock(Timestamp start) : now_(start) {}
  Timestamp now() const override { return now_; }
  void set(Timestamp t) { now_ = t; }
  void advance(Seconds d) { now_ += d; }

 private:
  Timestamp now_;
};

}  // namespace msync::core
