#pragma once
// A 5-field cron expression, evaluated in UTC: minute hour day-of-month month day-of-week.
// Each field takes numbers, '*', ranges a-b, lists a,b and steps */n or a-b/n (also a/n: from a to
// the field's end). Day-of-week is 0-7, both 0 and 7 meaning Sunday. Names (JAN, MON) and the
// non-standard @hourly, L, W, # forms are not accepted.
// As in Vixie cron, when both day fields are restricted a day matches if EITHER matches; when one
// of them starts with '*', only the other one restricts.
#include <bitset>
#include <cstddef>
#include <string>
#include <string_view>

#include "core/core.hpp"

namespace msync::config {

class Cron {
 public:
  // On error the message names the field and says what was expected; error_column (when given)
  // receives the 1-based column in text where the problem starts. Expressions that can never fire
  // (0 0 30 2 *) are rejected here so that next_after always has an answer.
  static core::Result<Cron> parse(std::string_view text, std::size_t* error_column = nullptr);

  // The first matching minute strictly after t.
  core::Timestamp next_after(core::Timestamp t) const;

  // The expression as written (trimmed), for logs and status.
  const std::string& text() const { return text_; }

 private:
  Cron() = default;
  bool day_matches(int day_of_month, int day_of_week) const;

  std::string text_;
  std::bitset<60> minutes_;
  std::bitset<24> hours_;
  std::bitset<32> days_of_month_;  // bits 1..31
  std::bitset<13> months_;         // bits 1..12
  std::bitset<7> days_of_week_;    // 0 = Sunday
  bool dom_star_ = false;
  bool dow_star_ = false;
};

}  // namespace msync::config
