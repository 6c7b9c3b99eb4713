#include "marketo/call_window.hpp"

#include <stdexcept>

namespace msync::marketo {

CallWindow::CallWindow(std::size_t limit, Clock::duration window) : limit_(limit), window_(window) {
  if (limit_ == 0 || window_ <= Clock::duration::zero()) {
    throw std::invalid_argument("CallWindow needs a positive limit and window");
  }
}

void CallWindow::forget_before(Clock::time_point now) {
  while (!sent_.empty() && sent_.front() + window_ <= now) sent_.pop_front();
}

CallWindow::Clock::duration CallWindow::delay(Clock::time_point now) {
  forget_before(now);
  if (sent_.size() < limit_) return Clock::duration::zero();
  return sent_[sent_.size() - limit_] + window_ - now;
}

void CallWindow::record(Clock::time_point now) { sent_.push_back(now); }

std::size_t CallWindow::in_window(Clock::time_point now) {
  forget_before(now);
  return sent_.size();
}

}  // namespace msync::marketo
